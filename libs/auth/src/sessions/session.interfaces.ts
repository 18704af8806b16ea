import type { Principal } from '@tessera/sdk';

/** Where a login or refresh came from, kept on the session for the account's session list. */
export interface SessionClientInfo {
  ip?: string;
  userAgent?: string;
}

/** What a login or a refresh hands the client. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds the access token lives. */
  expiresIn: number;
  /** Seconds the refresh token lives if unused. */
  refreshExpiresIn: number;
  sessionId: string;
}

/** An active session as shown to its owner. */
export interface SessionInfo {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/**
 * How a refresh reloads the account: the kind it must belong to, and a resolver that
 * returns the current principal (fresh roles and permissions) or null when the account is
 * gone or disabled, which revokes the session.
 */
export interface PrincipalResolver {
  kind: Principal['kind'];
  resolve(subjectId: string): Promise<Principal | null>;
}
