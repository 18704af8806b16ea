/** Injection token of the resolved {@link ResolvedAuthOptions} of the process. */
export const AUTH_OPTIONS = Symbol.for('tessera.auth.options');

/** Metadata keys written by the auth decorators and read by the guard. */
export const IS_PUBLIC_KEY = 'tessera:auth:public';
export const REQUIRED_PERMISSIONS_KEY = 'tessera:auth:permissions';
export const REQUIRED_ROLES_KEY = 'tessera:auth:roles';

/** Where the guard leaves the principal on the request object for `@CurrentUser()`. */
export const PRINCIPAL_REQUEST_KEY = 'principal';

/** Injection token of the process's {@link SigningKeys}. */
export const SIGNING_KEYS = Symbol.for('tessera.auth.signing-keys');

/** Optional injection token of a shared {@link RevocationStore} (the cache, namespaced). */
export const REVOCATION_STORE = Symbol.for('tessera.auth.revocation-store');
