import { createTesseraApp, type TesseraApp } from '@tessera/core';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import { generate } from 'otplib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const API = '/api/v1/admin';
const ADMIN = { email: 'first-admin@example.com', password: 'first-admin-password' };

// The admin API on the real host with no plugin loaded (admin accounts need none): envelope,
// codes and headers as a client sees them.
describe('admin API on the Tessera host', () => {
  let db: TestDatabase;
  let tessera: TesseraApp;
  const http = () => request(tessera.server);
  const login = async (email: string, password: string) => (await http().post(`${API}/auth/login`).send({ email, password }).expect(200)).body.data;

  beforeAll(async () => {
    db = await createTestDatabase();
    tessera = await createTesseraApp({
      dataDir: db.dataDir,
      databaseUrl: db.databaseUrl,
      redisUrl: process.env.REDIS_URL,
      logLevel: 'silent',
      jwtSecret: 'e2e-admin-secret-e2e-admin-secret-42',
      encryptionKey: 'b'.repeat(64),
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
    }, { plugins: [] });
  });
  afterAll(async () => {
    await tessera?.close();
    await db?.cleanup();
  });

  it('creates the first super admin from ADMIN_EMAIL / ADMIN_PASSWORD and logs it in', async () => {
    const session = await login(ADMIN.email, ADMIN.password);
    expect(session).toMatchObject({ token_type: 'Bearer', account: { email: ADMIN.email, roles: ['super_admin'], permissions: ['*'] } });
    const me = await http().get(`${API}/me`).set('Authorization', `Bearer ${session.access_token}`).expect(200);
    expect(me.body).toMatchObject({ success: true, data: { email: ADMIN.email } });
  });

  it('answers the envelope with the catalogue codes: 401 without a token, 400 with the fields, 429 with Retry-After', async () => {
    const anonymous = await http().get(`${API}/accounts`).expect(401);
    expect(anonymous.body).toEqual({ success: false, error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
    const invalid = await http().post(`${API}/auth/login`).send({ email: 'nope' }).expect(400);
    expect(invalid.body).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR', details: expect.any(Array) } });
    for (let i = 0; i < 5; i++) await http().post(`${API}/auth/login`).send({ email: 'victim@example.com', password: 'guess-number-x' }).expect(401);
    const limited = await http().post(`${API}/auth/login`).send({ email: 'victim@example.com', password: 'guess-number-x' }).expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('keeps the core endpoints open while the admin API needs a token', async () => {
    await http().get('/health').expect(200);
    const docs = await http().get('/docs/json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining([`${API}/auth/login`, `${API}/accounts`]));
  });

  it('refresh rotates, reuse revokes the session, logout ends it', async () => {
    const first = await login(ADMIN.email, ADMIN.password);
    const second = (await http().post(`${API}/auth/refresh`).send({ refresh_token: first.refresh_token }).expect(200)).body.data;
    await http().post(`${API}/auth/refresh`).send({ refresh_token: first.refresh_token }).expect(401);
    await http().get(`${API}/me`).set('Authorization', `Bearer ${second.access_token}`).expect(401);

    const third = await login(ADMIN.email, ADMIN.password);
    await http().post(`${API}/auth/logout`).set('Authorization', `Bearer ${third.access_token}`).expect(200);
    await http().get(`${API}/me`).set('Authorization', `Bearer ${third.access_token}`).expect(401);
  });

  it('an operator gets exactly the permissions of its role', async () => {
    const root = `Bearer ${(await login(ADMIN.email, ADMIN.password)).access_token}`;
    await http().post(`${API}/roles`).set('Authorization', root).send({ name: 'auditor', permissions: ['accounts.read'] }).expect(201);
    await http().post(`${API}/accounts`).set('Authorization', root).send({ email: 'auditor@example.com', password: 'auditor-password', roles: ['auditor'] }).expect(201);
    const auditor = `Bearer ${(await login('auditor@example.com', 'auditor-password')).access_token}`;
    await http().get(`${API}/accounts`).set('Authorization', auditor).expect(200);
    const denied = await http().post(`${API}/roles`).set('Authorization', auditor).send({ name: 'x', permissions: [] }).expect(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
  });

  it('two-step login once TOTP is enrolled', async () => {
    const root = `Bearer ${(await login(ADMIN.email, ADMIN.password)).access_token}`;
    await http().post(`${API}/accounts`).set('Authorization', root).send({ email: 'twofa@example.com', password: 'twofa-password-long' }).expect(201);
    const bearer = `Bearer ${(await login('twofa@example.com', 'twofa-password-long')).access_token}`;
    const { secret } = (await http().post(`${API}/me/totp/enroll`).set('Authorization', bearer).expect(200)).body.data;
    const now = Math.floor(Date.now() / 1000);
    await http().post(`${API}/me/totp/confirm`).set('Authorization', bearer).send({ code: await generate({ secret, epoch: now }) }).expect(200);
    const challenge = await login('twofa@example.com', 'twofa-password-long');
    expect(challenge.otp_required).toBe(true);
    const done = await http().post(`${API}/auth/login/otp`).send({ challenge_token: challenge.challenge_token, code: await generate({ secret, epoch: now + 30 }) }).expect(200);
    expect(done.body.data.access_token).toEqual(expect.any(String));
  });
});
