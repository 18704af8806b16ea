import type { TaskOutcome, TaskRunSource, TaskTrigger } from '@tessera/sdk';

/** A run as recorded: one row per (plugin, task, slot); the row is also the slot's claim. */
export interface TaskRunRecord {
  id: string;
  plugin: string;
  task: string;
  slotAt: Date;
  source: TaskRunSource;
  instanceId: string;
  startedAt: Date;
  endedAt: Date | null;
  durationMs: number | null;
  outcome: TaskOutcome | 'running';
  error: string | null;
  /** Attempts made so far (1 + retries used, + 1 per takeover). */
  attempt: number;
}

/** What the cluster shares about a task besides its runs. */
export interface TaskState {
  plugin: string;
  task: string;
  paused: boolean;
  /** Set by an admin at run time; null means the trigger written in the code. */
  trigger: TaskTrigger | null;
  /** Bumped on each schedule change, so a claim made against an old schedule is refused. */
  scheduleVersion: number;
  consecutiveFailures: number;
}

export interface ClaimRequest {
  plugin: string;
  task: string;
  slotAt: Date;
  source: TaskRunSource;
  instanceId: string;
  startedAt: Date;
  leaseMs: number;
  /** The schedule version the slot was computed from; null for a manual run (ignores pause and schedule). */
  scheduleVersion: number | null;
}

export type ClaimResult =
  | { claimed: true; runId: string; earlierRunning: boolean }
  | { claimed: false; reason: 'taken' | 'paused' | 'rescheduled' };

export interface FinishRequest {
  outcome: TaskOutcome;
  error: string | null;
  attempt: number;
  endedAt: Date;
  durationMs: number;
}

export interface HistoryQuery {
  plugin?: string;
  task?: string;
  outcome?: TaskOutcome | 'running';
  since?: Date;
  page: number;
  pageSize: number;
}

/**
 * Where runs, claims and task states live. The database store is what makes several instances
 * safe; the memory store serves a single instance without a database (and fast unit tests).
 */
export interface TaskStore {
  /** Inserts the run row of a slot unless it exists (or the task is paused / was rescheduled). */
  claim(request: ClaimRequest): Promise<ClaimResult>;
  /** Moves an owned run to its next attempt and renews its lease. */
  startAttempt(runId: string, instanceId: string, attempt: number, leaseMs: number): Promise<void>;
  /** Records how an owned, still running run ended; false if it was no longer ours. */
  finish(runId: string, instanceId: string, result: FinishRequest): Promise<boolean>;
  /** Keeps our running runs ours. */
  renewLeases(instanceId: string, runIds: string[], leaseMs: number): Promise<void>;
  /** Expires our leases at once (clean shutdown), so another instance takes the runs over. */
  releaseLeases(instanceId: string, runIds: string[]): Promise<void>;
  /** Takes over runs of these tasks (keys `plugin/task`) whose owner stopped renewing; increments their attempt. */
  takeOverExpired(instanceId: string, taskKeys: string[], leaseMs: number): Promise<TaskRunRecord[]>;
  /** True while a run of the task for an earlier slot is running (lease alive). */
  earlierRunning(plugin: string, task: string, slotAt: Date): Promise<boolean>;
  findRun(plugin: string, task: string, slotAt: Date): Promise<TaskRunRecord | null>;
  /** The most recent finished run of each task (of one plugin, or all). */
  lastFinished(plugin?: string): Promise<TaskRunRecord[]>;
  history(query: HistoryQuery): Promise<{ items: TaskRunRecord[]; total: number }>;
  /** States of one plugin's tasks, or of all. */
  states(plugin?: string): Promise<TaskState[]>;
  setPaused(plugin: string, task: string, paused: boolean): Promise<TaskState>;
  setTrigger(plugin: string, task: string, trigger: TaskTrigger | null): Promise<TaskState>;
  /** Counts consecutive failed runs; returns the streak before and after this outcome. */
  recordOutcome(plugin: string, task: string, failed: boolean): Promise<{ before: number; after: number }>;
  /** Deletes finished runs started before `olderThan`, and all but the newest `maxPerTask` of each task (never younger than `keepAfter`). */
  prune(olderThan: Date, maxPerTask: number, keepAfter: Date): Promise<number>;
}
