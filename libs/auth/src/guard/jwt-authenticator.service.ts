import { Injectable } from '@nestjs/common';
import { TesseraError, type AuthenticationRequest, type Authenticator, type Principal } from '@tessera/sdk';
import type { VerifiedAccessToken } from '../tokens/token-claims.interface.js';
import { RevocationService } from '../sessions/revocation.service.js';
import { TokenService } from '../tokens/token.service.js';

/**
 * The process's {@link Authenticator}: a bearer access token in, a {@link Principal} out.
 * No `Authorization` header gives null; a malformed, invalid, expired or revoked token
 * throws `UNAUTHORIZED`. The principal is frozen and shared by every request that carries
 * the same token (it is built once, when the token is first verified).
 *
 * @example
 * const principal = await authenticator.authenticate({ headers: request.headers, ip: request.ip });
 */
@Injectable()
export class JwtAuthenticator implements Authenticator {
  constructor(
    private readonly tokens: TokenService,
    private readonly revocations: RevocationService,
  ) {}

  async authenticate(request: AuthenticationRequest): Promise<Principal | null> {
    const verified = this.verifiedAccessOf(request.headers.authorization);
    if (verified === null) return null;
    if (await this.revocations.isRevoked(verified.claims.sid)) throw revoked();
    return verified.principal;
  }

  /** Without a shared revocation store, every check is in memory: no promise on the request path. */
  authenticateNow(request: AuthenticationRequest): { principal: Principal | null } | undefined {
    if (this.revocations.isShared) return undefined;
    const verified = this.verifiedAccessOf(request.headers.authorization);
    if (verified === null) return { principal: null };
    if (this.revocations.isRevokedHere(verified.claims.sid)) throw revoked();
    return { principal: verified.principal };
  }

  /** The verified bearer token; null without an Authorization header. */
  private verifiedAccessOf(header: string | string[] | undefined): VerifiedAccessToken | null {
    const value = Array.isArray(header) ? header[0] : header;
    if (value === undefined || value === '') return null;
    // The usual "Bearer <token>" of a token verified before: one cache lookup, no pattern match.
    // The cache only holds tokens that passed the full check below, so an exact hit is one of them.
    if (value.startsWith(BEARER_PREFIX)) {
      const cached = this.tokens.cachedAccess(value.slice(BEARER_PREFIX.length));
      if (cached) return cached;
    }
    return this.tokens.verifyAccess(bearerToken(value));
  }
}

const BEARER_PREFIX = 'Bearer ';

function revoked(): TesseraError {
  return new TesseraError('UNAUTHORIZED', 'The token was refused: its session was logged out or revoked. Log in again.');
}

function bearerToken(value: string): string {
  const match = /^Bearer\s+([A-Za-z0-9_.~+/=-]+)\s*$/i.exec(value);
  if (!match) throw new TesseraError('UNAUTHORIZED', 'The Authorization header must read "Bearer <access_token>".');
  return match[1];
}
