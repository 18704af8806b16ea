import 'reflect-metadata';
import { resolve } from 'node:path';
import { createTesseraApp, type TesseraApp } from '@tessera/core';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import { PluginLoader } from '@tessera/kernel';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ADMIN = { email: 'ops@example.com', password: 'Scheduler-Test-Passw0rd' };

/** Real time on purpose: the clock plugin's task runs on the real scheduler, in the real app. */
describe('Scheduled tasks of plugins, through the admin API', () => {
  let db: TestDatabase;
  let tessera: TesseraApp;
  let token: string;
  const http = () => request(tessera.server);
  const admin = (method: 'get' | 'post', path: string) => http()[method](path).set('authorization', `Bearer ${token}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    tessera = await createTesseraApp(
      {
        dataDir: db.dataDir,
        databaseUrl: db.databaseUrl,
        pluginDirs: [resolve('plugins')],
        logLevel: 'silent',
        jwtSecret: 's'.repeat(32),
        encryptionKey: 'a'.repeat(64),
        cacheKeyPrefix: `scheduler-e2e-${process.pid}-${Date.now()}:`,
        adminEmail: ADMIN.email,
        adminPassword: ADMIN.password,
      },
      { plugins: ['clock'] },
    );
    token = (await http().post('/api/v1/admin/auth/login').send(ADMIN).expect(200)).body.data.access_token;
  });

  afterAll(async () => {
    await tessera?.close();
    await db?.cleanup();
  });

  it('lists the task of an active plugin with its next run', async () => {
    const tasks = (await admin('get', '/api/v1/tasks').expect(200)).body.data as Array<Record<string, unknown>>;
    const tick = tasks.find((task) => task.plugin === 'clock' && task.name === 'tick');
    expect(tick).toBeDefined();
    expect(JSON.stringify(tick)).toMatch(/next/i);
  });

  it('refuses the task API without an admin token', async () => {
    const response = await http().get('/api/v1/tasks').expect(401);
    expect(response.body.error.code).toBe('UNAUTHORIZED');
  });

  it('runs a task now and records the run in the history, and the plugin sees its effect', async () => {
    await admin('post', '/api/v1/tasks/clock/tick/run').expect(202);
    let runs: Array<Record<string, unknown>> = [];
    for (let attempt = 0; attempt < 50 && runs.length === 0; attempt++) {
      await new Promise((done) => setTimeout(done, 100));
      const history = (await admin('get', '/api/v1/tasks/history?plugin=clock&task=tick').expect(200)).body.data;
      runs = (Array.isArray(history) ? history : history.items).filter((run: Record<string, unknown>) => run.outcome === 'success');
    }
    expect(runs.length).toBeGreaterThan(0);
    const status = (await http().get('/plugins/clock/clock').expect(200)).body.data;
    expect(status.ticks).toBeGreaterThan(0);
  });

  it('takes the plugin’s tasks away when it is disabled, and back when enabled', async () => {
    const loader = tessera.app.get(PluginLoader);
    await loader.disable('clock');
    const tasks = (await admin('get', '/api/v1/tasks').expect(200)).body.data as Array<Record<string, unknown>>;
    expect(tasks.filter((task) => task.plugin === 'clock')).toEqual([]);
    await admin('post', '/api/v1/tasks/clock/tick/run').expect(404);
    await loader.enable('clock');
    const back = (await admin('get', '/api/v1/tasks').expect(200)).body.data as Array<Record<string, unknown>>;
    expect(back.some((task) => task.plugin === 'clock' && task.name === 'tick')).toBe(true);
  });
});
