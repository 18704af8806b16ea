import type { Principal } from '@tessera/sdk';
import type { AccessTokenClaims, VerifiedAccessToken } from './token-claims.interface.js';

/**
 * Freezes the verified claims and builds the principal they describe, once per token: the
 * result is cached with the token and handed to every request that carries it, so nothing
 * may change it (a handler that tries gets a TypeError in strict mode, not a principal
 * quietly altered for the next request).
 *
 * @example
 * const { principal } = verifiedAccess(claims); // principal.permissions === claims.perms
 */
export function verifiedAccess(claims: AccessTokenClaims): VerifiedAccessToken {
  Object.freeze(claims.roles);
  Object.freeze(claims.perms);
  if (Array.isArray(claims.aud)) Object.freeze(claims.aud);
  Object.freeze(claims);
  const principal: Principal = { id: claims.sub, kind: claims.kind, roles: claims.roles, permissions: claims.perms, claims: claims as unknown as Record<string, unknown> };
  return Object.freeze({ claims, principal: Object.freeze(principal) });
}
