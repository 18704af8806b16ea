import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { RegisteredTask } from './registry/registered-task.js';
import { TaskTable } from './registry/task-table.js';
import { TaskRunner } from './run/task.runner.js';
import { TickRunner } from './run/tick.runner.js';
import { TaskSchedule } from './schedule/task-schedule.js';
import { CLAIM_GUARD_MS, PRUNE_INTERVAL_MS, SCHEDULER_OPTIONS, TASK_STORE } from './scheduler.constants.js';
import type { ResolvedSchedulerOptions } from './scheduler-options.interface.js';
import type { TaskState, TaskStore } from './store/task-store.interface.js';
import { abortableSleep } from './util/abortable-sleep.js';

/** setTimeout's longest delay; a later slot is reached by re-arming. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Owns the scheduler's timers: one wake-up timer for the earliest slot of all tasks, and while
 * there are tasks or runs, one maintenance interval (renew leases, take over orphaned runs, read
 * pause and schedule changes made on other instances, retention). No task, no timer.
 */
@Injectable()
export class SchedulerOrchestrator implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Scheduler');
  private wakeTimer?: NodeJS.Timeout;
  private wakeAt?: number;
  private maintenanceTimer?: NodeJS.Timeout;
  private maintaining = false;
  private lastPrune = 0;
  private stopped = false;
  private readonly ticks = new Set<Promise<void>>();

  constructor(
    @Inject(SCHEDULER_OPTIONS) private readonly options: ResolvedSchedulerOptions,
    @Inject(TASK_STORE) private readonly store: TaskStore,
    private readonly table: TaskTable,
    private readonly tickRunner: TickRunner,
    private readonly runner: TaskRunner,
  ) {
    tickRunner.onStaleState = (task) => this.reloadStates(task.plugin);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.prune();
  }

  /** Stops the timers, lets runs in progress end within `stopGraceMs`, then hands the rest to other instances. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.wakeTimer);
    clearInterval(this.maintenanceTimer);
    const grace = new AbortController();
    await Promise.race([Promise.allSettled([...this.ticks, this.runner.settled()]), abortableSleep(this.options.stopGraceMs, grace.signal)]);
    grace.abort();
    for (const task of this.table.all()) task.lifetime.abort();
    const leftover = this.runner.activeRunIds();
    if (leftover.length > 0) {
      await this.store.releaseLeases(this.options.instanceId, leftover).catch((error: Error) => this.logger.warn(`Could not release leases: ${error.message}`));
    }
  }

  /** Re-arms the timers after tasks were added, removed or changed. */
  refresh(): void {
    if (this.stopped) return;
    const next = this.table.all().reduce<number | null>((min, t) => (t.nextSlot !== null && (min === null || t.nextSlot < min) ? t.nextSlot : min), null);
    if (next !== this.wakeAt || next === null) {
      clearTimeout(this.wakeTimer);
      this.wakeTimer = undefined;
      this.wakeAt = next ?? undefined;
      if (next !== null) this.wakeTimer = setTimeout(() => this.wake(), Math.min(Math.max(next - Date.now(), 0), MAX_TIMER_MS));
    }
    const needed = this.table.size > 0 || this.runner.activeRunIds().length > 0;
    if (needed && !this.maintenanceTimer) {
      this.maintenanceTimer = setInterval(() => void this.maintain(), this.options.syncIntervalMs);
    } else if (!needed && this.maintenanceTimer) {
      clearInterval(this.maintenanceTimer);
      this.maintenanceTimer = undefined;
    }
  }

  /** Applies the shared state of a task (pause, schedule set by an admin) to this instance's copy. */
  applyState(task: RegisteredTask, state: TaskState | undefined): void {
    task.paused = state?.paused ?? false;
    const version = state?.scheduleVersion ?? 0;
    if (version === task.scheduleVersion) return;
    task.scheduleVersion = version;
    try {
      task.schedule = new TaskSchedule(state?.trigger ?? task.codeTrigger);
    } catch (error) {
      this.logger.warn(`The stored schedule of task "${task.name}" of plugin "${task.plugin}" is invalid (${(error as Error).message}); using the one in the code.`);
      task.schedule = new TaskSchedule(task.codeTrigger);
    }
    task.nextSlot = task.schedule.first(Date.now(), task.registeredAt);
  }

  /** Reads the shared state of the tasks (of one plugin, or all) and applies it. */
  async reloadStates(plugin?: string): Promise<void> {
    const states = new Map((await this.store.states(plugin)).map((s) => [`${s.plugin}/${s.task}`, s]));
    for (const task of plugin === undefined ? this.table.all() : this.table.forPlugin(plugin)) this.applyState(task, states.get(task.key));
    this.refresh();
  }

  private wake(): void {
    this.wakeTimer = undefined;
    this.wakeAt = undefined;
    const now = Date.now();
    const due = new Map<number, RegisteredTask[]>();
    for (const task of this.table.all()) {
      if (task.nextSlot === null || task.nextSlot > now) continue;
      const slot = task.nextSlot;
      // From max(slot, now): slots missed while the event loop was blocked are coalesced into this one.
      task.nextSlot = task.schedule.oneOff ? null : task.schedule.after(Math.max(slot, now));
      if (!task.paused) due.set(slot, [...(due.get(slot) ?? []), task]);
    }
    for (const [slot, tasks] of due) {
      const tick = this.tickRunner.run(tasks, slot).finally(() => this.ticks.delete(tick));
      this.ticks.add(tick);
    }
    this.refresh();
  }

  private async maintain(): Promise<void> {
    if (this.maintaining || this.stopped) return;
    this.maintaining = true;
    try {
      const running = this.runner.activeRunIds();
      if (running.length > 0) await this.store.renewLeases(this.options.instanceId, running, this.options.leaseMs);
      await this.takeOver();
      await this.reloadStates();
      if (Date.now() - this.lastPrune >= PRUNE_INTERVAL_MS) await this.prune();
    } catch (error) {
      this.logger.warn(`Scheduler maintenance failed (will retry in ${this.options.syncIntervalMs} ms): ${(error as Error).message}`);
    } finally {
      this.maintaining = false;
      this.refresh();
    }
  }

  /** Runs whose instance died (lease expired) continue here as their next attempt. */
  private async takeOver(): Promise<void> {
    const keys = this.table.all().map((t) => t.key);
    if (keys.length === 0) return;
    for (const record of await this.store.takeOverExpired(this.options.instanceId, keys, this.options.leaseMs)) {
      const task = this.table.get(record.plugin, record.task);
      if (!task) continue;
      // An interrupted run gets one more attempt even without retries: the crash was not the task's.
      const maxAttempts = Math.max(task.behaviour.retries + 1, 2);
      this.logger.warn(`Taking over run of task "${task.name}" of plugin "${task.plugin}" for ${record.slotAt.toISOString()}: ${record.error}.`);
      void this.runner.execute(task, {
        runId: record.id,
        slotAt: record.slotAt.getTime(),
        source: record.source,
        attempt: record.attempt,
        maxAttempts,
        preset: record.attempt > maxAttempts ? { outcome: 'failure', error: `${record.error}; no attempts left` } : undefined,
      });
    }
  }

  private async prune(): Promise<void> {
    const now = Date.now();
    this.lastPrune = now;
    try {
      const deleted = await this.store.prune(new Date(now - this.options.retentionDays * DAY_MS), this.options.maxHistoryPerTask, new Date(now - CLAIM_GUARD_MS));
      if (deleted > 0) this.logger.log(`Retention deleted ${deleted} task runs.`);
    } catch (error) {
      this.logger.warn(`Retention of task runs failed: ${(error as Error).message}`);
    }
  }
}
