/** JWT signing algorithms Tessera accepts; the one configured is the only one verify accepts. */
export type JwtAlgorithm = 'HS256' | 'RS256' | 'ES256';

/** argon2id cost parameters (OWASP 2023 minimum by default: 19 MiB, 2 passes, 1 lane). */
export interface PasswordHashOptions {
  /** Memory in KiB. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** Limits of failed logins before `RATE_LIMITED` (429 with Retry-After). */
export interface LoginThrottleOptions {
  /** Failed attempts allowed per account (email) within the window. */
  perAccount: number;
  /** Failed attempts allowed per client IP within the window. */
  perIp: number;
  windowSeconds: number;
  /** How long a key stays blocked once over its limit. */
  blockSeconds: number;
}

/**
 * Options of `AuthModule.forRoot`. Only `dataDir` is required; the app maps its
 * validated configuration (JWT_SECRET, ENCRYPTION_KEY, NODE_ENV, DATA_DIR...) onto them.
 */
export interface AuthModuleOptions {
  /** HS256 secret (JWT_SECRET), at least 32 bytes. Generated and kept in `dataDir` outside production. */
  jwtSecret?: string;
  /** Folder for the generated development secret (DATA_DIR). */
  dataDir: string;
  /** `iss` of issued tokens; default `tessera`. */
  issuer?: string;
  /** `aud` of issued access tokens; default `tessera-api`. */
  audience?: string;
  /** Access token lifetime; default 900 s. */
  accessTtlSeconds?: number;
  /** Refresh token (and session idle) lifetime; default 30 days. */
  refreshTtlSeconds?: number;
  /** When true, missing secrets stop the boot instead of being generated. */
  production?: boolean;
  /** Default HS256. RS256/ES256 need `privateKey` (PEM); `publicKey` is derived when omitted. */
  algorithm?: JwtAlgorithm;
  privateKey?: string;
  publicKey?: string;
  /**
   * AES-256-GCM key for `encrypt`/`decrypt` (ENCRYPTION_KEY): 32 bytes as base64 or 64 hex
   * characters, optionally prefixed by a key id (`2026-01:BASE64`). Required in production;
   * derived from the JWT secret in development.
   */
  encryptionKey?: string;
  /** Retired keys (same format) that `decrypt` still accepts, for rotation. */
  previousEncryptionKeys?: string[];
  passwordHash?: Partial<PasswordHashOptions>;
  /**
   * Password hashes and verifications running at once; more wait their turn. Default: the
   * cores this process may use, less one (at least 1), so a burst of logins leaves a core to
   * the event loop.
   */
  maxConcurrentHashes?: number;
  throttle?: Partial<LoginThrottleOptions>;
  /** Verified access tokens kept in memory until their `exp`; default 10 000, 0 disables. */
  verifiedTokenCacheSize?: number;
  /** Installs `AuthGuard` as the app's global guard (APP_GUARD); default false. */
  globalGuard?: boolean;
}

/** Options after defaults; what `AUTH_OPTIONS` provides. */
export interface ResolvedAuthOptions {
  jwtSecret?: string;
  dataDir: string;
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  production: boolean;
  algorithm: JwtAlgorithm;
  privateKey?: string;
  publicKey?: string;
  encryptionKey?: string;
  previousEncryptionKeys: string[];
  passwordHash: PasswordHashOptions;
  maxConcurrentHashes: number;
  throttle: LoginThrottleOptions;
  verifiedTokenCacheSize: number;
}
