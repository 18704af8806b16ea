import { TesseraError } from '@tessera/sdk';

/** The manifest's `pagination:` section, checked. */
export interface PageSettings {
  defaultPageSize: number;
  maxPageSize: number;
}

const DEFAULTS: PageSettings = { defaultPageSize: 20, maxPageSize: 100 };

/**
 * Reads `pagination: { default_page_size, max_page_size }` from the plugin's settings (the
 * extra sections of plugin.yaml). Missing keys take the defaults (20, 100); a bad value stops
 * the plugin at load with a message naming it, rather than paging wrongly later.
 *
 * @example
 * const pages = readPageSettings(ctx.settings); // { defaultPageSize: 20, maxPageSize: 100 }
 */
export function readPageSettings(settings: Readonly<Record<string, unknown>>): PageSettings {
  const section = (settings.pagination ?? {}) as Record<string, unknown>;
  if (typeof section !== 'object' || section === null || Array.isArray(section)) {
    throw new TesseraError('PLUGIN_CONFIGURATION_ERROR', 'plugins/users/plugin.yaml: "pagination" must be a map like { default_page_size: 20, max_page_size: 100 }.');
  }
  const maxPageSize = positiveInteger(section.max_page_size, 'max_page_size', DEFAULTS.maxPageSize);
  const defaultPageSize = positiveInteger(section.default_page_size, 'default_page_size', Math.min(DEFAULTS.defaultPageSize, maxPageSize));
  if (defaultPageSize > maxPageSize) {
    throw new TesseraError(
      'PLUGIN_CONFIGURATION_ERROR',
      `plugins/users/plugin.yaml: "pagination.default_page_size" (${defaultPageSize}) must not be greater than "pagination.max_page_size" (${maxPageSize}).`,
    );
  }
  return { defaultPageSize, maxPageSize };
}

function positiveInteger(value: unknown, key: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  throw new TesseraError('PLUGIN_CONFIGURATION_ERROR', `plugins/users/plugin.yaml: "pagination.${key}" must be an integer of at least 1 (got ${JSON.stringify(value)}).`);
}
