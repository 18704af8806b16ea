import { describe, expect, it } from 'vitest';
import { PluginMetricsStore } from './plugin-metrics.store.js';

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
const MINUTE = 60_000;

function storeAt(clock: { now: number }, retentionHours?: number): PluginMetricsStore {
  return new PluginMetricsStore({ retentionHours, now: () => clock.now });
}

const sample = (at: number, status = 200, ms = 10, plugin = 'users') => ({ plugin, method: 'GET', route: '/plugins/users/x', status, seconds: ms / 1000, at });

describe('PluginMetricsStore', () => {
  it('counts requests, 5xx errors and 4xx refusals per minute, with every empty minute of the range', () => {
    const clock = { now: T0 + 3 * MINUTE + 30_000 };
    const store = storeAt(clock);
    store.record(sample(T0 + 1_000));
    store.record(sample(T0 + 2_000, 500));
    store.record(sample(T0 + 2 * MINUTE, 404));
    const series = store.query('users', { start: new Date(T0), end: new Date(clock.now), resolution: '1m' });
    expect(series.start_time).toBe(new Date(T0).toISOString());
    expect(series.end_time).toBe(new Date(T0 + 4 * MINUTE).toISOString());
    expect(series.points.map((point) => [point.time, point.requests, point.errors, point.client_errors])).toEqual([
      [new Date(T0).toISOString(), 2, 1, 0],
      [new Date(T0 + MINUTE).toISOString(), 0, 0, 0],
      [new Date(T0 + 2 * MINUTE).toISOString(), 1, 0, 1],
      [new Date(T0 + 3 * MINUTE).toISOString(), 0, 0, 0],
    ]);
    expect(series.points[0].error_rate).toBe(0.5);
    expect(series.points[1]).toMatchObject({ error_rate: 0, p50_ms: null, p99_ms: null });
    expect(series.totals).toMatchObject({ requests: 3, errors: 1, client_errors: 1 });
  });

  it('keeps plugins apart', () => {
    const clock = { now: T0 + 30_000 };
    const store = storeAt(clock);
    store.record(sample(T0, 200, 5, 'users'));
    store.record(sample(T0, 200, 5, 'hello'));
    store.record(sample(T0, 200, 5, 'hello'));
    expect(store.summary('users').last_5m.requests).toBe(1);
    expect(store.summary('hello').last_5m.requests).toBe(2);
    expect(store.summary('ghost').last_5m).toMatchObject({ requests: 0, p50_ms: null });
  });

  it('reports latency percentiles within the precision of its bins (±21 %)', () => {
    const clock = { now: T0 + 30_000 };
    const store = storeAt(clock);
    // 1..1000 ms, one request each: p50 ≈ 500, p95 ≈ 950, p99 ≈ 990.
    for (let ms = 1; ms <= 1000; ms++) store.record(sample(T0, 200, ms));
    const { p50_ms, p95_ms, p99_ms } = store.summary('users').last_5m;
    expect(p50_ms! / 500).toBeGreaterThan(0.79);
    expect(p50_ms! / 500).toBeLessThan(1.21);
    expect(p95_ms! / 950).toBeGreaterThan(0.79);
    expect(p95_ms! / 950).toBeLessThan(1.21);
    expect(p99_ms! / 990).toBeGreaterThan(0.79);
    expect(p99_ms! / 990).toBeLessThan(1.21);
    expect(p50_ms!).toBeLessThan(p95_ms!);
    expect(p95_ms!).toBeLessThanOrEqual(p99_ms!);
  });

  it('merges minutes into 5m, 15m and 1h points aligned to the resolution', () => {
    const clock = { now: T0 + 2 * 3_600_000 - 30_000 };
    const store = storeAt(clock);
    for (let minute = 0; minute < 120; minute++) store.record(sample(T0 + minute * MINUTE + 10, minute % 10 === 0 ? 503 : 200));
    const hourly = store.query('users', { start: new Date(T0 + 17 * MINUTE), end: new Date(clock.now), resolution: '1h' });
    expect(hourly.points.map((point) => [point.time, point.requests, point.errors])).toEqual([
      [new Date(T0).toISOString(), 60, 6],
      [new Date(T0 + 3_600_000).toISOString(), 60, 6],
    ]);
    const fifteen = store.query('users', { start: new Date(T0), end: new Date(T0 + 3_600_000), resolution: '15m' });
    expect(fifteen.points.map((point) => point.requests)).toEqual([15, 15, 15, 15]);
    const five = store.query('users', { start: new Date(T0 + 7 * MINUTE), end: new Date(T0 + 12 * MINUTE), resolution: '5m' });
    expect(five.points.map((point) => point.time)).toEqual([new Date(T0 + 5 * MINUTE).toISOString(), new Date(T0 + 10 * MINUTE).toISOString()]);
  });

  it('forgets what is older than the retention and never holds more than retention + 1 hour pages', () => {
    const clock = { now: T0 };
    const store = storeAt(clock, 2);
    for (let minute = 0; minute < 6 * 60; minute++) {
      clock.now = T0 + minute * MINUTE;
      store.record(sample(clock.now));
    }
    const series = store.query('users', { start: new Date(T0), end: new Date(clock.now + MINUTE), resolution: '1h' });
    expect(series.start_time).toBe(new Date(T0 + 4 * 3_600_000).toISOString());
    expect(series.totals.requests).toBe(120);
    const pages = (store as unknown as { series: Map<string, { pages: Map<number, unknown> }> }).series.get('users')!.pages;
    expect(pages.size).toBeLessThanOrEqual(3);
    expect(store.summary('users').since_start).toMatchObject({ requests: 360, since: new Date(T0).toISOString() });
  });

  it('refuses a range of more than 1440 points, naming the resolution', () => {
    const clock = { now: T0 + 30_000 };
    const store = storeAt(clock, 48);
    expect(() => store.query('users', { start: new Date(T0 - 30 * 3_600_000), end: new Date(T0), resolution: '1m' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR', details: [expect.objectContaining({ field: 'resolution' })] }),
    );
    expect(store.query('users', { start: new Date(T0 - 30 * 3_600_000), end: new Date(T0), resolution: '5m' }).points).toHaveLength(360);
  });

  it('ends a range in the past before its end, and a range up to now with the minute running now', () => {
    const clock = { now: T0 + 30_000 };
    const store = storeAt(clock);
    store.record(sample(T0 + 20_000));
    const past = store.query('users', { start: new Date(T0 - 5 * MINUTE), end: new Date(T0) });
    expect(past).toMatchObject({ end_time: new Date(T0).toISOString(), totals: { requests: 0 } });
    const upToNow = store.query('users', { start: new Date(T0 - 5 * MINUTE), end: new Date(T0 + 5 * MINUTE) });
    expect(upToNow).toMatchObject({ end_time: new Date(T0 + MINUTE).toISOString(), totals: { requests: 1 } });
  });

  it('defaults to the last hour at 1m, from the minute that hour starts in to the current one', () => {
    const clock = { now: T0 + 30_000 };
    const series = storeAt(clock).query('users');
    expect(series).toMatchObject({ resolution: '1m', start_time: new Date(T0 - 60 * MINUTE).toISOString(), end_time: new Date(T0 + MINUTE).toISOString() });
    expect(series.points).toHaveLength(61);
  });
});
