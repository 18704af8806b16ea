import type { ScheduledOptions, TaskBehaviour, TaskTrigger } from '@tessera/sdk';
import { pickTrigger, triggerProblems } from './task-schedule.js';
import { invalid, type FieldProblem } from './validation-error.js';

/** Task names: what shows in URLs, metrics labels and logs. */
const TASK_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** A task's behaviour with every default applied. */
export interface ResolvedBehaviour {
  timeoutMs: number | null;
  retries: number;
  backoff: { type: 'fixed' | 'exponential'; delayMs: number; maxDelayMs: number };
  priority: number;
  dependsOn: string[];
  concurrency: 'skip' | 'queue';
}

/** Splits options into trigger and behaviour; throws VALIDATION_ERROR naming the plugin, task and fields. */
export function resolveTaskOptions(plugin: string, options: ScheduledOptions): { trigger: TaskTrigger; behaviour: ResolvedBehaviour } {
  const { name, cron: _c, timeZone: _z, everyMs: _e, at: _a, afterBoot: _b, ...behaviour } = options;
  const trigger = pickTrigger(options);
  const problems = [
    ...(typeof name === 'string' && TASK_NAME.test(name) ? [] : [{ field: 'name', message: 'expected 1-200 letters, digits, . _ : - (starting with a letter or digit)' }]),
    ...triggerProblems(trigger),
    ...behaviourProblems(name, behaviour),
  ];
  if (problems.length > 0) throw invalid(`Task "${String(name)}" of plugin "${plugin}" has invalid options`, problems);
  const backoff = behaviour.backoff;
  return {
    trigger,
    behaviour: {
      timeoutMs: behaviour.timeoutMs ?? null,
      retries: behaviour.retries ?? 0,
      backoff: {
        type: backoff?.type ?? 'exponential',
        delayMs: backoff?.delayMs ?? 1000,
        maxDelayMs: backoff?.maxDelayMs ?? Number.MAX_SAFE_INTEGER,
      },
      priority: behaviour.priority ?? 0,
      dependsOn: [...new Set(behaviour.dependsOn ?? [])],
      concurrency: behaviour.concurrency ?? 'skip',
    },
  };
}

function behaviourProblems(name: string, b: TaskBehaviour): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const positiveInt = (v: unknown): boolean => Number.isInteger(v) && (v as number) > 0;
  if (b.timeoutMs !== undefined && !positiveInt(b.timeoutMs)) problems.push({ field: 'timeoutMs', message: 'expected an integer > 0 (milliseconds)' });
  if (b.retries !== undefined && !(Number.isInteger(b.retries) && b.retries >= 0 && b.retries <= 100)) {
    problems.push({ field: 'retries', message: 'expected an integer from 0 to 100' });
  }
  if (b.backoff !== undefined) {
    const { type, delayMs, maxDelayMs } = b.backoff;
    if (type !== undefined && type !== 'fixed' && type !== 'exponential') problems.push({ field: 'backoff.type', message: 'expected "fixed" or "exponential"' });
    if (!(Number.isInteger(delayMs) && delayMs >= 0)) problems.push({ field: 'backoff.delayMs', message: 'expected an integer >= 0 (milliseconds)' });
    if (maxDelayMs !== undefined && !(Number.isInteger(maxDelayMs) && maxDelayMs >= 0)) problems.push({ field: 'backoff.maxDelayMs', message: 'expected an integer >= 0 (milliseconds)' });
  }
  if (b.priority !== undefined && !Number.isFinite(b.priority)) problems.push({ field: 'priority', message: 'expected a number (lower runs first)' });
  if (b.dependsOn !== undefined && !(Array.isArray(b.dependsOn) && b.dependsOn.every((d) => typeof d === 'string' && d !== name))) {
    problems.push({ field: 'dependsOn', message: 'expected names of other tasks of the same plugin' });
  }
  if (b.concurrency !== undefined && b.concurrency !== 'skip' && b.concurrency !== 'queue') problems.push({ field: 'concurrency', message: 'expected "skip" or "queue"' });
  return problems;
}
