/** Width of one point of a metrics time series. */
export type MetricsResolution = '1m' | '5m' | '15m' | '1h';

export const RESOLUTION_MINUTES: Record<MetricsResolution, number> = { '1m': 1, '5m': 5, '15m': 15, '1h': 60 };

/** Requests of a plugin over some time, as admins see them. */
export interface MetricsFigures {
  requests: number;
  /** Answers with status ≥ 500: the plugin's own failures (they also feed the quarantine). */
  errors: number;
  /** Answers with a 4xx status: refused requests (validation, auth, rate limit), not faults. */
  client_errors: number;
  /** errors / requests, 0 without requests. */
  error_rate: number;
  /** Latency percentiles in ms; null without requests. */
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
}

/** One interval of a series: `time` is its start (ISO 8601). */
export interface MetricsPoint extends MetricsFigures {
  time: string;
}

export interface MetricsQuery {
  /** Default: one hour before `end`. Clamped to the retention. */
  start?: Date;
  /** Default: now. Clamped to now. */
  end?: Date;
  /** Default: 1m. */
  resolution?: MetricsResolution;
}

/** A time series of one plugin: every interval from `start_time` (inclusive) to `end_time` (exclusive), empty ones included. */
export interface MetricsSeries {
  plugin: string;
  start_time: string;
  end_time: string;
  resolution: MetricsResolution;
  points: MetricsPoint[];
  /** The whole range at once. */
  totals: MetricsFigures;
}

/** The figures an admin looks at first: the last five minutes, and everything since the process started counting. */
export interface MetricsSummary {
  last_5m: MetricsFigures;
  since_start: MetricsFigures & { since: string | null };
}
