import { TesseraError } from '@tessera/sdk';
import { withTimeout } from '../actions/with-timeout.js';
import type { PluginActivity } from '../activity/plugin-activity.js';
import type { PluginLifecycleEvents } from '../lifecycle/plugin-lifecycle-events.js';
import type { PluginLoader } from '../loader/plugin-loader.service.js';
import type { PluginRecord } from '../loader/plugin-record.js';
import type { UnitHealthCheck } from '../unit/plugin-unit.interface.js';
import { OBSERVABILITY_DEFAULTS } from './observability-options.interface.js';
import type { PluginCheckResult, PluginHealth, PluginsReadiness } from './plugin-health.interface.js';
import { RecentErrorRate } from './recent-error-rate.js';

// /health/ready gives the whole plugins component 3 s; every plugin check must end well before.
const READINESS_CHECK_TIMEOUT_MS = 1_000;

export interface PluginHealthOptions {
  checkTimeoutMs?: number;
  degradedErrorRate?: number;
  now?: () => number;
}

/**
 * Answers "is this plugin well?": its state, quarantine, uptime and recent error rate,
 * and its own `@HealthCheck()` methods, each run with a timeout (one that throws or hangs
 * is `down` with the reason, never an exception for the caller).
 *
 * @example
 * const health = await pluginHealth.check('users');
 * // { plugin: 'users', status: 'up', state: 'active', uptime_seconds: 42, error_rate: 0, checks: [{ name: 'database', status: 'up', details: {} }], ... }
 */
export class PluginHealthService {
  private readonly checkTimeoutMs: number;
  private readonly degradedErrorRate: number;
  private readonly now: () => number;
  private readonly errorRate = new RecentErrorRate();

  constructor(
    private readonly loader: PluginLoader,
    activity: PluginActivity,
    events: PluginLifecycleEvents,
    options: PluginHealthOptions = {},
  ) {
    activity.onRequest((sample) => this.errorRate.record(sample.plugin, sample.at, sample.status >= 500));
    events.subscribe({ activated: (record) => this.errorRate.reset(record.name) });
    this.checkTimeoutMs = options.checkTimeoutMs ?? OBSERVABILITY_DEFAULTS.healthCheckTimeoutMs;
    this.degradedErrorRate = options.degradedErrorRate ?? OBSERVABILITY_DEFAULTS.degradedErrorRate;
    this.now = options.now ?? Date.now;
  }

  /** Throws PLUGIN_NOT_FOUND for a name that is not installed. */
  async check(name: string): Promise<PluginHealth> {
    const record = this.loader.get(name);
    if (!record) throw new TesseraError('PLUGIN_NOT_FOUND', `No plugin named "${name}" is installed.`);
    const checks = await this.runChecks(record, this.checkTimeoutMs);
    const errorRate = this.errorRate.rate(name, this.now());
    const serving = record.state === 'active' && !record.quarantine;
    const impaired = checks.some((check) => check.status === 'down') || errorRate >= this.degradedErrorRate;
    return {
      plugin: name,
      status: !serving ? 'down' : impaired ? 'degraded' : 'up',
      state: record.state,
      error: record.error ?? null,
      quarantine: record.quarantine ? { since: record.quarantine.since.toISOString(), reason: record.quarantine.reason } : null,
      uptime_seconds: record.state === 'active' && record.activatedAt ? Math.max(0, Math.floor((this.now() - record.activatedAt.getTime()) / 1000)) : null,
      error_rate: errorRate,
      checks,
    };
  }

  /**
   * The plugin set as `/health/ready` reports it. A plugin in error, a quarantined one or a
   * failing own check make it `degraded`, never down: the host and the other plugins still
   * serve, so the instance must stay in rotation. Disabled plugins are an admin's choice,
   * not a fault.
   */
  async readiness(): Promise<PluginsReadiness> {
    const records = this.loader.list();
    const serving = records.filter((record) => record.state === 'active' && !record.quarantine);
    const results = await Promise.all(serving.map(async (record) => ({ plugin: record.name, checks: await this.runChecks(record, READINESS_CHECK_TIMEOUT_MS) })));
    const failed = records.filter((record) => record.state === 'error').map((record) => record.name);
    const quarantined = records.filter((record) => record.quarantine).map((record) => record.name);
    const failingChecks = results.flatMap(({ plugin, checks }) => checks.filter((check) => check.status === 'down').map((check) => `${plugin}/${check.name}`));
    const troubled = failed.length + quarantined.length + failingChecks.length > 0;
    return { status: troubled ? 'degraded' : 'up', active: serving.length, failed, quarantined, failing_checks: failingChecks };
  }

  private runChecks(record: PluginRecord, timeoutMs: number): Promise<PluginCheckResult[]> {
    // A disabled or failed plugin has no unit to ask; a quarantined one still has, and its checks may say why it fails.
    if (record.state !== 'active' || !record.unit) return Promise.resolve([]);
    return Promise.all(record.unit.healthChecks.map((check) => runCheck(check, timeoutMs)));
  }
}

async function runCheck(check: UnitHealthCheck, timeoutMs: number): Promise<PluginCheckResult> {
  try {
    const result = await withTimeout(
      Promise.resolve().then(() => check.run()),
      timeoutMs,
      () => new Error(`The check did not answer within ${timeoutMs} ms.`),
    );
    if (result?.status === 'up' || result?.status === 'down') return { name: check.name, status: result.status, details: result.details ?? {} };
    return { name: check.name, status: 'down', details: {}, error: `The check returned ${JSON.stringify(result) ?? 'nothing'} instead of { status: 'up' | 'down' }.` };
  } catch (error) {
    return { name: check.name, status: 'down', details: {}, error: (error as Error)?.message ?? String(error) };
  }
}
