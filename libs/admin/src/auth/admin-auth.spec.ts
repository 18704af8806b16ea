import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { generate } from 'otplib';
import { TokenService } from '@tessera/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, bearerFor, createAdminTestApp, type AdminTestApp } from '../../test/admin-test-app.js';

const API = '/api/v1/admin';

describe('admin auth API', () => {
  let test: AdminTestApp;

  beforeAll(async () => {
    test = await createAdminTestApp();
  });
  afterAll(() => test?.close());

  it('creates the first super admin from the initial admin settings; login answers tokens and the account', async () => {
    const response = await test.http().post(`${API}/auth/login`).send({ email: 'ROOT@example.com', password: ROOT.password }).expect(200);
    expect(response.body).toMatchObject({
      success: true,
      data: { otp_required: false, token_type: 'Bearer', expires_in: 900, account: { email: ROOT.email, roles: ['super_admin'], permissions: ['*'], totp_enabled: false } },
    });
    expect(response.body.data.account).not.toHaveProperty('password_hash');
    const me = await test.http().get(`${API}/me`).set('Authorization', `Bearer ${response.body.data.access_token}`).expect(200);
    expect(me.body.data).toMatchObject({ email: ROOT.email, permissions: ['*'], session_id: response.body.data.session_id });
  });

  it('answers 401 UNAUTHORIZED for a wrong password or an unknown email, with the same message', async () => {
    const wrong = await test.http().post(`${API}/auth/login`).send({ email: ROOT.email, password: 'not-the-password' }).expect(401);
    const unknown = await test.http().post(`${API}/auth/login`).send({ email: 'nobody@example.com', password: 'whatever-password' }).expect(401);
    expect(wrong.body).toEqual({ success: false, error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  it('answers 400 VALIDATION_ERROR with the fields for a malformed body', async () => {
    const response = await test.http().post(`${API}/auth/login`).send({ email: 'not-an-email', extra: 1 }).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
    expect(response.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'extra', 'password']);
  });

  it('throttles repeated failures on one account: 429 RATE_LIMITED with Retry-After', async () => {
    const email = 'throttled@example.com';
    for (let i = 0; i < 5; i++) await test.http().post(`${API}/auth/login`).send({ email, password: 'wrong-password' }).expect(401);
    const limited = await test.http().post(`${API}/auth/login`).send({ email, password: 'wrong-password' }).expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('rotates refresh tokens; reusing an old one revokes the session, and its access token stops working', async () => {
    const login = await test.http().post(`${API}/auth/login`).send(ROOT).expect(200);
    const first = login.body.data;
    const refreshed = await test.http().post(`${API}/auth/refresh`).send({ refresh_token: first.refresh_token }).expect(200);
    const second = refreshed.body.data;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    await test.http().get(`${API}/me`).set('Authorization', `Bearer ${second.access_token}`).expect(200);

    const reuse = await test.http().post(`${API}/auth/refresh`).send({ refresh_token: first.refresh_token }).expect(401);
    expect(reuse.body.error.code).toBe('UNAUTHORIZED');
    await test.http().post(`${API}/auth/refresh`).send({ refresh_token: second.refresh_token }).expect(401);
    await test.http().get(`${API}/me`).set('Authorization', `Bearer ${second.access_token}`).expect(401);
  });

  it('logout revokes the session: access and refresh tokens are refused afterwards', async () => {
    const login = (await test.http().post(`${API}/auth/login`).send(ROOT).expect(200)).body.data;
    const bearer = `Bearer ${login.access_token}`;
    await test.http().post(`${API}/auth/logout`).set('Authorization', bearer).expect(200, { success: true, data: { logged_out: true } });
    await test.http().get(`${API}/me`).set('Authorization', bearer).expect(401);
    await test.http().post(`${API}/auth/refresh`).send({ refresh_token: login.refresh_token }).expect(401);
  });

  it('lists my sessions and revokes one of them', async () => {
    const bearer = await bearerFor(test, ROOT.email, ROOT.password);
    const other = (await test.http().post(`${API}/auth/login`).send(ROOT).expect(200)).body.data;
    const sessions = (await test.http().get(`${API}/me/sessions`).set('Authorization', bearer).expect(200)).body.data;
    expect(sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    await test.http().delete(`${API}/me/sessions/${other.session_id}`).set('Authorization', bearer).expect(200);
    await test.http().get(`${API}/me`).set('Authorization', `Bearer ${other.access_token}`).expect(401);
  });

  it('changes my password: the current session stays, the others are revoked, the new password works', async () => {
    const email = 'changer@example.com';
    const rootBearer = await bearerFor(test, ROOT.email, ROOT.password);
    await test.http().post(`${API}/accounts`).set('Authorization', rootBearer).send({ email, password: 'first-password-long' }).expect(201);
    const current = await bearerFor(test, email, 'first-password-long');
    const other = await bearerFor(test, email, 'first-password-long');
    const wrong = await test.http().post(`${API}/me/password`).set('Authorization', current).send({ current_password: 'nope', new_password: 'second-password-long' }).expect(400);
    expect(wrong.body.error.code).toBe('VALIDATION_ERROR');
    await test.http().post(`${API}/me/password`).set('Authorization', current).send({ current_password: 'first-password-long', new_password: 'second-password-long' }).expect(200);
    await test.http().get(`${API}/me`).set('Authorization', current).expect(200);
    await test.http().get(`${API}/me`).set('Authorization', other).expect(401);
    await test.http().post(`${API}/auth/login`).send({ email, password: 'first-password-long' }).expect(401);
    await bearerFor(test, email, 'second-password-long');
  });

  it('refuses end-user tokens on the admin API with 403 FORBIDDEN', async () => {
    const userToken = test.app.get(TokenService).signAccessToken({ id: '00000000-0000-4000-8000-000000000001', kind: 'user', roles: [], permissions: ['*'] }, 'user-session');
    const response = await test.http().get(`${API}/accounts`).set('Authorization', `Bearer ${userToken.token}`).expect(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
  });

  it('enrols TOTP, then login needs a second step with a TOTP code or a recovery code', async () => {
    const email = 'totp@example.com';
    const password = 'totp-admin-password';
    const rootBearer = await bearerFor(test, ROOT.email, ROOT.password);
    await test.http().post(`${API}/accounts`).set('Authorization', rootBearer).send({ email, password, roles: ['super_admin'] }).expect(201);
    const bearer = await bearerFor(test, email, password);

    const enrol = (await test.http().post(`${API}/me/totp/enroll`).set('Authorization', bearer).expect(200)).body.data;
    expect(enrol.otpauth_uri).toMatch(/^otpauth:\/\/totp\//);
    const now = Math.floor(Date.now() / 1000);
    const confirm = await test.http().post(`${API}/me/totp/confirm`).set('Authorization', bearer).send({ code: await generate({ secret: enrol.secret, epoch: now }) }).expect(200);
    const recoveryCodes: string[] = confirm.body.data.recovery_codes;
    expect(recoveryCodes).toHaveLength(10);

    const first = (await test.http().post(`${API}/auth/login`).send({ email, password }).expect(200)).body.data;
    expect(first).toEqual({ otp_required: true, challenge_token: expect.any(String), expires_in: 300 });
    await test.http().get(`${API}/me`).set('Authorization', `Bearer ${first.challenge_token}`).expect(401);
    await test.http().post(`${API}/auth/login/otp`).send({ challenge_token: first.challenge_token, code: '000000' }).expect(401);

    const nextCode = await generate({ secret: enrol.secret, epoch: now + 30 });
    const second = await test.http().post(`${API}/auth/login/otp`).send({ challenge_token: first.challenge_token, code: nextCode }).expect(200);
    expect(second.body.data).toMatchObject({ otp_required: false, second_factor: 'totp', account: { email, totp_enabled: true } });
    await test.http().post(`${API}/auth/login/otp`).send({ challenge_token: first.challenge_token, code: nextCode }).expect(401);

    const again = (await test.http().post(`${API}/auth/login`).send({ email, password }).expect(200)).body.data;
    const recovered = await test.http().post(`${API}/auth/login/otp`).send({ challenge_token: again.challenge_token, code: recoveryCodes[0] }).expect(200);
    expect(recovered.body.data.second_factor).toBe('recovery_code');
    await test.http().post(`${API}/auth/login/otp`).send({ challenge_token: again.challenge_token, code: recoveryCodes[0] }).expect(401);
  });

  it('describes the admin API in OpenAPI, with bearer auth and request bodies', () => {
    const document = SwaggerModule.createDocument(test.app, new DocumentBuilder().addBearerAuth().build());
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining([`${API}/auth/login`, `${API}/me/totp/enroll`, `${API}/accounts/{id}`, `${API}/roles/{role}`, `${API}/permissions`]));
    const login = document.paths[`${API}/auth/login`].post!;
    expect(login.summary).toMatch(/Log in/);
    expect(login.tags).toEqual(['admin auth']);
    expect(document.paths[`${API}/accounts`].get!.security).toEqual([{ bearer: [] }]);
    expect(document.components?.schemas).toHaveProperty('CreateAccountDto');
  });
});
