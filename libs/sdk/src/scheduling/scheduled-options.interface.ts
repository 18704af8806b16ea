/** Runs on a cron expression: 5 fields, or 6 with seconds first (`30 0 3 * * *` is 03:00:30 daily). */
export interface CronTrigger {
  cron: string;
  /** IANA zone the expression is read in; the server's zone by default. */
  timeZone?: string;
  everyMs?: never;
  at?: never;
  afterBoot?: never;
}

/**
 * Runs every `everyMs` milliseconds (at least 100). Slots are aligned on the Unix epoch, so every
 * instance computes the same fire times and `everyMs: 1000` fires on whole seconds.
 */
export interface EveryTrigger {
  everyMs: number;
  cron?: never;
  timeZone?: never;
  at?: never;
  afterBoot?: never;
}

/** Runs once, at this date (a Date or an ISO 8601 string). */
export interface AtTrigger {
  at: Date | string;
  cron?: never;
  timeZone?: never;
  everyMs?: never;
  afterBoot?: never;
}

/** Runs once on each instance, `afterBoot` milliseconds after the task is registered. */
export interface AfterBootTrigger {
  afterBoot: number;
  cron?: never;
  timeZone?: never;
  everyMs?: never;
  at?: never;
}

/** When a task runs: exactly one of `cron`, `everyMs`, `at`, `afterBoot`. */
export type TaskTrigger = CronTrigger | EveryTrigger | AtTrigger | AfterBootTrigger;

/** Wait between two attempts of a failed run. */
export interface BackoffOptions {
  /** `fixed` waits `delayMs` each time; `exponential` doubles it after each attempt. Default `exponential`. */
  type?: 'fixed' | 'exponential';
  delayMs: number;
  /** Upper bound of one wait. */
  maxDelayMs?: number;
}

/** How a task runs, whatever its trigger. */
export interface TaskBehaviour {
  /** A run still going after this is recorded as `timeout` and its `signal` is aborted. */
  timeoutMs?: number;
  /** Extra attempts after a failure or a timeout, within the same slot. Default 0. */
  retries?: number;
  /** Default `{ type: 'exponential', delayMs: 1000 }`. */
  backoff?: BackoffOptions;
  /** Among tasks due at the same moment, lower values run first. Default 0. */
  priority?: number;
  /**
   * Names of tasks of the same plugin this one waits for when they are due at the same moment; if
   * the latest run of one of them failed or timed out, this run is recorded as `skipped`.
   */
  dependsOn?: string[];
  /** When the previous run is still going at the next slot: `skip` (default) records `skipped`, `queue` waits. */
  concurrency?: 'skip' | 'queue';
}

/** Options of a task added at run time through a {@link TaskRegistry}. */
export type TaskOptions = TaskTrigger & TaskBehaviour;

/** Options of `@Scheduled()`: a name unique within the plugin, a trigger and how to run. */
export type ScheduledOptions = TaskOptions & { name: string };
