/** One environment variable that could not be used, and what it should look like. */
export interface ConfigurationProblem {
  variable: string;
  expected: string;
  /** The value given, left out for secrets. */
  received?: string;
}

/**
 * Thrown at boot when the environment is not usable. The message names every bad
 * variable with its expected form, on one line, so the operator can fix them all at once.
 *
 * @example
 * try { loadConfig(); } catch (error) { if (error instanceof ConfigurationError) console.error(error.message); }
 */
export class ConfigurationError extends Error {
  constructor(readonly problems: ConfigurationProblem[]) {
    super(
      `Invalid configuration: ${problems.map(describe).join('; ')}. Fix the environment or .env (every variable is described in .env.example).`,
    );
    this.name = 'ConfigurationError';
  }
}

function describe(problem: ConfigurationProblem): string {
  const received = problem.received === undefined ? '' : ` (got ${JSON.stringify(problem.received)})`;
  return `${problem.variable} must be ${problem.expected}${received}`;
}
