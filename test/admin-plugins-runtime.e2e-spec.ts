import 'reflect-metadata';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTesseraApp, type TesseraApp } from '@tessera/core';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import { PluginDispatcher } from '@tessera/kernel';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const API = '/api/v1/plugins';
const ROOT = { email: 'root@example.com', password: 'Plugin-Runtime-Passw0rd' };
const PLUGINS = ['hello', 'kernel-probe', 'flaky', 'secret-config'];

interface Answer {
  status: number;
  code?: string;
}

// Run-time changes made through the admin plugin API while requests keep coming: none fails,
// requests in flight finish where they started, and the state outlives the process.
describe('admin plugin API: run-time changes', () => {
  let db: TestDatabase;
  let tessera: TesseraApp;
  let root: string;
  const http = () => request(tessera.server);
  const boot = async () => {
    tessera = await createTesseraApp(
      {
        dataDir: db.dataDir,
        databaseUrl: db.databaseUrl,
        redisUrl: process.env.REDIS_URL,
        pluginDirs: [resolve('plugins'), resolve('test/fixtures/plugins')],
        logLevel: 'silent',
        jwtSecret: 'plugin-runtime-secret-plugin-runtime-secret',
        encryptionKey: 'd'.repeat(64),
        cacheKeyPrefix: `admin-plugins-runtime-${process.pid}-${Date.now()}:`,
        adminEmail: ROOT.email,
        adminPassword: ROOT.password,
      },
      { plugins: PLUGINS },
    );
    root = `Bearer ${(await http().post('/api/v1/admin/auth/login').send(ROOT).expect(200)).body.data.access_token}`;
  };
  const admin = (path: string, body: object = {}) => http().post(`${API}/${path}`).set('Authorization', root).send(body);
  const details = async (name: string) => (await http().get(`${API}/${name}`).set('Authorization', root).expect(200)).body.data;
  /** Starts a request now (supertest only sends on then) and says when it is done. */
  const started = (path: string) => {
    const flight = { done: false, answer: undefined as Promise<request.Response> | undefined };
    flight.answer = http()
      .get(path)
      .then((response) => {
        flight.done = true;
        return response;
      });
    return flight;
  };
  const untilInFlight = async (plugin: string) => {
    const dispatcher = tessera.app.get(PluginDispatcher);
    while (dispatcher.inFlight(plugin) === 0) await sleep(2);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await boot();
  });

  afterAll(async () => {
    await tessera?.close();
    await db?.cleanup();
  });

  it('restarts, disables and enables a plugin under concurrent requests without a failed request; the others keep their instance', async () => {
    const probeUnit = (await details('kernel-probe')).activated_at;
    const answers: Record<'hello' | 'probe', Answer[]> = { hello: [], probe: [] };
    const transportErrors: unknown[] = [];
    let phase: 'restart' | 'disable' = 'restart';
    const restartPhase: Answer[] = [];
    let stop = false;
    const hit = async (path: string, into: Answer[]) => {
      try {
        const response = await http().get(path);
        const answer = { status: response.status, code: response.body?.error?.code };
        into.push(answer);
        if (path.startsWith('/plugins/hello') && phase === 'restart') restartPhase.push(answer);
      } catch (error) {
        transportErrors.push(error);
      }
    };
    const load = (async () => {
      while (!stop) {
        await Promise.all([
          ...Array.from({ length: 4 }, () => hit('/plugins/hello/hello?name=load', answers.hello)),
          ...Array.from({ length: 4 }, () => hit('/plugins/kernel-probe/probe/cache-read', answers.probe)),
        ]);
      }
    })();

    for (let i = 0; i < 3; i++) await admin('hello/restart').expect(200);
    phase = 'disable';
    expect((await admin('hello/disable', { reason: 'under load' }).expect(200)).body.data.cascaded).toEqual(['secret-config']);
    await sleep(20);
    await admin('hello/enable').expect(200);
    await admin('secret-config/enable').expect(200);
    stop = true;
    await load;

    expect(transportErrors).toEqual([]);
    expect(answers.probe.length).toBeGreaterThan(0);
    expect(answers.probe.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(restartPhase.length).toBeGreaterThan(0);
    expect(restartPhase.filter((answer) => answer.status !== 200)).toEqual([]);
    // Not serving is not failing: while hello is disabled its routes answer 404 PLUGIN_NOT_FOUND,
    // and while it starts again 503 SERVICE_UNAVAILABLE (the kernel's documented answers); nothing else.
    const notServing = (answer: Answer) => (answer.status === 404 && answer.code === 'PLUGIN_NOT_FOUND') || (answer.status === 503 && answer.code === 'SERVICE_UNAVAILABLE');
    expect(answers.hello.filter((answer) => answer.status !== 200 && !notServing(answer))).toEqual([]);
    expect((await details('kernel-probe')).activated_at).toBe(probeUnit);
  });

  it('lets a request in flight finish on its instance through a restart and a graceful disable', async () => {
    const duringRestart = started('/plugins/flaky/flaky/slow?ms=300');
    await untilInFlight('flaky');
    await admin('flaky/restart').expect(200);
    expect((await duringRestart.answer)!.status).toBe(200);

    const duringDisable = started('/plugins/flaky/flaky/slow?ms=300');
    await untilInFlight('flaky');
    await admin('flaky/disable', { reason: 'drain me' }).expect(200);
    // A graceful disable answers once the plugin's in-flight requests are done.
    expect(duringDisable.done).toBe(true);
    expect((await duringDisable.answer)!.status).toBe(200);
    await http().get('/plugins/flaky/flaky/work').expect(404);
    await admin('flaky/enable').expect(200);
  });

  it('answers a non-graceful disable before the requests in flight are done, and still lets them finish', async () => {
    const inFlight = started('/plugins/flaky/flaky/slow?ms=1500');
    await untilInFlight('flaky');
    const disabled = await admin('flaky/disable', { graceful: false }).expect(200);
    expect(disabled.body.data).toEqual({ plugin: 'flaky', state: 'inactive', cascaded: [] });
    expect(inFlight.done).toBe(false);
    await http().get('/plugins/flaky/flaky/work').expect(404);
    expect((await inFlight.answer)!.status).toBe(200);
    await admin('flaky/enable').expect(200);
  });

  it('comes back after a process restart as it was left: disabled stays disabled, config and grants stay', async () => {
    const dbWrite = { resource: 'db.kernel-probe', actions: ['write'], effect: 'allow' };
    const granted = (await http().get(`${API}/kernel-probe/permissions`).set('Authorization', root).expect(200)).body.data.granted;
    await http().put(`${API}/kernel-probe/permissions`).set('Authorization', root).send({ granted: [...granted, dbWrite] }).expect(200);
    await admin('kernel-probe/disable', { reason: 'kept off' }).expect(200);
    await http().put(`${API}/secret-config/config`).set('Authorization', root).send({ values: { region: 'us', api_key: 'kept-secret-9876' } }).expect(200);

    await tessera.close();
    await boot();

    const listed = (await http().get(`${API}?status=inactive`).set('Authorization', root).expect(200)).body.data.items;
    expect(listed).toEqual([expect.objectContaining({ name: 'kernel-probe', enabled: false, disabled_reason: 'kept off' })]);
    const gone = await http().get('/plugins/kernel-probe/probe/can').expect(404);
    expect(gone.body.error.message).toBe('Plugin "kernel-probe" is disabled (kept off).');
    expect((await http().get('/plugins/secret-config/settings').expect(200)).body.data).toMatchObject({ region: 'us', api_key_ends_with: '9876' });
    const config = (await http().get(`${API}/secret-config/config?include_secrets=true`).set('Authorization', root).expect(200)).body.data.values;
    expect(config).toEqual({ api_key: 'kept-secret-9876', region: 'us', pool_size: 2 });

    await admin('kernel-probe/enable').expect(200);
    expect((await http().get('/plugins/kernel-probe/probe/can').expect(200)).body.data.dbWrite).toBe(true);
    const audit = (await http().get('/api/v1/audit?target=plugin:kernel-probe').set('Authorization', root).expect(200)).body.data.items;
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual(['plugin.enable', 'plugin.disable', 'plugin.permissions.update']);
  });
});
