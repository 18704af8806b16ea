import 'reflect-metadata';
import { GENERATED_REQUEST_ID } from '@tessera/observability';
import { bootPlugin, type PluginHarness } from '@tessera/testing';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PLUGIN = 'direct-endpoints';
const BASE = `/plugins/${PLUGIN}`;
const JSON_TYPE = 'application/json; charset=utf-8';
// The plugin's 500s are expected here: keep their error lines out of the test output.
const BOOT = { pluginDirs: ['test/fixtures/plugins'], host: { logLevel: 'silent' } } as const;

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

type Method = 'get' | 'head' | 'post' | 'delete';
type RequestOptions = { body?: object; headers?: Record<string, string> };

// Every kind of request the spec below sends, for the comparison with Nest's router.
const REQUESTS: Array<[`${Uppercase<Method>} ${string}`, RequestOptions?]> = [
  ['GET /endpoints/sync'],
  ['HEAD /endpoints/sync'],
  ['GET /endpoints/async'],
  ['GET /endpoints/observable'],
  ['GET /endpoints/file'],
  ['HEAD /endpoints/file'],
  ['GET /endpoints/stream'],
  ['HEAD /endpoints/stream'],
  ['DELETE /endpoints/items/7'],
  ['GET /endpoints/no-store'],
  ['GET /endpoints/no-store-conflict'],
  ['POST /endpoints/greetings', { body: { name: 'Ada' } }],
  ['POST /endpoints/greetings', { body: { name: '' } }],
  ['POST /endpoints/greetings', { body: { name: 'Ada', admin: true } }],
  ['GET /endpoints/items/42'],
  ['GET /endpoints/items/abc'],
  ['GET /endpoints/items/'],
  ['GET /endpoints/geo/12'],
  ['GET /endpoints/geo/12,34'],
  ['GET /endpoints/search?q=tea'],
  ['GET /endpoints/search'],
  ['GET /endpoints/headers', { headers: { 'x-a': 'one' } }],
  ['GET /endpoints/ip'],
  ['GET /endpoints/request?x=1'],
  ['GET /endpoints/me'],
  ['GET /endpoints/conflict'],
  ['GET /endpoints/crash'],
  ['GET /endpoints/crash-async'],
  ['GET /fallback/guarded'],
  ['GET /fallback/passthrough'],
  ['GET /open/who'],
  ['GET /closed/who'],
];

/** Sends one request and keeps the body as sent, whatever its content type. */
async function send(plugin: PluginHarness, method: Method, path: string, options: RequestOptions = {}): Promise<Answer> {
  let request = plugin.http()[method](`${BASE}${path}`).set(options.headers ?? {});
  if (options.body) request = request.send(options.body);
  const response: Response = await request.buffer(true).parse((raw, done) => {
    let text = '';
    raw.setEncoding('utf8');
    raw.on('data', (chunk: string) => (text += chunk));
    raw.on('end', () => done(null, text));
  });
  expect(response.headers['x-request-id'], `x-request-id of ${method.toUpperCase()} ${path}`).toMatch(GENERATED_REQUEST_ID);
  // A HEAD answer has no body on the wire; the client does not even call the parser.
  return { status: response.status, headers: response.headers as Record<string, string>, text: method === 'head' ? '' : (response.body as string) };
}

/** What must not differ between two units: all but the request id, the date and the interceptor's mark. */
function comparable({ status, headers, text }: Answer): Answer {
  const { date: _date, 'x-request-id': requestId, 'x-intercepted': _mark, ...kept } = headers;
  return { status, headers: kept, text: text.replace(requestId, '<request id>') };
}

describe('direct endpoints: plain @Endpoint methods served straight from the unit’s Fastify route', () => {
  let plugin: PluginHarness;
  const get = (path: string, headers?: Record<string, string>) => send(plugin, 'get', path, { headers });
  /** Status and JSON body of an answer, for one assertion on both. */
  const envelope = (answer: Answer) => {
    expect(answer.headers['content-type']).toBe(JSON_TYPE);
    return { status: answer.status, body: JSON.parse(answer.text) as unknown };
  };

  beforeAll(async () => {
    plugin = await bootPlugin(PLUGIN, BOOT);
  });

  afterAll(async () => {
    await plugin?.close();
  });

  it('serves the plain endpoints directly and says at debug level why the others are not', () => {
    const lines = plugin
      .logs({ level: 'debug' })
      .map((line) => line.message)
      .sort();
    expect(lines).toEqual([
      "Endpoint ClosedController.who is served through Nest's router because of a method shared by several controllers.",
      "Endpoint FallbackController.guarded is served through Nest's router because of @UseGuards on the method or its controller.",
      "Endpoint FallbackController.passthrough is served through Nest's router because of a RESPONSE parameter (0).",
      "Endpoint OpenController.who is served through Nest's router because of a method shared by several controllers.",
    ]);
  });

  describe('results', () => {
    it.each([
      ['a synchronous return', '/endpoints/sync', 'sync'],
      ['a promise', '/endpoints/async', 'async'],
      ['an Observable, by its last value', '/endpoints/observable', 'last'],
    ])('answers %s with 200 and the value', async (_kind, path, data) => {
      expect(envelope(await get(path))).toEqual({ status: 200, body: { success: true, data } });
    });

    it('answers HEAD for a GET endpoint with the headers of the GET', async () => {
      const full = await get('/endpoints/sync');
      const head = await send(plugin, 'head', '/endpoints/sync');
      expect(head.status).toBe(200);
      expect(head.headers).toMatchObject({ 'content-type': JSON_TYPE, 'content-length': full.headers['content-length'] });
    });

    it('sends a StreamableFile with its type, disposition and length', async () => {
      const answer = await get('/endpoints/file');
      expect(answer).toMatchObject({ status: 200, text: 'file body' });
      expect(answer.headers).toMatchObject({ 'content-type': 'text/plain', 'content-disposition': 'attachment; filename="note.txt"', 'content-length': '9' });
      const head = await send(plugin, 'head', '/endpoints/file');
      expect(head.status).toBe(200);
      expect(head.headers).toMatchObject({ 'content-type': 'text/plain', 'content-length': '9' });
    });

    it('streams what an async generator yields, as it comes', async () => {
      const answer = await get('/endpoints/stream');
      expect(answer).toMatchObject({ status: 200, text: 'first line\nsecond line\n' });
      expect(answer.headers).toMatchObject({ 'content-type': 'text/plain; charset=utf-8', 'transfer-encoding': 'chunked' });
    });
  });

  describe('status and headers', () => {
    it('answers @HttpCode(204) with 204 and no body', async () => {
      const answer = await send(plugin, 'delete', '/endpoints/items/7');
      expect(answer).toMatchObject({ status: 204, text: '' });
      expect(answer.headers['content-type']).toBeUndefined();
    });

    it('sets @Header values, a computed one per request', async () => {
      const answer = await get('/endpoints/no-store');
      expect(answer.headers).toMatchObject({ 'cache-control': 'no-store', 'x-computed': 'per request' });
      expect(envelope(answer)).toEqual({ status: 200, body: { success: true, data: 'fresh' } });
    });

    it('keeps the @Header values on an error answer', async () => {
      const answer = await get('/endpoints/no-store-conflict');
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(envelope(answer)).toEqual({ status: 409, body: { success: false, error: { code: 'CONFLICT', message: 'The item changed meanwhile.' } } });
    });

    it('answers a POST with 201', async () => {
      const answer = await send(plugin, 'post', '/endpoints/greetings', { body: { name: 'Ada' } });
      expect(envelope(answer)).toEqual({ status: 201, body: { success: true, data: { greeting: 'Hello, Ada!', dto: true } } });
    });
  });

  describe('parameters', () => {
    it('refuses an invalid @Body() DTO with 400 VALIDATION_ERROR per field', async () => {
      const answer = await send(plugin, 'post', '/endpoints/greetings', { body: { name: '' } });
      expect(envelope(answer)).toEqual({
        status: 400,
        body: {
          success: false,
          error: {
            code: 'VALIDATION_ERROR',
            message: 'Invalid request: name must be longer than or equal to 1 characters.',
            details: [{ field: 'name', constraints: { isLength: 'name must be longer than or equal to 1 characters' } }],
          },
        },
      });
    });

    it('refuses a field the DTO does not declare', async () => {
      const answer = await send(plugin, 'post', '/endpoints/greetings', { body: { name: 'Ada', admin: true } });
      expect(envelope(answer)).toMatchObject({
        status: 400,
        body: { error: { code: 'VALIDATION_ERROR', details: [{ field: 'admin', constraints: { whitelistValidation: 'property admin should not exist' } }] } },
      });
    });

    it('runs a pipe instance on @Param: a number, or 400 for "abc"', async () => {
      expect(envelope(await get('/endpoints/items/42'))).toEqual({ status: 200, body: { success: true, data: { id: 42, type: 'number' } } });
      expect(envelope(await get('/endpoints/items/abc'))).toEqual({
        status: 400,
        body: { success: false, error: { code: 'VALIDATION_ERROR', message: 'Validation failed (numeric string is expected)' } },
      });
    });

    it('answers 404 for an empty path parameter', async () => {
      expect(envelope(await get('/endpoints/items/'))).toEqual({
        status: 404,
        body: { success: false, error: { code: 'NOT_FOUND', message: `Cannot GET ${BASE}/endpoints/items/` } },
      });
    });

    it('serves only the requests Nest reads a path like :lat,:lng as matching', async () => {
      expect((await get('/endpoints/geo/12')).status).toBe(404);
      expect(envelope(await get('/endpoints/geo/12,34'))).toEqual({ status: 200, body: { success: true, data: { 'lat,:lng': '12,34' } } });
    });

    it('reads @Query, @Headers, @Ip and @Req', async () => {
      const data = async (path: string, headers?: Record<string, string>) => envelope(await get(path, headers)).body;
      expect(await data('/endpoints/search?q=tea')).toEqual({ success: true, data: { q: 'tea' } });
      expect(await data('/endpoints/search')).toEqual({ success: true, data: { q: null } });
      expect(await data('/endpoints/headers', { 'x-a': 'one' })).toEqual({ success: true, data: { a: 'one' } });
      expect(await data('/endpoints/ip')).toEqual({ success: true, data: { ip: expect.stringMatching(/127\.0\.0\.1$/) } });
      expect(await data('/endpoints/request?x=1')).toEqual({ success: true, data: { method: 'GET', url: `${BASE}/endpoints/request?x=1`, params: {} } });
    });

    it('gives @CurrentPrincipal() the caller of a protected endpoint, after 401 and 403 for the others', async () => {
      const id = '7d0c2a51-3f7e-4a55-9e53-0c1a5c1f1b11';
      const reader = await plugin.tokenFor({ permissions: ['direct-endpoints.read'], id });
      const other = await plugin.tokenFor({ permissions: ['other.read'] });

      expect(envelope(await get('/endpoints/me'))).toMatchObject({ status: 401, body: { success: false, error: { code: 'UNAUTHORIZED' } } });
      expect(envelope(await get('/endpoints/me', { authorization: `Bearer ${other}` }))).toMatchObject({
        status: 403,
        body: { success: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('direct-endpoints.read') } },
      });
      expect(envelope(await get('/endpoints/me', { authorization: `Bearer ${reader}` }))).toEqual({ status: 200, body: { success: true, data: { id, kind: 'user' } } });
    });
  });

  describe('errors', () => {
    it('answers a TesseraError with its status and envelope', async () => {
      expect(envelope(await get('/endpoints/conflict'))).toEqual({
        status: 409,
        body: { success: false, error: { code: 'CONFLICT', message: 'Item 7 is taken: choose another id.', details: { field: 'id' } } },
      });
    });

    it.each([
      ['thrown', '/endpoints/crash'],
      ['rejected', '/endpoints/crash-async'],
    ])('answers a plain Error (%s) with 500 INTERNAL_ERROR and keeps its message to the log', async (_how, path) => {
      const answer = await get(path);
      expect(envelope(answer)).toEqual({
        status: 500,
        body: {
          success: false,
          error: { code: 'INTERNAL_ERROR', message: `An unexpected error occurred. Report request id ${answer.headers['x-request-id']}; the details are in the server log.` },
        },
      });
      expect(answer.text).not.toContain('db-secret');
    });
  });

  describe('metrics', () => {
    it('labels a request by its route pattern, whether served directly, by Nest’s router or by no route', async () => {
      await get('/endpoints/items/42');
      await get('/fallback/passthrough');
      await get('/no-such-route');
      const metrics = (await plugin.http().get('/metrics')).text;
      const count = (route: string, status: number) =>
        new RegExp(`^http_requests_total\\{method="GET",route="${route}",status_code="${status}",plugin="${PLUGIN}"\\} [1-9]`, 'm');
      expect(metrics).toMatch(count(`${BASE}/endpoints/items/:id`, 200));
      expect(metrics).toMatch(count(`${BASE}/fallback/passthrough`, 200));
      expect(metrics).toMatch(count('unmatched', 404));
    });
  });

  describe('endpoints left to Nest’s router', () => {
    it('runs a method’s own guard, which refuses', async () => {
      expect(envelope(await get('/fallback/guarded'))).toEqual({ status: 403, body: { success: false, error: { code: 'FORBIDDEN', message: 'Forbidden resource' } } });
    });

    it('keeps the header a handler set through @Res({ passthrough: true })', async () => {
      const answer = await get('/fallback/passthrough');
      expect(answer.headers['x-passthrough']).toBe('set by the handler');
      expect(envelope(answer)).toEqual({ status: 200, body: { success: true, data: 'passthrough' } });
    });

    it('runs an inherited method on each controller’s own instance, behind that controller’s guard', async () => {
      expect(envelope(await get('/open/who'))).toEqual({ status: 200, body: { success: true, data: 'OpenController' } });
      expect((await get('/closed/who')).status).toBe(403);
    });
  });

  describe('the same plugin with an APP_INTERCEPTOR, whole on Nest’s router', () => {
    let viaNest: PluginHarness;

    beforeAll(async () => {
      viaNest = await bootPlugin(PLUGIN, { ...BOOT, env: { DIRECT_ENDPOINTS_APP_INTERCEPTOR: 'on' } });
    });

    afterAll(async () => {
      await viaNest?.close();
    });

    it('leaves every endpoint to Nest’s router, which runs the interceptor', async () => {
      const reasons = new Set(viaNest.logs({ level: 'debug' }).map((line) => line.message.replace(/^Endpoint \S+ /, '')));
      expect([...reasons]).toEqual(["is served through Nest's router because of an APP_INTERCEPTOR provider in the plugin."]);
      expect((await send(viaNest, 'get', '/endpoints/sync')).headers['x-intercepted']).toBe('yes');
      expect((await get('/endpoints/sync')).headers['x-intercepted']).toBeUndefined();
    });

    it.each(REQUESTS)('answers %s exactly as the direct unit does', async (request, options) => {
      const [method, path] = request.split(' ') as [Uppercase<Method>, string];
      const [fromNest, fromDirect] = await Promise.all([viaNest, plugin].map(async (unit) => comparable(await send(unit, method.toLowerCase() as Method, path, options))));
      expect(fromDirect).toEqual(fromNest);
    });
  });
});
