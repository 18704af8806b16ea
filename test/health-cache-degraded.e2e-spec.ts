import { createServer, type Server } from 'node:net';
import { createTesseraApp, type TesseraApp } from '@tessera/core';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A port nothing listens on: bind one, remember it, free it.
async function deadPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('readiness when Redis is unreachable', () => {
  let db: TestDatabase;
  let tessera: TesseraApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    tessera = await createTesseraApp({
      dataDir: db.dataDir,
      databaseUrl: db.databaseUrl,
      redisUrl: `redis://127.0.0.1:${await deadPort()}`,
      logLevel: 'silent',
      jwtSecret: 's'.repeat(32),
      encryptionKey: 'a'.repeat(64),
    });
  });

  afterAll(async () => {
    await tessera?.close();
    await db?.cleanup();
  });

  it('boots anyway and stays ready (200) with the cache reported degraded', async () => {
    const response = await request(tessera.server).get('/health/ready').expect(200);
    expect(response.body.success).toBe(true);
    expect(response.body.data.status).toBe('degraded');
    expect(response.body.data.details.database.status).toBe('up');
    expect(response.body.data.details.cache).toMatchObject({ status: 'degraded', store: 'redis' });
  });
});
