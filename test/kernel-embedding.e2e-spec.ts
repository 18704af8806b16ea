import 'reflect-metadata';
import { resolve } from 'node:path';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { CacheModule } from '@tessera/cache';
import { createTestDatabase, DatabaseModule, type TestDatabase } from '@tessera/database';
import { kernelEntities, kernelMigrations, mountPluginDispatcher, PluginLoader, PluginLoaderModule } from '@tessera/kernel';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A team's own controller, in their own app. */
@Controller('orders')
class OrdersController {
  @Get()
  list() {
    return [{ id: 1 }];
  }
}

describe('PluginLoaderModule imported into an existing Nest app (not Tessera’s host)', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    @Module({
      imports: [
        DatabaseModule.forRoot({ url: db.databaseUrl, dataDir: db.dataDir, entities: kernelEntities, migrations: kernelMigrations }),
        CacheModule.forRoot({ keyPrefix: `embedding-${process.pid}:` }),
        PluginLoaderModule.forRoot({ pluginDirs: [resolve('plugins')], include: ['hello', 'moderation'] }),
      ],
      controllers: [OrdersController],
    })
    class ExistingAppModule {}

    app = await NestFactory.create<NestFastifyApplication>(ExistingAppModule, new FastifyAdapter(), { logger: false, abortOnError: false });
    mountPluginDispatcher(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('keeps serving the app’s own routes', async () => {
    const response = await request(app.getHttpServer()).get('/orders').expect(200);
    expect(response.body).toEqual([{ id: 1 }]);
  });

  it('serves the plugins under /plugins/<name>/ with Tessera’s envelope and validation', async () => {
    const hello = await request(app.getHttpServer()).get('/plugins/hello/hello?name=Team').expect(200);
    expect(hello.body).toEqual({ success: true, data: { message: 'Hello, Team!', count: 1 } });
    const invalid = await request(app.getHttpServer()).post('/plugins/moderation/messages').send({ text: '' }).expect(400);
    expect(invalid.body.error.code).toBe('VALIDATION_ERROR');
    const unknown = await request(app.getHttpServer()).get('/plugins/ghost/').expect(404);
    expect(unknown.body.error.code).toBe('PLUGIN_NOT_FOUND');
  });

  it('gives the app the loader to manage plugins at run time', async () => {
    const loader = app.get(PluginLoader);
    await loader.disable('hello');
    await request(app.getHttpServer()).get('/plugins/hello/hello').expect(404);
    await loader.enable('hello');
    await request(app.getHttpServer()).get('/plugins/hello/hello').expect(200);
  });
});
