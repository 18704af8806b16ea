import type { ValidateFunction } from 'ajv';
import { TesseraError, type ConfigFieldSchema } from '@tessera/sdk';
import { configJsonSchema } from './config-json-schema.js';
import { compileSchema } from './json-schema.validator.js';
import { describeSchemaErrors, formatPath } from './schema-error.messages.js';

/** What a secret value looks like outside the database. */
export const SECRET_MASK = '********';

/** One bad value in `details` of a PLUGIN_CONFIGURATION_ERROR. */
export interface ConfigFieldError {
  field: string;
  message: string;
}

/** null means "not set" (an admin clears a value by sending null), so it never reaches validation. */
function withoutUnset(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null && value !== undefined));
}

/**
 * The `config:` schema of one plugin, compiled once: fills defaults, validates values (admin
 * writes and stored values alike), masks secrets and tells which changes need a restart.
 *
 * @example
 * const schema = new PluginConfigSchema('users', manifest.config);
 * const config = schema.resolve(storedValues);   // defaults + stored, validated
 * schema.validate({ page_size: 500 });           // throws PLUGIN_CONFIGURATION_ERROR naming page_size
 * schema.mask(config);                           // { page_size: 20, api_key: '********' }
 */
export class PluginConfigSchema {
  private readonly validator: ValidateFunction;
  private readonly defaults: Record<string, unknown> = {};

  constructor(
    readonly pluginName: string,
    readonly fields: Record<string, ConfigFieldSchema>,
  ) {
    this.validator = compileSchema(configJsonSchema(fields));
    for (const [key, field] of Object.entries(fields)) {
      if (field.default !== undefined) this.defaults[key] = field.default;
    }
  }

  /**
   * Defaults overlaid with the stored values, validated. Stored keys the schema no longer has (a
   * plugin update removed them) are dropped rather than failing the plugin's start.
   */
  resolve(stored: Record<string, unknown>): Record<string, unknown> {
    const known = Object.entries(withoutUnset(stored)).filter(([key]) => Object.hasOwn(this.fields, key));
    // Cloned so that a plugin mutating its config (an array default, say) cannot change the schema.
    const values = { ...structuredClone(this.defaults), ...Object.fromEntries(known) };
    this.validate(values);
    return values;
  }

  /**
   * Checks a complete set of values: types, bounds, enums, patterns, required fields without a
   * default, and no unknown keys. null or undefined counts as not set.
   *
   * @throws TesseraError PLUGIN_CONFIGURATION_ERROR with `details: ConfigFieldError[]`, one per bad field.
   */
  validate(values: Record<string, unknown>): void {
    if (this.validator(withoutUnset(values))) return;
    const conceal = (path: ReadonlyArray<string | number>) => this.fields[String(path[0])]?.secret === true;
    const details: ConfigFieldError[] = describeSchemaErrors(this.validator.errors ?? [], { conceal }).map((problem) => ({
      field: formatPath(problem.path),
      message: problem.message,
    }));
    const summary = details.map((detail) => `${detail.field} ${detail.message}`).join('; ');
    throw new TesseraError(
      'PLUGIN_CONFIGURATION_ERROR',
      `Invalid configuration for plugin "${this.pluginName}": ${summary}. Correct these values and save again.`,
      details,
    );
  }

  /** A copy with every secret that is set replaced by `********`; unset secrets stay unset so admins see them missing. */
  mask(values: Record<string, unknown>): Record<string, unknown> {
    const masked = { ...values };
    for (const [key, value] of Object.entries(values)) {
      if (this.fields[key]?.secret && value !== undefined && value !== null && value !== '') masked[key] = SECRET_MASK;
    }
    return masked;
  }

  /**
   * Undoes `mask` on values an admin sends back: a secret still equal to `********` keeps its
   * stored value, so saving a form read from the API does not overwrite the secret with stars.
   */
  unmask(incoming: Record<string, unknown>, stored: Record<string, unknown>): Record<string, unknown> {
    const values = { ...incoming };
    for (const [key, value] of Object.entries(incoming)) {
      if (this.fields[key]?.secret && value === SECRET_MASK) values[key] = stored[key];
    }
    return values;
  }

  /** The keys among `changedKeys` declared `restart_required: true`, in the order given. */
  restartRequired(changedKeys: Iterable<string>): string[] {
    return [...changedKeys].filter((key) => this.fields[key]?.restart_required === true);
  }
}
