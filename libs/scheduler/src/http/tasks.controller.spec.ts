import 'reflect-metadata';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { REQUIRED_PERMISSIONS_KEY } from '@tessera/auth';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EnvelopeExceptionFilter } from '../../test-support/envelope-exception.filter.js';
import { BASE_OPTIONS, task } from '../../test-support/scheduler-harness.js';
import { SchedulerModule } from '../scheduler.module.js';
import { SchedulerService } from '../scheduler.service.js';
import { TasksController } from './tasks.controller.js';

describe('TasksController (/api/v1/tasks on Fastify, real time)', () => {
  let app: NestFastifyApplication;
  let scheduler: SchedulerService;
  const ran: string[] = [];

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [SchedulerModule.forRoot(BASE_OPTIONS)] }).compile();
    moduleRef.useLogger(false);
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    app.useGlobalFilters(new EnvelopeExceptionFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    scheduler = app.get(SchedulerService);
    await scheduler.addPluginTasks('billing', [
      task('invoice', { cron: '0 2 * * *', timeZone: 'UTC' }, (ctx) => void ran.push(`invoice:${ctx.source}`)),
      task('reminder', { everyMs: 3_600_000 }, () => {
        throw new Error('no SMTP');
      }),
    ]);
  });

  afterAll(async () => {
    await app.close();
  });

  const http = () => request(app.getHttpServer());

  it('requires the tasks.manage permission on every route', () => {
    expect(Reflect.getMetadata(REQUIRED_PERMISSIONS_KEY, TasksController)).toEqual(['tasks.manage']);
  });

  it('lists tasks with their trigger, next run and state', async () => {
    const res = await http().get('/api/v1/tasks').expect(200);
    expect(res.body.success).toBe(true);
    expect(res.body.data.map((t: { plugin: string; name: string }) => `${t.plugin}/${t.name}`)).toEqual(['billing/invoice', 'billing/reminder']);
    expect(res.body.data[0]).toMatchObject({ trigger: { cron: '0 2 * * *', timeZone: 'UTC' }, paused: false, lastOutcome: null, nextRunAt: expect.stringMatching(/T02:00:00.000Z$/) });
    expect((await http().get('/api/v1/tasks?plugin=nobody').expect(200)).body).toEqual({ success: true, data: [] });
  });

  it('runs a task now, then shows the run in the history and the list', async () => {
    const res = await http().post('/api/v1/tasks/billing/invoice/run').expect(202);
    expect(res.body.data).toMatchObject({ plugin: 'billing', task: 'invoice', source: 'manual' });
    await http().post('/api/v1/tasks/billing/reminder/run').expect(202);
    await vi.waitFor(async () => expect((await scheduler.list('billing')).every((t) => t.lastOutcome !== null)).toBe(true));
    expect(ran).toEqual(['invoice:manual']);

    const history = await http().get('/api/v1/tasks/history?plugin=billing&outcome=failure').expect(200);
    expect(history.body.data).toMatchObject({ total: 1, page: 1, pageSize: 50, items: [{ task: 'reminder', outcome: 'failure', error: 'no SMTP', source: 'manual' }] });
    const paged = await http().get('/api/v1/tasks/history?plugin=billing&pageSize=1&page=1&page=2').expect(200);
    expect(paged.body.data).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.body.data.items).toHaveLength(1);
    const since = await http().get(`/api/v1/tasks/history?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`).expect(200);
    expect(since.body.data.total).toBe(0);
    const one = await http().get('/api/v1/tasks/billing/reminder').expect(200);
    expect(one.body.data).toMatchObject({ name: 'reminder', lastOutcome: 'failure' });
  });

  it('pauses and resumes a task', async () => {
    expect((await http().post('/api/v1/tasks/billing/invoice/pause').expect(200)).body.data.paused).toBe(true);
    expect((await http().get('/api/v1/tasks/billing/invoice').expect(200)).body.data.paused).toBe(true);
    expect((await http().post('/api/v1/tasks/billing/invoice/resume').expect(200)).body.data.paused).toBe(false);
  });

  it('changes the schedule, and restores the code\'s with reset', async () => {
    const res = await http().put('/api/v1/tasks/billing/invoice/schedule').send({ cron: '0 0 4 * * *', timeZone: 'UTC', extra: 'ignored' }).expect(200);
    expect(res.body.data).toMatchObject({ trigger: { cron: '0 0 4 * * *', timeZone: 'UTC' }, nextRunAt: expect.stringMatching(/T04:00:00.000Z$/) });
    const reset = await http().put('/api/v1/tasks/billing/invoice/schedule').send({ reset: true }).expect(200);
    expect(reset.body.data.trigger).toEqual({ cron: '0 2 * * *', timeZone: 'UTC' });
  });

  it('answers VALIDATION_ERROR for a bad cron or query, NOT_FOUND for an unknown task', async () => {
    const bad = await http().put('/api/v1/tasks/billing/invoice/schedule').send({ cron: '0 99 * * *' }).expect(400);
    expect(bad.body).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR', details: [{ field: 'cron' }] } });
    expect(bad.body.error.message).toContain('0 99 * * *');
    const query = await http().get('/api/v1/tasks/history?outcome=maybe&pageSize=1000').expect(400);
    expect(query.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['outcome', 'pageSize']);
    for (const [method, path] of [
      ['get', '/api/v1/tasks/billing/ghost'],
      ['post', '/api/v1/tasks/billing/ghost/run'],
      ['post', '/api/v1/tasks/ghost/invoice/pause'],
      ['post', '/api/v1/tasks/billing/ghost/resume'],
      ['put', '/api/v1/tasks/billing/ghost/schedule'],
    ] as const) {
      const res = await http()[method](path).send({ everyMs: 1000 }).expect(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });
});
