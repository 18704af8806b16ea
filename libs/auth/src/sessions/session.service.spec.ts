import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource, createTestDatabase, type TestDatabase } from '@tessera/database';
import type { Principal } from '@tessera/sdk';
import type { DataSource } from 'typeorm';
import { resolveAuthOptions } from '../auth-options.js';
import { loadSigningKeys } from '../keys/signing-keys.js';
import { CreateAuthTables1795000000100 } from '../migrations/create-auth-tables.migration.js';
import { TokenService } from '../tokens/token.service.js';
import { AuthSession } from './auth-session.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { RevocationService } from './revocation.service.js';
import { SessionService } from './session.service.js';
import { JwtAuthenticator } from '../guard/jwt-authenticator.service.js';

describe('SessionService', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let sessions: SessionService;
  let authenticator: JwtAuthenticator;
  const options = resolveAuthOptions({ dataDir: '.', jwtSecret: 'session-test-secret-session-test-secret' });
  const accounts = new Map<string, Principal>();
  const resolver = { kind: 'admin' as const, resolve: async (id: string) => accounts.get(id) ?? null };

  function account(kind: Principal['kind'] = 'admin'): Principal {
    const principal: Principal = { id: randomUUID(), kind, roles: ['viewer'], permissions: ['plugins.read'] };
    accounts.set(principal.id, principal);
    return principal;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await createDataSource({ url: db.databaseUrl, dataDir: db.dataDir, entities: [AuthSession, RefreshToken], migrations: [CreateAuthTables1795000000100] });
    const tokens = new TokenService(options, loadSigningKeys(options));
    const revocations = new RevocationService(options);
    sessions = new SessionService(dataSource, tokens, revocations, options);
    authenticator = new JwtAuthenticator(tokens, revocations);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.cleanup();
  });

  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  it('starts a session whose access token authenticates and whose refresh token is stored only hashed', async () => {
    const principal = account();
    const issued = await sessions.start(principal, { ip: '10.1.2.3', userAgent: 'vitest' });
    expect(issued).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: options.refreshTtlSeconds });
    expect(await authenticator.authenticate(bearer(issued.accessToken))).toMatchObject({ id: principal.id, kind: 'admin', permissions: ['plugins.read'] });
    const stored = await dataSource.getRepository(RefreshToken).find({ where: { sessionId: issued.sessionId } });
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0].tokenHash).not.toContain(issued.refreshToken);
  });

  it('rotates the refresh token on every use, with fresh permissions', async () => {
    const principal = account();
    const first = await sessions.start(principal);
    accounts.set(principal.id, { ...principal, permissions: ['plugins.read', 'plugins.manage'] });
    const second = await sessions.refresh(first.refreshToken, resolver);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.sessionId).toBe(first.sessionId);
    expect((await authenticator.authenticate(bearer(second.accessToken)))?.permissions).toEqual(['plugins.read', 'plugins.manage']);
    const third = await sessions.refresh(second.refreshToken, resolver);
    expect(third.refreshToken).not.toBe(second.refreshToken);
  });

  it('on reuse of a rotated refresh token, revokes the whole family: the newest refresh and access tokens die too', async () => {
    const principal = account();
    const first = await sessions.start(principal);
    const second = await sessions.refresh(first.refreshToken, resolver);
    await expect(sessions.refresh(first.refreshToken, resolver)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/already used/) });
    await expect(sessions.refresh(second.refreshToken, resolver)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/revoked/) });
    await expect(authenticator.authenticate(bearer(second.accessToken))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const session = await dataSource.getRepository(AuthSession).findOneByOrFail({ id: first.sessionId });
    expect(session.revokedReason).toBe('refresh_token_reuse');
  });

  it('lets only one of two concurrent refreshes with the same token succeed', async () => {
    const first = await sessions.start(account());
    const results = await Promise.allSettled([sessions.refresh(first.refreshToken, resolver), sessions.refresh(first.refreshToken, resolver)]);
    expect(results.filter((result) => result.status === 'fulfilled').length).toBeLessThanOrEqual(1);
    expect(results.some((result) => result.status === 'rejected')).toBe(true);
  });

  it('logout revokes the session: its refresh token and its access token are refused', async () => {
    const issued = await sessions.start(account());
    await sessions.revoke(issued.sessionId, 'logout');
    await expect(sessions.refresh(issued.refreshToken, resolver)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(authenticator.authenticate(bearer(issued.accessToken))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('logout by refresh token works too', async () => {
    const issued = await sessions.start(account());
    expect(await sessions.revokeByRefreshToken(issued.refreshToken)).toBe(true);
    await expect(sessions.refresh(issued.refreshToken, resolver)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await sessions.revokeByRefreshToken('unknown-token')).toBe(false);
  });

  it('refuses unknown tokens, tokens of another account kind, and accounts that disappeared', async () => {
    await expect(sessions.refresh('nope', resolver)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const user = await sessions.start(account('user'));
    await expect(sessions.refresh(user.refreshToken, resolver)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const gone = account();
    const issued = await sessions.start(gone);
    accounts.delete(gone.id);
    await expect(sessions.refresh(issued.refreshToken, resolver)).rejects.toMatchObject({ message: expect.stringMatching(/no longer exists or is disabled/) });
  });

  it('lists an account its active sessions and lets it revoke one or all', async () => {
    const principal = account();
    const a = await sessions.start(principal, { ip: '10.0.0.1', userAgent: 'laptop' });
    const b = await sessions.start(principal, { ip: '10.0.0.2', userAgent: 'phone' });
    const c = await sessions.start(principal);
    const listed = await sessions.list('admin', principal.id);
    expect(listed.map((s) => s.id).sort()).toEqual([a.sessionId, b.sessionId, c.sessionId].sort());
    expect(listed.find((s) => s.id === a.sessionId)).toMatchObject({ ip: '10.0.0.1', userAgent: 'laptop' });

    await sessions.revokeOwn('admin', principal.id, a.sessionId);
    await expect(sessions.revokeOwn('admin', randomUUID(), b.sessionId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await sessions.list('admin', principal.id)).map((s) => s.id).sort()).toEqual([b.sessionId, c.sessionId].sort());

    expect(await sessions.revokeAll('admin', principal.id, 'password_changed', c.sessionId)).toBe(1);
    expect((await sessions.list('admin', principal.id)).map((s) => s.id)).toEqual([c.sessionId]);
  });

  it('after a restart, still refuses access tokens of sessions revoked recently', async () => {
    const issued = await sessions.start(account());
    await sessions.revoke(issued.sessionId);
    const tokens = new TokenService(options, loadSigningKeys(options));
    const freshRevocations = new RevocationService(options);
    await new SessionService(dataSource, tokens, freshRevocations, options).onModuleInit();
    await expect(new JwtAuthenticator(tokens, freshRevocations).authenticate(bearer(issued.accessToken))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('purges sessions revoked or expired more than a day ago, with their refresh tokens', async () => {
    const old = await sessions.start(account());
    const recent = await sessions.start(account());
    await sessions.revoke(old.sessionId);
    await sessions.revoke(recent.sessionId);
    await dataSource.getRepository(AuthSession).update({ id: old.sessionId }, { revokedAt: new Date(Date.now() - 2 * 86_400_000) });
    expect(await sessions.purge()).toBeGreaterThanOrEqual(1);
    expect(await dataSource.getRepository(AuthSession).existsBy({ id: old.sessionId })).toBe(false);
    expect(await dataSource.getRepository(RefreshToken).existsBy({ sessionId: old.sessionId })).toBe(false);
    expect(await dataSource.getRepository(AuthSession).existsBy({ id: recent.sessionId })).toBe(true);
  });
});
