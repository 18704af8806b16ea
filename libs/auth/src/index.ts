export * from './auth.constants.js';
export * from './auth-options.interface.js';
export { resolveAuthOptions, DEFAULT_PASSWORD_HASH } from './auth-options.js';
export * from './auth-configuration.exception.js';
export * from './auth.module.js';
export { loadSigningKeys, MIN_SECRET_BYTES, GENERATED_SECRET_FILE, type SigningKeys } from './keys/signing-keys.js';
export * from './tokens/token-claims.interface.js';
export * from './tokens/token.service.js';
export * from './tokens/verified-token.cache.js';
export * from './sessions/auth-session.entity.js';
export * from './sessions/refresh-token.entity.js';
export * from './sessions/session.interfaces.js';
export * from './sessions/session.service.js';
export * from './sessions/revocation.service.js';
export * from './password/password-hasher.service.js';
export * from './crypto/encryption-keys.js';
export * from './crypto/encryption.service.js';
export * from './throttle/login-throttle.service.js';
export * from './throttle/rate-limited.exception.js';
export * from './guard/auth.guard.js';
export * from './guard/auth-metadata.accessor.js';
export * from './guard/jwt-authenticator.service.js';
export * from './decorators/public.decorator.js';
export * from './decorators/require-permission.decorator.js';
export * from './decorators/roles.decorator.js';
export * from './decorators/current-user.decorator.js';

import { AuthSession } from './sessions/auth-session.entity.js';
import { RefreshToken } from './sessions/refresh-token.entity.js';
import { CreateAuthTables1795000000100 } from './migrations/create-auth-tables.migration.js';

/** Entity classes of libs/auth, for `DatabaseModule.forRoot({ entities })`. */
export const authEntities = [AuthSession, RefreshToken];
/** Migrations of libs/auth, for `DatabaseModule.forRoot({ migrations })`. */
export const authMigrations = [CreateAuthTables1795000000100];
export { CreateAuthTables1795000000100 };
