import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createTesseraApp, type TesseraApp } from '@tessera/core';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import { ActionRouter, HookBus } from '@tessera/kernel';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ADMIN = { email: 'root@example.com', password: 'Health-Test-Passw0rd' };
const API = '/api/v1/plugins';
// Small, so a test trips it with a handful of requests.
const QUARANTINE_FAILURES = 5;

describe('Plugin health, metrics and quarantine on the real app (flaky fixture)', () => {
  let db: TestDatabase;
  let tessera: TesseraApp;
  let webhook: Server;
  let root: string;
  const alerts: Array<Record<string, unknown>> = [];
  const quarantinedHooks: unknown[] = [];
  const http = () => request(tessera.server);
  const asRoot = (path: string) => http().get(path).set('authorization', root);
  const flip = (failing: boolean) => http().post('/plugins/flaky/flaky/switch').send({ failing }).expect(201);

  beforeAll(async () => {
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        alerts.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => webhook.listen(0, '127.0.0.1', done));
    db = await createTestDatabase();
    tessera = await createTesseraApp(
      {
        dataDir: db.dataDir,
        databaseUrl: db.databaseUrl,
        pluginDirs: [resolve('plugins'), resolve('test/fixtures/plugins')],
        logLevel: 'silent',
        jwtSecret: 's'.repeat(32),
        encryptionKey: 'a'.repeat(64),
        cacheKeyPrefix: `runtime-health-${process.pid}-${Date.now()}:`,
        adminEmail: ADMIN.email,
        adminPassword: ADMIN.password,
        quarantineFailures: QUARANTINE_FAILURES,
        quarantineWindowSeconds: 60,
        quarantineWebhookUrl: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/tessera-alerts`,
      },
      { plugins: ['flaky', 'hello'] },
    );
    // A host-side listener, as an application (or an alerting plugin) would subscribe.
    tessera.app.get(HookBus).setHandlers('e2e-observer', [
      { owner: 'e2e-observer', hook: 'plugin_quarantined', kind: 'action', priority: 10, order: 0, timeoutMs: 1_000, invoke: (payload) => void quarantinedHooks.push(payload) },
    ]);
    root = `Bearer ${(await http().post('/api/v1/admin/auth/login').send(ADMIN).expect(200)).body.data.access_token}`;
  });

  afterAll(async () => {
    await tessera?.close();
    await db?.cleanup();
    await new Promise((done) => webhook?.close(done));
  });

  describe('GET /api/v1/plugins/:name/health', () => {
    it('shows state, uptime, error rate and the plugin’s own @HealthCheck results', async () => {
      const response = await asRoot(`${API}/flaky/health`).expect(200);
      expect(response.body).toEqual({
        success: true,
        data: {
          plugin: 'flaky',
          status: 'up',
          state: 'active',
          error: null,
          quarantine: null,
          uptime_seconds: expect.any(Number),
          error_rate: 0,
          checks: [
            { name: 'switch', status: 'up', details: { failing: false } },
            { name: 'counter', status: 'up', details: { served: 0 } },
          ],
        },
      });
      expect(response.body.data.uptime_seconds).toBeGreaterThanOrEqual(0);
    });

    it('answers 401 without a token, 403 without plugins.read, 404 PLUGIN_NOT_FOUND for an unknown plugin', async () => {
      expect((await http().get(`${API}/flaky/health`).expect(401)).body.error.code).toBe('UNAUTHORIZED');
      await http().post('/api/v1/admin/roles').set('authorization', root).send({ name: 'task-watcher', permissions: ['tasks.read'] }).expect(201);
      await http().post('/api/v1/admin/accounts').set('authorization', root).send({ email: 'watcher@example.com', password: 'watcher-password', roles: ['task-watcher'] }).expect(201);
      const login = await http().post('/api/v1/admin/auth/login').send({ email: 'watcher@example.com', password: 'watcher-password' }).expect(200);
      const watcher = `Bearer ${login.body.data.access_token}`;
      expect((await http().get(`${API}/flaky/health`).set('authorization', watcher).expect(403)).body.error.code).toBe('FORBIDDEN');
      expect((await http().get(`${API}/flaky/metrics`).set('authorization', watcher).expect(403)).body.error.code).toBe('FORBIDDEN');
      expect((await asRoot(`${API}/ghost/health`).expect(404)).body.error.code).toBe('PLUGIN_NOT_FOUND');
      expect((await asRoot(`${API}/ghost/metrics`).expect(404)).body.error.code).toBe('PLUGIN_NOT_FOUND');
    });
  });

  describe('GET /api/v1/plugins/:name/metrics', () => {
    it('counts the requests just made (200, 4xx, 5xx) in a time series with latency percentiles', async () => {
      await flip(true);
      await http().get('/plugins/flaky/flaky/work').expect(500);
      await http().get('/plugins/flaky/flaky/work').expect(500);
      await flip(false);
      for (let i = 0; i < 3; i++) await http().get('/plugins/flaky/flaky/work').expect(200);
      await http().get('/plugins/flaky/no-such-route').expect(404);

      const response = await asRoot(`${API}/flaky/metrics?resolution=1m`).expect(200);
      const series = response.body.data;
      expect(series).toMatchObject({ plugin: 'flaky', resolution: '1m', start_time: expect.any(String), end_time: expect.any(String) });
      expect(Date.parse(series.end_time) - Date.parse(series.start_time)).toBe(series.points.length * 60_000);
      expect(series.totals).toMatchObject({ requests: 8, errors: 2, client_errors: 1, error_rate: 0.25 });
      const busy = series.points.filter((point: { requests: number }) => point.requests > 0);
      expect(busy.reduce((sum: number, point: { requests: number }) => sum + point.requests, 0)).toBe(8);
      for (const point of busy) {
        expect(point).toEqual({ time: expect.any(String), requests: expect.any(Number), errors: expect.any(Number), client_errors: expect.any(Number), error_rate: expect.any(Number), p50_ms: expect.any(Number), p95_ms: expect.any(Number), p99_ms: expect.any(Number) });
        expect(point.p50_ms).toBeGreaterThan(0);
        expect(point.p50_ms).toBeLessThanOrEqual(point.p95_ms);
        expect(point.p95_ms).toBeLessThanOrEqual(point.p99_ms);
      }
      expect(series.points.find((point: { requests: number }) => point.requests === 0)).toMatchObject({ p50_ms: null, error_rate: 0 });
    });

    it('merges minutes into coarser points over a chosen range', async () => {
      const end = new Date(Date.now() + 60_000).toISOString();
      const start = new Date(Date.now() - 3 * 3_600_000).toISOString();
      const response = await asRoot(`${API}/flaky/metrics?resolution=1h&start_time=${start}&end_time=${end}`).expect(200);
      expect(response.body.data.resolution).toBe('1h');
      expect(response.body.data.points.length).toBeGreaterThanOrEqual(4);
      expect(response.body.data.points.every((point: { time: string }) => point.time.endsWith(':00:00.000Z'))).toBe(true);
      expect(response.body.data.totals.requests).toBe(8);
    });

    it.each([
      ['an unknown resolution', 'resolution=2m', 'resolution'],
      ['a start after the end', `start_time=${new Date(Date.now()).toISOString()}&end_time=${new Date(Date.now() - 60_000).toISOString()}`, 'start_time'],
      ['a start that is no date', 'start_time=yesterday', 'start_time'],
    ])('answers 400 VALIDATION_ERROR for %s, naming the field', async (_case, query, field) => {
      const response = await asRoot(`${API}/flaky/metrics?${query}`).expect(400);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
    });

    it('health says degraded while a tenth of recent requests failed or a check is down', async () => {
      const degraded = (await asRoot(`${API}/flaky/health`).expect(200)).body.data;
      expect(degraded).toMatchObject({ status: 'degraded', state: 'active', error_rate: 0.25 });
      await flip(true);
      const checks = (await asRoot(`${API}/flaky/health`).expect(200)).body.data.checks;
      expect(checks).toContainEqual({ name: 'switch', status: 'down', details: { failing: true } });
      await flip(false);
    });
  });

  describe('quarantine', () => {
    it(`trips after ${QUARANTINE_FAILURES} failures of endpoints, hooks and actions within the window: 503, hook, webhook, logs, list, health, readiness`, async () => {
      // A restart starts a fresh window (the failures above are forgotten) and a fresh, healthy instance.
      await http().post(`${API}/flaky/restart`).set('authorization', root).expect(200);
      await flip(true);
      await http().get('/plugins/flaky/flaky/work').expect(500);
      await http().post('/plugins/flaky/flaky/emit').expect(201);
      const action = await tessera.app.get(ActionRouter).call('flaky', 'work', {});
      expect(action).toMatchObject({ ok: false, error: { code: 'ACTION_FAILED' } });
      await http().get('/plugins/flaky/flaky/work').expect(500);
      expect((await asRoot(`${API}/flaky/health`).expect(200)).body.data.quarantine).toBeNull();

      await http().get('/plugins/flaky/flaky/work').expect(500);
      await expect.poll(async () => (await http().get('/plugins/flaky/flaky/work')).status).toBe(503);
      const refused = await http().get('/plugins/flaky/flaky/work').expect(503);
      expect(refused.body).toEqual({ success: false, error: { code: 'PLUGIN_QUARANTINED', message: expect.stringContaining('Plugin "flaky" is quarantined: 5 failures within 60 s') } });
      await http().get('/plugins/hello/hello?name=Ada').expect(200);
      expect(await tessera.app.get(ActionRouter).call('flaky', 'work', {})).toMatchObject({ ok: false, error: { code: 'PLUGIN_NOT_FOUND' } });

      await expect.poll(() => alerts.length).toBe(1);
      expect(alerts[0]).toEqual({
        event: 'plugin_quarantined',
        plugin: 'flaky',
        reason: expect.stringContaining('5 failures within 60 s'),
        failures: 5,
        window_seconds: 60,
        last_failure: { source: 'endpoint', message: 'GET /plugins/flaky/flaky/work answered 500' },
        since: expect.any(String),
      });
      expect(quarantinedHooks).toEqual([{ plugin: 'flaky', reason: alerts[0].reason }]);

      const health = (await asRoot(`${API}/flaky/health`).expect(200)).body.data;
      expect(health).toMatchObject({ status: 'down', state: 'active', quarantine: { since: alerts[0].since, reason: alerts[0].reason } });
      const listed = (await asRoot(API).expect(200)).body.data;
      expect(JSON.stringify(listed)).toContain('quarantined');
      const logs = (await asRoot(`${API}/flaky/logs?search=quarantined`).expect(200)).body.data;
      expect(logs.items[0]).toMatchObject({ level: 'error', message: expect.stringContaining('Quarantined: 5 failures within 60 s') });
      const ready = (await http().get('/health/ready').expect(200)).body.data;
      expect(ready.status).toBe('degraded');
      expect(ready.details.plugins).toMatchObject({ status: 'degraded', quarantined: ['flaky'], failed: [] });
    });

    it('recovers when an admin restarts the plugin: served again, healthy, ready', async () => {
      const restarted = await http().post(`${API}/flaky/restart`).set('authorization', root).expect(200);
      expect(restarted.body.data).toMatchObject({ plugin: 'flaky', state: 'active' });
      await http().get('/plugins/flaky/flaky/work').expect(200);
      expect(await tessera.app.get(ActionRouter).call('flaky', 'work', {})).toMatchObject({ ok: true });
      const health = (await asRoot(`${API}/flaky/health`).expect(200)).body.data;
      expect(health).toMatchObject({ status: 'up', state: 'active', quarantine: null, error_rate: 0 });
      const ready = (await http().get('/health/ready').expect(200)).body.data;
      expect(ready.details.plugins).toEqual({ status: 'up', active: 2, failed: [], quarantined: [], failing_checks: [] });
      expect(alerts).toHaveLength(1);
    });
  });
});
