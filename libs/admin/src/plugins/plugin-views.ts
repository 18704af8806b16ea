import type { PermissionRule, PluginManifest } from '@tessera/sdk';
import { SECRET_MASK, type PluginRecord, type PluginStateEntity } from '@tessera/kernel';
import type { PluginStatus } from './dto/plugin-list.query.dto.js';

/** Env keys whose values are masked in plugin details: they usually carry host secrets (`${JWT_SECRET}`). */
const SECRET_ENV_KEY = /SECRET|TOKEN|KEY|PASSWORD|PASSWD|CREDENTIAL|PRIVATE/i;

/** A plugin's status as admins filter and count it: its state, or `quarantined`. */
export function pluginStatus(record: PluginRecord): PluginStatus {
  return record.quarantine ? 'quarantined' : record.state;
}

/** Seconds since the running unit started; null when it is not running. */
export function uptimeSeconds(record: PluginRecord, now = Date.now()): number | null {
  return record.unit && record.activatedAt ? Math.max(0, Math.round((now - record.activatedAt.getTime()) / 1000)) : null;
}

/** One line of the plugin list. */
export function pluginSummaryView(record: PluginRecord, row: PluginStateEntity | undefined) {
  const manifest = record.manifest;
  return {
    name: record.name,
    version: manifest?.version ?? row?.version ?? null,
    description: manifest?.description ?? null,
    category: manifest?.category ?? null,
    author: manifest?.author ?? null,
    execution_mode: manifest?.execution_mode ?? null,
    status: pluginStatus(record),
    state: record.state,
    enabled: row ? row.enabled : record.state !== 'inactive',
    error: record.error ?? null,
    quarantine: record.quarantine ?? null,
    disabled_reason: record.disabledReason ?? null,
    dependencies: Object.keys(manifest?.dependencies.plugins ?? {}),
    endpoints: record.unit?.routes.length ?? 0,
    hooks: record.unit?.hooks.length ?? 0,
    actions: record.unit?.actions.length ?? 0,
    activated_at: record.unit ? (record.activatedAt ?? null) : null,
    uptime_seconds: uptimeSeconds(record),
  };
}

/** The manifest as admins see it: env values that look secret are masked for everyone. */
export function manifestView(manifest: PluginManifest) {
  return { ...manifest, env: maskedEnv(manifest.env), config: maskedSchema(manifest.config) };
}

export function maskedEnv(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, SECRET_ENV_KEY.test(key) && value !== '' ? SECRET_MASK : value]));
}

/** The config schema without the default values of secret keys (a default is a value too). */
export function maskedSchema(schema: PluginManifest['config']): PluginManifest['config'] {
  return Object.fromEntries(
    Object.entries(schema).map(([key, field]) => [key, field.secret && field.default !== undefined ? { ...field, default: SECRET_MASK } : field]),
  );
}

/** Hook names (or globs) the granted rules let the plugin emit, and those denied to it. */
export function emitRules(granted: PermissionRule[]): { allowed: string[]; denied: string[] } {
  const hooks = (effect: PermissionRule['effect']) =>
    granted
      .filter((rule) => rule.effect === effect && rule.resource.startsWith('hook.') && rule.actions.some((action) => action === 'emit' || action === '*'))
      .map((rule) => rule.resource.slice('hook.'.length));
  return { allowed: hooks('allow'), denied: hooks('deny') };
}
