import 'reflect-metadata';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AuthModule, authEntities, authMigrations } from '@tessera/auth';
import { DatabaseModule, createTestDatabase, databaseMigrations, type TestDatabase } from '@tessera/database';
import { configureHttpApp, createLogger, HttpMetrics } from '@tessera/observability';
import { OtpModule, otpEntities, otpMigrations } from '@tessera/otp';
import request from 'supertest';
import { AdminModule } from '../src/admin.module.js';
import { adminEntities, adminMigrations } from '../src/index.js';

export const ROOT = { email: 'root@example.com', password: 'root-password-long-enough' };

export interface AdminTestApp {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The admin API on a Fastify app with a throw-away database (PGlite, or PostgreSQL when DATABASE_URL is set). */
export async function createAdminTestApp(): Promise<AdminTestApp> {
  const db: TestDatabase = await createTestDatabase();
  const moduleRef = await Test.createTestingModule({
    imports: [
      DatabaseModule.forRoot({
        url: db.databaseUrl,
        dataDir: db.dataDir,
        entities: [...authEntities, ...otpEntities, ...adminEntities],
        migrations: [...databaseMigrations, ...authMigrations, ...otpMigrations, ...adminMigrations],
      }),
      AuthModule.forRoot({
        dataDir: db.dataDir,
        jwtSecret: 'admin-api-test-secret-admin-api-test-secret',
        passwordHash: { memoryCost: 1024, timeCost: 1 },
        throttle: { perAccount: 5, perIp: 1000 },
        globalGuard: true,
      }),
      OtpModule.forRoot(),
      AdminModule.forRoot({ initialAdmin: ROOT, pluginApi: false }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  // The host's HTTP set-up: envelope exception filter, validation pipe, request ids.
  configureHttpApp(app, { logger: createLogger({ level: 'silent' }), metrics: new HttpMetrics() });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: () => request(app.getHttpServer()),
    async close() {
      await app.close();
      await db.cleanup();
    },
  };
}

/** Logs in and answers the bearer header value. */
export async function bearerFor(test: AdminTestApp, email: string, password: string): Promise<string> {
  const response = await test.http().post('/api/v1/admin/auth/login').send({ email, password }).expect(200);
  return `Bearer ${response.body.data.access_token}`;
}
