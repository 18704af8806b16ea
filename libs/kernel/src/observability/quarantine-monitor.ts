import type { Logger } from 'pino';
import type { PluginActivity, PluginFailureSignal } from '../activity/plugin-activity.js';
import type { PluginLogStore } from '../context/plugin-log-store.js';
import type { PluginLifecycleEvents } from '../lifecycle/plugin-lifecycle-events.js';
import type { PluginLoader } from '../loader/plugin-loader.service.js';
import { postAlert } from './alert-webhook.js';
import { QUARANTINE_DEFAULTS, type QuarantineOptions } from './observability-options.interface.js';

/**
 * Fault isolation: counts each plugin's failures (5xx answers, failed hook handlers,
 * failed or timed-out actions) in a sliding window, and when `failures` of them fall
 * within `windowSeconds`, has the loader quarantine the plugin (503 PLUGIN_QUARANTINED,
 * hooks and actions out, the `plugin_quarantined` hook), writes it to the plugin's logs and
 * POSTs the optional webhook. Every activation (a restart, an enable) starts a fresh window.
 * Memory: at most `failures` timestamps per plugin.
 *
 * @example
 * new QuarantineMonitor(loader, activity, events, logs, logger, { failures: 20, windowSeconds: 60, webhookUrl: 'https://ops.example.com/hooks/tessera' });
 */
export class QuarantineMonitor {
  private readonly windows = new Map<string, number[]>();
  private readonly tripping = new Set<string>();
  private readonly failures: number;
  private readonly windowMs: number;

  constructor(
    private readonly loader: PluginLoader,
    activity: PluginActivity,
    events: PluginLifecycleEvents,
    private readonly logs: PluginLogStore,
    private readonly logger: Logger,
    private readonly options: QuarantineOptions = {},
  ) {
    this.failures = options.failures ?? QUARANTINE_DEFAULTS.failures;
    this.windowMs = (options.windowSeconds ?? QUARANTINE_DEFAULTS.windowSeconds) * 1000;
    if (this.failures <= 0) return;
    activity.onFailure((signal) => this.count(signal));
    events.subscribe({ activated: (record) => void this.windows.delete(record.name) });
  }

  private count(signal: PluginFailureSignal): void {
    const record = this.loader.get(signal.plugin);
    if (!record || record.state !== 'active' || record.quarantine || this.tripping.has(signal.plugin)) return;
    let window = this.windows.get(signal.plugin);
    if (!window) this.windows.set(signal.plugin, (window = []));
    window.push(signal.at);
    while (window.length > 0 && (window[0] <= signal.at - this.windowMs || window.length > this.failures)) window.shift();
    if (window.length >= this.failures) void this.trip(signal);
  }

  private async trip(signal: PluginFailureSignal): Promise<void> {
    const plugin = signal.plugin;
    this.tripping.add(plugin);
    this.windows.delete(plugin);
    const windowSeconds = this.windowMs / 1000;
    const reason = `${this.failures} failures within ${windowSeconds} s, the last one: ${signal.message}`;
    try {
      if (!(await this.loader.quarantine(plugin, reason))) return;
      const since = this.loader.get(plugin)?.quarantine?.since ?? new Date();
      this.logs.append(plugin, { time: since.toISOString(), level: 'error', message: `Quarantined: ${reason}. An admin can restart the plugin to bring it back.` });
      await this.notify({ event: 'plugin_quarantined', plugin, reason, failures: this.failures, window_seconds: windowSeconds, last_failure: { source: signal.source, message: signal.message }, since: since.toISOString() });
    } catch (error) {
      this.logger.error({ plugin, err: error }, `Plugin ${plugin} could not be quarantined: ${(error as Error)?.message ?? error}`);
    } finally {
      this.tripping.delete(plugin);
    }
  }

  private async notify(body: Record<string, unknown>): Promise<void> {
    const url = this.options.webhookUrl;
    if (!url) return;
    const timeoutMs = this.options.webhookTimeoutMs ?? QUARANTINE_DEFAULTS.webhookTimeoutMs;
    try {
      await postAlert(url, body, timeoutMs);
    } catch (error) {
      this.logger.warn({ plugin: body.plugin }, `The quarantine webhook was not delivered (${(error as Error)?.message ?? error}); check the quarantine webhook URL.`);
    }
  }
}
