import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { TesseraError, type Principal } from '@tessera/sdk';
import { AUTH_OPTIONS, SIGNING_KEYS } from '../auth.constants.js';
import type { ResolvedAuthOptions } from '../auth-options.interface.js';
import type { SigningKeys } from '../keys/signing-keys.js';
import type { AccessTokenClaims, PurposeTokenClaims, SignedAccessToken, VerifiedAccessToken } from './token-claims.interface.js';
import { verifiedAccess } from './verified-access.js';
import { VerifiedTokenCache } from './verified-token.cache.js';

/**
 * Signs and verifies Tessera JWTs. The algorithm is pinned on verify, so `alg: none`,
 * another algorithm, another key, another audience or issuer, and an expired token are
 * all refused with `UNAUTHORIZED`. Verified access tokens are cached until their `exp`,
 * with their claims and principal frozen (see {@link verifiedAccess}).
 *
 * @example
 * const { token } = tokens.signAccessToken(principal, sessionId);
 * const claims = tokens.verifyAccessToken(token);
 */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;
  private readonly cache: VerifiedTokenCache<VerifiedAccessToken>;

  constructor(
    @Inject(AUTH_OPTIONS) private readonly options: ResolvedAuthOptions,
    @Inject(SIGNING_KEYS) private readonly keys: SigningKeys,
  ) {
    this.jwt = new JwtService({
      privateKey: keys.signKey,
      publicKey: keys.verifyKey,
      signOptions: { algorithm: keys.algorithm, issuer: options.issuer },
      verifyOptions: { algorithms: [keys.algorithm], issuer: options.issuer },
    });
    this.cache = new VerifiedTokenCache(options.verifiedTokenCacheSize);
  }

  /** Signs an access token carrying the principal's kind, roles and permissions. */
  signAccessToken(principal: Principal, sessionId: string): SignedAccessToken {
    const jti = randomUUID();
    const payload = { typ: 'access', kind: principal.kind, sid: sessionId, roles: principal.roles, perms: principal.permissions };
    const token = this.jwt.sign(payload, {
      subject: principal.id,
      audience: this.options.audience,
      jwtid: jti,
      expiresIn: this.options.accessTtlSeconds,
    });
    return { token, jti, expiresIn: this.options.accessTtlSeconds };
  }

  /** An access token verified before and not expired yet; undefined otherwise (then verify it). */
  cachedAccess(token: string): VerifiedAccessToken | undefined {
    return this.cache.get(token);
  }

  /** Verifies an access token; throws `UNAUTHORIZED` for anything but a valid, current one. */
  verifyAccess(token: string): VerifiedAccessToken {
    const cached = this.cache.get(token);
    if (cached) return cached;
    const claims = this.verify<AccessTokenClaims>(token, this.options.audience);
    if (claims.typ !== 'access' || typeof claims.sid !== 'string' || !Array.isArray(claims.perms) || !Array.isArray(claims.roles)) {
      throw invalidToken('it is not an access token');
    }
    const verified = verifiedAccess(claims);
    this.cache.set(token, verified, claims.exp);
    return verified;
  }

  /** The (frozen) claims of a valid, current access token; throws `UNAUTHORIZED` otherwise. */
  verifyAccessToken(token: string): Readonly<AccessTokenClaims> {
    return this.verifyAccess(token).claims;
  }

  /**
   * Signs a short-lived token for one purpose (`typ`), with its own audience so it can
   * never pass as an access token.
   */
  signPurposeToken(typ: string, subject: { id: string; kind: Principal['kind'] }, ttlSeconds: number, extra: Record<string, unknown> = {}): string {
    return this.jwt.sign(
      { ...extra, typ, kind: subject.kind },
      { subject: subject.id, audience: this.purposeAudience(typ), jwtid: randomUUID(), expiresIn: ttlSeconds },
    );
  }

  /** Verifies a token made by {@link signPurposeToken} for the same `typ`. */
  verifyPurposeToken(token: string, typ: string): PurposeTokenClaims {
    const claims = this.verify<PurposeTokenClaims>(token, this.purposeAudience(typ));
    if (claims.typ !== typ) throw invalidToken(`it is not a ${typ} token`);
    return claims;
  }

  /** Forgets cached verifications (after a key change in tests, or on demand). */
  clearCache(): void {
    this.cache.clear();
  }

  private purposeAudience(typ: string): string {
    return `${this.options.audience}:${typ}`;
  }

  private verify<T extends object>(token: string, audience: string): T {
    try {
      return this.jwt.verify<T>(token, { audience });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TokenExpiredError') throw invalidToken('it has expired');
      throw invalidToken((error as Error).message);
    }
  }
}

function invalidToken(reason: string): TesseraError {
  return new TesseraError('UNAUTHORIZED', `The token was refused: ${reason}. Log in again or refresh the access token.`);
}
