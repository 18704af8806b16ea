import type { ModuleMetadata } from '@nestjs/common';

/** Receives the scheduler's hooks; the core app wires it to the kernel's hook bus. */
export type HookEmitter = (name: string, payload: Record<string, unknown>) => unknown;

/** Options of `SchedulerModule.forRoot()`. */
export interface SchedulerModuleOptions {
  /** Names this process in run history and claims. Default `<hostname>-<pid>-<random>`. */
  instanceId?: string;
  /** Runs older than this many days are deleted. */
  retentionDays: number;
  /** At most this many runs are kept per task (the newest). */
  maxHistoryPerTask: number;
  /** Consecutive failed runs (after retries) that raise `task_failed_repeatedly`. */
  alertAfterFailures: number;
  /** Also POST the alert (JSON) here. */
  alertWebhookUrl?: string;
  /** Longest wait for the webhook. Default 5000 ms. */
  alertWebhookTimeoutMs?: number;
  /** Hook sink; default a no-op. */
  emit?: HookEmitter;
  /**
   * `database` (default) keeps runs, claims and task states in the shared database, which is what
   * makes several instances safe; `memory` keeps them in this process (one instance, no history
   * across restarts).
   */
  store?: 'database' | 'memory';
  /** A run whose instance stops renewing its claim for this long is taken over. Default 30000 ms. */
  leaseMs?: number;
  /** How often this instance renews its leases, takes over orphaned runs and reads pause/schedule changes made elsewhere. Default 10000 ms. */
  syncIntervalMs?: number;
  /** How often a task waiting on a run of another instance checks the database. Default 250 ms. */
  pollMs?: number;
  /** How long disabling a plugin waits for its running tasks before recording them as failed. Default 5000 ms. */
  stopGraceMs?: number;
}

/** Options of `SchedulerModule.forRootAsync()`. */
export interface SchedulerModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: unknown[];
  useFactory: (...args: never[]) => SchedulerModuleOptions | Promise<SchedulerModuleOptions>;
}

/** Options once defaults are applied. */
export type ResolvedSchedulerOptions = Required<Omit<SchedulerModuleOptions, 'alertWebhookUrl'>> &
  Pick<SchedulerModuleOptions, 'alertWebhookUrl'>;
