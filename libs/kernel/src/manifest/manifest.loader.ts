import { join, resolve } from 'node:path';
import type { ConfigFieldSchema, PermissionRule, PluginManifest } from '@tessera/sdk';
import { didYouMean } from '../config/did-you-mean.js';
import { compileSchema } from '../config/json-schema.validator.js';
import { describeSchemaErrors, formatPath, type SchemaProblem } from '../config/schema-error.messages.js';
import { interpolateEnv } from './env.interpolation.js';
import { checkConfigSection } from './manifest-config.checks.js';
import { MANIFEST_FIELDS, MANIFEST_FILE, PLUGIN_MANIFEST_SCHEMA } from './manifest-schema.constants.js';
import { ManifestError, type ManifestProblem } from './manifest.exception.js';
import { readManifestYaml } from './manifest-yaml.reader.js';

/** A valid manifest and what the author should still look at. */
export interface LoadedManifest {
  manifest: PluginManifest;
  /** Non-fatal remarks, e.g. `unknown field "entrypoint" (kept in settings): did you mean "entry_point"?`. */
  warnings: string[];
}

/** plugin.yaml after Ajv filled the defaults: every contract field is present. */
type RawManifest = Omit<PluginManifest, 'settings'> & Record<string, unknown>;

const KNOWN = new Set(MANIFEST_FIELDS);

function toManifest(raw: RawManifest, env: Record<string, string>, settings: Record<string, unknown>): PluginManifest {
  const optional = Object.fromEntries(
    (['author', 'description', 'category', 'license', 'homepage'] as const).filter((key) => raw[key] !== undefined).map((key) => [key, raw[key]]),
  );
  const permissions: PermissionRule[] = raw.permissions.map((rule) =>
    rule.optional === undefined
      ? { resource: rule.resource, actions: rule.actions, effect: rule.effect }
      : { resource: rule.resource, actions: rule.actions, effect: rule.effect, optional: rule.optional },
  );
  return {
    name: raw.name,
    version: raw.version,
    ...optional,
    tags: raw.tags,
    execution_mode: raw.execution_mode,
    framework_version: raw.framework_version,
    entry_point: raw.entry_point,
    dependencies: { plugins: raw.dependencies.plugins, packages: raw.dependencies.packages },
    permissions,
    resources: raw.resources,
    env,
    config: raw.config as Record<string, ConfigFieldSchema>,
    hooks: raw.hooks,
    endpoints: raw.endpoints,
    settings,
  };
}

/** Sections whose own checks need them to have passed the schema first. */
function failedKeys(problems: SchemaProblem[], section: string): Set<string> {
  return new Set(problems.filter((problem) => problem.path[0] === section).map((problem) => String(problem.path[1])));
}

/**
 * Reads `<pluginDir>/plugin.yaml`, checks every field of the plugin contract, fills the defaults
 * and interpolates `${VAR}` / `${VAR:-default}` in `env:` from `env`. Unknown top-level keys
 * become `settings`; one that looks like a misspelt field also yields a warning.
 *
 * @throws ManifestError (PLUGIN_MANIFEST_INVALID) naming the file and each bad field.
 * @example
 * const { manifest, warnings } = loadManifest('plugins/users');
 * manifest.entry_point;   // 'dist/index.js' unless plugin.yaml says otherwise
 * // a bad version throws:
 * // plugins/broken/plugin.yaml: field "version" must be a semver version like 1.2.0 (got "1.x")
 */
export function loadManifest(pluginDir: string, env: NodeJS.ProcessEnv = process.env): LoadedManifest {
  const file = join(resolve(pluginDir), MANIFEST_FILE);
  const source = readManifestYaml(file);
  const data = source.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ManifestError(file, [{ field: '', message: `must be a YAML mapping of fields such as "name: users" (got ${data === null ? 'an empty file' : 'a list or a value'})` }]);
  }

  const validate = compileSchema(PLUGIN_MANIFEST_SCHEMA);
  const problems = validate(data) ? [] : describeSchemaErrors(validate.errors ?? [], { yaml: true });
  const raw = data as RawManifest;
  const warnings = [...source.warnings];

  let envValues: Record<string, string> = {};
  if (!problems.some((problem) => problem.path[0] === 'env')) {
    const interpolated = interpolateEnv(raw.env, env);
    envValues = interpolated.values;
    problems.push(...interpolated.problems);
  }
  if (!problems.some((problem) => problem.path[0] === 'config' && problem.path.length === 1)) {
    const configReport = checkConfigSection(raw.config as Record<string, ConfigFieldSchema>, failedKeys(problems, 'config'));
    problems.push(...configReport.problems);
    warnings.push(...configReport.warnings);
  }

  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (KNOWN.has(key)) continue;
    settings[key] = value;
    const meant = didYouMean(key, MANIFEST_FIELDS);
    if (meant) warnings.push(`unknown field "${key}" (kept in settings): did you mean "${meant}"?`);
  }

  if (problems.length > 0) {
    const located = problems.map((problem): ManifestProblem => {
      const line = source.lineOf(problem.path);
      const field = formatPath(problem.path);
      return line === undefined ? { field, message: problem.message } : { field, message: problem.message, line };
    });
    // File order reads best; sort is stable, so problems on one line keep the schema's order.
    located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new ManifestError(file, located, warnings);
  }
  return { manifest: toManifest(raw, envValues, settings), warnings };
}
