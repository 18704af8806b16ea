import 'reflect-metadata';
import { resolve } from 'node:path';
import { createTesseraApp, type TesseraApp } from '@tessera/core';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import { PluginLoader } from '@tessera/kernel';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const API = '/api/v1/plugins';
const ROOT = { email: 'root@example.com', password: 'Plugin-Admin-Passw0rd' };
const STAFF_PASSWORD = 'staff-password-long-enough';
const PLUGINS = ['hello', 'moderation', 'kernel-probe', 'secret-config', 'throws-on-load'];

// The admin plugin API on the real host, as an admin's client sees it: each route's answer,
// each documented error code, secrets masking and the audit trail. Run-time behaviour under
// load and across a process restart is in admin-plugins-runtime.e2e-spec.ts.
describe('admin plugin API (/api/v1/plugins)', () => {
  let db: TestDatabase;
  let tessera: TesseraApp;
  let root: string;
  /** Holds plugins.read only. */
  let reader: string;
  /** Holds plugins.read and plugins.manage, not plugins.secrets. */
  let manager: string;
  const http = () => request(tessera.server);
  const login = async (email: string, password: string) =>
    `Bearer ${(await http().post('/api/v1/admin/auth/login').send({ email, password }).expect(200)).body.data.access_token}`;
  const as = (token: string) => ({
    get: (path: string) => http().get(path).set('Authorization', token),
    post: (path: string, body: object = {}) => http().post(path).set('Authorization', token).send(body),
    put: (path: string, body: object) => http().put(path).set('Authorization', token).send(body),
  });
  const accountWith = async (role: string, permissions: string[]) => {
    await as(root).post('/api/v1/admin/roles', { name: role, permissions }).expect(201);
    await as(root).post('/api/v1/admin/accounts', { email: `${role}@example.com`, password: STAFF_PASSWORD, roles: [role] }).expect(201);
    return login(`${role}@example.com`, STAFF_PASSWORD);
  };
  const settingsSeen = async () => (await http().get('/plugins/secret-config/settings').expect(200)).body.data;
  const auditOf = async (target: string) => (await as(root).get(`/api/v1/audit?target=${encodeURIComponent(target)}&per_page=1000`).expect(200)).body.data.items;

  beforeAll(async () => {
    db = await createTestDatabase();
    tessera = await createTesseraApp(
      {
        dataDir: db.dataDir,
        databaseUrl: db.databaseUrl,
        redisUrl: process.env.REDIS_URL,
        pluginDirs: [resolve('plugins'), resolve('test/fixtures/plugins')],
        logLevel: 'silent',
        jwtSecret: 'plugin-admin-api-secret-plugin-admin-api',
        encryptionKey: 'c'.repeat(64),
        cacheKeyPrefix: `admin-plugins-api-${process.pid}-${Date.now()}:`,
        adminEmail: ROOT.email,
        adminPassword: ROOT.password,
      },
      { plugins: PLUGINS },
    );
    root = await login(ROOT.email, ROOT.password);
    reader = await accountWith('plugin-reader', ['plugins.read']);
    manager = await accountWith('plugin-manager', ['plugins.read', 'plugins.manage']);
  });

  afterAll(async () => {
    await tessera?.close();
    await db?.cleanup();
  });

  describe('access', () => {
    it('answers 401 UNAUTHORIZED without a token', async () => {
      const response = await http().get(API).expect(401);
      expect(response.body).toEqual({ success: false, error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
      await http().post(`${API}/hello/disable`).send({}).expect(401);
    });

    it('answers 403 FORBIDDEN, naming the permission, to an admin without it', async () => {
      await as(reader).get(API).expect(200);
      const refused = await as(reader).post(`${API}/hello/disable`).expect(403);
      expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', details: { missing_permissions: ['plugins.manage'] } });
      await as(reader).put(`${API}/hello/config`, { values: { greeting: 'Yo' } }).expect(403);
      await as(reader).post(`${API}/hello/message`, { action: 'greet' }).expect(403);
      const audit = await as(reader).get('/api/v1/audit').expect(403);
      expect(audit.body.error.details).toEqual({ missing_permissions: ['audit.read'] });
    });

    it('documents its routes in OpenAPI under the plugins and audit tags, behind a bearer token', async () => {
      const document = (await http().get('/docs/json').expect(200)).body;
      expect(document.paths['/api/v1/plugins/{name}/config'].put).toMatchObject({ tags: ['plugins'], security: [{ bearer: [] }] });
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/plugins', '/api/v1/plugins/broadcast', '/api/v1/plugins/{name}/message', '/api/v1/audit']));
    });
  });

  describe('GET / (list)', () => {
    it('lists every plugin with its status, and counts by status', async () => {
      const { items, summary } = (await as(reader).get(API).expect(200)).body.data;
      expect(items.map((item: { name: string }) => item.name)).toEqual(['hello', 'kernel-probe', 'moderation', 'secret-config', 'throws-on-load']);
      expect(summary).toEqual({ total: 5, active: 4, inactive: 0, error: 1, loading: 0, quarantined: 0 });
      expect(items[0]).toEqual({
        name: 'hello',
        version: '1.0.0',
        description: expect.stringContaining('Says hello'),
        category: 'examples',
        author: 'Tessera Team',
        execution_mode: 'trusted',
        status: 'active',
        state: 'active',
        enabled: true,
        error: null,
        quarantine: null,
        disabled_reason: null,
        dependencies: [],
        endpoints: 2,
        hooks: 1,
        actions: 1,
        activated_at: expect.any(String),
        uptime_seconds: expect.any(Number),
      });
    });

    it('filters by status, category and search; the summary still counts every plugin', async () => {
      const names = async (query: string) => (await as(reader).get(`${API}?${query}`).expect(200)).body.data.items.map((item: { name: string }) => item.name);
      expect(await names('status=error')).toEqual(['throws-on-load']);
      expect(await names('category=testing')).toEqual(['secret-config']);
      expect(await names('search=SMALLEST')).toEqual(['hello']);
      expect(await names('search=probe&status=active')).toEqual(['kernel-probe']);
      const failed = (await as(reader).get(`${API}?status=error`).expect(200)).body.data;
      expect(failed.items[0].error).toEqual({ code: 'PLUGIN_STARTUP_FAILED', message: expect.stringContaining('unreachable') });
      expect(failed.summary.total).toBe(5);
    });

    it('answers 400 VALIDATION_ERROR naming a bad filter', async () => {
      const response = await as(reader).get(`${API}?status=sleeping&include_disabled=maybe`).expect(400);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect(response.body.error.details.map((detail: { field: string }) => detail.field).sort()).toEqual(['include_disabled', 'status']);
    });
  });

  describe('GET /:name (details)', () => {
    it('shows the manifest, dependencies both ways, permissions, endpoints, hooks, actions, config, logs and dates', async () => {
      const details = (await as(reader).get(`${API}/hello`).expect(200)).body.data;
      expect(details).toMatchObject({
        name: 'hello',
        status: 'active',
        manifest: { name: 'hello', version: '1.0.0', endpoints: ['/hello'] },
        dependencies: [],
        dependents: ['secret-config'],
        permissions: { requested: expect.any(Array), granted: expect.any(Array), denied: [] },
        hooks: { subscribed: [{ hook: 'user_registered', kind: 'action', priority: 10 }], emitted: { allowed: ['hello_greeted'], denied: [] }, declared: ['user_registered', 'hello_greeted'] },
        actions: ['greet'],
        tasks: [],
        config: { greeting: 'Hello', max_name_length: 50 },
        installed_at: expect.any(String),
        last_updated: expect.any(String),
        uptime_seconds: expect.any(Number),
      });
      expect(details.endpoints).toEqual(expect.arrayContaining([{ method: 'GET', path: '/plugins/hello/hello' }]));
      expect(details.metrics.last_5m).toMatchObject({ requests: 0, errors: 0, p50_ms: null });
      expect(details.recent_logs.map((line: { message: string }) => line.message)).toContain('hello is ready; greeting "Hello"');
      await http().get('/plugins/hello/hello?name=Ada').expect(200);
      const counted = (await as(reader).get(`${API}/hello`).expect(200)).body.data.metrics;
      expect(counted.last_5m).toMatchObject({ requests: 1, errors: 0, p50_ms: expect.any(Number) });
      const dependent = (await as(reader).get(`${API}/secret-config`).expect(200)).body.data;
      expect(dependent.dependencies).toEqual([{ name: 'hello', range: '^1.0', state: 'active' }]);
    });

    it('masks secret config values, secret defaults and env values whose name looks secret', async () => {
      const response = await as(root).get(`${API}/secret-config`).expect(200);
      expect(response.body.data.config).toEqual({ api_key: '********', region: 'eu', pool_size: 2 });
      expect(response.body.data.manifest.env).toEqual({ API_TOKEN: '********', MODE: 'fixture' });
      expect(response.body.data.manifest.config.api_key.default).toBe('********');
      expect(response.text).not.toContain('default-secret-value');
      expect(response.text).not.toContain('env-token-value');
    });

    it('shows a failed plugin with its error, and answers 404 PLUGIN_NOT_FOUND for an unknown one', async () => {
      const failed = (await as(reader).get(`${API}/throws-on-load`).expect(200)).body.data;
      expect(failed).toMatchObject({ status: 'error', error: { code: 'PLUGIN_STARTUP_FAILED' }, endpoints: [], uptime_seconds: null });
      const unknown = await as(reader).get(`${API}/ghost`).expect(404);
      expect(unknown.body).toEqual({ success: false, error: { code: 'PLUGIN_NOT_FOUND', message: expect.stringContaining('"ghost"') } });
    });
  });

  describe('config', () => {
    it('reads values with secrets masked, and the schema on request (secret defaults masked too)', async () => {
      const plain = (await as(reader).get(`${API}/secret-config/config`).expect(200)).body;
      expect(plain).toEqual({ success: true, data: { values: { api_key: '********', region: 'eu', pool_size: 2 } } });
      const withSchema = (await as(reader).get(`${API}/secret-config/config?include_schema=true`).expect(200)).body.data;
      expect(withSchema.schema).toMatchObject({ api_key: { type: 'string', secret: true, default: '********' }, pool_size: { restart_required: true } });
    });

    it('shows secrets only to holders of plugins.secrets (403 FORBIDDEN otherwise)', async () => {
      const refused = await as(manager).get(`${API}/secret-config/config?include_secrets=true`).expect(403);
      expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', details: { missing_permissions: ['plugins.secrets'] } });
      const shown = (await as(root).get(`${API}/secret-config/config?include_secrets=true&include_schema=true`).expect(200)).body.data;
      expect(shown.values.api_key).toBe('default-secret-value');
      expect(shown.schema.api_key.default).toBe('default-secret-value');
    });

    it('applies a change at once: the plugin sees it without a restart (hello greets with the new word)', async () => {
      const changed = await as(manager).put(`${API}/hello/config`, { values: { greeting: 'Hi' } }).expect(200);
      expect(changed.body).toEqual({ success: true, data: { values: { greeting: 'Hi', max_name_length: 50 }, restart_required: [] } });
      expect((await http().get('/plugins/hello/hello?name=Ada').expect(200)).body.data.message).toBe('Hi, Ada!');
      await as(manager).put(`${API}/hello/config`, { values: { greeting: null } }).expect(200);
      expect((await http().get('/plugins/hello/hello?name=Ada').expect(200)).body.data.message).toBe('Hello, Ada!');
    });

    it('stores a secret, answers it masked, and keeps it when the mask is sent back', async () => {
      const changed = (await as(manager).put(`${API}/secret-config/config`, { values: { api_key: 'new-secret-1234', region: 'us' } }).expect(200)).body.data;
      expect(changed).toEqual({ values: { api_key: '********', region: 'us', pool_size: 2 }, restart_required: [] });
      expect(await settingsSeen()).toMatchObject({ api_key_ends_with: '1234', region: 'us' });
      await as(manager).put(`${API}/secret-config/config`, { values: { api_key: '********', region: 'eu' } }).expect(200);
      expect(await settingsSeen()).toMatchObject({ api_key_ends_with: '1234', region: 'eu' });
    });

    it('lists keys that need a restart in restart_required, and the plugin sees them after POST /restart', async () => {
      const changed = (await as(manager).put(`${API}/secret-config/config`, { values: { pool_size: 5 } }).expect(200)).body.data;
      expect(changed.restart_required).toEqual(['pool_size']);
      expect((await settingsSeen()).pool_size).toBe(2);
      const restarted = await as(manager).post(`${API}/secret-config/restart`).expect(200);
      expect(restarted.body).toEqual({ success: true, data: { plugin: 'secret-config', state: 'active', cascaded: [] } });
      expect((await settingsSeen()).pool_size).toBe(5);
    });

    it('answers 400 PLUGIN_CONFIGURATION_ERROR naming each bad field, 400 VALIDATION_ERROR without values, 404 for an unknown plugin', async () => {
      const invalid = await as(manager).put(`${API}/secret-config/config`, { values: { region: 'mars', pool_size: 99 } }).expect(400);
      expect(invalid.body.error.code).toBe('PLUGIN_CONFIGURATION_ERROR');
      expect(invalid.body.error.details.map((detail: { field: string }) => detail.field).sort()).toEqual(['pool_size', 'region']);
      const shapeless = await as(manager).put(`${API}/secret-config/config`, { region: 'us' }).expect(400);
      expect(shapeless.body.error.code).toBe('VALIDATION_ERROR');
      expect(shapeless.body.error.details.map((detail: { field: string }) => detail.field).sort()).toEqual(['region', 'values']);
      await as(manager).put(`${API}/ghost/config`, { values: {} }).expect(404);
      expect((await settingsSeen()).region).toBe('eu');
    });
  });

  describe('enable, disable, restart', () => {
    it('disables a plugin and its dependents: 404 with the reason, out of /docs/json and of include_disabled=false', async () => {
      expect(Object.keys((await http().get('/docs/json').expect(200)).body.paths)).toContain('/plugins/hello/hello');
      const disabled = await as(manager).post(`${API}/hello/disable`, { reason: 'maintenance' }).expect(200);
      expect(disabled.body).toEqual({ success: true, data: { plugin: 'hello', state: 'inactive', cascaded: ['secret-config'] } });
      const gone = await http().get('/plugins/hello/hello').expect(404);
      expect(gone.body.error).toEqual({ code: 'PLUGIN_NOT_FOUND', message: 'Plugin "hello" is disabled (maintenance).' });
      await http().get('/plugins/secret-config/settings').expect(404);
      const paths = Object.keys((await http().get('/docs/json').expect(200)).body.paths);
      expect(paths.some((path) => path.startsWith('/plugins/hello/') || path.startsWith('/plugins/secret-config/'))).toBe(false);
      const listed = (await as(reader).get(`${API}?include_disabled=false`).expect(200)).body.data;
      expect(listed.items.map((item: { name: string }) => item.name)).toEqual(['kernel-probe', 'moderation', 'throws-on-load']);
      expect(listed.summary).toMatchObject({ active: 2, inactive: 2 });
      const inactive = (await as(reader).get(`${API}?status=inactive`).expect(200)).body.data.items;
      expect(inactive.map((item: { name: string; enabled: boolean; disabled_reason: string }) => [item.name, item.enabled, item.disabled_reason])).toEqual([
        ['hello', false, 'maintenance'],
        ['secret-config', false, 'its dependency "hello" was disabled'],
      ]);
    });

    it('enables them again, routes and OpenAPI back', async () => {
      expect((await as(manager).post(`${API}/hello/enable`).expect(200)).body.data).toEqual({ plugin: 'hello', state: 'active', cascaded: [] });
      expect((await as(manager).post(`${API}/secret-config/enable`).expect(200)).body.data.state).toBe('active');
      await http().get('/plugins/hello/hello').expect(200);
      expect(Object.keys((await http().get('/docs/json').expect(200)).body.paths)).toEqual(expect.arrayContaining(['/plugins/hello/hello', '/plugins/secret-config/settings']));
    });

    it('answers a non-graceful disable as soon as the plugin takes no new request', async () => {
      const disabled = (await as(manager).post(`${API}/moderation/disable`, { graceful: false }).expect(200)).body.data;
      expect(disabled).toEqual({ plugin: 'moderation', state: 'inactive', cascaded: [] });
      await http().post('/plugins/moderation/messages').send({ author: 'ada', text: 'hi' }).expect(404);
      await as(manager).post(`${API}/moderation/enable`).expect(200);
      await http().post('/plugins/moderation/messages').send({ author: 'ada', text: 'hi' }).expect(201);
    });

    it('restarts onto a fresh instance', async () => {
      const before = (await as(reader).get(`${API}/moderation`).expect(200)).body.data.activated_at;
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect((await as(manager).post(`${API}/moderation/restart`).expect(200)).body.data).toEqual({ plugin: 'moderation', state: 'active', cascaded: [] });
      expect((await as(reader).get(`${API}/moderation`).expect(200)).body.data.activated_at).not.toBe(before);
    });

    it('shows a quarantined plugin in the list and details; a message answers 503 PLUGIN_QUARANTINED; a restart lifts it', async () => {
      await tessera.app.get(PluginLoader).quarantine('moderation', '20 failures in 60 s');
      const listed = (await as(reader).get(`${API}?status=quarantined`).expect(200)).body.data;
      expect(listed.items).toEqual([expect.objectContaining({ name: 'moderation', status: 'quarantined', state: 'active', quarantine: { since: expect.any(String), reason: '20 failures in 60 s' } })]);
      expect(listed.summary).toMatchObject({ active: 3, quarantined: 1 });
      const refused = await as(manager).post(`${API}/moderation/message`, { action: 'anything' }).expect(503);
      expect(refused.body.error.code).toBe('PLUGIN_QUARANTINED');
      await as(manager).post(`${API}/moderation/restart`).expect(200);
      expect((await as(reader).get(`${API}/moderation`).expect(200)).body.data).toMatchObject({ status: 'active', quarantine: null });
    });

    it('answers 404 PLUGIN_NOT_FOUND for an unknown plugin, 500 PLUGIN_STARTUP_FAILED when it cannot start, 400 for a bad body', async () => {
      for (const action of ['enable', 'disable', 'restart']) {
        expect((await as(manager).post(`${API}/ghost/${action}`).expect(404)).body.error.code).toBe('PLUGIN_NOT_FOUND');
      }
      const failed = await as(manager).post(`${API}/throws-on-load/enable`).expect(500);
      expect(failed.body.error).toMatchObject({ code: 'PLUGIN_STARTUP_FAILED', message: expect.stringContaining('unreachable') });
      const invalid = await as(manager).post(`${API}/hello/disable`, { graceful: 'soon' }).expect(400);
      expect(invalid.body.error.details.map((detail: { field: string }) => detail.field)).toEqual(['graceful']);
      expect((await as(reader).get(`${API}/hello`).expect(200)).body.data.state).toBe('active');
    });
  });

  describe('message and broadcast', () => {
    it("answers an action's data", async () => {
      const response = await as(manager).post(`${API}/hello/message`, { action: 'greet', payload: { name: 'Ada' } }).expect(200);
      expect(response.body).toEqual({ success: true, data: { message: 'Hello, Ada!' } });
    });

    it.each([
      ['ghost', { action: 'greet' }, 404, 'PLUGIN_NOT_FOUND'],
      ['hello', { action: 'nope' }, 404, 'ACTION_NOT_FOUND'],
      ['kernel-probe', { action: 'slow', payload: { ms: 300 }, timeout_ms: 50 }, 408, 'PLUGIN_COMMUNICATION_TIMEOUT'],
      ['kernel-probe', { action: 'fail' }, 500, 'ACTION_FAILED'],
      ['hello', { action: 'greet', timeout_ms: 0 }, 400, 'VALIDATION_ERROR'],
    ])('POST /%s/message %o answers %i %s', async (name, body, status, code) => {
      const response = await as(manager).post(`${API}/${name}/message`, body).expect(status);
      expect(response.body.error.code).toBe(code);
    });

    it("keeps a plugin's own error code in details", async () => {
      const response = await as(manager).post(`${API}/kernel-probe/message`, { action: 'fail' }).expect(500);
      expect(response.body.error).toEqual({ code: 'ACTION_FAILED', message: 'the probe refuses', details: { plugin_error_code: 'nope' } });
    });

    it('broadcasts to the active plugins having the action, by category, with exclusions; one answer each', async () => {
      const all = (await as(manager).post(`${API}/broadcast`, { action: 'ping' }).expect(200)).body.data;
      expect(all).toEqual({
        action: 'ping',
        results: [{ plugin: 'secret-config', ok: true, data: { pong: 'secret-config', region: 'eu' } }],
        skipped: ['hello', 'kernel-probe', 'moderation'],
        summary: { sent: 1, succeeded: 1, failed: 0 },
      });
      const examples = (await as(manager).post(`${API}/broadcast`, { action: 'greet', category: 'examples', payload: { name: 'all' } }).expect(200)).body.data;
      expect(examples.results).toEqual([{ plugin: 'hello', ok: true, data: { message: 'Hello, all!' } }]);
      const excluded = (await as(manager).post(`${API}/broadcast`, { action: 'ping', exclude: ['secret-config'] }).expect(200)).body.data;
      expect(excluded.summary).toEqual({ sent: 0, succeeded: 0, failed: 0 });
      const slow = (await as(manager).post(`${API}/broadcast`, { action: 'slow', payload: { ms: 300 }, timeout_ms: 20 }).expect(200)).body.data;
      expect(slow.results).toEqual([{ plugin: 'kernel-probe', ok: false, error: { code: 'PLUGIN_COMMUNICATION_TIMEOUT', message: expect.any(String) } }]);
      await as(manager).post(`${API}/broadcast`, {}).expect(400);
    });
  });

  describe('logs', () => {
    it('answers the kept lines newest first, filtered by level, search and time, paginated', async () => {
      const page = (await as(reader).get(`${API}/kernel-probe/logs?level=error&search=TIMED%20OUT`).expect(200)).body.data;
      expect(page).toMatchObject({ page: 1, per_page: 100, total: 2 });
      expect(page.items[0]).toEqual({ time: expect.any(String), level: 'error', message: 'Action slow timed out after 20 ms' });
      expect(page.items[1].message).toBe('Action slow timed out after 50 ms');
      const second = (await as(reader).get(`${API}/kernel-probe/logs?level=error&search=timed&per_page=1&page=2`).expect(200)).body.data;
      expect(second.items.map((line: { message: string }) => line.message)).toEqual(['Action slow timed out after 50 ms']);
      const future = new Date(Date.now() + 60_000).toISOString();
      expect((await as(reader).get(`${API}/kernel-probe/logs?start_time=${future}`).expect(200)).body.data.total).toBe(0);
      const info = (await as(reader).get(`${API}/hello/logs?level=info`).expect(200)).body.data.items;
      expect(info.map((line: { message: string }) => line.message)).toContain('hello is ready; greeting "Hello"');
    });

    it('answers 400 VALIDATION_ERROR past 1000 lines a page or for a bad time, 404 for an unknown plugin', async () => {
      const tooMany = await as(reader).get(`${API}/hello/logs?per_page=1001`).expect(400);
      expect(tooMany.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'per_page' }] });
      const badTime = await as(reader).get(`${API}/hello/logs?end_time=yesterday`).expect(400);
      expect(badTime.body.error.details[0].field).toBe('end_time');
      await as(reader).get(`${API}/ghost/logs`).expect(404);
    });
  });

  describe('permissions', () => {
    const dbWrite = { resource: 'db.kernel-probe', actions: ['write'], effect: 'allow' };
    const canWriteDb = async () => (await http().get('/plugins/kernel-probe/probe/can').expect(200)).body.data.dbWrite;

    it('shows requested, granted and denied rules (an optional rule stays denied until granted)', async () => {
      const view = (await as(reader).get(`${API}/kernel-probe/permissions`).expect(200)).body.data;
      expect(view.requested).toContainEqual({ resource: 'db.*', actions: ['read', 'write'], effect: 'allow', optional: true });
      expect(view.denied).toEqual([{ resource: 'db.*', actions: ['read', 'write'], effect: 'allow', optional: true }]);
      expect(view.granted).toHaveLength(view.requested.length - 1);
    });

    it('grants and revokes at once, without a restart', async () => {
      const before = (await as(reader).get(`${API}/kernel-probe/permissions`).expect(200)).body.data.granted;
      const unit = (await as(reader).get(`${API}/kernel-probe`).expect(200)).body.data.activated_at;
      expect(await canWriteDb()).toBe(false);
      const granted = (await as(manager).put(`${API}/kernel-probe/permissions`, { granted: [...before, dbWrite] }).expect(200)).body.data;
      expect(granted.granted).toContainEqual(dbWrite);
      expect(await canWriteDb()).toBe(true);
      await as(manager).put(`${API}/kernel-probe/permissions`, { granted: before }).expect(200);
      expect(await canWriteDb()).toBe(false);
      expect((await as(reader).get(`${API}/kernel-probe`).expect(200)).body.data.activated_at).toBe(unit);
    });

    it('answers 400 VALIDATION_ERROR naming a bad rule, 404 for an unknown plugin', async () => {
      const invalid = await as(manager).put(`${API}/kernel-probe/permissions`, { granted: [{ resource: 'db.x', actions: [], effect: 'maybe' }] }).expect(400);
      expect(invalid.body.error.code).toBe('VALIDATION_ERROR');
      expect(invalid.body.error.details.map((detail: { field: string }) => detail.field).sort()).toEqual(['granted.0.actions', 'granted.0.effect']);
      await as(manager).put(`${API}/ghost/permissions`, { granted: [] }).expect(404);
      expect(await canWriteDb()).toBe(false);
    });
  });

  describe('audit trail (GET /api/v1/audit)', () => {
    it('records each change with who, what, when and the result', async () => {
      const entries = await auditOf('plugin:hello');
      const disable = entries.find((entry: { action: string }) => entry.action === 'plugin.disable');
      expect(disable).toEqual({
        id: expect.any(String),
        at: expect.any(String),
        actor: { id: expect.any(String), email: 'plugin-manager@example.com' },
        action: 'plugin.disable',
        target: 'plugin:hello',
        params: { reason: 'maintenance', graceful: true },
        result: 'success',
        error_code: null,
        error_message: null,
      });
      const actions = entries.map((entry: { action: string }) => entry.action);
      expect(actions).toEqual(expect.arrayContaining(['plugin.config.update', 'plugin.enable', 'plugin.message']));
      expect(new Date(entries[0].at).getTime()).toBeGreaterThanOrEqual(new Date(entries.at(-1).at).getTime());
    });

    it('records failures with their error code', async () => {
      const [failed] = await auditOf('plugin:throws-on-load');
      expect(failed).toMatchObject({ action: 'plugin.enable', result: 'failure', error_code: 'PLUGIN_STARTUP_FAILED' });
      const probe = await auditOf('plugin:kernel-probe');
      expect(probe).toContainEqual(expect.objectContaining({ action: 'plugin.message', result: 'failure', error_code: 'PLUGIN_COMMUNICATION_TIMEOUT' }));
      expect(probe).toContainEqual(expect.objectContaining({ action: 'plugin.permissions.update', result: 'success' }));
      expect(await auditOf('plugins')).toContainEqual(expect.objectContaining({ action: 'plugin.broadcast', params: expect.objectContaining({ action: 'ping' }) }));
    });

    it('never keeps a secret: config values are masked, message payloads reduced to their keys', async () => {
      const response = await as(root).get('/api/v1/audit?target=plugin:secret-config&action=plugin.config.update').expect(200);
      expect(response.text).not.toContain('new-secret-1234');
      expect(response.body.data.items.map((entry: { params: unknown }) => entry.params)).toContainEqual({ values: { api_key: '********', region: 'us' } });
      const message = (await auditOf('plugin:hello')).find((entry: { action: string; result: string }) => entry.action === 'plugin.message' && entry.result === 'success');
      expect(message.params).toEqual({ action: 'greet', payload_keys: ['name'], timeout_ms: null });
    });

    it('filters by actor, result and time, and paginates', async () => {
      const byEmail = (await as(root).get('/api/v1/audit?actor=plugin-manager@example.com&result=failure&per_page=2').expect(200)).body.data;
      expect(byEmail).toMatchObject({ page: 1, per_page: 2 });
      expect(byEmail.items).toHaveLength(2);
      expect(byEmail.total).toBeGreaterThan(2);
      expect(byEmail.items.every((entry: { result: string; actor: { email: string } }) => entry.result === 'failure' && entry.actor.email === 'plugin-manager@example.com')).toBe(true);
      const future = new Date(Date.now() + 60_000).toISOString();
      expect((await as(root).get(`/api/v1/audit?start_time=${future}`).expect(200)).body.data.total).toBe(0);
      expect((await as(root).get('/api/v1/audit?per_page=1001').expect(400)).body.error.code).toBe('VALIDATION_ERROR');
    });
  });
});
