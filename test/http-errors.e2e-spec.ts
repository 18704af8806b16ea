import 'reflect-metadata';
import { resolve } from 'node:path';
import { Body, ConflictException, Controller, Get, Inject, Module, Post } from '@nestjs/common';
import { Public } from '@tessera/auth';
import { createTesseraApp, type TesseraApp } from '@tessera/core';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import { createLogger, GENERATED_REQUEST_ID, LOGGER, type Logger } from '@tessera/observability';
import { ok, TesseraError } from '@tessera/sdk';
import { IsInt, IsString, Min, MinLength } from 'class-validator';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

class CreateThingDto {
  @IsString()
  @MinLength(3)
  name: string;

  @IsInt()
  @Min(1)
  quantity: number;
}

// Routes need a token unless public; these tests are about the error envelope, not auth.
@Public()
@Controller('e2e')
class FailuresController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post('things')
  create(@Body() thing: CreateThingDto) {
    return ok(thing);
  }

  @Get('tessera-error')
  tesseraError() {
    throw new TesseraError('PLUGIN_NOT_FOUND', 'Plugin "ghost" is not installed. Install it first.', { name: 'ghost' });
  }

  @Get('conflict')
  conflict() {
    throw new ConflictException('This thing already exists.');
  }

  @Get('bad-sql')
  async badSql() {
    await this.dataSource.query('SELECT secret_column FROM table_that_does_not_exist');
  }

  @Get('crash')
  async crash() {
    // A real query: the request id must survive the wait for the database's socket.
    await this.dataSource.query('SELECT 1');
    this.logger.info('about to fail');
    throw new Error('internal detail that must stay private');
  }
}

@Module({ controllers: [FailuresController] })
class FailuresModule {}

const BODY_LIMIT = 1024;

describe('HTTP errors: every failure answers with the envelope', () => {
  let db: TestDatabase;
  let tessera: TesseraApp;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const logger = createLogger({ level: 'info', format: 'json', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
    tessera = await createTesseraApp(
      { dataDir: db.dataDir, databaseUrl: db.databaseUrl, bodyLimitBytes: BODY_LIMIT, jwtSecret: 's'.repeat(32), encryptionKey: 'a'.repeat(64), pluginDirs: [resolve('plugins')] },
      { extraModules: [FailuresModule], logger, plugins: ['hello'] },
    );
  });

  afterAll(async () => {
    await tessera?.close();
    await db?.cleanup();
  });

  it('answers malformed JSON with 400 VALIDATION_ERROR', async () => {
    const response = await request(tessera.server).post('/e2e/things').set('content-type', 'application/json').send('{"name": "ab",');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
    expect(response.body.error.message).toContain('valid JSON');
  });

  it('answers a content type it does not read with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await request(tessera.server).post('/e2e/things').set('content-type', 'application/xml').send('<thing/>');
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ success: false, error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('answers a body over BODY_LIMIT_BYTES with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await request(tessera.server).post('/e2e/things').send({ name: 'x'.repeat(BODY_LIMIT * 2), quantity: 1 });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ success: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('answers an unknown route with 404 NOT_FOUND', async () => {
    const response = await request(tessera.server).get('/no/such/route');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ success: false, error: { code: 'NOT_FOUND', message: 'Cannot GET /no/such/route' } });
  });

  it('answers a DTO validation failure with 400 VALIDATION_ERROR and one entry per field', async () => {
    const response = await request(tessera.server).post('/e2e/things').send({ name: 'ab', quantity: 0, colour: 'red' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
    expect(response.body.error.details).toHaveLength(3);
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'name', constraints: { minLength: 'name must be longer than or equal to 3 characters' } },
        { field: 'quantity', constraints: { min: 'quantity must not be less than 1' } },
        { field: 'colour', constraints: { whitelistValidation: 'property colour should not exist' } },
      ]),
    );
  });

  it('passes a valid body through', async () => {
    const response = await request(tessera.server).post('/e2e/things').send({ name: 'bolt', quantity: 3 });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ success: true, data: { name: 'bolt', quantity: 3 } });
  });

  it('answers a TesseraError with its own status, code, message and details', async () => {
    const response = await request(tessera.server).get('/e2e/tessera-error');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      success: false,
      error: { code: 'PLUGIN_NOT_FOUND', message: 'Plugin "ghost" is not installed. Install it first.', details: { name: 'ghost' } },
    });
  });

  it("maps Nest's HTTP exceptions to catalogue codes", async () => {
    const response = await request(tessera.server).get('/e2e/conflict');
    expect(response.status).toBe(409);
    expect(response.body).toEqual({ success: false, error: { code: 'CONFLICT', message: 'This thing already exists.' } });
  });

  it('answers a database error with 500 INTERNAL_ERROR and no SQL, and logs it with the request id', async () => {
    const response = await request(tessera.server).get('/e2e/bad-sql');
    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(response.body)).not.toMatch(/table_that_does_not_exist|secret_column|SELECT/);
    const requestId = response.headers['x-request-id'];
    expect(response.body.error.message).toContain(requestId);
    const logged = lines.find((line) => line.reqId === requestId && line.level === 50);
    expect(JSON.stringify(logged)).toContain('table_that_does_not_exist');
  });

  it('answers any other error with 500 INTERNAL_ERROR without its message or stack', async () => {
    const response = await request(tessera.server).get('/e2e/crash').set('x-request-id', 'client-chosen-id');
    expect(response.status).toBe(500);
    expect(response.headers['x-request-id']).toBe('client-chosen-id');
    expect(response.body).toEqual({
      success: false,
      error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred. Report request id client-chosen-id; the details are in the server log.' },
    });
    const requestLines = lines.filter((line) => line.reqId === 'client-chosen-id');
    expect(requestLines.map((line) => line.msg)).toEqual(['about to fail', 'Request failed: INTERNAL_ERROR', 'request completed']);
    expect(JSON.stringify(requestLines[1])).toContain('internal detail that must stay private');
  });

  it('logs a plugin request once, with the plugin, its route pattern and the request id, and counts it in /metrics', async () => {
    const response = await request(tessera.server).get('/plugins/hello/hello?name=Ada').set('x-request-id', 'plugin-call-1');
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('plugin-call-1');
    const completed = lines.filter((line) => line.reqId === 'plugin-call-1' && line.msg === 'request completed');
    expect(completed).toEqual([expect.objectContaining({ plugin: 'hello', method: 'GET', route: '/plugins/hello/hello', path: '/plugins/hello/hello', status: 200 })]);
    const metrics = await request(tessera.server).get('/metrics');
    expect(metrics.text).toMatch(/^http_requests_total\{method="GET",route="\/plugins\/hello\/hello",status_code="200",plugin="hello"\} [1-9]/m);
  });

  it('gives every answer a request id, generated when the client sent none', async () => {
    const first = await request(tessera.server).get('/health');
    const second = await request(tessera.server).get('/health');
    expect(first.headers['x-request-id']).toMatch(GENERATED_REQUEST_ID);
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
  });
});
