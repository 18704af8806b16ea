import { Injectable } from '@nestjs/common';
import { PluginLoader, PluginLogStore, PluginMetricsStore, PluginSettings, PluginStateStore, type PluginRecord } from '@tessera/kernel';
import { TesseraError } from '@tessera/sdk';
import { type PluginListQueryDto, type PluginStatus } from './dto/plugin-list.query.dto.js';
import { emitRules, manifestView, pluginStatus, pluginSummaryView, uptimeSeconds } from './plugin-views.js';

/** How many of a plugin's latest log lines its details show. */
const RECENT_LOGS = 20;

/**
 * Builds the plugin list and a plugin's details from what the kernel knows (records,
 * running units, metrics) and what it stores (state rows, config, grants, logs).
 *
 * @example
 * const { items, summary } = await presenter.list({ status: 'active', search: 'user' });
 * const details = await presenter.details('hello');
 */
@Injectable()
export class PluginPresenter {
  constructor(
    private readonly loader: PluginLoader,
    private readonly store: PluginStateStore,
    private readonly settings: PluginSettings,
    private readonly logs: PluginLogStore,
    private readonly metrics: PluginMetricsStore,
  ) {}

  /** The plugins matching `query`, and counts by status over every plugin (the filters do not change them). */
  async list(query: PluginListQueryDto) {
    const rows = new Map((await this.store.all()).map((row) => [row.name, row]));
    const records = this.loader.list();
    const search = query.search?.toLowerCase();
    const items = records
      .filter((record) => !query.status || pluginStatus(record) === query.status)
      .filter((record) => query.include_disabled !== false || record.state !== 'inactive')
      .filter((record) => !query.category || record.manifest?.category === query.category)
      .filter((record) => !search || record.name.toLowerCase().includes(search) || (record.manifest?.description ?? '').toLowerCase().includes(search))
      .map((record) => pluginSummaryView(record, rows.get(record.name)));
    const summary: Record<'total' | PluginStatus, number> = { total: records.length, active: 0, inactive: 0, error: 0, loading: 0, quarantined: 0 };
    for (const record of records) summary[pluginStatus(record)]++;
    return { items, summary };
  }

  async details(name: string) {
    const record = this.require(name);
    const row = (await this.store.get(name)) ?? undefined;
    const unit = record.unit;
    const manifest = record.manifest;
    return {
      ...pluginSummaryView(record, row),
      warnings: record.warnings,
      manifest: manifest ? manifestView(manifest) : null,
      dependencies: Object.entries(manifest?.dependencies.plugins ?? {}).map(([dependency, range]) => ({
        name: dependency,
        range,
        state: this.loader.get(dependency)?.state ?? 'missing',
      })),
      dependents: this.loader.dependentsOf(name),
      permissions: manifest ? await this.settings.permissions(name) : null,
      endpoints: unit?.routes.map((route) => ({ method: route.method, path: route.path })) ?? [],
      hooks: {
        subscribed: unit?.hooks.map((hook) => ({ hook: hook.hook, kind: hook.kind, priority: hook.priority })) ?? [],
        emitted: emitRules(row?.granted ?? []),
        declared: manifest?.hooks ?? [],
      },
      actions: unit?.actions.map((action) => action.name) ?? [],
      tasks: unit?.tasks.map((task) => task.name) ?? [],
      health_checks: unit?.healthChecks.map((check) => check.name) ?? [],
      config: manifest ? (await this.settings.config(name)).values : null,
      metrics: this.metrics.summary(name),
      recent_logs: this.logs.query(name, { perPage: RECENT_LOGS }).items,
      installed_at: row?.installedAt ?? null,
      last_updated: row?.updatedAt ?? null,
      uptime_seconds: uptimeSeconds(record),
    };
  }

  private require(name: string): PluginRecord {
    const record = this.loader.get(name);
    if (!record) throw new TesseraError('PLUGIN_NOT_FOUND', `No plugin named "${name}" is installed; list them with GET /api/v1/plugins.`);
    return record;
  }
}
