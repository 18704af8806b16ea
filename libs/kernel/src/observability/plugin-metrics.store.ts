import { TesseraError } from '@tessera/sdk';
import type { PluginRequestSample } from '../activity/plugin-activity.js';
import { LATENCY_BINS, latencyBin, latencyQuantile } from './latency-histogram.js';
import { RESOLUTION_MINUTES, type MetricsFigures, type MetricsQuery, type MetricsSeries, type MetricsSummary } from './plugin-metrics.interface.js';

// One row per minute: three counters, then the latency bins.
const REQUESTS = 0;
const ERRORS = 1;
const CLIENT_ERRORS = 2;
const BINS = 3;
const STRIDE = BINS + LATENCY_BINS;
const MINUTE_MS = 60_000;
const PAGE_MINUTES = 60;
const DEFAULT_RANGE_MS = 3_600_000;

/** Longest series one query may ask for (a day at 1m). */
export const MAX_METRICS_POINTS = 1_440;

export interface PluginMetricsStoreOptions {
  /** How long per-minute figures are kept (default 24 h). */
  retentionHours?: number;
  /** The clock (tests). */
  now?: () => number;
}

/** One plugin's figures: hour pages of per-minute rows, and running totals. */
class PluginSeries {
  /** Hour index since the epoch → 60 rows × STRIDE counters. */
  readonly pages = new Map<number, Uint32Array>();
  // Float64: the totals of a long-running process outgrow 32 bits; doubles stay exact to 2^53.
  readonly totals = new Float64Array(STRIDE);
  since: number | null = null;
}

/**
 * Per-plugin request figures over time, fed by the kernel's activity stream: each answered
 * request adds to its minute's counters and latency bins. Memory is bounded and known in
 * advance: a plugin with traffic costs one 11 KB page per hour that had requests, pages
 * older than the retention are dropped, so a plugin never holds more than
 * ⌈retention⌉ + 1 pages (24 h: at most 276 KB; 50 busy plugins: 13.8 MB).
 *
 * @example
 * activity.onRequest((sample) => metrics.record(sample));
 * metrics.query('users', { resolution: '5m' }).points; // [{ time, requests, errors, p50_ms, ... }, ...]
 */
export class PluginMetricsStore {
  private readonly series = new Map<string, PluginSeries>();
  private readonly retentionMinutes: number;
  private readonly now: () => number;

  constructor(options: PluginMetricsStoreOptions = {}) {
    this.retentionMinutes = Math.max(1, Math.round((options.retentionHours ?? 24) * 60));
    this.now = options.now ?? Date.now;
  }

  record(sample: PluginRequestSample): void {
    const minute = Math.floor(sample.at / MINUTE_MS);
    if (minute < this.oldestMinute()) return;
    let series = this.series.get(sample.plugin);
    if (!series) this.series.set(sample.plugin, (series = new PluginSeries()));
    series.since ??= sample.at;
    const hour = Math.floor(minute / PAGE_MINUTES);
    let page = series.pages.get(hour);
    if (!page) page = this.addPage(series, hour);
    const bin = BINS + latencyBin(sample.seconds * 1000);
    const counter = sample.status >= 500 ? ERRORS : sample.status >= 400 ? CLIENT_ERRORS : -1;
    const row = (minute - hour * PAGE_MINUTES) * STRIDE;
    page[row + REQUESTS]++;
    page[row + bin]++;
    series.totals[REQUESTS]++;
    series.totals[bin]++;
    if (counter >= 0) {
      page[row + counter]++;
      series.totals[counter]++;
    }
  }

  /**
   * The plugin's series over a range, one point per `resolution` interval. Intervals are
   * aligned to the resolution (5m points start at :00, :05, ...); the last one is the
   * interval still running. Figures older than the retention are gone: the range is clamped.
   * Throws VALIDATION_ERROR when the range holds more than {@link MAX_METRICS_POINTS} points.
   */
  query(plugin: string, query: MetricsQuery = {}): MetricsSeries {
    const resolution = query.resolution ?? '1m';
    const step = RESOLUTION_MINUTES[resolution];
    const now = this.now();
    // An end in the past is exclusive (…&end_time=12:05 stops at 12:04:59.999); an end at now
    // or later means "up to now", which includes what was recorded in this very millisecond.
    const toNow = query.end === undefined || query.end.getTime() >= now;
    const end = toNow ? now : query.end!.getTime() - 1;
    const start = Math.max(query.start?.getTime() ?? now - DEFAULT_RANGE_MS, this.oldestMinute() * MINUTE_MS);
    const slotOf = (time: number) => Math.floor(Math.floor(time / MINUTE_MS) / step) * step;
    const first = slotOf(start);
    const last = start <= end ? slotOf(end) : first - step;
    const count = (last - first) / step + 1;
    if (count > MAX_METRICS_POINTS) {
      const message = `The range holds ${count} points at ${resolution}; at most ${MAX_METRICS_POINTS} fit in one answer. Choose a coarser resolution or a shorter range.`;
      throw new TesseraError('VALIDATION_ERROR', message, [{ field: 'resolution', constraints: { maxPoints: message } }]);
    }
    const series = this.series.get(plugin);
    const point = new Float64Array(STRIDE);
    const range = new Float64Array(STRIDE);
    const points = [];
    for (let slot = first; slot <= last; slot += step) {
      point.fill(0);
      this.accumulate(series, slot, slot + step, point);
      for (let i = 0; i < STRIDE; i++) range[i] += point[i];
      points.push({ time: new Date(slot * MINUTE_MS).toISOString(), ...figures(point) });
    }
    return {
      plugin,
      start_time: new Date(first * MINUTE_MS).toISOString(),
      end_time: new Date((last + step) * MINUTE_MS).toISOString(),
      resolution,
      points,
      totals: figures(range),
    };
  }

  /** The current minute and the four before it, and everything since the first request this process counted. */
  summary(plugin: string): MetricsSummary {
    const series = this.series.get(plugin);
    const current = Math.floor(this.now() / MINUTE_MS);
    const recent = new Float64Array(STRIDE);
    this.accumulate(series, current - 4, current + 1, recent);
    const since = series?.since;
    return {
      last_5m: figures(recent),
      since_start: { since: since === undefined || since === null ? null : new Date(since).toISOString(), ...figures(series?.totals ?? recent) },
    };
  }

  /** Adds the rows of minutes [from, to) into `into`, skipping hours without a page. */
  private accumulate(series: PluginSeries | undefined, from: number, to: number, into: Float64Array): void {
    if (!series) return;
    let minute = Math.max(from, this.oldestMinute());
    while (minute < to) {
      const hour = Math.floor(minute / PAGE_MINUTES);
      const hourEnd = Math.min(to, (hour + 1) * PAGE_MINUTES);
      const page = series.pages.get(hour);
      if (page) {
        for (let m = minute; m < hourEnd; m++) {
          const row = (m - hour * PAGE_MINUTES) * STRIDE;
          if (page[row + REQUESTS] === 0) continue;
          for (let i = 0; i < STRIDE; i++) into[i] += page[row + i];
        }
      }
      minute = hourEnd;
    }
  }

  private addPage(series: PluginSeries, hour: number): Uint32Array {
    const oldestHour = Math.floor(this.oldestMinute() / PAGE_MINUTES);
    for (const kept of series.pages.keys()) if (kept < oldestHour) series.pages.delete(kept);
    const page = new Uint32Array(PAGE_MINUTES * STRIDE);
    series.pages.set(hour, page);
    return page;
  }

  /** The first minute still within the retention. */
  private oldestMinute(): number {
    return Math.floor(this.now() / MINUTE_MS) - this.retentionMinutes + 1;
  }
}

function figures(row: Float64Array): MetricsFigures {
  const requests = row[REQUESTS];
  return {
    requests,
    errors: row[ERRORS],
    client_errors: row[CLIENT_ERRORS],
    error_rate: requests > 0 ? Math.round((row[ERRORS] / requests) * 10_000) / 10_000 : 0,
    p50_ms: latencyQuantile(row, requests, 0.5, BINS),
    p95_ms: latencyQuantile(row, requests, 0.95, BINS),
    p99_ms: latencyQuantile(row, requests, 0.99, BINS),
  };
}
