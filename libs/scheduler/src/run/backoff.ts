import type { ResolvedBehaviour } from '../schedule/task-options.validator.js';

/** Wait before the attempt after `attempt` (1-based). */
export function backoffDelay(backoff: ResolvedBehaviour['backoff'], attempt: number): number {
  const delay = backoff.type === 'fixed' ? backoff.delayMs : backoff.delayMs * 2 ** (attempt - 1);
  return Math.min(delay, backoff.maxDelayMs);
}
