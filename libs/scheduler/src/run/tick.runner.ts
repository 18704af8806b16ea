import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TaskOutcome, TaskRunSource } from '@tessera/sdk';
import type { RegisteredTask } from '../registry/registered-task.js';
import { SCHEDULER_OPTIONS, TASK_STORE } from '../scheduler.constants.js';
import type { ResolvedSchedulerOptions } from '../scheduler-options.interface.js';
import type { ClaimResult, TaskStore } from '../store/task-store.interface.js';
import { abortableSleep } from '../util/abortable-sleep.js';
import { orderForTick } from './tick-order.js';
import { TaskRunner } from './task.runner.js';

/** What a tick reports for a task: its outcome, or null if it was not run (paused, rescheduled, removed). */
type TickOutcome = TaskOutcome | null;

/**
 * Runs the tasks due at one slot. Priority levels run one after the other (lower first); tasks of
 * one level run side by side, a task waiting for its `dependsOn` of the same tick. Every instance
 * walks the same tick; for each task the instance whose claim row lands runs it, the others wait
 * for its outcome in the database, so the order holds across instances too.
 */
@Injectable()
export class TickRunner {
  private readonly logger = new Logger('Scheduler');
  /** Called when the store refused a claim because the task was paused or rescheduled elsewhere. */
  onStaleState: (task: RegisteredTask) => Promise<void> = async () => undefined;

  constructor(
    @Inject(SCHEDULER_OPTIONS) private readonly options: ResolvedSchedulerOptions,
    @Inject(TASK_STORE) private readonly store: TaskStore,
    private readonly runner: TaskRunner,
  ) {}

  /** Never rejects. */
  async run(tasks: RegisteredTask[], slotAt: number): Promise<void> {
    const outcomes = new Map<string, Promise<TickOutcome>>();
    const levels = orderForTick(tasks);
    // Whose outcome someone in this tick waits for: dependencies, and every level but the last.
    const awaited = new Set([...tasks.flatMap((t) => t.behaviour.dependsOn), ...levels.slice(0, -1).flat().map((t) => t.name)]);
    for (const level of levels) {
      const started = level.map((task) => {
        const outcome = this.runOne(task, slotAt, outcomes, awaited.has(task.name)).catch((error: Error) => {
          this.logger.error(`Task "${task.name}" of plugin "${task.plugin}" could not run at ${new Date(slotAt).toISOString()}: ${error.message}`);
          return null;
        });
        outcomes.set(task.name, outcome);
        return outcome;
      });
      await Promise.all(started);
    }
  }

  /**
   * Claims and starts a run outside any tick (an admin's "run now": the slot is now, pause and
   * dependencies do not apply). Resolves once the run is claimed, with its outcome to come.
   */
  async runManually(task: RegisteredTask, slotAt: number): Promise<{ done: Promise<TaskOutcome> }> {
    const claim = await this.claim(task, slotAt, 'manual', null);
    // Two admins pressing "run now" in the same millisecond: the second one gets the first's run.
    if (!claim.claimed) return { done: this.outcomeElsewhere(task, slotAt).then((outcome) => outcome ?? 'skipped') };
    return { done: this.start(task, claim, slotAt, 'manual', null) };
  }

  private async runOne(task: RegisteredTask, slotAt: number, outcomes: Map<string, Promise<TickOutcome>>, awaited: boolean): Promise<TickOutcome> {
    const blocked = await this.dependencyProblem(task, outcomes);
    if (task.lifetime.signal.aborted) return null;
    const source: TaskRunSource = task.schedule.trigger.afterBoot !== undefined ? 'boot' : 'schedule';
    const claim = await this.claim(task, slotAt, source, task.scheduleVersion);
    if (claim.claimed) return this.start(task, claim, slotAt, source, blocked);
    if (claim.reason === 'taken') return awaited ? this.outcomeElsewhere(task, slotAt) : null;
    await this.onStaleState(task);
    return null;
  }

  private claim(task: RegisteredTask, slotAt: number, source: TaskRunSource, scheduleVersion: number | null): Promise<ClaimResult> {
    return this.store.claim({
      plugin: task.plugin,
      task: task.name,
      slotAt: new Date(slotAt),
      source,
      instanceId: this.options.instanceId,
      startedAt: new Date(),
      leaseMs: this.options.leaseMs,
      scheduleVersion,
    });
  }

  private start(task: RegisteredTask, claim: Extract<ClaimResult, { claimed: true }>, slotAt: number, source: TaskRunSource, blocked: string | null): Promise<TaskOutcome> {
    const skipBusy = claim.earlierRunning && task.behaviour.concurrency === 'skip';
    return this.runner.execute(task, {
      runId: claim.runId,
      slotAt,
      source,
      attempt: 1,
      maxAttempts: task.behaviour.retries + 1,
      queue: claim.earlierRunning && !skipBusy,
      preset: blocked
        ? { outcome: 'skipped', error: blocked }
        : skipBusy
          ? { outcome: 'skipped', error: 'the previous run was still in progress (concurrency: skip)' }
          : undefined,
    });
  }

  /** Why the task must not run: a dependency whose latest run failed, timed out or was skipped. */
  private async dependencyProblem(task: RegisteredTask, outcomes: Map<string, Promise<TickOutcome>>): Promise<string | null> {
    if (task.behaviour.dependsOn.length === 0) return null;
    let latest: Map<string, TaskOutcome> | undefined;
    for (const dependency of task.behaviour.dependsOn) {
      let outcome = (await outcomes.get(dependency)) ?? null;
      if (outcome === null) {
        latest ??= new Map((await this.store.lastFinished(task.plugin)).map((r) => [r.task, r.outcome as TaskOutcome]));
        outcome = latest.get(dependency) ?? null;
      }
      if (outcome === 'failure') return `dependency "${dependency}" failed`;
      if (outcome === 'timeout') return `dependency "${dependency}" timed out`;
      if (outcome === 'skipped') return `dependency "${dependency}" was skipped`;
    }
    return null;
  }

  /** Another instance claimed the slot: wait for its outcome (dependents and later levels need it). */
  private async outcomeElsewhere(task: RegisteredTask, slotAt: number): Promise<TickOutcome> {
    const signal = task.lifetime.signal;
    while (!signal.aborted) {
      const run = await this.store.findRun(task.plugin, task.name, new Date(slotAt));
      if (!run) return null;
      if (run.outcome !== 'running') return run.outcome;
      await abortableSleep(this.options.pollMs, signal);
    }
    return null;
  }
}
