import { availableParallelism } from 'node:os';
import type { AuthModuleOptions, ResolvedAuthOptions } from './auth-options.interface.js';

export const DEFAULT_PASSWORD_HASH = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Applies the defaults of every optional auth setting.
 *
 * @example
 * const options = resolveAuthOptions({ dataDir: './data', jwtSecret: process.env.JWT_SECRET });
 */
export function resolveAuthOptions(options: AuthModuleOptions): ResolvedAuthOptions {
  return {
    jwtSecret: options.jwtSecret || undefined,
    dataDir: options.dataDir,
    issuer: options.issuer ?? 'tessera',
    audience: options.audience ?? 'tessera-api',
    accessTtlSeconds: options.accessTtlSeconds ?? 900,
    refreshTtlSeconds: options.refreshTtlSeconds ?? 30 * 24 * 3600,
    production: options.production ?? false,
    algorithm: options.algorithm ?? 'HS256',
    privateKey: options.privateKey || undefined,
    publicKey: options.publicKey || undefined,
    encryptionKey: options.encryptionKey || undefined,
    previousEncryptionKeys: options.previousEncryptionKeys ?? [],
    passwordHash: { ...DEFAULT_PASSWORD_HASH, ...options.passwordHash },
    maxConcurrentHashes: options.maxConcurrentHashes ?? Math.max(1, availableParallelism() - 1),
    throttle: { perAccount: 5, perIp: 50, windowSeconds: 900, blockSeconds: 900, ...options.throttle },
    verifiedTokenCacheSize: options.verifiedTokenCacheSize ?? 10_000,
  };
}
