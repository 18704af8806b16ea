import type { TaskFunction, TaskOutcome, TaskTrigger } from '@tessera/sdk';
import type { ResolvedBehaviour } from '../schedule/task-options.validator.js';
import type { TaskSchedule } from '../schedule/task-schedule.js';

/** A run this instance is executing. */
export interface ActiveRun {
  runId: string;
  slotAt: number;
  /** The attempt in progress. */
  attempt: number;
  /** Aborted when the plugin goes away; each attempt also has its own timeout signal. */
  controller: AbortController;
  done: Promise<TaskOutcome>;
  /** Set once the run outlived its task's removal and was recorded as failed. */
  abandoned: boolean;
}

/** A task as this instance holds it between its plugin's activation and deactivation. */
export interface RegisteredTask {
  readonly plugin: string;
  readonly name: string;
  /** `plugin/name`. */
  readonly key: string;
  readonly codeTrigger: TaskTrigger;
  /** The schedule in force: the code's or an admin's override. */
  schedule: TaskSchedule;
  scheduleVersion: number;
  readonly behaviour: ResolvedBehaviour;
  readonly run: TaskFunction;
  readonly registeredAt: number;
  /** Aborted when the task is removed: ends every wait, sleep and poll that belongs to it. */
  readonly lifetime: AbortController;
  nextSlot: number | null;
  paused: boolean;
  lastOutcome: TaskOutcome | null;
  lastRunAt: number | null;
  readonly active: Map<string, ActiveRun>;
}
