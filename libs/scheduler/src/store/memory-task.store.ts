import { randomUUID } from 'node:crypto';
import type { TaskTrigger } from '@tessera/sdk';
import type {
  ClaimRequest,
  ClaimResult,
  FinishRequest,
  HistoryQuery,
  TaskRunRecord,
  TaskState,
  TaskStore,
} from './task-store.interface.js';

interface MemoryRun extends TaskRunRecord {
  leaseUntil: number;
}

/** Runs and states kept in this process: one instance, nothing survives a restart. */
export class MemoryTaskStore implements TaskStore {
  private readonly runs = new Map<string, MemoryRun>();
  private readonly bySlot = new Map<string, string>();
  private readonly taskStates = new Map<string, TaskState>();

  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const state = this.taskStates.get(`${request.plugin}/${request.task}`);
    if (request.scheduleVersion !== null && state) {
      if (state.paused) return { claimed: false, reason: 'paused' };
      if (state.scheduleVersion !== request.scheduleVersion) return { claimed: false, reason: 'rescheduled' };
    }
    const slotKey = `${request.plugin}/${request.task}/${request.slotAt.getTime()}`;
    if (this.bySlot.has(slotKey)) return { claimed: false, reason: 'taken' };
    const run: MemoryRun = {
      id: randomUUID(),
      plugin: request.plugin,
      task: request.task,
      slotAt: request.slotAt,
      source: request.source,
      instanceId: request.instanceId,
      startedAt: request.startedAt,
      endedAt: null,
      durationMs: null,
      outcome: 'running',
      error: null,
      attempt: 1,
      leaseUntil: Date.now() + request.leaseMs,
    };
    // Synchronous from the slot check to the insert: no other claim can interleave.
    const earlierRunning = this.hasEarlierRunning(request.plugin, request.task, request.slotAt);
    this.runs.set(run.id, run);
    this.bySlot.set(slotKey, run.id);
    return { claimed: true, runId: run.id, earlierRunning };
  }

  async startAttempt(runId: string, instanceId: string, attempt: number, leaseMs: number): Promise<void> {
    const run = this.owned(runId, instanceId);
    if (run) Object.assign(run, { attempt, leaseUntil: Date.now() + leaseMs });
  }

  async finish(runId: string, instanceId: string, result: FinishRequest): Promise<boolean> {
    const run = this.owned(runId, instanceId);
    if (!run) return false;
    Object.assign(run, result, { leaseUntil: 0 });
    return true;
  }

  async renewLeases(instanceId: string, runIds: string[], leaseMs: number): Promise<void> {
    for (const id of runIds) {
      const run = this.owned(id, instanceId);
      if (run) run.leaseUntil = Date.now() + leaseMs;
    }
  }

  async releaseLeases(instanceId: string, runIds: string[]): Promise<void> {
    await this.renewLeases(instanceId, runIds, 0);
  }

  async takeOverExpired(instanceId: string, taskKeys: string[], leaseMs: number): Promise<TaskRunRecord[]> {
    const keys = new Set(taskKeys);
    const now = Date.now();
    const taken: TaskRunRecord[] = [];
    for (const run of this.runs.values()) {
      if (run.outcome !== 'running' || run.leaseUntil >= now || !keys.has(`${run.plugin}/${run.task}`)) continue;
      Object.assign(run, {
        error: `instance ${run.instanceId} stopped during attempt ${run.attempt}`,
        instanceId,
        attempt: run.attempt + 1,
        leaseUntil: now + leaseMs,
      });
      taken.push(copy(run));
    }
    return taken;
  }

  async earlierRunning(plugin: string, task: string, slotAt: Date): Promise<boolean> {
    return this.hasEarlierRunning(plugin, task, slotAt);
  }

  private hasEarlierRunning(plugin: string, task: string, slotAt: Date): boolean {
    const now = Date.now();
    for (const run of this.runs.values()) {
      if (run.plugin === plugin && run.task === task && run.outcome === 'running' && run.leaseUntil >= now && run.slotAt < slotAt) return true;
    }
    return false;
  }

  async findRun(plugin: string, task: string, slotAt: Date): Promise<TaskRunRecord | null> {
    const id = this.bySlot.get(`${plugin}/${task}/${slotAt.getTime()}`);
    const run = id === undefined ? undefined : this.runs.get(id);
    return run ? copy(run) : null;
  }

  async lastFinished(plugin?: string): Promise<TaskRunRecord[]> {
    const latest = new Map<string, MemoryRun>();
    for (const run of this.runs.values()) {
      if (run.outcome === 'running' || (plugin !== undefined && run.plugin !== plugin)) continue;
      const key = `${run.plugin}/${run.task}`;
      const seen = latest.get(key);
      if (!seen || run.startedAt > seen.startedAt) latest.set(key, run);
    }
    return [...latest.values()].map(copy);
  }

  async history(query: HistoryQuery): Promise<{ items: TaskRunRecord[]; total: number }> {
    const matching = [...this.runs.values()]
      .filter(
        (r) =>
          (query.plugin === undefined || r.plugin === query.plugin) &&
          (query.task === undefined || r.task === query.task) &&
          (query.outcome === undefined || r.outcome === query.outcome) &&
          (query.since === undefined || r.startedAt >= query.since),
      )
      .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || b.slotAt.getTime() - a.slotAt.getTime());
    const start = (query.page - 1) * query.pageSize;
    return { items: matching.slice(start, start + query.pageSize).map(copy), total: matching.length };
  }

  async states(plugin?: string): Promise<TaskState[]> {
    return [...this.taskStates.values()].filter((s) => plugin === undefined || s.plugin === plugin).map((s) => ({ ...s }));
  }

  async setPaused(plugin: string, task: string, paused: boolean): Promise<TaskState> {
    const state = this.state(plugin, task);
    state.paused = paused;
    return { ...state };
  }

  async setTrigger(plugin: string, task: string, trigger: TaskTrigger | null): Promise<TaskState> {
    const state = this.state(plugin, task);
    state.trigger = trigger;
    state.scheduleVersion += 1;
    return { ...state };
  }

  async recordOutcome(plugin: string, task: string, failed: boolean): Promise<{ before: number; after: number }> {
    const state = this.state(plugin, task);
    const before = state.consecutiveFailures;
    state.consecutiveFailures = failed ? before + 1 : 0;
    return { before, after: state.consecutiveFailures };
  }

  async prune(olderThan: Date, maxPerTask: number, keepAfter: Date): Promise<number> {
    const finished = [...this.runs.values()].filter((r) => r.outcome !== 'running').sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
    const kept = new Map<string, number>();
    let deleted = 0;
    for (const run of finished) {
      const key = `${run.plugin}/${run.task}`;
      const rank = (kept.get(key) ?? 0) + 1;
      kept.set(key, rank);
      if (run.startedAt < olderThan || (rank > maxPerTask && run.startedAt < keepAfter)) {
        this.runs.delete(run.id);
        this.bySlot.delete(`${key}/${run.slotAt.getTime()}`);
        deleted += 1;
      }
    }
    return deleted;
  }

  private owned(runId: string, instanceId: string): MemoryRun | undefined {
    const run = this.runs.get(runId);
    return run && run.instanceId === instanceId && run.outcome === 'running' ? run : undefined;
  }

  private state(plugin: string, task: string): TaskState {
    const key = `${plugin}/${task}`;
    let state = this.taskStates.get(key);
    if (!state) {
      state = { plugin, task, paused: false, trigger: null, scheduleVersion: 0, consecutiveFailures: 0 };
      this.taskStates.set(key, state);
    }
    return state;
  }
}

function copy(run: MemoryRun): TaskRunRecord {
  const { leaseUntil: _lease, ...record } = run;
  return { ...record };
}
