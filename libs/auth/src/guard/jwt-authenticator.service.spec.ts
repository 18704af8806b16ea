import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveAuthOptions } from '../auth-options.js';
import { loadSigningKeys } from '../keys/signing-keys.js';
import { RevocationService, type RevocationStore } from '../sessions/revocation.service.js';
import { TokenService } from '../tokens/token.service.js';
import { JwtAuthenticator } from './jwt-authenticator.service.js';

describe('JwtAuthenticator.authenticateNow', () => {
  const options = resolveAuthOptions({ dataDir: '.', jwtSecret: 'authenticate-now-secret-authenticate-now' });
  const tokens = new TokenService(options, loadSigningKeys(options));
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  const issue = (sessionId = randomUUID()) =>
    tokens.signAccessToken({ id: randomUUID(), kind: 'user', roles: ['member'], permissions: ['bench.read'] }, sessionId).token;

  it('answers without a promise when revocations are all in this process', () => {
    const authenticator = new JwtAuthenticator(tokens, new RevocationService(options));
    const answer = authenticator.authenticateNow(bearer(issue()));
    expect(answer?.principal).toMatchObject({ kind: 'user', roles: ['member'], permissions: ['bench.read'] });
    expect(authenticator.authenticateNow({ headers: {} })).toEqual({ principal: null });
  });

  it('hands every request with the same token one frozen principal, which no handler can change for the next', () => {
    const authenticator = new JwtAuthenticator(tokens, new RevocationService(options));
    const request = bearer(issue());
    const first = authenticator.authenticateNow(request)?.principal;
    expect(authenticator.authenticateNow(request)?.principal).toBe(first);
    expect(() => first?.permissions.push('*')).toThrow(TypeError);
    expect(() => Object.assign(first ?? {}, { kind: 'admin' })).toThrow(TypeError);
    expect(() => Object.assign(first?.claims ?? {}, { sub: 'someone-else' })).toThrow(TypeError);
    expect(authenticator.authenticateNow(request)?.principal).toMatchObject({ kind: 'user', permissions: ['bench.read'] });
  });

  it('refuses a revoked session and a bad token the same way authenticate does', async () => {
    const revocations = new RevocationService(options);
    const authenticator = new JwtAuthenticator(tokens, revocations);
    const sessionId = randomUUID();
    const token = issue(sessionId);
    await revocations.revoke([sessionId]);
    expect(() => authenticator.authenticateNow(bearer(token))).toThrow(expect.objectContaining({ code: 'UNAUTHORIZED' }));
    await expect(authenticator.authenticate(bearer(token))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(() => authenticator.authenticateNow(bearer(`${issue()}x`))).toThrow(expect.objectContaining({ code: 'UNAUTHORIZED' }));
  });

  it('reads the header the same way whether or not the token was verified before', () => {
    const authenticator = new JwtAuthenticator(tokens, new RevocationService(options));
    const token = issue();
    const principalFor = (authorization: string) => authenticator.authenticateNow({ headers: { authorization } })?.principal;
    // First a spelling that takes the full check, then the usual one that a cache hit serves.
    expect(principalFor(`bearer   ${token}  `)).toMatchObject({ permissions: ['bench.read'] });
    expect(principalFor(`Bearer ${token}`)).toMatchObject({ permissions: ['bench.read'] });
    expect(principalFor(`BEARER ${token}`)).toMatchObject({ permissions: ['bench.read'] });
    // Cached or not, anything else than one token after the scheme is refused.
    for (const malformed of [`Bearer ${token} extra`, `Bearer ${token}!`, `Basic ${token}`, `Bearer ${token.slice(0, -1)}`, `Bearer`]) {
      expect(() => principalFor(malformed), malformed).toThrow(expect.objectContaining({ code: 'UNAUTHORIZED' }));
    }
  });

  it('defers to authenticate when revocations are shared between instances', async () => {
    const shared = new Set<string>();
    const store: RevocationStore = { set: async (key) => void shared.add(key), exists: async (key) => shared.has(key) };
    const authenticator = new JwtAuthenticator(tokens, new RevocationService(options, store));
    const sessionId = randomUUID();
    const token = issue(sessionId);
    expect(authenticator.authenticateNow(bearer(token))).toBeUndefined();
    // Revoked by another instance: only the store knows.
    shared.add(`revoked-session:${sessionId}`);
    await expect(authenticator.authenticate(bearer(token))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
