import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import type { Principal } from '@tessera/sdk';
import { resolveAuthOptions } from '../auth-options.js';
import type { AuthModuleOptions } from '../auth-options.interface.js';
import { loadSigningKeys } from '../keys/signing-keys.js';
import { TokenService } from './token.service.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256!';
const principal: Principal = { id: randomUUID(), kind: 'admin', roles: ['super_admin'], permissions: ['*'] };

function service(overrides: Partial<AuthModuleOptions> = {}): TokenService {
  const options = resolveAuthOptions({ dataDir: '/nonexistent', jwtSecret: SECRET, ...overrides });
  return new TokenService(options, loadSigningKeys(options));
}

function claimsFor(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { typ: 'access', kind: 'admin', sid: randomUUID(), roles: [], perms: ['*'], sub: principal.id, jti: randomUUID(), iss: 'tessera', aud: 'tessera-api', iat: now, exp: now + 600, ...extra };
}

function expectRefused(tokens: TokenService, token: string, reason: RegExp): void {
  try {
    tokens.verifyAccessToken(token);
  } catch (error) {
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    expect((error as Error).message).toMatch(reason);
    return;
  }
  throw new Error('the token was accepted');
}

describe('TokenService', () => {
  it('signs an access token that verifies with the principal, session and standard claims', () => {
    const tokens = service();
    const signed = tokens.signAccessToken(principal, 'session-1');
    const claims = tokens.verifyAccessToken(signed.token);
    expect(claims).toMatchObject({ sub: principal.id, kind: 'admin', sid: 'session-1', roles: ['super_admin'], perms: ['*'], iss: 'tessera', aud: 'tessera-api', jti: signed.jti });
    expect(claims.exp - claims.iat).toBe(900);
    expect(jwt.decode(signed.token, { complete: true })?.header.alg).toBe('HS256');
  });

  it('refuses a tampered token', () => {
    const tokens = service();
    const [header, , signature] = tokens.signAccessToken(principal, 's').token.split('.');
    const forged = Buffer.from(JSON.stringify(claimsFor({ perms: ['*'], roles: ['super_admin'] }))).toString('base64url');
    expectRefused(tokens, `${header}.${forged}.${signature}`, /invalid signature/);
  });

  it('refuses an expired token', () => {
    const tokens = service();
    const expired = jwt.sign(claimsFor({ iat: 1_000, exp: 2_000 }), SECRET, { algorithm: 'HS256' });
    expectRefused(tokens, expired, /expired/);
  });

  it('refuses alg none', () => {
    const unsigned = jwt.sign(claimsFor(), '', { algorithm: 'none' });
    expectRefused(service(), unsigned, /./);
  });

  it('refuses another algorithm with the same secret', () => {
    const hs512 = jwt.sign(claimsFor(), SECRET, { algorithm: 'HS512' });
    expectRefused(service(), hs512, /invalid algorithm/);
  });

  it('refuses a token signed with another key', () => {
    const other = jwt.sign(claimsFor(), 'another-secret-that-is-also-long-enough!!', { algorithm: 'HS256' });
    expectRefused(service(), other, /invalid signature/);
  });

  it('refuses another audience or issuer', () => {
    expectRefused(service(), jwt.sign(claimsFor({ aud: 'someone-else' }), SECRET, { algorithm: 'HS256' }), /audience invalid/);
    expectRefused(service(), jwt.sign(claimsFor({ iss: 'evil' }), SECRET, { algorithm: 'HS256' }), /issuer invalid/);
  });

  it('refuses a purpose token (such as a login challenge) used as an access token, and the reverse', () => {
    const tokens = service();
    const challenge = tokens.signPurposeToken('otp_challenge', principal, 300);
    expectRefused(tokens, challenge, /audience invalid/);
    expect(tokens.verifyPurposeToken(challenge, 'otp_challenge')).toMatchObject({ sub: principal.id, typ: 'otp_challenge' });
    expect(() => tokens.verifyPurposeToken(challenge, 'password_reset')).toThrow(/audience invalid/);
    expect(() => tokens.verifyPurposeToken(tokens.signAccessToken(principal, 's').token, 'otp_challenge')).toThrow(/audience invalid/);
  });

  it('serves a repeated verification from the cache, but never an altered token', () => {
    const tokens = service({ verifiedTokenCacheSize: 2 });
    const token = tokens.signAccessToken(principal, 's').token;
    const first = tokens.verifyAccessToken(token);
    expect(tokens.verifyAccessToken(token)).toBe(first);
    expectRefused(tokens, `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`, /invalid signature/);
  });

  it('with RS256, verifies its own tokens and refuses an HS256 token made with the public key (algorithm confusion)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const publicPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const tokens = service({ algorithm: 'RS256', privateKey: pem, jwtSecret: undefined });
    const signed = tokens.signAccessToken(principal, 's').token;
    expect(jwt.decode(signed, { complete: true })?.header.alg).toBe('RS256');
    expect(tokens.verifyAccessToken(signed).sub).toBe(principal.id);
    const confused = jwt.sign(claimsFor(), publicPem, { algorithm: 'HS256' });
    expectRefused(tokens, confused, /invalid algorithm/);
  });

  it('supports ES256 key pairs', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const tokens = service({ algorithm: 'ES256', privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() });
    expect(tokens.verifyAccessToken(tokens.signAccessToken(principal, 's').token).kind).toBe('admin');
  });
});
