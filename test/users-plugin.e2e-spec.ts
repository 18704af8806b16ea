import 'reflect-metadata';
import { createHmac, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { hash as argon2Hash } from '@node-rs/argon2';
import { createTesseraApp, type TesseraApp } from '@tessera/core';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The users plugin on the real host (PGlite and the memory cache by default; PostgreSQL and
// Redis when DATABASE_URL / REDIS_URL are set), with two fixture plugins: users-listener records
// the hooks, users-caller calls the actions as another plugin would.
const BASE = '/plugins/users/users';
const JWT_SECRET = 'users-e2e-secret-users-e2e-secret-0123';
const HOST_ADMIN = { email: 'host-admin@example.com', password: 'host-admin-password' };
const PASSWORD = 'Correct1horse';

type User = { id: string; username: string; email: string; full_name: string | null; is_active: boolean; is_admin: boolean; created_at: string; updated_at: string };
type Tokens = { access_token: string; refresh_token: string; token_type: string; expires_in: number };

describe('users plugin', () => {
  let db: TestDatabase;
  let tessera: TesseraApp;
  let sequence = 0;
  const http = () => request(tessera.server);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${++sequence}`;

  const register = async (fields: Partial<Record<string, unknown>> = {}): Promise<User> => {
    const username = (fields.username as string) ?? unique('u');
    const body = { username, email: `${username}@example.com`, password: PASSWORD, ...fields };
    return (await http().post(`${BASE}/register`).send(body).expect(201)).body.data;
  };
  const login = async (username: string, password = PASSWORD): Promise<Tokens> => (await http().post(`${BASE}/login`).send({ username, password }).expect(200)).body.data;
  const newUser = async (fields: Partial<Record<string, unknown>> = {}) => {
    const user = await register(fields);
    return { user, tokens: await login(user.username, (fields.password as string) ?? PASSWORD) };
  };
  const call = (action: string, payload?: unknown) => http().post(`/plugins/users-caller/call/${action}`).send(payload as object).expect(200).then((r) => r.body);
  const received = async (hook: string, userId: string) =>
    ((await http().get('/plugins/users-listener/received').expect(200)).body.data as Array<{ hook: string; payload: any }>)
      .filter((event) => event.hook === hook && event.payload.user_id === userId)
      .map((event) => event.payload);

  let hostAdmin: string;
  /** A user made admin the documented way: a host admin account sets is_admin, then the user logs in again. */
  let admin: { user: User; token: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    tessera = await createTesseraApp(
      {
        dataDir: db.dataDir,
        databaseUrl: db.databaseUrl,
        redisUrl: process.env.REDIS_URL,
        // Its own keys in a shared Redis: other suites (and earlier runs) never see this run's cached pages.
        cacheKeyPrefix: `users-e2e-${randomBytes(4).toString('hex')}:`,
        pluginDirs: [resolve('plugins'), resolve('test/fixtures/plugins')],
        logLevel: 'silent',
        jwtSecret: JWT_SECRET,
        encryptionKey: 'c'.repeat(64),
        adminEmail: HOST_ADMIN.email,
        adminPassword: HOST_ADMIN.password,
      },
      { plugins: ['users', 'users-listener', 'users-caller'] },
    );
    hostAdmin = (await http().post('/api/v1/admin/auth/login').send(HOST_ADMIN).expect(200)).body.data.access_token;
    const boss = await register({ username: unique('boss') });
    await http().put(`${BASE}/${boss.id}`).set(bearer(hostAdmin)).send({ is_admin: true }).expect(200);
    admin = { user: boss, token: (await login(boss.username)).access_token };
  });

  afterAll(async () => {
    await tessera?.close();
    await db?.cleanup();
  });

  describe('registration', () => {
    it('creates the user and answers it without any password field', async () => {
      const response = await http().post(`${BASE}/register`).send({ username: 'Ada_L', email: 'Ada@Example.COM', password: PASSWORD, full_name: 'Ada Lovelace' }).expect(201);
      expect(response.body).toEqual({
        success: true,
        data: {
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          username: 'Ada_L',
          email: 'ada@example.com',
          full_name: 'Ada Lovelace',
          is_active: true,
          is_admin: false,
          created_at: expect.any(String),
          updated_at: expect.any(String),
        },
      });
    });

    it.each([
      ['a username under 3 characters', { username: 'ab' }, 'username', 'isLength'],
      ['a username over 50 characters', { username: 'a'.repeat(51) }, 'username', 'isLength'],
      ['a username with "@"', { username: 'ada@home' }, 'username', 'matches'],
      ['a missing username', { username: undefined }, 'username', 'isString'],
      ['an invalid email', { email: 'not-an-email' }, 'email', 'isEmail'],
      ['a full_name over 100 characters', { full_name: 'x'.repeat(101) }, 'full_name', 'maxLength'],
      ['a password under 8 characters', { password: 'Short1a' }, 'password', 'minLength'],
      ['a password without an uppercase letter', { password: 'lowercase1only' }, 'password', 'hasUppercase'],
      ['a password without a lowercase letter', { password: 'UPPERCASE1ONLY' }, 'password', 'hasLowercase'],
      ['a password without a digit', { password: 'NoDigitsHere' }, 'password', 'hasDigit'],
      ['a field the API does not know (is_admin)', { is_admin: true }, 'is_admin', 'whitelistValidation'],
    ])('refuses %s with 400 VALIDATION_ERROR naming the field', async (_rule, override, field, constraint) => {
      const username = unique('v');
      const body = { username, email: `${username}@example.com`, password: PASSWORD, ...override };
      const response = await http().post(`${BASE}/register`).send(body).expect(400);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect(response.body.error.details).toContainEqual({ field, constraints: expect.objectContaining({ [constraint]: expect.any(String) }) });
    });

    it('refuses a taken username or email whatever its case, naming the field', async () => {
      const taken = await register();
      const byName = await http().post(`${BASE}/register`).send({ username: taken.username.toUpperCase(), email: 'other@example.com', password: PASSWORD }).expect(400);
      expect(byName.body.error).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('is already taken'), details: [{ field: 'username' }] });
      const byEmail = await http().post(`${BASE}/register`).send({ username: unique('e'), email: taken.email.toUpperCase(), password: PASSWORD }).expect(400);
      expect(byEmail.body.error).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('is already registered'), details: [{ field: 'email' }] });
    });

    it('lets exactly one of concurrent registrations of one username through; the others get the same 400', async () => {
      const username = unique('race');
      const responses = await Promise.all([1, 2, 3].map((n) => http().post(`${BASE}/register`).send({ username, email: `${username}${n}@example.com`, password: PASSWORD })));
      expect(responses.map((response) => response.status).sort()).toEqual([201, 400, 400]);
      for (const refused of responses.filter((response) => response.status === 400)) expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'username' })]);
    });

    it('answers 403 while an admin has set allow_registration to false, and opens again at once', async () => {
      const configure = (allow: boolean) =>
        http().put('/api/v1/plugins/users/config').set(bearer(hostAdmin)).send({ values: { allow_registration: allow } }).expect(200);
      await configure(false);
      try {
        const username = unique('closed');
        const closed = await http().post(`${BASE}/register`).send({ username, email: `${username}@example.com`, password: PASSWORD }).expect(403);
        expect(closed.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('allow_registration') });
      } finally {
        await configure(true);
      }
      await register();
    });
  });

  describe('login and sessions', () => {
    it('logs in by username or email and answers bearer tokens that open GET /me', async () => {
      const user = await register({ full_name: 'Grace Hopper' });
      for (const name of [user.username, user.email.toUpperCase()]) {
        const tokens = await login(name);
        expect(tokens).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'bearer', expires_in: 900, refresh_expires_in: expect.any(Number) });
        const me = await http().get(`${BASE}/me`).set(bearer(tokens.access_token)).expect(200);
        expect(me.body.data).toEqual(user);
      }
    });

    it('answers a wrong password and an unknown user with the same 401', async () => {
      const user = await register();
      const wrong = await http().post(`${BASE}/login`).send({ username: user.username, password: 'Wrong1password' }).expect(401);
      const unknown = await http().post(`${BASE}/login`).send({ username: 'nobody-here', password: PASSWORD }).expect(401);
      expect(wrong.body.error).toEqual({ code: 'UNAUTHORIZED', message: 'The username (or email) or the password is wrong.' });
      expect(unknown.body.error).toEqual(wrong.body.error);
    });

    it('blocks an account after 5 failed logins with 429 and Retry-After, even for the right password', async () => {
      const user = await register();
      for (let i = 0; i < 5; i++) await http().post(`${BASE}/login`).send({ username: i % 2 ? user.email : user.username, password: 'Wrong1password' }).expect(401);
      const blocked = await http().post(`${BASE}/login`).send({ username: user.username, password: PASSWORD }).expect(429);
      expect(blocked.body.error.code).toBe('RATE_LIMITED');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('rotates the refresh token; reusing an old one ends the whole session', async () => {
      const { tokens } = await newUser();
      const next = (await http().post(`${BASE}/refresh`).send({ refresh_token: tokens.refresh_token }).expect(200)).body.data as Tokens;
      expect(next.refresh_token).not.toBe(tokens.refresh_token);
      await http().get(`${BASE}/me`).set(bearer(next.access_token)).expect(200);

      const reused = await http().post(`${BASE}/refresh`).send({ refresh_token: tokens.refresh_token }).expect(401);
      expect(reused.body.error.message).toContain('already used');
      await http().get(`${BASE}/me`).set(bearer(next.access_token)).expect(401);
      await http().post(`${BASE}/refresh`).send({ refresh_token: next.refresh_token }).expect(401);
    });

    it('logs out: the access token and the refresh token of the session stop working', async () => {
      const { tokens } = await newUser();
      await http().post(`${BASE}/logout`).set(bearer(tokens.access_token)).send({}).expect(200, { success: true, data: { logged_out: true } });
      await http().get(`${BASE}/me`).set(bearer(tokens.access_token)).expect(401);
      await http().post(`${BASE}/refresh`).send({ refresh_token: tokens.refresh_token }).expect(401);
    });

    it('rehashes a password stored with older argon2 parameters at the next login', async () => {
      const user = await register();
      const dataSource = tessera.app.get(DataSource);
      const old = await argon2Hash(PASSWORD, { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
      await dataSource.query('UPDATE users_accounts SET password_hash = $1 WHERE id = $2', [old, user.id]);
      await login(user.username);
      const [row] = await dataSource.query('SELECT password_hash FROM users_accounts WHERE id = $1', [user.id]);
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      await login(user.username);
    });

    it('refuses a missing, tampered, expired or alg:none token and an admin account on /me', async () => {
      const { user, tokens } = await newUser();
      const [header, payload, signature] = tokens.access_token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const now = Math.floor(Date.now() / 1000);
      const tampered = `${header}.${base64url({ ...claims, perms: ['*'] })}.${signature}`;
      const expired = signHs256({ ...claims, iat: now - 3600, exp: now - 60 }, JWT_SECRET);
      const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
      await http().get(`${BASE}/me`).expect(401);
      for (const token of [tampered, expired, unsigned, 'not-a-jwt']) {
        const response = await http().get(`${BASE}/${user.id}`).set(bearer(token)).expect(401);
        expect(response.body.error.code).toBe('UNAUTHORIZED');
      }
      // The same claims signed the same way pass: the expired token fails for its exp alone.
      await http().get(`${BASE}/me`).set(bearer(signHs256(claims, JWT_SECRET))).expect(200);
      const forAdmins = await http().get(`${BASE}/me`).set(bearer(hostAdmin)).expect(403);
      expect(forAdmins.body.error.code).toBe('FORBIDDEN');
    });
  });

  describe('list, search and pagination', () => {
    const tag = unique('pg');
    let tagged: User[];

    beforeAll(async () => {
      tagged = [];
      for (const name of [`${tag}_one`, `${tag}xtwo`, `${tag}_three`, `${tag}-four`, `${tag}-five`]) tagged.push(await register({ username: name, email: `${name}@Tagged.example.com` }));
    });
    const list = (query: Record<string, unknown>, token = admin.token) => http().get(BASE).query(query).set(bearer(token));

    it('pages newest first with total and pages, the default page size coming from the manifest', async () => {
      const first = (await list({ search: tag, page_size: 2 }).expect(200)).body.data;
      expect(first).toEqual({ items: [tagged[4], tagged[3]], total: 5, page: 1, page_size: 2, pages: 3 });
      const last = (await list({ search: tag, page_size: 2, page: 3 }).expect(200)).body.data;
      expect(last.items).toEqual([tagged[0]]);
      expect((await list({ search: tag, page: 9 }).expect(200)).body.data).toMatchObject({ items: [], total: 5, page_size: 20, pages: 1 });
    });

    it('searches username and email case-insensitively', async () => {
      expect((await list({ search: tag.toUpperCase() }).expect(200)).body.data.total).toBe(5);
      expect((await list({ search: `${tag}-FIVE@tagged` }).expect(200)).body.data.items).toEqual([tagged[4]]);
    });

    it('matches % _ and \\ literally and treats SQL as text', async () => {
      expect((await list({ search: `${tag}_` }).expect(200)).body.data.items.map((user: User) => user.username).sort()).toEqual([`${tag}_one`, `${tag}_three`]);
      for (const search of ['%', '\\', `${tag}%five`, "' OR '1'='1", `${tag}'; DROP TABLE users_accounts; --`]) {
        expect((await list({ search }).expect(200)).body.data.total).toBe(0);
      }
      expect((await list({ search: tag }).expect(200)).body.data.total).toBe(5);
    });

    it.each([
      [{ page: 0 }, 'page'],
      [{ page: 'two' }, 'page'],
      [{ page_size: 0 }, 'page_size'],
      [{ page_size: 101 }, 'page_size'],
      [{ page_size: 2.5 }, 'page_size'],
      [{ sort: 'email' }, 'sort'],
    ])('refuses %o with 400 VALIDATION_ERROR naming %s', async (query, field) => {
      const response = await list(query).expect(400);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect(response.body.error.details).toContainEqual(expect.objectContaining({ field }));
    });

    it('needs users.read to list or read others; a user may read themselves', async () => {
      const { user, tokens } = await newUser();
      expect((await list({}, tokens.access_token).expect(403)).body.error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'users.read' } });
      expect((await http().get(`${BASE}/${admin.user.id}`).set(bearer(tokens.access_token)).expect(403)).body.error.code).toBe('FORBIDDEN');
      await http().get(`${BASE}/${user.id}`).set(bearer(tokens.access_token)).expect(200);
      await http().get(`${BASE}/${user.id}`).set(bearer(admin.token)).expect(200);
      await http().get(BASE).expect(401);
    });
  });

  describe('read, update and delete', () => {
    it('answers 400 for an id that is not a uuid and 404 NOT_FOUND for a missing one', async () => {
      const bad = await http().get(`${BASE}/42`).set(bearer(admin.token)).expect(400);
      expect(bad.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'id' }] });
      const missing = await http().get(`${BASE}/00000000-0000-4000-8000-000000000000`).set(bearer(admin.token)).expect(404);
      expect(missing.body.error.code).toBe('NOT_FOUND');
    });

    it('shows an update at once in GET /:id, GET /me and the list (the cache is invalidated)', async () => {
      const { user, tokens } = await newUser();
      const search = { search: user.username };
      await http().get(`${BASE}/${user.id}`).set(bearer(tokens.access_token)).expect(200);
      expect((await http().get(BASE).query(search).set(bearer(admin.token))).body.data.items[0].full_name).toBeNull();

      const updated = await http().put(`${BASE}/${user.id}`).set(bearer(tokens.access_token)).send({ full_name: 'New Name', email: `NEW.${user.email}` }).expect(200);
      expect(updated.body.data).toMatchObject({ full_name: 'New Name', email: `new.${user.email}` });
      expect((await http().get(`${BASE}/${user.id}`).set(bearer(tokens.access_token))).body.data.full_name).toBe('New Name');
      expect((await http().get(`${BASE}/me`).set(bearer(tokens.access_token))).body.data.email).toBe(`new.${user.email}`);
      expect((await http().get(BASE).query(search).set(bearer(admin.token))).body.data.items[0].full_name).toBe('New Name');
    });

    it('serves reads from the cache: a change made behind the plugin’s back shows after its next write', async () => {
      const { user, tokens } = await newUser();
      const read = async () => (await http().get(`${BASE}/${user.id}`).set(bearer(tokens.access_token)).expect(200)).body.data.full_name;
      const listed = async () => (await http().get(BASE).query({ search: user.username }).set(bearer(admin.token)).expect(200)).body.data.items[0].full_name;
      expect([await read(), await listed()]).toEqual([null, null]);
      await tessera.app.get(DataSource).query(`UPDATE users_accounts SET full_name = 'Behind the back' WHERE id = $1`, [user.id]);
      expect([await read(), await listed()]).toEqual([null, null]);
      await http().put(`${BASE}/${user.id}`).set(bearer(tokens.access_token)).send({ email: `moved.${user.email}` }).expect(200);
      expect([await read(), await listed()]).toEqual(['Behind the back', 'Behind the back']);
    });

    it('lets only the user or an admin change an account, and only an admin change is_active / is_admin', async () => {
      const { user, tokens } = await newUser();
      const other = await register();
      expect((await http().put(`${BASE}/${other.id}`).set(bearer(tokens.access_token)).send({ full_name: 'x' }).expect(403)).body.error.code).toBe('FORBIDDEN');
      const promote = await http().put(`${BASE}/${user.id}`).set(bearer(tokens.access_token)).send({ is_admin: true }).expect(403);
      expect(promote.body.error).toMatchObject({ code: 'FORBIDDEN', details: { fields: ['is_admin'] } });
      await http().put(`${BASE}/${other.id}`).set(bearer(admin.token)).send({ full_name: 'Set by admin' }).expect(200);
      const taken = await http().put(`${BASE}/${user.id}`).set(bearer(tokens.access_token)).send({ username: other.username }).expect(400);
      expect(taken.body.error.details).toEqual([expect.objectContaining({ field: 'username' })]);
    });

    it('changes your own password only with the current one, and ends your other sessions', async () => {
      const { user, tokens } = await newUser();
      const elsewhere = await login(user.username);
      const url = `${BASE}/${user.id}`;
      expect((await http().put(url).set(bearer(tokens.access_token)).send({ password: 'Brand2newpass' }).expect(400)).body.error.details).toEqual([expect.objectContaining({ field: 'current_password' })]);
      await http().put(url).set(bearer(tokens.access_token)).send({ password: 'Brand2newpass', current_password: 'Wrong1password' }).expect(400);
      await http().put(url).set(bearer(tokens.access_token)).send({ password: 'Brand2newpass', current_password: PASSWORD }).expect(200);
      await http().get(`${BASE}/me`).set(bearer(tokens.access_token)).expect(200);
      await http().get(`${BASE}/me`).set(bearer(elsewhere.access_token)).expect(401);
      await http().post(`${BASE}/login`).send({ username: user.username, password: PASSWORD }).expect(401);
      await login(user.username, 'Brand2newpass');
    });

    it('disabling an account ends its sessions and refuses its logins with a clear 401', async () => {
      const { user, tokens } = await newUser();
      await http().put(`${BASE}/${user.id}`).set(bearer(admin.token)).send({ is_active: false }).expect(200);
      await http().get(`${BASE}/me`).set(bearer(tokens.access_token)).expect(401);
      const refused = await http().post(`${BASE}/login`).send({ username: user.username, password: PASSWORD }).expect(401);
      expect(refused.body.error.message).toBe('This account is disabled. Ask an administrator to enable it.');
      await http().put(`${BASE}/${user.id}`).set(bearer(admin.token)).send({ is_active: true }).expect(200);
      await login(user.username);
    });

    it('deletes with 204: yourself or an admin; the account and its tokens are gone', async () => {
      const { user, tokens } = await newUser();
      const victim = await register();
      await http().delete(`${BASE}/${victim.id}`).set(bearer(tokens.access_token)).expect(403);
      await http().delete(`${BASE}/${user.id}`).set(bearer(tokens.access_token)).expect(204, '');
      await http().get(`${BASE}/me`).set(bearer(tokens.access_token)).expect(401);
      await http().delete(`${BASE}/${victim.id}`).set(bearer(admin.token)).expect(204);
      await http().get(`${BASE}/${victim.id}`).set(bearer(admin.token)).expect(404);
      await http().delete(`${BASE}/${victim.id}`).set(bearer(admin.token)).expect(404);
    });
  });

  describe('hooks (received by the users-listener fixture)', () => {
    it('emits user_registered, user_login, user_profile_updated, user_logout and user_deleted with their payloads', async () => {
      const user = await register({ full_name: 'Hook Person' });
      const tokens = (await http().post(`${BASE}/login`).set('user-agent', 'users-e2e').send({ username: user.username, password: PASSWORD }).expect(200)).body.data as Tokens;
      await http().put(`${BASE}/${user.id}`).set(bearer(tokens.access_token)).send({ full_name: 'Hooked', password: 'Another1pass', current_password: PASSWORD }).expect(200);
      await http().post(`${BASE}/logout`).set(bearer(tokens.access_token)).send({}).expect(200);
      await http().delete(`${BASE}/${user.id}`).set(bearer(admin.token)).expect(204);

      const at = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);
      const who = { user_id: user.id, username: user.username };
      expect(await received('user_registered', user.id)).toEqual([{ ...who, email: user.email, full_name: 'Hook Person', at }]);
      const [loginEvent] = await received('user_login', user.id);
      expect(loginEvent).toEqual({ ...who, email: user.email, session_id: expect.any(String), ip: expect.any(String), user_agent: 'users-e2e', at });
      expect(await received('user_profile_updated', user.id)).toEqual([
        { ...who, updated_fields: ['full_name', 'password'], old_values: { full_name: 'Hook Person' }, new_values: { full_name: 'Hooked' }, updated_by: { id: user.id, kind: 'user' }, at },
      ]);
      expect(await received('user_logout', user.id)).toEqual([{ ...who, email: user.email, session_id: loginEvent.session_id, at }]);
      expect(await received('user_deleted', user.id)).toEqual([{ ...who, email: user.email, deleted_by: { id: admin.user.id, kind: 'user' }, at }]);
      expect(JSON.stringify(await received('user_profile_updated', user.id))).not.toContain('Another1pass');
    });
  });

  describe('actions (called by the users-caller fixture)', () => {
    it('create: the new user, or validation_error for a bad or duplicate payload', async () => {
      const username = unique('act');
      const created = await call('create', { username, email: `${username}@example.com`, password: PASSWORD });
      expect(created).toEqual({ ok: true, data: expect.objectContaining({ username, is_active: true }) });
      expect(await received('user_registered', created.data.id)).toHaveLength(1);
      expect(await call('create', { username, email: `x${username}@example.com`, password: PASSWORD })).toEqual({ ok: false, error: { code: 'validation_error', message: expect.stringContaining('already taken') } });
      expect(await call('create', { username: 'x', email: 'bad', password: 'weak' })).toMatchObject({ ok: false, error: { code: 'validation_error' } });
      expect(await call('create', ['not', 'an', 'object'])).toMatchObject({ ok: false, error: { code: 'validation_error' } });
    });

    it('get: by id, username or email; not_found; validation_error unless exactly one key', async () => {
      const user = await register();
      for (const payload of [{ id: user.id }, { username: user.username.toUpperCase() }, { email: user.email.toUpperCase() }]) expect(await call('get', payload)).toEqual({ ok: true, data: user });
      expect(await call('get', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await call('get', { username: 'ghost-user' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await call('get', { id: user.id, username: user.username })).toMatchObject({ ok: false, error: { code: 'validation_error' } });
      expect(await call('get', { phone: '123' })).toMatchObject({ ok: false, error: { code: 'validation_error' } });
    });

    it('list: a page like GET /', async () => {
      const user = await register();
      expect(await call('list', { search: user.username })).toEqual({ ok: true, data: { items: [user], total: 1, page: 1, page_size: 20, pages: 1 } });
      expect(await call('list', { page_size: 1000 })).toMatchObject({ ok: false, error: { code: 'validation_error' } });
    });

    it('authenticate: the user for the right password, auth_failed otherwise', async () => {
      const user = await register();
      expect(await call('authenticate', { username: user.email, password: PASSWORD })).toEqual({ ok: true, data: user });
      expect(await call('authenticate', { username: user.username, password: 'Wrong1password' })).toEqual({ ok: false, error: { code: 'auth_failed', message: expect.any(String) } });
    });

    it('verify_token: the user of a live access token; auth_failed for a bad, admin or logged-out one', async () => {
      const { user, tokens } = await newUser();
      expect(await call('verify_token', { token: tokens.access_token })).toEqual({ ok: true, data: user });
      for (const token of ['garbage', hostAdmin]) expect(await call('verify_token', { token })).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
      await http().post(`${BASE}/logout`).set(bearer(tokens.access_token)).send({}).expect(200);
      expect(await call('verify_token', { token: tokens.access_token })).toMatchObject({ ok: false, error: { code: 'auth_failed', message: expect.stringContaining('logged out') } });
    });

    it('answers an unknown action with the kernel’s ACTION_NOT_FOUND, listing the actions', async () => {
      const answer = await call('delete_everyone', {});
      expect(answer).toEqual({ ok: false, error: { code: 'ACTION_NOT_FOUND', message: expect.stringContaining('has no action "delete_everyone"') } });
      for (const action of ['create', 'get', 'list', 'authenticate', 'verify_token']) expect(answer.error.message).toContain(action);
    });
  });
});

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An HS256 JWT signed with the host's secret, so only its claims can make it fail. */
function signHs256(claims: object, secret: string): string {
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
