import 'reflect-metadata';
import { resolve } from 'node:path';
import { createTesseraApp, type TesseraApp } from '@tessera/core';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import { PluginLoader } from '@tessera/kernel';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PLUGIN_DIRS = [resolve('plugins'), resolve('test/fixtures/plugins')];
const ADMIN = { email: 'root@example.com', password: 'Kernel-Test-Passw0rd' };

describe('Plugin kernel: the real app with the example plugins and every broken fixture', () => {
  let db: TestDatabase;
  let tessera: TesseraApp;
  let loader: PluginLoader;
  const http = () => request(tessera.server);
  const adminToken = async () =>
    (await http().post('/api/v1/admin/auth/login').send(ADMIN).expect(200)).body.data.access_token as string;
  const probe = (path: string, body?: object) => http().post(`/plugins/kernel-probe/probe/${path}`).send(body ?? {});

  beforeAll(async () => {
    db = await createTestDatabase();
    tessera = await createTesseraApp({
      dataDir: db.dataDir,
      databaseUrl: db.databaseUrl,
      pluginDirs: PLUGIN_DIRS,
      logLevel: 'silent',
      jwtSecret: 's'.repeat(32),
      encryptionKey: 'a'.repeat(64),
      cacheKeyPrefix: `kernel-e2e-${process.pid}-${Date.now()}:`,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
    });
    loader = tessera.app.get(PluginLoader);
  });

  afterAll(async () => {
    await tessera?.close();
    await db?.cleanup();
  });

  describe('boot', () => {
    it('serves the good plugins under /plugins/<name>/', async () => {
      const hello = await http().get('/plugins/hello/hello?name=Ada').expect(200);
      expect(hello.body).toEqual({ success: true, data: { message: 'Hello, Ada!', count: 1 } });
      expect(['hello', 'moderation', 'kernel-probe', 'rate-limited'].map((name) => loader.get(name)?.state)).toEqual(['active', 'active', 'active', 'active']);
    });

    it.each([
      ['bad-manifest', 'PLUGIN_MANIFEST_INVALID', 'field "version" must be a semver version'],
      ['missing-dependency', 'PLUGIN_DEPENDENCY_ERROR', 'requires "ghost", which is not installed'],
      ['cycle-a', 'PLUGIN_DEPENDENCY_ERROR', 'cycle-a -> cycle-b -> cycle-a'],
      ['cycle-b', 'PLUGIN_DEPENDENCY_ERROR', 'cycle-b -> cycle-a -> cycle-b'],
      ['incompatible', 'PLUGIN_INCOMPATIBLE', 'requires framework >=99.0'],
      ['throws-on-load', 'PLUGIN_STARTUP_FAILED', 'the upstream service this plugin needs is unreachable'],
      ['failing-migration', 'PLUGIN_STARTUP_FAILED', 'migration CreateItems1763700000001 (up) failed'],
      ['sandboxed', 'PLUGIN_INCOMPATIBLE', 'execution_mode: sandboxed, which this Tessera does not provide yet'],
    ])('puts %s in error with %s and a message naming the cause', async (name, code, cause) => {
      const record = loader.get(name);
      expect(record?.state).toBe('error');
      expect(record?.error?.code).toBe(code);
      expect(record?.error?.message).toContain(cause);
      const response = await http().get(`/plugins/${name}/anything`).expect(404);
      expect(response.body.error).toMatchObject({ code: 'PLUGIN_NOT_FOUND', message: expect.stringContaining('failed to load') });
    });

    it('leaves nothing of a failed migration in the database', async () => {
      const rows = await tessera.app.get(DataSource).query(`SELECT to_regclass('failing_migration_items') AS present`);
      expect(rows[0].present).toBeNull();
    });

    it('answers an unknown plugin with 404 PLUGIN_NOT_FOUND', async () => {
      const response = await http().get('/plugins/ghost/x').expect(404);
      expect(response.body).toEqual({ success: false, error: { code: 'PLUGIN_NOT_FOUND', message: 'No plugin named "ghost" is installed.' } });
    });

    it('lists the plugin endpoints in /docs/json under a tag per plugin, and no route of a broken plugin', async () => {
      const document = (await http().get('/docs/json').expect(200)).body;
      expect(document.paths['/plugins/hello/hello'].get.tags).toEqual(['hello']);
      expect(document.paths['/plugins/moderation/messages'].post.tags).toEqual(['moderation']);
      expect(document.tags.map((tag: { name: string }) => tag.name)).toEqual(expect.arrayContaining(['hello', 'moderation']));
      expect(Object.keys(document.paths).some((path) => path.startsWith('/plugins/throws-on-load'))).toBe(false);
    });
  });

  describe('hooks', () => {
    it('runs action hooks by priority and keeps a failing handler away from the emitter', async () => {
      await probe('emit', { hook: 'probe_event', payload: { n: 1 } }).expect(201);
      const events = (await http().get('/plugins/kernel-probe/probe/received').expect(200)).body.data as Array<{ hook: string; tag: string; payload: any }>;
      expect(events.filter((event) => event.hook === 'probe_event').map((event) => event.tag)).toEqual(['early', 'late']);
      const reported = events.find((event) => event.hook === 'plugin_error' && event.payload.hook === 'probe_event');
      expect(reported?.payload).toMatchObject({ plugin: 'kernel-probe', message: 'early handler always fails' });
    });

    it('delivers a custom hook of one plugin to another', async () => {
      await http().get('/plugins/hello/hello?name=Grace').expect(200);
      const events = (await http().get('/plugins/kernel-probe/probe/received').expect(200)).body.data as Array<{ hook: string; payload: any }>;
      expect(events).toContainEqual({ hook: 'hello_greeted', tag: 'probe', payload: { name: 'Grace', count: expect.any(Number) } });
    });

    it('runs filters across plugins in priority order: block (1), then tag (3), then mask (5)', async () => {
      const rewritten = await http().post('/plugins/moderation/messages').send({ author: 'ada', text: 'what the heck' }).expect(201);
      // The probe's tag (priority 3) ran before the mask (priority 5): its own "heck" is masked too.
      expect(rewritten.body.data).toEqual({ author: 'ada', text: 'what the **** [probed:****]' });
      const blocked = await http().post('/plugins/moderation/messages').send({ author: 'ada', text: 'buy spam now' }).expect(400);
      expect(blocked.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { blocked: true } });
    });

    it('validates a plugin endpoint body with its DTO', async () => {
      const response = await http().post('/plugins/moderation/messages').send({ author: '', text: 42 }).expect(400);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect(response.body.error.details.map((detail: { field: string }) => detail.field).sort()).toEqual(['author', 'text']);
    });
  });

  describe('plugin calls', () => {
    it('answers a call to an action with ok and its data', async () => {
      const response = await probe('call', { target: 'hello', action: 'greet', payload: { name: 'Linus' } }).expect(201);
      expect(response.body).toEqual({ ok: true, data: { message: 'Hello, Linus!' } });
    });

    it.each([
      [{ target: 'ghost', action: 'greet' }, 'PLUGIN_NOT_FOUND'],
      [{ target: 'hello', action: 'nope' }, 'ACTION_NOT_FOUND'],
      [{ target: 'kernel-probe', action: 'slow', payload: { ms: 300 }, timeoutMs: 50 }, 'PLUGIN_COMMUNICATION_TIMEOUT'],
      [{ target: 'moderation', action: 'anything' }, 'PLUGIN_PERMISSION_DENIED'],
      [{ target: 'kernel-probe', action: 'fail' }, 'nope'],
    ])('answers %o with ok: false and %s, never an exception', async (call, code) => {
      const response = await probe('call', call).expect(201);
      expect(response.body).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
    });
  });

  describe('permissions', () => {
    it('refuses a cache write to a plugin that may only read', async () => {
      const response = await probe('cache-write').expect(403);
      expect(response.body.error).toMatchObject({ code: 'PLUGIN_PERMISSION_DENIED', details: { resource: 'cache.kernel-probe', action: 'write' } });
      await http().get('/plugins/kernel-probe/probe/cache-read').expect(200);
    });

    it('lets deny beat allow', async () => {
      await probe('emit', { hook: 'probe_allowed' }).expect(201);
      const denied = await probe('emit', { hook: 'probe_forbidden' }).expect(403);
      expect(denied.body.error.code).toBe('PLUGIN_PERMISSION_DENIED');
    });

    it('does not grant optional permissions until an admin does', async () => {
      const response = await http().get('/plugins/kernel-probe/probe/can').expect(200);
      expect(response.body.data).toEqual({ dbWrite: false, cacheRead: true });
    });

    it('asks for a token on a non-public endpoint, and serves a principal holding the permission', async () => {
      const response = await http().get('/plugins/kernel-probe/probe/secure').expect(401);
      expect(response.body.error.code).toBe('UNAUTHORIZED');
      const refused = await http().get('/plugins/kernel-probe/probe/secure').set('authorization', 'Bearer not.a.token').expect(401);
      expect(refused.body.error.code).toBe('UNAUTHORIZED');
      const token = await adminToken();
      await http().get('/plugins/kernel-probe/probe/secure').set('authorization', `Bearer ${token}`).expect(200);
    });

    it('lists the permissions plugin endpoints require in the admin catalogue', async () => {
      const token = await adminToken();
      const catalogue = (await http().get('/api/v1/admin/permissions').set('authorization', `Bearer ${token}`).expect(200)).body.data;
      expect(catalogue).toContainEqual(expect.objectContaining({ name: 'probe.read', sources: ['plugin:kernel-probe'] }));
    });
  });

  describe('resources (rate-limited allows 3 requests a minute and 1 s per request)', () => {
    it('ends a request past timeout_seconds with 504 PLUGIN_TIMEOUT', async () => {
      const response = await http().get('/plugins/rate-limited/slow').expect(504);
      expect(response.body.error).toMatchObject({ code: 'PLUGIN_TIMEOUT', message: expect.stringContaining('within 1 s') });
    });

    it('answers 429 RATE_LIMITED with Retry-After once the manifest’s count is used', async () => {
      // One of the three was spent by the timeout test above.
      for (let i = 0; i < 2; i++) await http().get('/plugins/rate-limited/ping').expect(200);
      const limited = await http().get('/plugins/rate-limited/ping').expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
    });
  });

  describe('run-time changes', () => {
    it('disables a plugin: 404 with the reason, gone from /docs/json; enabling brings it back', async () => {
      const result = await loader.disable('hello', 'maintenance');
      expect(result).toMatchObject({ plugin: 'hello', state: 'inactive' });
      // Whatever depends on hello is disabled with it, and said so.
      expect(result.cascaded).toEqual(loader.dependentsOf('hello').filter((name) => loader.get(name)?.disabledReason?.includes('"hello"')));
      const response = await http().get('/plugins/hello/hello').expect(404);
      expect(response.body.error.message).toBe('Plugin "hello" is disabled (maintenance).');
      expect(Object.keys((await http().get('/docs/json')).body.paths)).not.toContain('/plugins/hello/hello');
      const greet = await probe('call', { target: 'hello', action: 'greet' });
      expect(greet.body.error.code).toBe('PLUGIN_NOT_FOUND');

      await loader.enable('hello');
      await http().get('/plugins/hello/hello').expect(200);
      expect(Object.keys((await http().get('/docs/json')).body.paths)).toContain('/plugins/hello/hello');
    });

    it('restarts a plugin under concurrent requests without a failed request, leaving the others untouched', async () => {
      const moderationUnit = loader.get('moderation')?.unit;
      const helloUnit = loader.get('hello')?.unit;
      let stop = false;
      const statuses: number[] = [];
      const load = (async () => {
        while (!stop) {
          const batch = await Promise.all(Array.from({ length: 8 }, () => http().get('/plugins/hello/hello?name=x')));
          statuses.push(...batch.map((response) => response.status));
        }
      })();
      for (let i = 0; i < 3; i++) await loader.restart('hello');
      stop = true;
      await load;
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
      expect(loader.get('hello')?.unit).not.toBe(helloUnit);
      expect(loader.get('moderation')?.unit).toBe(moderationUnit);
    });
  });
});
