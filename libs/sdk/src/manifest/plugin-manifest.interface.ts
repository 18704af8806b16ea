/** One `permissions:` entry of plugin.yaml. */
export interface PermissionRule {
  /** Glob over dotted resource names: `db.*`, `cache.*`, `plugin.audit`, `hook.user_*`. */
  resource: string;
  actions: string[];
  effect: 'allow' | 'deny';
  /** The plugin loads without it and asks `ctx.can()`; an admin grants it. */
  optional?: boolean;
}

/** One key of the `config:` schema of plugin.yaml. */
export interface ConfigFieldSchema {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  default?: unknown;
  description?: string;
  min?: number;
  max?: number;
  enum?: unknown[];
  pattern?: string;
  required?: boolean;
  /** Never returned unmasked except to holders of `plugins.secrets`. */
  secret?: boolean;
  /** Changing it needs a plugin restart; otherwise the plugin sees the new value at once. */
  restart_required?: boolean;
}

/** plugin.yaml once parsed, validated and interpolated. Field names are the YAML's. */
export interface PluginManifest {
  name: string;
  version: string;
  author?: string;
  description?: string;
  category?: string;
  tags: string[];
  license?: string;
  homepage?: string;
  execution_mode: 'trusted' | 'sandboxed';
  framework_version: string;
  entry_point: string;
  dependencies: { plugins: Record<string, string>; packages: Record<string, string> };
  permissions: PermissionRule[];
  resources: {
    timeout_seconds: number;
    rate_limit?: { calls: number; period_seconds: number };
    memory_mb?: number;
  };
  /** Values after `${VAR}` / `${VAR:-default}` interpolation. */
  env: Record<string, string>;
  config: Record<string, ConfigFieldSchema>;
  hooks: string[];
  endpoints: string[];
  /** Extra top-level sections (for example `pagination:`), handed to the plugin as settings. */
  settings: Record<string, unknown>;
}
