import type { Principal } from '@tessera/sdk';

/** Claims of a Tessera access token (`typ: 'access'`). */
export interface AccessTokenClaims {
  iss: string;
  aud: string | string[];
  sub: string;
  jti: string;
  iat: number;
  exp: number;
  typ: 'access';
  kind: Principal['kind'];
  /** Session (refresh token family) the token belongs to; revoking it refuses the token. */
  sid: string;
  roles: string[];
  perms: string[];
}

/** Claims of a short-lived single-purpose token, such as the login OTP challenge. */
export interface PurposeTokenClaims {
  iss: string;
  sub: string;
  jti: string;
  iat: number;
  exp: number;
  typ: string;
  kind: Principal['kind'];
  [claim: string]: unknown;
}

/** A freshly signed access token. */
export interface SignedAccessToken {
  token: string;
  jti: string;
  expiresIn: number;
}

/**
 * What verifying an access token established: its claims and the principal they describe.
 * Both are frozen (arrays too) because they are built once per token and shared by every
 * request that carries it.
 */
export interface VerifiedAccessToken {
  readonly claims: Readonly<AccessTokenClaims>;
  readonly principal: Readonly<Principal>;
}
