import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from './configuration.error.js';
import { EXPECTED_FORMS } from './environment-variables.dto.js';
import { DEVELOPMENT_SECRETS_FILE, withDevelopmentSecrets } from './development-secrets.js';
import { loadConfig } from './load-config.js';

const KEY_HEX = 'a'.repeat(64);

function errorOf(env: Record<string, string>): ConfigurationError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted a bad environment');
}

describe('loadConfig', () => {
  it('runs on defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      port: 8082,
      host: '0.0.0.0',
      dataDir: './data',
      databaseUrl: undefined,
      databasePoolSize: 10,
      redisUrl: undefined,
      cacheKeyPrefix: 'tessera:',
      logLevel: 'info',
      logFormat: 'auto',
      bodyLimitBytes: 1_048_576,
      shutdownTimeoutMs: 10_000,
      pluginDirs: ['./plugins'],
      pluginRepositories: [],
      pluginPackageMaxBytes: 52_428_800,
      pluginPackageMaxFiles: 5000,
      quarantineFailures: 20,
      quarantineWindowSeconds: 60,
      quarantineWebhookUrl: undefined,
      jwtSecret: undefined,
      encryptionKey: undefined,
      adminEmail: undefined,
      adminPassword: undefined,
    });
  });

  it('reads and converts every variable, treating empty values as unset', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '9000',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/tessera',
      DATABASE_URL: 'postgres://app:secret@db.internal:5432/tessera',
      DATABASE_POOL_SIZE: '20',
      REDIS_URL: 'redis://cache:6379/0',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      BODY_LIMIT_BYTES: '2048',
      SHUTDOWN_TIMEOUT_MS: '0',
      PLUGIN_DIRS: './plugins, /opt/plugins',
      JWT_SECRET: 'x'.repeat(32),
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      ADMIN_EMAIL: 'admin@example.com',
      ADMIN_PASSWORD: 'correct horse battery',
      LOG_COLOR: '',
    });
    expect(config).toMatchObject({ nodeEnv: 'production', port: 9000, databasePoolSize: 20, bodyLimitBytes: 2048, shutdownTimeoutMs: 0, pluginDirs: ['./plugins', '/opt/plugins'] });
    expect(loadConfig({ PORT: '', REDIS_URL: ' ' })).toMatchObject({ port: 8082, redisUrl: undefined });
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
      redisUrl: 'redis://127.0.0.1:6379',
    });
  });

  it('names every bad variable with its expected form in one message', () => {
    const error = errorOf({ PORT: 'abc', LOG_FORMAT: 'xml', DATABASE_POOL_SIZE: '0' });
    expect(error.problems.map((problem) => problem.variable)).toEqual(['PORT', 'DATABASE_POOL_SIZE', 'LOG_FORMAT']);
    expect(error.message).toContain('PORT must be an integer from 0 to 65535 (got "abc")');
    expect(error.message).toContain('LOG_FORMAT must be one of auto, pretty, json (got "xml")');
    expect(error.message).not.toContain('\n');
  });

  it('never repeats a secret or a URL that may hold a password', () => {
    const error = errorOf({ JWT_SECRET: 'short-secret', DATABASE_URL: 'mysql://root:hunter2@db/x', ENCRYPTION_KEY: 'tooshort' });
    expect(error.problems.map((problem) => problem.variable).sort()).toEqual(['DATABASE_URL', 'ENCRYPTION_KEY', 'JWT_SECRET']);
    expect(error.message).not.toMatch(/short-secret|hunter2|tooshort/);
  });

  it('reads the quarantine settings, and refuses a webhook that is not http(s) without repeating its URL', () => {
    expect(loadConfig({ QUARANTINE_FAILURES: '0', QUARANTINE_WINDOW_SECONDS: '300', QUARANTINE_WEBHOOK_URL: 'https://ops.example.com/hooks/t0ken' })).toMatchObject({
      quarantineFailures: 0,
      quarantineWindowSeconds: 300,
      quarantineWebhookUrl: 'https://ops.example.com/hooks/t0ken',
    });
    const error = errorOf({ QUARANTINE_WEBHOOK_URL: 'ftp://ops.example.com/t0ken', QUARANTINE_WINDOW_SECONDS: '0' });
    expect(error.problems.map((problem) => problem.variable)).toEqual(['QUARANTINE_WINDOW_SECONDS', 'QUARANTINE_WEBHOOK_URL']);
    expect(error.message).not.toContain('t0ken');
  });

  it('reads the plugin repositories and package limits, and refuses a repository that is neither a folder nor http(s)', () => {
    expect(loadConfig({ PLUGIN_REPOSITORIES: ' ./repository , https://plugins.example.com/index.json', PLUGIN_PACKAGE_MAX_BYTES: '2048', PLUGIN_PACKAGE_MAX_FILES: '10' })).toMatchObject({
      pluginRepositories: ['./repository', 'https://plugins.example.com/index.json'],
      pluginPackageMaxBytes: 2048,
      pluginPackageMaxFiles: 10,
    });
    const error = errorOf({ PLUGIN_REPOSITORIES: './repository,ftp://mirror.example.com/index.json', PLUGIN_PACKAGE_MAX_FILES: '0' });
    expect(error.problems.map((problem) => problem.variable)).toEqual(['PLUGIN_REPOSITORIES', 'PLUGIN_PACKAGE_MAX_FILES']);
  });

  it('requires the secrets in production and the admin email and password together', () => {
    expect(errorOf({ NODE_ENV: 'production' }).problems.map((problem) => problem.variable)).toEqual(['JWT_SECRET', 'ENCRYPTION_KEY']);
    expect(errorOf({ ADMIN_EMAIL: 'admin@example.com' }).message).toContain('ADMIN_PASSWORD must be set together with ADMIN_EMAIL');
  });
});

describe('.env.example', () => {
  it('lists every variable and loads as the defaults', () => {
    const example = parseEnv(readFileSync(new URL('../../../../.env.example', import.meta.url), 'utf8'));
    expect(Object.keys(example).sort()).toEqual(Object.keys(EXPECTED_FORMS).sort());
    expect(loadConfig(example)).toEqual(loadConfig({}));
  });
});

describe('withDevelopmentSecrets', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('generates secrets once outside production and reuses them on the next boot', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-config-'));
    dirs.push(dataDir);
    const first = withDevelopmentSecrets(loadConfig({ DATA_DIR: dataDir }));
    const second = withDevelopmentSecrets(loadConfig({ DATA_DIR: dataDir }));
    expect(first.generated).toBe(true);
    expect(first.config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.config.encryptionKey).toMatch(/^[0-9a-f]{64}$/);
    expect(second.config.jwtSecret).toBe(first.config.jwtSecret);
    const file = join(dataDir, DEVELOPMENT_SECRETS_FILE);
    expect(JSON.parse(readFileSync(file, 'utf8')).encryptionKey).toBe(first.config.encryptionKey);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('keeps given secrets and refuses to invent them in production', () => {
    const given = withDevelopmentSecrets({ ...loadConfig({}), jwtSecret: 'j'.repeat(32), encryptionKey: KEY_HEX });
    expect(given).toMatchObject({ generated: false, config: { encryptionKey: KEY_HEX } });
    expect(() => withDevelopmentSecrets({ ...loadConfig({}), nodeEnv: 'production' })).toThrow(ConfigurationError);
  });
});
