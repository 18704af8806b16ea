import { Global, Module, type DynamicModule, type ModuleMetadata, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CacheService } from '@tessera/cache';
import { AUTHENTICATOR } from '@tessera/sdk';
import { AUTH_OPTIONS, REVOCATION_STORE, SIGNING_KEYS } from './auth.constants.js';
import type { AuthModuleOptions, ResolvedAuthOptions } from './auth-options.interface.js';
import { resolveAuthOptions } from './auth-options.js';
import { loadEncryptionKeys } from './crypto/encryption-keys.js';
import { EncryptionService } from './crypto/encryption.service.js';
import { AuthMetadataAccessor } from './guard/auth-metadata.accessor.js';
import { AuthGuard } from './guard/auth.guard.js';
import { JwtAuthenticator } from './guard/jwt-authenticator.service.js';
import { loadSigningKeys, type SigningKeys } from './keys/signing-keys.js';
import { PasswordHasher } from './password/password-hasher.service.js';
import { RevocationService } from './sessions/revocation.service.js';
import { SessionService } from './sessions/session.service.js';
import { LoginThrottle } from './throttle/login-throttle.service.js';
import { TokenService } from './tokens/token.service.js';

/** `forRootAsync` options: build the auth options from other providers (ConfigService...). */
export interface AuthModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: (string | symbol | Function)[];
  useFactory: (...args: any[]) => AuthModuleOptions | Promise<AuthModuleOptions>;
  /** Installs AuthGuard as the global guard (see {@link AuthModuleOptions.globalGuard}). */
  globalGuard?: boolean;
}

/**
 * Authentication for the host app: tokens, sessions, the global guard, password hashing,
 * encryption and login throttling. Global; needs `DatabaseModule` (for sessions) and uses
 * `CacheModule` when present to share revocations between instances.
 *
 * @example
 * AuthModule.forRoot({ jwtSecret: env.JWT_SECRET, dataDir: env.DATA_DIR, production: env.NODE_ENV === 'production', globalGuard: true })
 * // or install the guard yourself: providers: [{ provide: APP_GUARD, useExisting: AuthGuard }]
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    return AuthModule.build({ provide: AUTH_OPTIONS, useValue: resolveAuthOptions(options) }, [], options.globalGuard);
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    return AuthModule.build(
      { provide: AUTH_OPTIONS, inject: options.inject ?? [], useFactory: async (...args: unknown[]) => resolveAuthOptions(await options.useFactory(...args)) },
      options.imports,
      options.globalGuard,
    );
  }

  private static build(optionsProvider: Provider, imports: ModuleMetadata['imports'] = [], globalGuard = false): DynamicModule {
    const providers: Provider[] = [
      optionsProvider,
      // Keys load while the module is built, so a missing production secret stops the boot.
      { provide: SIGNING_KEYS, useFactory: (resolved: ResolvedAuthOptions) => loadSigningKeys(resolved), inject: [AUTH_OPTIONS] },
      {
        provide: EncryptionService,
        useFactory: (resolved: ResolvedAuthOptions, keys: SigningKeys) => new EncryptionService(loadEncryptionKeys(resolved, keys)),
        inject: [AUTH_OPTIONS, SIGNING_KEYS],
      },
      // With Redis configured, the cache carries revocations to every instance.
      {
        provide: REVOCATION_STORE,
        // The memory store would only repeat, slower, what RevocationService already keeps locally.
        useFactory: (cache?: CacheService) => (cache && cache.store !== 'memory' ? cache.namespace('auth') : undefined),
        inject: [{ token: CacheService, optional: true }],
      },
      TokenService,
      RevocationService,
      SessionService,
      PasswordHasher,
      LoginThrottle,
      AuthMetadataAccessor,
      JwtAuthenticator,
      { provide: AUTHENTICATOR, useExisting: JwtAuthenticator },
      AuthGuard,
    ];
    return {
      module: AuthModule,
      imports,
      providers: globalGuard ? [...providers, { provide: APP_GUARD, useExisting: AuthGuard }] : providers,
      exports: providers.map((provider) => ('provide' in provider ? provider.provide : provider)),
    };
  }
}
