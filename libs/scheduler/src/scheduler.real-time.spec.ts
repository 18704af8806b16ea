import { describe, expect, it, vi } from 'vitest';
import { runsOf, startScheduler, task } from '../test-support/scheduler-harness.js';

describe('SchedulerService (real time)', () => {
  it('fires an interval task on real timers, once per epoch-aligned slot', async () => {
    const h = await startScheduler();
    const slots: number[] = [];
    await h.scheduler.addPluginTasks('clock', [task('tick', { everyMs: 100 }, (ctx) => void slots.push(ctx.slotAt.getTime()))]);
    await vi.waitFor(() => expect(slots.length).toBeGreaterThanOrEqual(3), { timeout: 5_000, interval: 20 });
    await h.scheduler.removePluginTasks('clock');
    expect(slots.every((slot) => slot % 100 === 0)).toBe(true);
    expect(new Set(slots).size).toBe(slots.length);
    const runs = await runsOf(h.scheduler, 'clock', 'tick');
    expect(runs.map((r) => r.slotAt.getTime())).toEqual(slots);
    await h.close();
  });
});
