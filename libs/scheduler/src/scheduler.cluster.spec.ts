import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Harness, runsOf, startScheduler, task, work } from '../test-support/scheduler-harness.js';
import { MemoryTaskStore } from './store/memory-task.store.js';

// Two scheduler instances sharing one store behave like two servers sharing one database; fake
// timers make every instance's timer fire at the same instant, the worst case for duplicates.
const T0 = Date.parse('2026-01-01T00:00:00.500Z');

describe('several instances on one store (fake timers)', () => {
  let store: MemoryTaskStore;
  let a: Harness;
  let b: Harness;

  beforeEach(async () => {
    vi.useFakeTimers({ now: T0 });
    store = new MemoryTaskStore();
    a = await startScheduler({ instanceId: 'a' }, store);
    b = await startScheduler({ instanceId: 'b' }, store);
  });

  afterEach(async () => {
    const closing = Promise.all([a.close(), b.close()]);
    await vi.advanceTimersByTimeAsync(10_000);
    await closing;
    vi.useRealTimers();
  });

  const onBoth = async (plugin: string, make: () => ReturnType<typeof task>[]): Promise<void> => {
    await a.scheduler.addPluginTasks(plugin, make());
    await b.scheduler.addPluginTasks(plugin, make());
  };

  it('runs each slot on exactly one instance', async () => {
    const bodies: string[] = [];
    await onBoth('p', () => [task('tick', { everyMs: 1000 }, (ctx) => void bodies.push(ctx.slotAt.toISOString()))]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(bodies).toHaveLength(10);
    expect(new Set(bodies).size).toBe(10);
    expect((await runsOf(a.scheduler, 'p', 'tick')).every((r) => r.outcome === 'success')).toBe(true);
  });

  it('stops a task paused through one instance on all of them, and resumes it', async () => {
    const ranOn: string[] = [];
    await a.scheduler.addPluginTasks('p', [task('tick', { everyMs: 1000 }, () => void ranOn.push('a'))]);
    await b.scheduler.addPluginTasks('p', [task('tick', { everyMs: 1000 }, () => void ranOn.push('b'))]);
    await a.scheduler.pause('p', 'tick');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(ranOn).toEqual([]);
    expect((await b.scheduler.get('p', 'tick')).paused).toBe(true);
    await b.scheduler.resume('p', 'tick');
    await vi.advanceTimersByTimeAsync(2_000); // the other instance learns it within syncIntervalMs
    expect((await a.scheduler.get('p', 'tick')).paused).toBe(false);
    expect(ranOn).toHaveLength(2);
  });

  it('applies a schedule changed through one instance on all of them', async () => {
    const slots: number[] = [];
    await onBoth('p', () => [task('report', { everyMs: 60_000 }, (ctx) => void slots.push(ctx.slotAt.getTime() - T0))]);
    await a.scheduler.reschedule('p', 'report', { everyMs: 2_000 });
    await vi.advanceTimersByTimeAsync(1_600); // b syncs at +1 s
    expect((await b.scheduler.get('p', 'report')).trigger).toEqual({ everyMs: 2_000 });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(slots).toEqual([1_500, 3_500, 5_500]);
    const late = await startScheduler({ instanceId: 'c' }, store); // a restart, or an instance added later
    await late.scheduler.addPluginTasks('p', [task('report', { everyMs: 60_000 }, () => undefined)]);
    expect((await late.scheduler.get('p', 'report')).trigger).toEqual({ everyMs: 2_000 });
    await late.close();
  });

  it('keeps priorities and dependencies across instances: a dependent is skipped whoever claims it', async () => {
    const bodies: string[] = [];
    await onBoth('etl', () => [
      task('extract', { everyMs: 1000, priority: 0 }, async () => {
        await work(300);
        bodies.push('extract');
        throw new Error('upstream down');
      }),
      task('load', { everyMs: 1000, priority: 0, dependsOn: ['extract'] }, () => void bodies.push('load')),
      task('report', { everyMs: 1000, priority: 5 }, () => void bodies.push('report')),
    ]);
    await vi.advanceTimersByTimeAsync(900);
    expect(bodies).toEqual(['extract', 'report']);
    const load = await runsOf(a.scheduler, 'etl', 'load');
    expect(load.map((r) => [r.outcome, r.error])).toEqual([['skipped', 'dependency "extract" failed']]);
  });

  it('continues a run cut by an instance shutdown on another instance, as its next attempt', async () => {
    const attempts: string[] = [];
    const body = (instance: string) => async (ctx: { attempt: number }) => {
      attempts.push(`${instance}#${ctx.attempt}`);
      if (instance === 'a') await work(60_000); // ignores its signal: still going when a stops
    };
    await a.scheduler.addPluginTasks('p', [task('export', { at: new Date(T0 + 500) }, body('a'))]);
    await vi.advanceTimersByTimeAsync(600);
    await b.scheduler.addPluginTasks('p', [task('export', { at: new Date(T0 + 500) }, body('b'))]);

    const stopping = a.close(); // waits stopGraceMs, then hands its lease back
    await vi.advanceTimersByTimeAsync(2_000);
    await stopping;
    expect(attempts).toEqual(['a#1', 'b#2']);
    const [run] = await runsOf(b.scheduler, 'p', 'export');
    expect(run).toMatchObject({ outcome: 'success', attempt: 2, instanceId: 'b', error: null });
  });
});
