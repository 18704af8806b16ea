import type { TaskOutcome, TaskRunSource, TaskTrigger } from '@tessera/sdk';
import { type DataSource, type FindOptionsWhere, MoreThanOrEqual } from 'typeorm';
import type {
  ClaimRequest,
  ClaimResult,
  FinishRequest,
  HistoryQuery,
  TaskRunRecord,
  TaskState,
  TaskStore,
} from './task-store.interface.js';
import { TaskRun } from './task-run.entity.js';
import { TaskStateRow } from './task-state.entity.js';

const LEASE = `now() + $LEASE::double precision * interval '1 millisecond'`;

/**
 * Runs and task states in the shared database (PostgreSQL, or embedded PGlite for one instance).
 * Everything that decides who runs what is a single statement, atomic in the database: the claim
 * is `INSERT ... ON CONFLICT DO NOTHING` on (plugin, task, slot_at), the takeover an `UPDATE` of
 * rows whose lease lapsed, locked with `SKIP LOCKED` so two instances never take the same run.
 */
export class DatabaseTaskStore implements TaskStore {
  constructor(private readonly dataSource: DataSource) {}

  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const [row] = await this.rows<{ id: string | null; paused: boolean | null; version: number | null; earlier: boolean }>(
      `WITH st AS (
         SELECT paused, schedule_version FROM tessera_task_states WHERE plugin = $1 AND task = $2
       ), ins AS (
         INSERT INTO tessera_task_runs (plugin, task, slot_at, source, instance_id, started_at, outcome, attempt, lease_until)
         SELECT $1, $2, $3, $4, $5, $6, 'running', 1, ${LEASE.replace('$LEASE', '$7')}
         WHERE $8::int IS NULL OR NOT EXISTS (SELECT 1 FROM st WHERE st.paused OR st.schedule_version <> $8::int)
         ON CONFLICT (plugin, task, slot_at) DO NOTHING
         RETURNING id
       )
       SELECT (SELECT id FROM ins) AS id, (SELECT paused FROM st) AS paused, (SELECT schedule_version FROM st) AS version,
              EXISTS (SELECT 1 FROM tessera_task_runs r WHERE r.plugin = $1 AND r.task = $2 AND r.outcome = 'running'
                      AND r.slot_at < $3 AND r.lease_until > now()) AS earlier`,
      [request.plugin, request.task, request.slotAt, request.source, request.instanceId, request.startedAt, request.leaseMs, request.scheduleVersion],
    );
    if (row.id) return { claimed: true, runId: row.id, earlierRunning: row.earlier };
    if (request.scheduleVersion !== null && row.paused) return { claimed: false, reason: 'paused' };
    if (request.scheduleVersion !== null && row.version !== null && row.version !== request.scheduleVersion) return { claimed: false, reason: 'rescheduled' };
    return { claimed: false, reason: 'taken' };
  }

  async startAttempt(runId: string, instanceId: string, attempt: number, leaseMs: number): Promise<void> {
    await this.rows(
      `UPDATE tessera_task_runs SET attempt = $3, lease_until = ${LEASE.replace('$LEASE', '$4')}
       WHERE id = $1 AND instance_id = $2 AND outcome = 'running' RETURNING id`,
      [runId, instanceId, attempt, leaseMs],
    );
  }

  async finish(runId: string, instanceId: string, result: FinishRequest): Promise<boolean> {
    const rows = await this.rows(
      `UPDATE tessera_task_runs SET outcome = $3, error = $4, attempt = $5, ended_at = $6, duration_ms = $7, lease_until = NULL
       WHERE id = $1 AND instance_id = $2 AND outcome = 'running' RETURNING id`,
      [runId, instanceId, result.outcome, result.error, result.attempt, result.endedAt, Math.round(result.durationMs)],
    );
    return rows.length === 1;
  }

  async renewLeases(instanceId: string, runIds: string[], leaseMs: number): Promise<void> {
    await this.rows(
      `UPDATE tessera_task_runs SET lease_until = ${LEASE.replace('$LEASE', '$3')}
       WHERE id = ANY($1::uuid[]) AND instance_id = $2 AND outcome = 'running' RETURNING id`,
      [runIds, instanceId, leaseMs],
    );
  }

  async releaseLeases(instanceId: string, runIds: string[]): Promise<void> {
    await this.rows(`UPDATE tessera_task_runs SET lease_until = now() WHERE id = ANY($1::uuid[]) AND instance_id = $2 AND outcome = 'running' RETURNING id`, [runIds, instanceId]);
  }

  async takeOverExpired(instanceId: string, taskKeys: string[], leaseMs: number): Promise<TaskRunRecord[]> {
    const rows = await this.rows<RawRun>(
      `UPDATE tessera_task_runs r
       SET instance_id = $1, attempt = r.attempt + 1, lease_until = ${LEASE.replace('$LEASE', '$3')},
           error = 'instance ' || r.instance_id || ' stopped during attempt ' || r.attempt
       WHERE r.id IN (
         SELECT id FROM tessera_task_runs
         WHERE outcome = 'running' AND lease_until < now() AND (plugin || '/' || task) = ANY($2::text[])
         FOR UPDATE SKIP LOCKED
       ) AND r.outcome = 'running' AND r.lease_until < now()
       RETURNING r.*`,
      [instanceId, taskKeys, leaseMs],
    );
    return rows.map(fromRaw);
  }

  async earlierRunning(plugin: string, task: string, slotAt: Date): Promise<boolean> {
    const [row] = await this.rows<{ earlier: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM tessera_task_runs WHERE plugin = $1 AND task = $2 AND outcome = 'running'
                      AND slot_at < $3 AND lease_until > now()) AS earlier`,
      [plugin, task, slotAt],
    );
    return row.earlier;
  }

  async findRun(plugin: string, task: string, slotAt: Date): Promise<TaskRunRecord | null> {
    const run = await this.dataSource.getRepository(TaskRun).findOneBy({ plugin, task, slotAt });
    return run ? fromEntity(run) : null;
  }

  async lastFinished(plugin?: string): Promise<TaskRunRecord[]> {
    const rows = await this.rows<RawRun>(
      `SELECT DISTINCT ON (plugin, task) * FROM tessera_task_runs
       WHERE outcome <> 'running' AND ($1::text IS NULL OR plugin = $1)
       ORDER BY plugin, task, started_at DESC`,
      [plugin ?? null],
    );
    return rows.map(fromRaw);
  }

  async history(query: HistoryQuery): Promise<{ items: TaskRunRecord[]; total: number }> {
    const where: FindOptionsWhere<TaskRun> = {};
    if (query.plugin !== undefined) where.plugin = query.plugin;
    if (query.task !== undefined) where.task = query.task;
    if (query.outcome !== undefined) where.outcome = query.outcome;
    if (query.since !== undefined) where.startedAt = MoreThanOrEqual(query.since);
    const [runs, total] = await this.dataSource.getRepository(TaskRun).findAndCount({
      where,
      order: { startedAt: 'DESC', slotAt: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items: runs.map(fromEntity), total };
  }

  async states(plugin?: string): Promise<TaskState[]> {
    const rows = await this.dataSource.getRepository(TaskStateRow).find({ where: plugin === undefined ? {} : { plugin } });
    return rows.map(stateOf);
  }

  async setPaused(plugin: string, task: string, paused: boolean): Promise<TaskState> {
    const [row] = await this.rows<RawState>(
      `INSERT INTO tessera_task_states (plugin, task, paused) VALUES ($1, $2, $3)
       ON CONFLICT (plugin, task) DO UPDATE SET paused = EXCLUDED.paused, updated_at = now()
       RETURNING *`,
      [plugin, task, paused],
    );
    return stateOfRaw(row);
  }

  async setTrigger(plugin: string, task: string, trigger: TaskTrigger | null): Promise<TaskState> {
    const [row] = await this.rows<RawState>(
      `INSERT INTO tessera_task_states (plugin, task, trigger, schedule_version) VALUES ($1, $2, $3::jsonb, 1)
       ON CONFLICT (plugin, task) DO UPDATE
         SET trigger = EXCLUDED.trigger, schedule_version = tessera_task_states.schedule_version + 1, updated_at = now()
       RETURNING *`,
      [plugin, task, trigger === null ? null : JSON.stringify(trigger)],
    );
    return stateOfRaw(row);
  }

  async recordOutcome(plugin: string, task: string, failed: boolean): Promise<{ before: number; after: number }> {
    if (failed) {
      const [row] = await this.rows<{ after: number }>(
        `INSERT INTO tessera_task_states (plugin, task, consecutive_failures) VALUES ($1, $2, 1)
         ON CONFLICT (plugin, task) DO UPDATE SET consecutive_failures = tessera_task_states.consecutive_failures + 1, updated_at = now()
         RETURNING consecutive_failures AS after`,
        [plugin, task],
      );
      return { before: row.after - 1, after: row.after };
    }
    // A success only writes when there was a streak: the common case costs one indexed read.
    const [row] = await this.rows<{ before: number }>(
      `UPDATE tessera_task_states s SET consecutive_failures = 0, updated_at = now()
       FROM (SELECT id, consecutive_failures AS before FROM tessera_task_states
             WHERE plugin = $1 AND task = $2 AND consecutive_failures > 0 FOR UPDATE) old
       WHERE s.id = old.id RETURNING old.before`,
      [plugin, task],
    );
    return { before: row?.before ?? 0, after: 0 };
  }

  async prune(olderThan: Date, maxPerTask: number, keepAfter: Date): Promise<number> {
    const [byAge] = await this.rows<{ n: number }>(
      `WITH d AS (DELETE FROM tessera_task_runs WHERE outcome <> 'running' AND started_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM d`,
      [olderThan],
    );
    const [byCount] = await this.rows<{ n: number }>(
      `WITH d AS (
         DELETE FROM tessera_task_runs WHERE id IN (
           SELECT id FROM (
             SELECT id, started_at, row_number() OVER (PARTITION BY plugin, task ORDER BY started_at DESC) AS rank
             FROM tessera_task_runs WHERE outcome <> 'running'
           ) ranked WHERE rank > $1 AND started_at < $2
         ) RETURNING 1
       ) SELECT count(*)::int AS n FROM d`,
      [maxPerTask, keepAfter],
    );
    return byAge.n + byCount.n;
  }

  /**
   * Rows of a statement. TypeORM answers UPDATE and DELETE with `[rows, count]` and anything else
   * with the rows; every statement here uses RETURNING, so the rows are all we need.
   */
  private async rows<T = Record<string, unknown>>(sql: string, parameters: unknown[]): Promise<T[]> {
    const result = (await this.dataSource.query(sql, parameters)) as unknown[];
    return (Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result) as T[];
  }
}

interface RawRun {
  id: string;
  plugin: string;
  task: string;
  slot_at: Date;
  source: string;
  instance_id: string;
  started_at: Date;
  ended_at: Date | null;
  duration_ms: number | null;
  outcome: string;
  error: string | null;
  attempt: number;
}

interface RawState {
  plugin: string;
  task: string;
  paused: boolean;
  trigger: TaskTrigger | null;
  schedule_version: number;
  consecutive_failures: number;
}

function fromRaw(r: RawRun): TaskRunRecord {
  return {
    id: r.id,
    plugin: r.plugin,
    task: r.task,
    slotAt: new Date(r.slot_at),
    source: r.source as TaskRunSource,
    instanceId: r.instance_id,
    startedAt: new Date(r.started_at),
    endedAt: r.ended_at === null ? null : new Date(r.ended_at),
    durationMs: r.duration_ms,
    outcome: r.outcome as TaskOutcome | 'running',
    error: r.error,
    attempt: r.attempt,
  };
}

function fromEntity(r: TaskRun): TaskRunRecord {
  const { leaseUntil: _lease, ...record } = r;
  return { ...record, source: r.source as TaskRunSource, outcome: r.outcome as TaskOutcome | 'running' };
}

function stateOfRaw(r: RawState): TaskState {
  return { plugin: r.plugin, task: r.task, paused: r.paused, trigger: r.trigger, scheduleVersion: r.schedule_version, consecutiveFailures: r.consecutive_failures };
}

function stateOf(r: TaskStateRow): TaskState {
  return { plugin: r.plugin, task: r.task, paused: r.paused, trigger: r.trigger as TaskTrigger | null, scheduleVersion: r.scheduleVersion, consecutiveFailures: r.consecutiveFailures };
}
