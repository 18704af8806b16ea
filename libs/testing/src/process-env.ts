/**
 * Sets `variables` in `process.env` while `work` runs, then puts the previous values back
 * (deleting the ones that were unset), whether `work` succeeds or throws.
 */
export async function withProcessEnv<T>(variables: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const previous = new Map(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return await work();
  } finally {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
