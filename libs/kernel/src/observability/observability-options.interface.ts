/** Fault isolation: a plugin that keeps failing is taken out of traffic. */
export interface QuarantineOptions {
  /** Failures (5xx answers, failed hook handlers, failed actions) that trip it; 0 turns quarantine off. Default 20. */
  failures?: number;
  /** ... within this many seconds. Default 60. */
  windowSeconds?: number;
  /** Receives a JSON POST when a plugin is quarantined. */
  webhookUrl?: string;
  /** Longest wait for the webhook (default 5 s); a failed delivery is logged. */
  webhookTimeoutMs?: number;
}

/** Per-plugin metrics and health (admin API, `/health/ready`). */
export interface PluginObservabilityOptions {
  /** How long per-minute request figures are kept (default 24 h). */
  metricsRetentionHours?: number;
  /** Longest run of one `@HealthCheck()` before it counts as down (default 3 s). */
  healthCheckTimeoutMs?: number;
  /** A 5xx share over the last five minutes at or above which an active plugin is `degraded` (default 0.1). */
  degradedErrorRate?: number;
}

export const QUARANTINE_DEFAULTS = { failures: 20, windowSeconds: 60, webhookTimeoutMs: 5_000 } as const;
export const OBSERVABILITY_DEFAULTS = { metricsRetentionHours: 24, healthCheckTimeoutMs: 3_000, degradedErrorRate: 0.1 } as const;
