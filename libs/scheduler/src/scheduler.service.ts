import { Inject, Injectable } from '@nestjs/common';
import type { PluginTask, TaskInfo, TaskOutcome, TaskRegistry, TaskRunSource, TaskTrigger } from '@tessera/sdk';
import { PluginTaskRegistry } from './registry/plugin-task.registry.js';
import type { RegisteredTask } from './registry/registered-task.js';
import { TaskTable } from './registry/task-table.js';
import { TaskRunner } from './run/task.runner.js';
import { TickRunner } from './run/tick.runner.js';
import { findCycle } from './schedule/dependency-cycle.js';
import { resolveTaskOptions } from './schedule/task-options.validator.js';
import { pickTrigger, TaskSchedule } from './schedule/task-schedule.js';
import { invalid } from './schedule/validation-error.js';
import { SchedulerOrchestrator } from './scheduler.orchestrator.js';
import { SCHEDULER_OPTIONS, TASK_STORE } from './scheduler.constants.js';
import type { ResolvedSchedulerOptions } from './scheduler-options.interface.js';
import type { HistoryQuery, TaskRunRecord, TaskStore } from './store/task-store.interface.js';
import { abortableSleep } from './util/abortable-sleep.js';

/** A run started by {@link SchedulerService.runNow}. */
export interface ManualRun {
  plugin: string;
  task: string;
  slotAt: Date;
  source: TaskRunSource;
  /** Settles with the outcome once the run (with its retries) has ended. */
  done: Promise<TaskOutcome>;
}

/**
 * The scheduler's API: the kernel adds and removes plugins' tasks, admins pause, resume, run and
 * reschedule them and read their history.
 *
 * @example
 * await scheduler.addPluginTasks('billing', [{ name: 'invoice', options: { name: 'invoice', cron: '0 2 * * *' }, run: () => billing.invoice() }]);
 * await scheduler.pause('billing', 'invoice');
 * await scheduler.removePluginTasks('billing');
 */
@Injectable()
export class SchedulerService {
  constructor(
    @Inject(SCHEDULER_OPTIONS) private readonly options: ResolvedSchedulerOptions,
    @Inject(TASK_STORE) private readonly store: TaskStore,
    private readonly table: TaskTable,
    private readonly orchestrator: SchedulerOrchestrator,
    private readonly ticks: TickRunner,
    private readonly runner: TaskRunner,
  ) {}

  /** This instance's id, as written in run history. */
  get instanceId(): string {
    return this.options.instanceId;
  }

  /**
   * Registers tasks of a plugin (replacing tasks of the same names). All or nothing: one invalid
   * task (options, duplicate name, dependency cycle) throws VALIDATION_ERROR and none is added.
   */
  async addPluginTasks(plugin: string, tasks: PluginTask[]): Promise<void> {
    if (typeof plugin !== 'string' || plugin.length === 0) throw invalid('Cannot add tasks', [{ field: 'plugin', message: 'expected the plugin name' }]);
    const resolved = tasks.map((task) => ({ task, ...resolveTaskOptions(plugin, { ...task.options, name: task.name }) }));
    const names = resolved.map((r) => r.task.name);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate) throw invalid(`Plugin "${plugin}" declares task "${duplicate}" twice`, [{ field: 'name', message: 'task names must be unique within a plugin' }]);
    const graph = new Map(this.table.forPlugin(plugin).map((t) => [t.name, t.behaviour.dependsOn]));
    for (const r of resolved) graph.set(r.task.name, r.behaviour.dependsOn);
    const cycle = findCycle(graph);
    if (cycle) throw invalid(`Tasks of plugin "${plugin}" depend on each other in a cycle`, [{ field: 'dependsOn', message: cycle.join(' -> ') }]);

    const states = new Map((await this.store.states(plugin)).map((s) => [s.task, s]));
    await this.removeTasks(resolved.flatMap((r) => this.table.get(plugin, r.task.name) ?? []));
    const now = Date.now();
    for (const { task, trigger, behaviour } of resolved) {
      const schedule = new TaskSchedule(trigger);
      const registered: RegisteredTask = {
        plugin,
        name: task.name,
        key: `${plugin}/${task.name}`,
        codeTrigger: trigger,
        schedule,
        scheduleVersion: 0,
        behaviour,
        run: task.run,
        registeredAt: now,
        lifetime: new AbortController(),
        nextSlot: schedule.first(now, now),
        paused: false,
        lastOutcome: null,
        lastRunAt: null,
        active: new Map(),
      };
      this.orchestrator.applyState(registered, states.get(task.name));
      this.table.set(registered);
    }
    this.orchestrator.refresh();
  }

  /**
   * Removes all tasks of a plugin: their timers go, their runs in progress are aborted (signal) and
   * given `stopGraceMs` to end before they are recorded as failed.
   */
  async removePluginTasks(plugin: string): Promise<void> {
    await this.removeTasks(this.table.forPlugin(plugin));
  }

  /** Removes one task of a plugin; unknown names are ignored. */
  async removeTask(plugin: string, name: string): Promise<void> {
    const task = this.table.get(plugin, name);
    await this.removeTasks(task ? [task] : []);
  }

  /** A {@link TaskRegistry} bound to one plugin, for the kernel to inject into that plugin. */
  registryFor(plugin: string): TaskRegistry {
    return new PluginTaskRegistry(plugin, this);
  }

  /** The tasks on this instance (of one plugin, or all), with their last outcome in the cluster. */
  async list(plugin?: string): Promise<TaskInfo[]> {
    const last = new Map((await this.store.lastFinished(plugin)).map((r) => [`${r.plugin}/${r.task}`, r]));
    const tasks = plugin === undefined ? this.table.all() : this.table.forPlugin(plugin);
    return tasks.map((t) => this.info(t, last.get(t.key))).sort((a, b) => a.plugin.localeCompare(b.plugin) || a.name.localeCompare(b.name));
  }

  /** The tasks of one plugin as this instance last saw them (no database round-trip). */
  listLocal(plugin: string): TaskInfo[] {
    return this.table.forPlugin(plugin).map((t) => this.info(t));
  }

  /** One task; NOT_FOUND if it is not registered here. */
  async get(plugin: string, name: string): Promise<TaskInfo> {
    const task = this.table.require(plugin, name);
    const last = (await this.store.lastFinished(plugin)).find((r) => r.task === name);
    return this.info(task, last);
  }

  /** Runs, newest first. */
  history(query: HistoryQuery): Promise<{ items: TaskRunRecord[]; total: number }> {
    return this.store.history(query);
  }

  /** Starts a run now, whatever the schedule and even if paused; resolves once it is claimed. */
  async runNow(plugin: string, name: string): Promise<ManualRun> {
    const task = this.table.require(plugin, name);
    const slotAt = Date.now();
    const { done } = await this.ticks.runManually(task, slotAt);
    return { plugin, task: name, slotAt: new Date(slotAt), source: 'manual', done };
  }

  /** Stops scheduled runs of the task on every instance until {@link resume}. */
  async pause(plugin: string, name: string): Promise<TaskInfo> {
    return this.changeState(plugin, name, (task) => this.store.setPaused(plugin, task.name, true));
  }

  async resume(plugin: string, name: string): Promise<TaskInfo> {
    return this.changeState(plugin, name, (task) => this.store.setPaused(plugin, task.name, false));
  }

  /**
   * Replaces the task's trigger on every instance (kept across restarts); `null` restores the one in
   * the code. A bad trigger throws VALIDATION_ERROR and changes nothing.
   */
  async reschedule(plugin: string, name: string, trigger: TaskTrigger | null): Promise<TaskInfo> {
    const clean = trigger === null ? null : (new TaskSchedule(pickTrigger(trigger)).trigger);
    return this.changeState(plugin, name, (task) => this.store.setTrigger(plugin, task.name, clean));
  }

  private async changeState(plugin: string, name: string, change: (task: RegisteredTask) => ReturnType<TaskStore['setPaused']>): Promise<TaskInfo> {
    const task = this.table.require(plugin, name);
    this.orchestrator.applyState(task, await change(task));
    this.orchestrator.refresh();
    return this.get(plugin, name);
  }

  private async removeTasks(tasks: RegisteredTask[]): Promise<void> {
    if (tasks.length === 0) return;
    for (const task of tasks) {
      this.table.delete(task);
      task.lifetime.abort();
    }
    this.orchestrator.refresh();
    const running = tasks.flatMap((t) => [...t.active.values()].map((r) => r.done));
    if (running.length > 0) {
      const grace = new AbortController();
      await Promise.race([Promise.allSettled(running), abortableSleep(this.options.stopGraceMs, grace.signal)]);
      grace.abort();
      for (const task of tasks) await this.runner.abandon(task, `plugin "${task.plugin}" stopped the task during the run (it did not end within stopGraceMs)`);
    }
    this.orchestrator.refresh();
  }

  private info(task: RegisteredTask, last?: TaskRunRecord): TaskInfo {
    const lastRunAt = last?.startedAt ?? (task.lastRunAt === null ? null : new Date(task.lastRunAt));
    return {
      plugin: task.plugin,
      name: task.name,
      trigger: task.schedule.trigger,
      nextRunAt: task.nextSlot === null ? null : new Date(task.nextSlot),
      paused: task.paused,
      running: task.active.size > 0,
      priority: task.behaviour.priority,
      dependsOn: task.behaviour.dependsOn,
      lastOutcome: (last?.outcome as TaskOutcome | undefined) ?? task.lastOutcome,
      lastRunAt,
    };
  }
}
