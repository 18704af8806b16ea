import { createTesseraApp, type TesseraApp } from '@tessera/core';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import { OpenApiRegistry } from '@tessera/observability';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('core endpoints: health, metrics, docs', () => {
  let db: TestDatabase;
  let tessera: TesseraApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    tessera = await createTesseraApp({
      dataDir: db.dataDir,
      databaseUrl: db.databaseUrl,
      logLevel: 'silent',
      jwtSecret: 's'.repeat(32),
      encryptionKey: 'a'.repeat(64),
    });
  });

  afterAll(async () => {
    await tessera?.close();
    await db?.cleanup();
  });

  it('GET /health says the process is alive', async () => {
    const response = await request(tessera.server).get('/health').expect(200);
    expect(response.body).toMatchObject({ success: true, data: { status: 'ok' } });
  });

  it('GET /health/ready reports the database and the cache up', async () => {
    const response = await request(tessera.server).get('/health/ready').expect(200);
    expect(response.body.success).toBe(true);
    expect(response.body.data.status).toBe('ok');
    expect(response.body.data.details.database).toMatchObject({ status: 'up', kind: db.databaseUrl ? 'postgres' : 'pglite' });
    expect(response.body.data.details.cache).toMatchObject({ status: 'up', store: process.env.REDIS_URL ? 'redis' : 'memory' });
  });

  it('GET /metrics counts requests by route pattern in the Prometheus format', async () => {
    await request(tessera.server).get('/health').expect(200);
    await request(tessera.server).get('/users/12345/orders').expect(404);
    const response = await request(tessera.server).get('/metrics').expect(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.text).toMatch(/^http_requests_total\{method="GET",route="\/health",status_code="200",plugin=""\} [1-9]/m);
    expect(response.text).toMatch(/^http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/health"/m);
    expect(response.text).toContain('route="unmatched",status_code="404"');
    // No series for the raw URL (only the path is checked: '12345' alone can be a digit run in any value).
    expect(response.text).not.toContain('/users/12345');
    expect(response.text).toContain('process_resident_memory_bytes');
  });

  it('GET /docs/json serves an OpenAPI 3 document of the core routes', async () => {
    const response = await request(tessera.server).get('/docs/json').expect(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.body.openapi).toMatch(/^3\./);
    expect(response.body.info).toMatchObject({ title: 'Tessera' });
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/health', '/health/ready', '/metrics']));
    expect(Object.keys(response.body.paths).some((path) => path.startsWith('/docs'))).toBe(false);
  });

  it('GET /docs/json reflects fragments added and removed at run time', async () => {
    const registry = tessera.app.get(OpenApiRegistry);
    registry.setFragment('hello', { paths: { '/plugins/hello/greet': { get: { responses: { '200': { description: 'a greeting' } } } } } });
    const added = await request(tessera.server).get('/docs/json').expect(200);
    expect(added.body.paths).toHaveProperty(['/plugins/hello/greet']);
    registry.removeFragment('hello');
    const removed = await request(tessera.server).get('/docs/json').expect(200);
    expect(removed.body.paths).not.toHaveProperty(['/plugins/hello/greet']);
  });

  it('GET /docs serves Swagger UI from the local package, not a CDN', async () => {
    const page = await request(tessera.server).get('/docs').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    const bundle = await request(tessera.server).get('/docs/swagger-ui-bundle.js').expect(200);
    expect(bundle.headers['content-type']).toContain('javascript');
    const init = await request(tessera.server).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain("url: '/docs/json'");
    const other = await request(tessera.server).get('/docs/package.json').expect(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
  });

  // Last: it closes the database under the running app.
  it('GET /health/ready answers 503 SERVICE_UNAVAILABLE once the database is gone', async () => {
    await tessera.app.get(DataSource).destroy();
    const response = await request(tessera.server).get('/health/ready').expect(503);
    expect(response.body).toMatchObject({ success: false, error: { code: 'SERVICE_UNAVAILABLE' } });
    expect(response.body.error.message).toMatch(/^Not ready: database is down/);
    expect(response.body.error.details.details.database.status).toBe('down');
    await request(tessera.server).get('/health').expect(200);
  });
});
