import { TaskRegistry } from '@tessera/sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Harness, runsOf, startScheduler, task, work } from '../test-support/scheduler-harness.js';

const T0 = Date.parse('2026-01-01T00:00:00.500Z');
const at = (seconds: number): string => new Date(Date.parse('2026-01-01T00:00:00.000Z') + seconds * 1000).toISOString();

describe('SchedulerService (fake timers, memory store)', () => {
  let h: Harness;

  beforeEach(async () => {
    vi.useFakeTimers({ now: T0 });
    h = await startScheduler();
  });

  afterEach(async () => {
    const closing = h.close();
    await vi.advanceTimersByTimeAsync(10_000);
    await closing;
    vi.useRealTimers();
  });

  it('runs an interval task on every slot, sync and async methods alike, and records each run', async () => {
    const calls: string[] = [];
    await h.scheduler.addPluginTasks('reports', [
      task('sync-one', { everyMs: 1000 }, (ctx) => calls.push(`sync@${ctx.slotAt.toISOString()}`)),
      task('async-one', { everyMs: 2000 }, async (ctx) => {
        await work(100);
        calls.push(`async@${ctx.slotAt.toISOString()}`);
      }),
    ]);
    await vi.advanceTimersByTimeAsync(4_000);

    expect(calls.filter((c) => c.startsWith('sync'))).toEqual([1, 2, 3, 4].map((s) => `sync@${at(s)}`));
    expect(calls.filter((c) => c.startsWith('async'))).toEqual([2, 4].map((s) => `async@${at(s)}`));
    const runs = await runsOf(h.scheduler, 'reports', 'async-one');
    expect(runs.map((r) => [r.slotAt.toISOString(), r.outcome, r.attempt, r.durationMs, r.source, r.instanceId])).toEqual([
      [at(2), 'success', 1, 100, 'schedule', 'test-instance'],
      [at(4), 'success', 1, 100, 'schedule', 'test-instance'],
    ]);
  });

  it('counts runs by outcome and observes their duration in the default Prometheus registry', async () => {
    const { register } = await import('prom-client');
    await h.scheduler.addPluginTasks('metered', [
      task('ok', { everyMs: 1000 }, () => work(250)),
      task('ko', { everyMs: 1000 }, () => Promise.reject(new Error('nope'))),
    ]);
    await vi.advanceTimersByTimeAsync(3_000);
    const runs = await register.getSingleMetricAsString('tessera_task_runs_total');
    expect(runs).toContain('tessera_task_runs_total{plugin="metered",task="ok",outcome="success"} 3');
    expect(runs).toContain('tessera_task_runs_total{plugin="metered",task="ko",outcome="failure"} 3');
    const duration = await register.getSingleMetricAsString('tessera_task_duration_seconds');
    expect(duration).toContain('tessera_task_duration_seconds_sum{plugin="metered",task="ok"} 0.75');
  });

  it('parses cron with seconds (6 fields) and lists the next run', async () => {
    const slots: string[] = [];
    await h.scheduler.addPluginTasks('reports', [task('every-5s', { cron: '*/5 * * * * *', timeZone: 'UTC' }, (ctx) => void slots.push(ctx.slotAt.toISOString()))]);
    const [info] = await h.scheduler.list('reports');
    expect(info.nextRunAt?.toISOString()).toBe(at(5));
    await vi.advanceTimersByTimeAsync(12_000);
    expect(slots).toEqual([at(5), at(10)]);
  });

  it('retries a failing run with exponential backoff within the same slot and records the attempt count', async () => {
    const attempts: Array<[number, number]> = [];
    await h.scheduler.addPluginTasks('billing', [
      task('invoice', { everyMs: 60_000, retries: 3, backoff: { delayMs: 1000 } }, (ctx) => {
        attempts.push([ctx.attempt, Date.now()]);
        if (ctx.attempt < 3) throw new Error(`boom ${ctx.attempt}`);
      }),
    ]);
    await vi.advanceTimersByTimeAsync(60_000 + 5_000);

    const slot = Date.parse(at(60));
    expect(attempts).toEqual([
      [1, slot],
      [2, slot + 1000],
      [3, slot + 3000],
    ]);
    const [run] = await runsOf(h.scheduler, 'billing', 'invoice');
    expect(run).toMatchObject({ outcome: 'success', attempt: 3, error: null });
  });

  it('records a run over timeoutMs as timeout, aborts its signal, and keeps errors away from the process', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    let aborted = false;
    await h.scheduler.addPluginTasks('slow', [
      task('hang', { everyMs: 10_000, timeoutMs: 2_000 }, async ({ signal }) => {
        signal.addEventListener('abort', () => (aborted = true));
        await work(5_000);
        throw new Error('too late to matter');
      }),
      task('throws', { everyMs: 10_000 }, () => Promise.reject(new Error('database is down'))),
    ]);
    await vi.advanceTimersByTimeAsync(16_000);
    process.off('unhandledRejection', unhandled);

    const [hang] = await runsOf(h.scheduler, 'slow', 'hang');
    expect(hang).toMatchObject({ outcome: 'timeout', durationMs: 2_000 });
    expect(hang.error).toContain('2000 ms');
    expect(aborted).toBe(true);
    const [throws] = await runsOf(h.scheduler, 'slow', 'throws');
    expect(throws).toMatchObject({ outcome: 'failure', error: 'database is down' });
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('runs tasks due at the same moment by priority, lower first, one level after the other', async () => {
    const order: string[] = [];
    const body = (name: string) => async () => {
      order.push(`start ${name}`);
      await work(300);
      order.push(`end ${name}`);
    };
    await h.scheduler.addPluginTasks('etl', [
      task('last', { everyMs: 1000, priority: 2 }, body('last')),
      task('first', { everyMs: 1000, priority: 0 }, body('first')),
      task('middle', { everyMs: 1000, priority: 1 }, body('middle')),
    ]);
    await vi.advanceTimersByTimeAsync(1_450); // the slot at :01 and its three 300 ms runs
    expect(order).toEqual(['start first', 'end first', 'start middle', 'end middle', 'start last', 'end last']);
  });

  it('makes a task wait for its dependency in the same tick and skips it when the dependency failed', async () => {
    let extractFails = true;
    const order: string[] = [];
    await h.scheduler.addPluginTasks('etl', [
      task('load', { everyMs: 1000, dependsOn: ['extract'] }, () => void order.push('load')),
      task('extract', { everyMs: 1000 }, async () => {
        await work(200);
        order.push('extract');
        if (extractFails) throw new Error('source unreachable');
      }),
    ]);
    await vi.advanceTimersByTimeAsync(1_500);
    extractFails = false;
    await vi.advanceTimersByTimeAsync(1_000);

    expect(order).toEqual(['extract', 'extract', 'load']);
    const load = await runsOf(h.scheduler, 'etl', 'load');
    expect(load.map((r) => [r.slotAt.toISOString(), r.outcome, r.error])).toEqual([
      [at(1), 'skipped', 'dependency "extract" failed'],
      [at(2), 'success', null],
    ]);
  });

  it('skips or queues a run whose previous run is still going, as configured', async () => {
    let running = 0;
    let overlap = false;
    const slow = async (): Promise<void> => {
      running += 1;
      overlap ||= running > 1;
      await work(2_500);
      running -= 1;
    };
    await h.scheduler.addPluginTasks('busy', [task('skipper', { everyMs: 1000 }, slow)]);
    await vi.advanceTimersByTimeAsync(4_000);
    const skipper = await runsOf(h.scheduler, 'busy', 'skipper');
    expect(skipper.map((r) => r.outcome)).toEqual(['success', 'skipped', 'skipped', 'running']);
    expect(skipper[1].error).toContain('still in progress');
    expect(overlap).toBe(false);
    const removing = h.scheduler.removePluginTasks('busy'); // gives the :04 run stopGraceMs, then records it as failed
    await vi.advanceTimersByTimeAsync(1_000);
    await removing;
    expect((await runsOf(h.scheduler, 'busy', 'skipper'))[3]).toMatchObject({ outcome: 'failure', error: expect.stringContaining('stopped the task') });
    await vi.advanceTimersByTimeAsync(2_000); // let the abandoned body end
    running = 0;

    await h.scheduler.addPluginTasks('queue', [task('queuer', { everyMs: 10_000, concurrency: 'queue' }, slow)]);
    await vi.advanceTimersByTimeAsync(5_700); // slot at :10
    await h.scheduler.runNow('queue', 'queuer'); // overlaps the :10 run, waits for it
    await vi.advanceTimersByTimeAsync(6_000);
    const queued = await runsOf(h.scheduler, 'queue', 'queuer');
    expect(queued.map((r) => [r.source, r.outcome])).toEqual([
      ['schedule', 'success'],
      ['manual', 'success'],
    ]);
    expect(overlap).toBe(false);
  });

  it('alerts after N consecutive failures (hook, error log, webhook) once, and announces recovery', async () => {
    const closing = h.close();
    await vi.advanceTimersByTimeAsync(1_000);
    await closing;
    const emit = vi.fn();
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    h = await startScheduler({ emit, alertAfterFailures: 3, alertWebhookUrl: 'https://alerts.example/hook' });
    const { Logger } = await import('@nestjs/common');
    const errorLog = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    let healthy = false;
    await h.scheduler.addPluginTasks('mail', [
      task('digest', { everyMs: 1000 }, () => {
        if (!healthy) throw new Error('SMTP refused');
      }),
    ]);

    await vi.advanceTimersByTimeAsync(2_000);
    expect(emit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit).toHaveBeenCalledWith('task_failed_repeatedly', expect.objectContaining({ plugin: 'mail', task: 'digest', consecutiveFailures: 3, lastError: 'SMTP refused' }));
    expect(errorLog).toHaveBeenCalledWith(expect.stringContaining('failed 3 times in a row'));
    expect(fetchMock).toHaveBeenCalledWith('https://alerts.example/hook', expect.objectContaining({ method: 'POST' }));
    expect(JSON.parse((fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1].body as string)).toMatchObject({ event: 'task_failed_repeatedly', task: 'digest' });

    await vi.advanceTimersByTimeAsync(2_000); // 4th and 5th failures: no new alert
    expect(emit).toHaveBeenCalledTimes(1);
    healthy = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(emit).toHaveBeenLastCalledWith('task_recovered', expect.objectContaining({ plugin: 'mail', task: 'digest', failuresBefore: 5 }));
    expect(fetchMock).toHaveBeenCalledTimes(2);
    vi.unstubAllGlobals();
    errorLog.mockRestore();
  });

  it('pauses, runs now while paused, and resumes', async () => {
    const sources: string[] = [];
    await h.scheduler.addPluginTasks('cms', [task('publish', { everyMs: 1000 }, (ctx) => void sources.push(`${ctx.source}@${ctx.slotAt.getTime() - T0}`))]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await h.scheduler.pause('cms', 'publish')).paused).toBe(true);
    await vi.advanceTimersByTimeAsync(3_000);
    const manual = await h.scheduler.runNow('cms', 'publish');
    await expect(manual.done).resolves.toBe('success');
    expect((await h.scheduler.resume('cms', 'publish')).paused).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sources).toEqual(['schedule@500', 'manual@4000', 'schedule@4500']);
    const [info] = await h.scheduler.list('cms');
    expect(info).toMatchObject({ lastOutcome: 'success', paused: false });
  });

  it('changes the schedule at run time, refuses a bad cron, and resets to the code', async () => {
    const slots: number[] = [];
    await h.scheduler.addPluginTasks('cms', [task('sitemap', { everyMs: 60_000 }, (ctx) => void slots.push(ctx.slotAt.getTime()))]);
    await expect(h.scheduler.reschedule('cms', 'sitemap', { cron: '61 * * * * *' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: [expect.objectContaining({ field: 'cron' })] });
    const info = await h.scheduler.reschedule('cms', 'sitemap', { cron: '*/2 * * * * *', timeZone: 'UTC' });
    expect(info.trigger).toEqual({ cron: '*/2 * * * * *', timeZone: 'UTC' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(slots.map((s) => new Date(s).toISOString())).toEqual([at(2), at(4)]);
    const reset = await h.scheduler.reschedule('cms', 'sitemap', null);
    expect(reset.trigger).toEqual({ everyMs: 60_000 });
    expect(reset.nextRunAt?.toISOString()).toBe(at(60));
    await expect(h.scheduler.pause('cms', 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('runs a one-off `at` date and an `afterBoot` task once', async () => {
    const ran: string[] = [];
    await h.scheduler.addPluginTasks('setup', [
      task('migrate-later', { at: at(3) }, () => void ran.push('at')),
      task('warm-up', { afterBoot: 1_500 }, (ctx) => void ran.push(`boot:${ctx.source}`)),
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ran).toEqual(['boot:boot', 'at']);
    const list = await h.scheduler.list('setup');
    expect(list.map((t) => t.nextRunAt)).toEqual([null, null]);
  });

  it('refuses invalid tasks as a whole: bad options, duplicate names, dependency cycles', async () => {
    await expect(h.scheduler.addPluginTasks('bad', [task('x', { everyMs: 5 }, () => 1)])).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'everyMs', message: expect.any(String) }] });
    await expect(h.scheduler.addPluginTasks('bad', [task('x', { cron: '* * *' }, () => 1)])).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(h.scheduler.addPluginTasks('bad', [task('x', { everyMs: 1000 }, () => 1), task('x', { everyMs: 2000 }, () => 1)])).rejects.toMatchObject({ message: expect.stringContaining('twice') });
    await expect(
      h.scheduler.addPluginTasks('bad', [task('a', { everyMs: 1000, dependsOn: ['b'] }, () => 1), task('b', { everyMs: 1000, dependsOn: ['a'] }, () => 1)]),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'dependsOn', message: 'a -> b -> a' }] });
    expect(await h.scheduler.list('bad')).toEqual([]);
  });

  it('gives each plugin a registry bound to its name', async () => {
    const registry = h.scheduler.registryFor('feeds');
    expect(registry).toBeInstanceOf(TaskRegistry); // the class plugins inject
    const ran: string[] = [];
    await registry.add('pull', { everyMs: 1000 }, (ctx) => void ran.push(`${ctx.plugin}/${ctx.task}`));
    expect(registry.list().map((t) => [t.plugin, t.name])).toEqual([['feeds', 'pull']]);
    expect(h.scheduler.registryFor('other').list()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    await registry.remove('pull');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(ran).toEqual(['feeds/pull']);
  });

  it('removes every task of a disabled plugin and leaves no timer behind', async () => {
    let finishedAfterRemoval = false;
    await h.scheduler.addPluginTasks('crm', [
      task('sync', { everyMs: 1000 }, () => undefined),
      task('retrying', { everyMs: 1000, retries: 5, backoff: { type: 'fixed', delayMs: 30_000 } }, () => {
        throw new Error('flaky');
      }),
      task('long', { everyMs: 1000, timeoutMs: 60_000 }, async ({ signal }) => {
        await work(20_000, signal);
        finishedAfterRemoval = signal.aborted;
      }),
      task('nightly', { cron: '0 3 * * *' }, () => undefined),
    ]);
    await vi.advanceTimersByTimeAsync(1_200); // a long run and a backoff wait are in progress
    expect(vi.getTimerCount()).toBeGreaterThanOrEqual(4);

    await h.scheduler.removePluginTasks('crm');

    expect(vi.getTimerCount()).toBe(0);
    expect(finishedAfterRemoval).toBe(true);
    expect(await h.scheduler.list()).toEqual([]);
    const before = (await runsOf(h.scheduler, 'crm')).length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await runsOf(h.scheduler, 'crm')).length).toBe(before);
    expect((await runsOf(h.scheduler, 'crm')).every((r) => r.outcome !== 'running')).toBe(true);
  });
});
