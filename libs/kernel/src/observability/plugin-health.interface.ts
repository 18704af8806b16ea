import type { PluginFailure, PluginState } from '../loader/plugin-record.js';

/** One `@HealthCheck()` of a plugin, as run just now. */
export interface PluginCheckResult {
  name: string;
  status: 'up' | 'down';
  details: Record<string, unknown>;
  /** Why it is down when it threw or did not answer in time. */
  error?: string;
}

/**
 * A plugin's health. `up`: active, not quarantined, every check up, error rate under the
 * threshold. `degraded`: active and serving, but a check is down or too many requests
 * fail. `down`: not serving (disabled, failed, loading or quarantined).
 */
export interface PluginHealth {
  plugin: string;
  status: 'up' | 'degraded' | 'down';
  state: PluginState;
  /** Why it is in `error`. */
  error: PluginFailure | null;
  quarantine: { since: string; reason: string } | null;
  /** Seconds since the running unit was activated (or last restarted); null when not active. */
  uptime_seconds: number | null;
  /** Share of 5xx answers of the running instance over the last five minutes (since its activation if that is more recent). */
  error_rate: number;
  checks: PluginCheckResult[];
}

/** The plugin set for `/health/ready`: degraded (never down) when one of them is in trouble. */
export interface PluginsReadiness {
  status: 'up' | 'degraded';
  active: number;
  /** Plugins in state `error`. */
  failed: string[];
  quarantined: string[];
  /** `plugin/check` of every own check that is down. */
  failing_checks: string[];
}
