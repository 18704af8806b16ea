import { TesseraError, type PermissionRule } from '@tessera/sdk';
import { PluginConfigSchema } from '../config/plugin-config-schema.js';
import { PermissionSet } from '../permissions/permission-set.js';
import type { PluginStateStore } from '../state/plugin-state.store.js';
import type { PluginLoader } from './plugin-loader.service.js';
import type { PluginRecord } from './plugin-record.js';

/** A plugin's config as admins see it. */
export interface PluginConfigView {
  values: Record<string, unknown>;
  /** Keys whose change takes effect only after a restart (empty: the plugin already sees it). */
  restart_required: string[];
}

/** A plugin's permissions as admins see them. */
export interface PluginPermissionsView {
  requested: PermissionRule[];
  granted: PermissionRule[];
  /** Requested rules that are not granted now (optional ones until an admin grants them). */
  denied: PermissionRule[];
}

/**
 * Changes a plugin's config and granted permissions. Both are stored (so every instance
 * and the next boot see them) and applied to the running plugin at once: it reads config
 * and permissions live, so no restart is needed unless a key says `restart_required`.
 */
export class PluginSettings {
  constructor(
    private readonly loader: PluginLoader,
    private readonly store: PluginStateStore,
  ) {}

  async config(name: string, options: { includeSecrets?: boolean } = {}): Promise<PluginConfigView & { schema: Record<string, unknown> }> {
    const { record, schema } = this.schemaOf(name);
    const row = await this.store.ensure(record.manifest!);
    const values = schema.resolve(row.config);
    return { values: options.includeSecrets ? values : schema.mask(values), restart_required: [], schema: record.manifest!.config };
  }

  /** Validates and stores `changes` (merged over the stored values; `null` unsets a key). */
  async configure(name: string, changes: Record<string, unknown>): Promise<PluginConfigView> {
    const { record, schema } = this.schemaOf(name);
    const row = await this.store.ensure(record.manifest!);
    const merged: Record<string, unknown> = { ...row.config, ...schema.unmask(changes, row.config) };
    for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
    schema.validate(merged);
    const changed = Object.keys(changes).filter((key) => JSON.stringify(row.config[key]) !== JSON.stringify(merged[key]));
    await this.store.update(name, { config: merged });
    const live = this.loader.live(name);
    const restartRequired = schema.restartRequired(changed);
    if (live) {
      // Keys that need a restart keep their old value until then; the others apply now.
      const applied = { ...merged };
      for (const key of restartRequired) {
        if (key in row.config) applied[key] = row.config[key];
        else delete applied[key];
      }
      live.config = Object.freeze(schema.resolve(applied));
    }
    return { values: schema.mask(schema.resolve(merged)), restart_required: restartRequired };
  }

  async permissions(name: string): Promise<PluginPermissionsView> {
    const record = this.requireManifest(name);
    const row = await this.store.ensure(record.manifest!);
    return view(record.manifest!.permissions, row.granted);
  }

  /** Replaces the granted rules; the plugin is held to them from its next call on. */
  async grant(name: string, granted: PermissionRule[]): Promise<PluginPermissionsView> {
    const record = this.requireManifest(name);
    const rules = granted.map((rule, index) => checkedRule(rule, index));
    await this.store.ensure(record.manifest!);
    await this.store.update(name, { granted: rules });
    const live = this.loader.live(name);
    if (live) live.permissions = new PermissionSet(rules);
    return view(record.manifest!.permissions, rules);
  }

  private schemaOf(name: string): { record: PluginRecord; schema: PluginConfigSchema } {
    const record = this.requireManifest(name);
    return { record, schema: new PluginConfigSchema(name, record.manifest!.config) };
  }

  private requireManifest(name: string): PluginRecord {
    const record = this.loader.get(name);
    if (!record) throw new TesseraError('PLUGIN_NOT_FOUND', `No plugin named "${name}" is installed.`);
    if (!record.manifest) throw new TesseraError('PLUGIN_CONFIGURATION_ERROR', `Plugin "${name}" has no valid manifest: ${record.error?.message}`);
    return record;
  }
}

function view(requested: PermissionRule[], granted: PermissionRule[]): PluginPermissionsView {
  const key = (rule: PermissionRule) => `${rule.effect}|${rule.resource}|${[...rule.actions].sort().join(',')}`;
  const grantedKeys = new Set(granted.map(key));
  return { requested, granted, denied: requested.filter((rule) => !grantedKeys.has(key(rule))) };
}

function checkedRule(rule: PermissionRule, index: number): PermissionRule {
  const field = `granted[${index}]`;
  const problems: Array<{ field: string; message: string }> = [];
  if (typeof rule?.resource !== 'string' || rule.resource.trim() === '') problems.push({ field: `${field}.resource`, message: 'must be a resource name or glob, such as cache.* or plugin.users' });
  if (!Array.isArray(rule?.actions) || rule.actions.length === 0 || !rule.actions.every((action) => typeof action === 'string' && action !== '')) {
    problems.push({ field: `${field}.actions`, message: 'must be a non-empty list of action names, such as [read, write]' });
  }
  const effect = rule?.effect ?? 'allow';
  if (effect !== 'allow' && effect !== 'deny') problems.push({ field: `${field}.effect`, message: 'must be allow or deny' });
  if (problems.length > 0) throw new TesseraError('VALIDATION_ERROR', `Invalid permission rule: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  return { resource: rule.resource, actions: [...rule.actions], effect };
}
