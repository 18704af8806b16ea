import type { TaskFunction, TaskRunContext } from '@tessera/sdk';

/** How one attempt ended. */
export interface AttemptResult {
  outcome: 'success' | 'failure' | 'timeout';
  error: string | null;
}

const MAX_ERROR_LENGTH = 2000;

/**
 * Runs one attempt of a task. A throw, a rejection or a timeout becomes a result: nothing a task
 * does escapes to the process. On timeout the attempt's signal is aborted and the result is
 * `timeout` at once; the task's own promise may still settle later and is then ignored (JavaScript
 * cannot stop it; a task that honours its `signal` stops by itself).
 */
export async function runAttempt(
  run: TaskFunction,
  context: Omit<TaskRunContext, 'signal'>,
  timeoutMs: number | null,
  parent: AbortSignal,
): Promise<AttemptResult> {
  const controller = new AbortController();
  const forward = (): void => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener('abort', forward, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    if (timeoutMs !== null) timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const work = Promise.resolve().then(() => run({ ...context, signal: controller.signal }));
    work.catch(() => undefined);
    if ((await Promise.race([work.then(() => 'done' as const), timedOut])) === 'timeout') {
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
      return { outcome: 'timeout', error: `did not finish within timeoutMs (${timeoutMs} ms)` };
    }
    return { outcome: 'success', error: null };
  } catch (error) {
    return { outcome: 'failure', error: describe(error) };
  } finally {
    clearTimeout(timer);
    parent.removeEventListener('abort', forward);
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
