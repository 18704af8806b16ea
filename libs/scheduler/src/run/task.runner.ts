import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TaskOutcome, TaskRunSource } from '@tessera/sdk';
import type { ActiveRun, RegisteredTask } from '../registry/registered-task.js';
import { SCHEDULER_OPTIONS, TASK_STORE } from '../scheduler.constants.js';
import type { ResolvedSchedulerOptions } from '../scheduler-options.interface.js';
import type { TaskStore } from '../store/task-store.interface.js';
import { abortableSleep } from '../util/abortable-sleep.js';
import { runAttempt } from './attempt.js';
import { backoffDelay } from './backoff.js';
import { TaskAlerts } from './task-alerts.js';
import { TaskMetrics } from './task-metrics.js';

/** A run whose row this instance owns. */
export interface ClaimedRun {
  runId: string;
  slotAt: number;
  source: TaskRunSource;
  /** The attempt to start with: 1, or more when taking over an interrupted run. */
  attempt: number;
  maxAttempts: number;
  /** Wait until no earlier run of the task is running (`concurrency: 'queue'`). */
  queue?: boolean;
  /** Record this instead of running (dependency failed, previous run still going, no attempts left). */
  preset?: { outcome: 'skipped' | 'failure'; error: string };
}

interface RunResult {
  outcome: TaskOutcome;
  error: string | null;
  attempt: number;
}

/**
 * Executes claimed runs: attempts with timeout, retries with backoff, then the record, the
 * metrics and the alerts. Keeps the list of runs in progress so their leases can be renewed.
 */
@Injectable()
export class TaskRunner {
  private readonly logger = new Logger('Scheduler');
  private readonly active = new Map<string, ActiveRun & { task: RegisteredTask }>();

  constructor(
    @Inject(SCHEDULER_OPTIONS) private readonly options: ResolvedSchedulerOptions,
    @Inject(TASK_STORE) private readonly store: TaskStore,
    private readonly metrics: TaskMetrics,
    private readonly alerts: TaskAlerts,
  ) {}

  /** Ids of the runs in progress on this instance. */
  activeRunIds(): string[] {
    return [...this.active.keys()];
  }

  /** Settles when every run in progress has ended. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.active.values()].map((r) => r.done));
  }

  /** Runs a claimed run to its end and records it. Never rejects. */
  execute(task: RegisteredTask, run: ClaimedRun): Promise<TaskOutcome> {
    const controller = new AbortController();
    const forward = (): void => controller.abort(new Error(`plugin "${task.plugin}" stopped the task`));
    if (task.lifetime.signal.aborted) forward();
    else task.lifetime.signal.addEventListener('abort', forward, { once: true });
    const entry = { runId: run.runId, slotAt: run.slotAt, attempt: run.attempt, controller, abandoned: false, task, done: Promise.resolve<TaskOutcome>('skipped') };
    entry.done = this.runAndRecord(task, run, entry).finally(() => {
      task.lifetime.signal.removeEventListener('abort', forward);
      task.active.delete(run.runId);
      this.active.delete(run.runId);
    });
    task.active.set(run.runId, entry);
    this.active.set(run.runId, entry);
    return entry.done;
  }

  /**
   * Records the runs of a removed task that outlived the grace period as failed, so the history does
   * not show them running forever; whatever they do later is ignored.
   */
  async abandon(task: RegisteredTask, reason: string): Promise<void> {
    for (const run of task.active.values()) {
      run.abandoned = true;
      await this.finish(task, run.runId, { outcome: 'failure', error: reason, attempt: run.attempt }, Date.now());
      this.active.delete(run.runId);
    }
    task.active.clear();
  }

  private async runAndRecord(task: RegisteredTask, run: ClaimedRun, entry: ActiveRun): Promise<TaskOutcome> {
    let started = Date.now();
    let result: RunResult;
    try {
      if (run.queue) {
        while (!entry.controller.signal.aborted && (await this.store.earlierRunning(task.plugin, task.name, new Date(run.slotAt)))) {
          await abortableSleep(this.options.pollMs, entry.controller.signal);
        }
        started = Date.now();
      }
      result = run.preset ? { ...run.preset, attempt: run.attempt } : await this.attempts(task, run, entry);
    } catch (error) {
      result = { outcome: 'failure', error: `scheduler error: ${(error as Error).message}`, attempt: run.attempt };
    }
    if (entry.abandoned) return result.outcome;
    await this.finish(task, run.runId, result, started);
    await this.alerts.afterRun(task.plugin, task.name, result.outcome, result.error);
    return result.outcome;
  }

  private async attempts(task: RegisteredTask, run: ClaimedRun, entry: ActiveRun): Promise<RunResult> {
    const { timeoutMs, backoff } = task.behaviour;
    const signal = entry.controller.signal;
    if (signal.aborted) return { outcome: 'skipped', error: 'the task was removed before the run started', attempt: run.attempt };
    for (let attempt = run.attempt; ; attempt += 1) {
      if (attempt > run.attempt) {
        entry.attempt = attempt;
        await this.store.startAttempt(run.runId, this.options.instanceId, attempt, this.options.leaseMs);
      }
      const context = { plugin: task.plugin, task: task.name, slotAt: new Date(run.slotAt), attempt, source: run.source };
      const result = await runAttempt(task.run, context, timeoutMs, signal);
      if (result.outcome === 'success' || attempt >= run.maxAttempts || signal.aborted) return { ...result, attempt };
      this.logger.warn(`Task "${task.name}" of plugin "${task.plugin}" attempt ${attempt}/${run.maxAttempts}: ${result.outcome}${result.error ? ` (${result.error})` : ''}; retrying.`);
      await abortableSleep(backoffDelay(backoff, attempt), signal);
      if (signal.aborted) return { ...result, attempt };
    }
  }

  private async finish(task: RegisteredTask, runId: string, result: RunResult, started: number): Promise<void> {
    const endedAt = Date.now();
    const durationMs = endedAt - started;
    task.lastOutcome = result.outcome;
    task.lastRunAt = started;
    this.metrics.record(task.plugin, task.name, result.outcome, durationMs);
    if (result.outcome === 'failure' || result.outcome === 'timeout') {
      this.logger.warn(`Task "${task.name}" of plugin "${task.plugin}" ended with ${result.outcome}${result.error ? `: ${result.error}` : ''}.`);
    }
    try {
      const finish = { ...result, endedAt: new Date(endedAt), durationMs };
      if (!(await this.store.finish(runId, this.options.instanceId, finish))) {
        this.logger.warn(`Run ${runId} of task "${task.name}" was taken over by another instance before it ended; its result here is not recorded.`);
      }
    } catch (error) {
      this.logger.error(`Could not record run ${runId} of task "${task.name}" of plugin "${task.plugin}": ${(error as Error).message}`);
    }
  }
}
