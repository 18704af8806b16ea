import { randomUUID } from 'node:crypto';
import { TokenService } from '@tessera/auth';
import type { TesseraApp } from '@tessera/core';
import type { Principal } from '@tessera/sdk';

/** Who a test token speaks for: what the guard chain checks (`permissions`, `roles`, `kind`). */
export interface TestPrincipal {
  /** Effective permissions (`users.read`, `users.*`, `*`). */
  permissions: string[];
  roles?: string[];
  /** Default `user` (an end user of a plugin); `admin` for an admin account. */
  kind?: Principal['kind'];
  /** The account id (`sub`, what `@CurrentPrincipal()` reads as `id`); default a new uuid. */
  id?: string;
}

/**
 * Signs an access token for `who` with the host's own `TokenService`, the one its
 * authenticator verifies with: same key, issuer, audience and lifetime as a login's token.
 * The token's session id is new and stored nowhere: the authenticator only checks that it
 * was not revoked.
 */
export function issueTestToken(tessera: TesseraApp, who: TestPrincipal): string {
  const principal: Principal = { id: who.id ?? randomUUID(), kind: who.kind ?? 'user', roles: who.roles ?? [], permissions: who.permissions };
  return tessera.app.get(TokenService).signAccessToken(principal, randomUUID()).token;
}
