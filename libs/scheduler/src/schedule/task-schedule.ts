import type { TaskTrigger } from '@tessera/sdk';
import { CronTime } from 'cron';
import { AT_CATCH_UP_MS } from '../scheduler.constants.js';
import { invalid, type FieldProblem } from './validation-error.js';

/** Shortest `everyMs`: below it the claim round-trips would dominate the work. */
export const MIN_EVERY_MS = 100;

/**
 * The fire times ("slots") of one trigger. Slots are pure functions of the trigger and the clock,
 * never of when a timer happened to fire, so every instance computes the same ones: that is what
 * lets a claim row per slot decide which instance runs it.
 */
export class TaskSchedule {
  private readonly cron?: CronTime;
  private readonly at?: number;

  /** Throws VALIDATION_ERROR (fields `cron`, `everyMs`, `at`, `afterBoot`, `timeZone`) on a bad trigger. */
  constructor(readonly trigger: TaskTrigger) {
    const problems = triggerProblems(trigger);
    if (problems.length > 0) throw invalid('The schedule is not valid', problems);
    if (trigger.cron !== undefined) this.cron = new CronTime(trigger.cron, trigger.timeZone);
    if (trigger.at !== undefined) this.at = new Date(trigger.at).getTime();
  }

  /** A one-off trigger fires at most once. */
  get oneOff(): boolean {
    return this.trigger.at !== undefined || this.trigger.afterBoot !== undefined;
  }

  /** The first slot for a task registered at `registeredAt`, or null if none is left. */
  first(now: number, registeredAt: number): number | null {
    if (this.trigger.afterBoot !== undefined) return registeredAt + this.trigger.afterBoot;
    if (this.at !== undefined) return this.at > now - AT_CATCH_UP_MS ? this.at : null;
    return this.after(now);
  }

  /** The first slot strictly after `time`, or null for a one-off trigger. */
  after(time: number): number | null {
    // getNextDateFrom ignores the CronTime's own zone unless it is passed again.
    if (this.cron) return this.cron.getNextDateFrom(new Date(time), this.cron.timeZone).toMillis();
    if (this.trigger.everyMs !== undefined) {
      const every = this.trigger.everyMs;
      return Math.floor(time / every) * every + every;
    }
    return null;
  }
}

/** Only the trigger fields of an object (a request body, task options), undefined ones dropped; not yet validated. */
export function pickTrigger(source: object): TaskTrigger {
  const picked: Record<string, unknown> = {};
  for (const key of ['cron', 'timeZone', 'everyMs', 'at', 'afterBoot']) {
    const value = (source as Record<string, unknown>)[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked as unknown as TaskTrigger;
}

/** Field problems of a trigger, empty when it is valid. */
export function triggerProblems(trigger: unknown): FieldProblem[] {
  if (typeof trigger !== 'object' || trigger === null) return [{ field: 'trigger', message: 'expected an object with one of cron, everyMs, at, afterBoot' }];
  const t = trigger as Record<string, unknown>;
  const kinds = ['cron', 'everyMs', 'at', 'afterBoot'].filter((k) => t[k] !== undefined);
  if (kinds.length !== 1) {
    return [{ field: kinds.length === 0 ? 'trigger' : kinds.join(','), message: 'give exactly one of cron, everyMs, at, afterBoot' }];
  }
  if (t.timeZone !== undefined && t.cron === undefined) return [{ field: 'timeZone', message: 'timeZone only applies to cron' }];
  switch (kinds[0]) {
    case 'cron':
      return cronProblems(t.cron, t.timeZone);
    case 'everyMs':
      return Number.isInteger(t.everyMs) && (t.everyMs as number) >= MIN_EVERY_MS
        ? []
        : [{ field: 'everyMs', message: `expected an integer >= ${MIN_EVERY_MS} (milliseconds)` }];
    case 'at':
      return (typeof t.at === 'string' || t.at instanceof Date) && !Number.isNaN(new Date(t.at).getTime())
        ? []
        : [{ field: 'at', message: 'expected a Date or an ISO 8601 date string' }];
    default:
      return Number.isInteger(t.afterBoot) && (t.afterBoot as number) >= 0
        ? []
        : [{ field: 'afterBoot', message: 'expected an integer >= 0 (milliseconds after the task is registered)' }];
  }
}

function cronProblems(cron: unknown, timeZone: unknown): FieldProblem[] {
  if (typeof cron !== 'string') return [{ field: 'cron', message: 'expected a cron expression string' }];
  const fields = cron.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) return [{ field: 'cron', message: `"${cron}" has ${fields} fields; expected 5, or 6 with seconds first` }];
  if (timeZone !== undefined && typeof timeZone !== 'string') return [{ field: 'timeZone', message: 'expected an IANA zone name such as "Europe/Paris"' }];
  try {
    new CronTime(cron, timeZone as string | undefined);
    return [];
  } catch (error) {
    const field = (error as Error).message.includes('timezone') ? 'timeZone' : 'cron';
    return [{ field, message: `"${field === 'cron' ? cron : String(timeZone)}" is not valid: ${(error as Error).message}` }];
  }
}
