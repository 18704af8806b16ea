import type { ConfigFieldSchema } from '@tessera/sdk';
import { describe, expect, it } from 'vitest';
import { PluginConfigSchema, SECRET_MASK } from './plugin-config-schema.js';

const FIELDS: Record<string, ConfigFieldSchema> = {
  page_size: { type: 'integer', default: 20, min: 1, max: 100 },
  ratio: { type: 'number', default: 0.5, min: 0, max: 1 },
  greeting: { type: 'string', default: 'Hello', min: 2, max: 20 },
  mode: { type: 'string', default: 'fast', enum: ['fast', 'safe'], restart_required: true },
  code: { type: 'string', pattern: '^[A-Z]{3}$' },
  enabled: { type: 'boolean', default: true },
  words: { type: 'array', default: ['spam'], max: 3 },
  api_key: { type: 'string', secret: true, required: true, restart_required: true },
  webhook_secret: { type: 'string', secret: true },
};

const schema = new PluginConfigSchema('users', FIELDS);

function configError(values: Record<string, unknown>) {
  try {
    schema.validate(values);
  } catch (error) {
    return error as { code: string; status: number; message: string; details: Array<{ field: string; message: string }> };
  }
  throw new Error('expected validate to throw');
}

describe('PluginConfigSchema.resolve', () => {
  it('fills the defaults and keeps the stored values', () => {
    expect(schema.resolve({ api_key: 'k', page_size: 50 })).toEqual({
      page_size: 50,
      ratio: 0.5,
      greeting: 'Hello',
      mode: 'fast',
      enabled: true,
      words: ['spam'],
      api_key: 'k',
    });
  });

  it('treats null as not set, so the default applies', () => {
    expect(schema.resolve({ api_key: 'k', page_size: null }).page_size).toBe(20);
  });

  it('drops stored keys the schema no longer has (a plugin update removed them)', () => {
    expect(schema.resolve({ api_key: 'k', removed_in_v2: 1 })).not.toHaveProperty('removed_in_v2');
  });

  it('fails when a required value without default is missing', () => {
    expect(() => schema.resolve({})).toThrow('Invalid configuration for plugin "users": api_key is required.');
  });

  it('hands out copies: changing the resolved config leaves the defaults alone', () => {
    (schema.resolve({ api_key: 'k' }).words as string[]).push('scam');
    expect(schema.resolve({ api_key: 'k' }).words).toEqual(['spam']);
  });
});

describe('PluginConfigSchema.validate', () => {
  it('accepts valid values', () => {
    expect(() => schema.validate({ api_key: 'k', page_size: 100, ratio: 1, code: 'ABC', words: [] })).not.toThrow();
  });

  it('names every bad field in details', () => {
    const error = configError({
      api_key: 'k',
      page_size: 500,
      ratio: 1.5,
      greeting: 'H',
      mode: 'turbo',
      code: 'abc',
      enabled: 'yes',
      words: ['a', 'b', 'c', 'd'],
    });
    expect(error.code).toBe('PLUGIN_CONFIGURATION_ERROR');
    expect(error.status).toBe(400);
    expect(error.details).toEqual([
      { field: 'page_size', message: 'must be <= 100 (got 500)' },
      { field: 'ratio', message: 'must be <= 1 (got 1.5)' },
      { field: 'greeting', message: 'must be at least 2 characters long (got "H")' },
      { field: 'mode', message: 'must be one of "fast", "safe" (got "turbo")' },
      { field: 'code', message: 'must be a string matching /^[A-Z]{3}$/ (got "abc")' },
      { field: 'enabled', message: 'must be a boolean (true or false) (got "yes")' },
      { field: 'words', message: 'must be a list of at most 3 items (got ["a","b","c","d"])' },
    ]);
    expect(error.message).toContain('Invalid configuration for plugin "users": page_size must be <= 100 (got 500); ratio must be <= 1');
  });

  it('tells an integer from a number', () => {
    expect(configError({ api_key: 'k', page_size: 2.5 }).details).toEqual([{ field: 'page_size', message: 'must be an integer (got 2.5)' }]);
    expect(() => schema.validate({ api_key: 'k', ratio: 0.25 })).not.toThrow();
  });

  it('refuses unknown keys, suggesting the one meant', () => {
    expect(configError({ api_key: 'k', page_sise: 10 }).details).toEqual([
      {
        field: 'page_sise',
        message: 'is not a known field; did you mean "page_size"? (known: page_size, ratio, greeting, mode, code, enabled, words, api_key, webhook_secret)',
      },
    ]);
  });

  it('never echoes a secret value in its errors', () => {
    const error = configError({ api_key: 12345 });
    expect(error.details).toEqual([{ field: 'api_key', message: 'must be a string (the value is secret, so not shown)' }]);
    expect(error.message).not.toContain('12345');
  });

  it('requires the required values that have no default', () => {
    expect(configError({}).details).toEqual([{ field: 'api_key', message: 'is required' }]);
  });
});

describe('PluginConfigSchema secrets and restarts', () => {
  it('masks the secrets that are set and leaves unset ones visible as unset', () => {
    expect(schema.mask({ page_size: 20, api_key: 'k', webhook_secret: null })).toEqual({ page_size: 20, api_key: SECRET_MASK, webhook_secret: null });
    expect(SECRET_MASK).toBe('********');
  });

  it('keeps a stored secret when the masked value comes back unchanged', () => {
    const stored = { api_key: 'real-key', page_size: 20 };
    expect(schema.unmask({ api_key: SECRET_MASK, page_size: 30 }, stored)).toEqual({ api_key: 'real-key', page_size: 30 });
    expect(schema.unmask({ api_key: 'new-key' }, stored)).toEqual({ api_key: 'new-key' });
  });

  it('lists the changed keys that need a restart', () => {
    expect(schema.restartRequired(['page_size', 'mode', 'api_key', 'unknown'])).toEqual(['mode', 'api_key']);
    expect(schema.restartRequired([])).toEqual([]);
  });
});
