import { createDataSource, createTestDatabase, type TestDatabase } from '@tessera/database';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { schedulerEntities, schedulerMigrations } from '../index.js';
import { DatabaseTaskStore } from './database-task.store.js';
import { MemoryTaskStore } from './memory-task.store.js';
import type { ClaimRequest, TaskStore } from './task-store.interface.js';

const SLOT = new Date('2026-03-01T12:00:00.000Z');
const claimFor = (instanceId: string, overrides: Partial<ClaimRequest> = {}): ClaimRequest => ({
  plugin: 'billing',
  task: 'invoice',
  slotAt: SLOT,
  source: 'schedule',
  instanceId,
  startedAt: new Date(),
  leaseMs: 30_000,
  scheduleVersion: 0,
  ...overrides,
});
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// The same contract for both stores; the database one runs on PGlite, or on PostgreSQL when DATABASE_URL is set.
describe.each(['memory', 'database'] as const)('TaskStore contract (%s)', (kind) => {
  let db: TestDatabase | undefined;
  let dataSource: DataSource | undefined;
  let store: TaskStore;

  beforeAll(async () => {
    if (kind === 'database') {
      db = await createTestDatabase();
      dataSource = await createDataSource({ ...db.options, entities: schedulerEntities, migrations: schedulerMigrations });
    }
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.cleanup();
  });

  beforeEach(async () => {
    if (dataSource) {
      await dataSource.query('DELETE FROM tessera_task_runs');
      await dataSource.query('DELETE FROM tessera_task_states');
      store = new DatabaseTaskStore(dataSource);
    } else {
      store = new MemoryTaskStore();
    }
  });

  it('lets exactly one of many concurrent claims of a slot win', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => store.claim(claimFor(`instance-${i % 3}`))));
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
    expect(results.filter((r) => !r.claimed).every((r) => !r.claimed && r.reason === 'taken')).toBe(true);
    expect((await store.history({ page: 1, pageSize: 50 })).total).toBe(1);
  });

  it('refuses a scheduled claim of a paused or rescheduled task, but not a manual one', async () => {
    await store.setPaused('billing', 'invoice', true);
    expect(await store.claim(claimFor('a'))).toEqual({ claimed: false, reason: 'paused' });
    expect(await store.claim(claimFor('a', { scheduleVersion: null, source: 'manual' }))).toMatchObject({ claimed: true });
    await store.setPaused('billing', 'invoice', false);
    const state = await store.setTrigger('billing', 'invoice', { cron: '0 * * * *' });
    expect(state).toMatchObject({ scheduleVersion: 1, trigger: { cron: '0 * * * *' }, paused: false });
    const next = new Date(SLOT.getTime() + 1000);
    expect(await store.claim(claimFor('a', { slotAt: next }))).toEqual({ claimed: false, reason: 'rescheduled' });
    expect(await store.claim(claimFor('a', { slotAt: next, scheduleVersion: 1 }))).toMatchObject({ claimed: true });
    expect((await store.setTrigger('billing', 'invoice', null)).scheduleVersion).toBe(2);
    expect((await store.states('billing')).map((s) => [s.task, s.trigger, s.scheduleVersion])).toEqual([['invoice', null, 2]]);
  });

  it('tells a claim that an earlier run of the task is still going, and records only its owner\'s finish', async () => {
    const first = await store.claim(claimFor('a'));
    const second = await store.claim(claimFor('b', { slotAt: new Date(SLOT.getTime() + 60_000) }));
    expect(first).toMatchObject({ claimed: true, earlierRunning: false });
    expect(second).toMatchObject({ claimed: true, earlierRunning: true });
    if (!first.claimed) throw new Error('unreachable');
    const result = { outcome: 'success' as const, error: null, attempt: 1, endedAt: new Date(), durationMs: 12 };
    expect(await store.finish(first.runId, 'b', result)).toBe(false);
    expect(await store.finish(first.runId, 'a', result)).toBe(true);
    expect(await store.finish(first.runId, 'a', result)).toBe(false);
    expect(await store.earlierRunning('billing', 'invoice', new Date(SLOT.getTime() + 60_000))).toBe(false);
    expect(await store.findRun('billing', 'invoice', SLOT)).toMatchObject({ outcome: 'success', durationMs: 12, instanceId: 'a', attempt: 1 });
  });

  it('hands a run whose lease lapsed to exactly one other instance, as its next attempt', async () => {
    const claim = await store.claim(claimFor('dead', { leaseMs: 1 }));
    const alive = await store.claim(claimFor('alive', { slotAt: new Date(SLOT.getTime() + 1000), leaseMs: 60_000 }));
    await sleep(20);
    const keys = ['billing/invoice'];
    const [x, y] = await Promise.all([store.takeOverExpired('x', keys, 30_000), store.takeOverExpired('y', keys, 30_000)]);
    const taken = [...x, ...y];
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({ id: claim.claimed ? claim.runId : '', attempt: 2, error: 'instance dead stopped during attempt 1', outcome: 'running' });
    expect(await store.takeOverExpired('z', keys, 30_000)).toEqual([]);
    expect(await store.takeOverExpired('z', ['other/task'], 30_000)).toEqual([]);
    expect(alive.claimed).toBe(true);
  });

  it('renews and releases leases of its own runs', async () => {
    const claim = await store.claim(claimFor('a', { leaseMs: 1 }));
    if (!claim.claimed) throw new Error('unreachable');
    await store.renewLeases('a', [claim.runId], 60_000);
    await sleep(20);
    expect(await store.takeOverExpired('b', ['billing/invoice'], 30_000)).toEqual([]);
    await store.releaseLeases('a', [claim.runId]);
    await sleep(5);
    expect(await store.takeOverExpired('b', ['billing/invoice'], 30_000)).toHaveLength(1);
  });

  it('counts consecutive failures across outcomes', async () => {
    expect(await store.recordOutcome('mail', 'digest', true)).toEqual({ before: 0, after: 1 });
    expect(await store.recordOutcome('mail', 'digest', true)).toEqual({ before: 1, after: 2 });
    expect(await store.recordOutcome('mail', 'digest', false)).toEqual({ before: 2, after: 0 });
    expect(await store.recordOutcome('mail', 'digest', false)).toEqual({ before: 0, after: 0 });
  });

  it('pages and filters history newest first, reports the last finished run per task, and prunes', async () => {
    const day = 24 * 60 * 60 * 1000;
    const now = Date.now();
    const add = async (task: string, ageMs: number, outcome: 'success' | 'failure'): Promise<void> => {
      const started = new Date(now - ageMs);
      const claim = await store.claim(claimFor('a', { plugin: 'ops', task, slotAt: started, startedAt: started }));
      if (!claim.claimed) throw new Error('slot taken');
      await store.finish(claim.runId, 'a', { outcome, error: outcome === 'failure' ? 'x' : null, attempt: 1, endedAt: started, durationMs: 1 });
    };
    for (let i = 0; i < 5; i += 1) await add('backup', i * 1000, i % 2 ? 'failure' : 'success');
    await add('backup', 40 * day, 'success');
    await add('report', 2 * day, 'failure');

    const page = await store.history({ plugin: 'ops', task: 'backup', page: 2, pageSize: 2 });
    expect(page.total).toBe(6);
    expect(page.items.map((r) => now - r.startedAt.getTime())).toEqual([2000, 3000]);
    expect((await store.history({ outcome: 'failure', page: 1, pageSize: 10 })).total).toBe(3);
    expect((await store.history({ since: new Date(now - 2500), page: 1, pageSize: 10 })).total).toBe(3);
    expect((await store.lastFinished('ops')).map((r) => [r.task, r.outcome]).sort()).toEqual([
      ['backup', 'success'],
      ['report', 'failure'],
    ]);

    // 30 days, 3 per task; runs of the last hour are claims and survive the count limit.
    expect(await store.prune(new Date(now - 30 * day), 3, new Date(now - 3500))).toBe(2);
    expect((await store.history({ plugin: 'ops', task: 'backup', page: 1, pageSize: 10 })).items.map((r) => now - r.startedAt.getTime())).toEqual([0, 1000, 2000, 3000]);
    expect((await store.history({ task: 'report', page: 1, pageSize: 10 })).total).toBe(1);
  });
});
