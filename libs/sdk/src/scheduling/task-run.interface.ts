import type { ScheduledOptions } from './scheduled-options.interface.js';

/** How a run ended. `skipped`: not run (dependency failed, or the previous run still going). */
export type TaskOutcome = 'success' | 'failure' | 'timeout' | 'skipped';

/** What started a run: its schedule, an admin's "run now", or the `afterBoot` delay. */
export type TaskRunSource = 'schedule' | 'manual' | 'boot';

/** Handed to the task's method on each attempt. */
export interface TaskRunContext {
  plugin: string;
  task: string;
  /** The fire time this run belongs to (not the time it actually started). */
  slotAt: Date;
  /** 1 for the first attempt. */
  attempt: number;
  source: TaskRunSource;
  /** Aborted when the run passes `timeoutMs` or its plugin is disabled; pass it to fetch, queries... */
  signal: AbortSignal;
}

/** The body of a task. A returned promise is awaited; a throw or a rejection is a failure. */
export type TaskFunction = (context: TaskRunContext) => unknown;

/** A task as the kernel hands it to the scheduler when a plugin becomes active. */
export interface PluginTask {
  name: string;
  options: ScheduledOptions;
  run: TaskFunction;
}
