/**
 * Who is making a request, as established by the authenticator. Admin accounts and end
 * users of plugins (for example the `users` plugin's accounts) are both principals.
 * Treat it as read-only: the JWT authenticator hands every request carrying the same token
 * one frozen principal.
 */
export interface Principal {
  /** Stable id of the account (uuid). */
  id: string;
  kind: 'admin' | 'user';
  /** Role names assigned to the account. */
  roles: string[];
  /** Effective permission strings (`plugins.manage`, `users.read`, `*` for a super admin). */
  permissions: string[];
  /** The verified token claims, for plugins that need more. */
  claims?: Record<string, unknown>;
}

/** The part of an incoming request an authenticator looks at. */
export interface AuthenticationRequest {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
}

/**
 * Turns a request into a principal. The kernel's guard chain calls it for every
 * non-public plugin endpoint; `libs/auth` implements it with JWT.
 * Returns null when the request carries no credentials; throws a TesseraError
 * `UNAUTHORIZED` when it carries bad ones.
 */
export interface Authenticator {
  authenticate(request: AuthenticationRequest): Promise<Principal | null>;
  /**
   * Optional fast path, called first on every request: the same answer as `authenticate`
   * (`{ principal }`, or a thrown `UNAUTHORIZED`) when it can be given without waiting for
   * anything, or undefined when it cannot (the caller then awaits `authenticate`).
   */
  authenticateNow?(request: AuthenticationRequest): { principal: Principal | null } | undefined;
}

/** Injection token of the process's Authenticator. */
export const AUTHENTICATOR = Symbol.for('tessera.authenticator');

/** True when the principal holds the permission (exact, `*`, or a `prefix.*` wildcard). */
export function hasPermission(principal: Principal | null | undefined, permission: string): boolean {
  if (!principal) return false;
  // A plain loop: this runs on every request to a protected endpoint, and `some` would
  // allocate a closure each time.
  for (const held of principal.permissions) {
    if (held === permission || held === '*') return true;
    if (held.endsWith('.*') && permission.startsWith(held.slice(0, -1))) return true;
  }
  return false;
}
