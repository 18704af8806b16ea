import 'reflect-metadata';
import { resolve } from 'node:path';
import { createTesseraApp, type TesseraApp } from '@tessera/core';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import { PluginDispatcher, PluginLoader } from '@tessera/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ADMIN = { email: 'root@example.com', password: 'ZeroDrop-Test-Passw0rd' };
const API = '/api/v1/plugins';
// The bystander: clock has no rate limit. hello allows 600 calls a minute per client, and this
// load, from one address, passes that within a few seconds once requests are fast.
const OTHER = '/plugins/clock/clock';
const ITSELF = ['/plugins/flaky/flaky/work', '/plugins/flaky/flaky/slow?ms=20'];

/** Answers seen per path while the load ran: `200`, or `404 PLUGIN_NOT_FOUND`, or `error: ...` for a failed connection. */
type Outcomes = Map<string, string[]>;

/**
 * Keeps `workers` requests in flight on each path (keep-alive connections, like a real
 * client pool) until stopped; resolves with every outcome.
 */
function startLoad(base: string, paths: string[], workers = 4) {
  let stopped = false;
  const outcomes: Outcomes = new Map(paths.map((path) => [path, []]));
  const worker = async (path: string) => {
    while (!stopped) {
      try {
        const response = await fetch(base + path);
        const body = (await response.json()) as { error?: { code: string } };
        outcomes.get(path)!.push(response.status === 200 ? '200' : `${response.status} ${body.error?.code}`);
      } catch (error) {
        outcomes.get(path)!.push(`error: ${(error as Error).message}`);
      }
    }
  };
  const running = paths.flatMap((path) => Array.from({ length: workers }, () => worker(path)));
  return {
    outcomes,
    /** Resolves once every path has been answered a few times: the load is really on. */
    warm: () => expect.poll(() => Math.min(...[...outcomes.values()].map((seen) => seen.length)), { timeout: 10_000 }).toBeGreaterThanOrEqual(5),
    stop: async () => {
      stopped = true;
      await Promise.all(running);
      return outcomes;
    },
  };
}

const unexpected = (seen: string[], allowed: string[]) => seen.filter((outcome) => !allowed.includes(outcome));

describe('Run-time changes under concurrent requests: no request fails (flaky and clock plugins)', () => {
  let db: TestDatabase;
  let tessera: TesseraApp;
  let base: string;
  let root: string;
  let loader: PluginLoader;
  const admin = (path: string, body: object = {}) =>
    fetch(base + path, { method: 'POST', headers: { authorization: root, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    db = await createTestDatabase();
    tessera = await createTesseraApp(
      {
        port: 0,
        host: '127.0.0.1',
        dataDir: db.dataDir,
        databaseUrl: db.databaseUrl,
        pluginDirs: [resolve('plugins'), resolve('test/fixtures/plugins')],
        logLevel: 'silent',
        jwtSecret: 's'.repeat(32),
        encryptionKey: 'a'.repeat(64),
        cacheKeyPrefix: `runtime-zero-drop-${process.pid}-${Date.now()}:`,
        adminEmail: ADMIN.email,
        adminPassword: ADMIN.password,
      },
      { plugins: ['flaky', 'clock'] },
    );
    base = (await tessera.listen()).replace('localhost', '127.0.0.1');
    loader = tessera.app.get(PluginLoader);
    const login = await fetch(`${base}/api/v1/admin/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    root = `Bearer ${((await login.json()) as { data: { access_token: string } }).data.access_token}`;
  });

  afterAll(async () => {
    await tessera?.close();
    await db?.cleanup();
  });

  it('restarts a plugin 5 times while it and another plugin are under load: every request answers 200, the other plugin’s instance is untouched', async () => {
    const clockUnit = loader.get('clock')!.unit;
    const flakyUnit = loader.get('flaky')!.unit;
    const load = startLoad(base, [OTHER, ...ITSELF]);
    await load.warm();
    for (let i = 0; i < 5; i++) expect((await admin(`${API}/flaky/restart`)).status).toBe(200);
    const outcomes = await load.stop();
    for (const [path, seen] of outcomes) {
      expect(seen.length, path).toBeGreaterThan(0);
      expect(unexpected(seen, ['200']), path).toEqual([]);
    }
    expect(loader.get('clock')!.unit).toBe(clockUnit);
    expect(loader.get('flaky')!.unit).not.toBe(flakyUnit);
  });

  it('lets requests in flight finish on the instance they started on when the plugin restarts', async () => {
    const slow = Array.from({ length: 5 }, () => fetch(`${base}/plugins/flaky/flaky/slow?ms=400`));
    await expect.poll(() => tessera.app.get(PluginDispatcher).inFlight('flaky')).toBe(5);
    expect((await admin(`${API}/flaky/restart`)).status).toBe(200);
    expect((await Promise.all(slow)).map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
  });

  // The changed plugin is not serving for a moment, by design: while disabled it answers 404
  // PLUGIN_NOT_FOUND, and in the few milliseconds its new instance starts, 503
  // SERVICE_UNAVAILABLE ("starting, retry"). Never a 500 and never a dropped connection.
  it('disables and enables a plugin 3 times under load: the other plugin never fails; the changed one answers 200, or 404/503 while it is off or starting', async () => {
    const clockUnit = loader.get('clock')!.unit;
    const load = startLoad(base, [OTHER, ...ITSELF]);
    await load.warm();
    for (let i = 0; i < 3; i++) {
      expect((await admin(`${API}/flaky/disable`, { reason: 'zero-drop test' })).status).toBe(200);
      expect((await admin(`${API}/flaky/enable`)).status).toBe(200);
    }
    const outcomes = await load.stop();
    expect(outcomes.get(OTHER)!.length).toBeGreaterThan(0);
    expect(unexpected(outcomes.get(OTHER)!, ['200'])).toEqual([]);
    for (const path of ITSELF) {
      expect(unexpected(outcomes.get(path)!, ['200', '404 PLUGIN_NOT_FOUND', '503 SERVICE_UNAVAILABLE']), path).toEqual([]);
      expect(outcomes.get(path)!, path).toContain('200');
    }
    expect(loader.get('clock')!.unit).toBe(clockUnit);
  });

  it('lets requests in flight finish when the plugin is disabled (graceful), then answers 404 PLUGIN_NOT_FOUND', async () => {
    const slow = Array.from({ length: 5 }, () => fetch(`${base}/plugins/flaky/flaky/slow?ms=400`));
    await expect.poll(() => tessera.app.get(PluginDispatcher).inFlight('flaky')).toBe(5);
    const disabled = await admin(`${API}/flaky/disable`, { reason: 'maintenance', graceful: true });
    expect(disabled.status).toBe(200);
    expect((await Promise.all(slow)).map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    const gone = await fetch(`${base}/plugins/flaky/flaky/work`);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'PLUGIN_NOT_FOUND', message: 'Plugin "flaky" is disabled (maintenance).' });
    expect((await admin(`${API}/flaky/enable`)).status).toBe(200);
    expect((await fetch(`${base}/plugins/flaky/flaky/work`)).status).toBe(200);
  });
});
