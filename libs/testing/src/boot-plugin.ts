import { randomBytes } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { createTesseraApp, type TesseraApp, type TesseraConfig } from '@tessera/core';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import { discoverPlugins, PluginLoader } from '@tessera/kernel';
import { TesseraError } from '@tessera/sdk';
import type { BootPluginOptions } from './boot-plugin-options.interface.js';
import { PluginBootError } from './plugin-boot.error.js';
import { PluginHarness } from './plugin-harness.js';
import { withProcessEnv } from './process-env.js';
import { StoredConfigModule } from './stored-config.module.js';

const DEFAULT_PLUGIN_DIRS = ['./plugins'];

/**
 * Boots a real Tessera host with one plugin (and the plugins it depends on) on a fresh test
 * database (`createTestDatabase`: PGlite, or PostgreSQL when DATABASE_URL is set) and the
 * cache of the environment (memory, or Redis when REDIS_URL is set). Resolves once the plugin
 * is active; throws a {@link PluginBootError} with the plugin's code and message when it ends in
 * state `error`, unless `allowError` is set. The plugin must be built (`dist/`) first.
 *
 * @example
 * const plugin = await bootPlugin('hello', { config: { greeting: 'Hi' } });
 * const response = await plugin.http().get('/plugins/hello/hello?name=Ada').expect(200);
 * expect(response.body.data.message).toBe('Hi, Ada!');
 * await plugin.close();
 */
export async function bootPlugin(name: string, options: BootPluginOptions = {}): Promise<PluginHarness> {
  const pluginDirs = (options.pluginDirs ?? DEFAULT_PLUGIN_DIRS).map((dir) => resolve(dir));
  return withProcessEnv(options.env ?? {}, async () => {
    // Found before anything is built, so a misspelt name costs no boot. Inside the env scope:
    // discovery interpolates plugin.yaml's ${VAR}s.
    const found = discoverPlugins(pluginDirs).find((plugin) => (plugin.manifest?.name ?? basename(plugin.dir)) === name);
    if (!found) {
      throw new TesseraError('PLUGIN_NOT_FOUND', `No plugin named "${name}" in ${pluginDirs.join(', ')}: check the "name" in its plugin.yaml and the pluginDirs option.`);
    }
    const database = await createTestDatabase();
    let tessera: TesseraApp | undefined;
    try {
      const storedConfig = found.manifest && options.config ? [StoredConfigModule.forPlugin(found.manifest, options.config)] : [];
      tessera = await createTesseraApp(hostSettings(database, pluginDirs, options.host), { plugins: [name], extraModules: storedConfig });
      const record = tessera.app.get(PluginLoader).get(name)!;
      if (record.state === 'error' && !options.allowError) throw new PluginBootError(name, record.error!.code, record.error!.message);
      return new PluginHarness(name, tessera, database);
    } catch (error) {
      await tessera?.close().catch(() => undefined);
      await database.cleanup().catch(() => undefined);
      throw error;
    }
  });
}

/**
 * A host of its own: the test database, fresh secrets, no first-boot admin from the developer's
 * ADMIN_EMAIL, only errors logged unless LOG_LEVEL says otherwise (every boot of a fresh database
 * would warn that no admin account exists). REDIS_URL is kept on purpose.
 */
function hostSettings(database: TestDatabase, pluginDirs: string[], host: Partial<TesseraConfig> = {}): Partial<TesseraConfig> {
  return {
    port: 0,
    host: '127.0.0.1',
    ...(process.env.LOG_LEVEL ? {} : { logLevel: 'error' }),
    jwtSecret: randomBytes(48).toString('base64'),
    // Its own cache key space, so boots sharing one Redis never see each other's keys.
    cacheKeyPrefix: `test-${randomBytes(6).toString('hex')}:`,
    encryptionKey: randomBytes(32).toString('hex'),
    adminEmail: undefined,
    adminPassword: undefined,
    ...host,
    dataDir: database.dataDir,
    databaseUrl: database.databaseUrl,
    pluginDirs,
  };
}
