import { createPrivateKey, createPublicKey, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { AuthConfigurationError } from '../auth-configuration.exception.js';
import type { JwtAlgorithm, ResolvedAuthOptions } from '../auth-options.interface.js';

/** The key material of the process, loaded once at boot. */
export interface SigningKeys {
  algorithm: JwtAlgorithm;
  /** Key that signs (the HS256 secret, or the private key). */
  signKey: KeyObject;
  /** Key that verifies (the HS256 secret, or the public key). */
  verifyKey: KeyObject;
  /** Secret bytes other keys may be derived from outside production (the JWT secret). */
  secret?: Buffer;
}

export const MIN_SECRET_BYTES = 32;
export const GENERATED_SECRET_FILE = 'jwt-secret';

const logger = new Logger('Auth');

/**
 * Loads the signing keys. Outside production a missing JWT_SECRET is generated once and
 * kept in `<dataDir>/jwt-secret` (mode 0600) so tokens survive a restart; in production
 * the boot stops with one line naming the variable.
 *
 * @example
 * const keys = loadSigningKeys(resolveAuthOptions({ dataDir: './data', jwtSecret: process.env.JWT_SECRET }));
 */
export function loadSigningKeys(options: ResolvedAuthOptions): SigningKeys {
  if (options.algorithm === 'HS256') {
    const secret = loadSecret(options);
    // A KeyObject makes jsonwebtoken skip parsing the secret as a PEM on every call (~460 µs -> ~10 µs).
    const key = createSecretKey(secret);
    return { algorithm: 'HS256', signKey: key, verifyKey: key, secret };
  }
  return loadKeyPair(options);
}

function loadSecret(options: ResolvedAuthOptions): Buffer {
  if (options.jwtSecret) {
    const secret = Buffer.from(options.jwtSecret, 'utf8');
    if (secret.length < MIN_SECRET_BYTES) {
      throw new AuthConfigurationError(
        `JWT_SECRET is ${secret.length} bytes long; it must be at least ${MIN_SECRET_BYTES} bytes (generate one with: openssl rand -base64 48).`,
      );
    }
    return secret;
  }
  if (options.production) {
    throw new AuthConfigurationError(
      'JWT_SECRET is not set: production refuses to boot without it. Set JWT_SECRET to a random string of at least 32 bytes (openssl rand -base64 48).',
    );
  }
  return readOrCreateDevelopmentSecret(options.dataDir);
}

function readOrCreateDevelopmentSecret(dataDir: string): Buffer {
  const file = join(dataDir, GENERATED_SECRET_FILE);
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (Buffer.byteLength(stored) >= MIN_SECRET_BYTES) return Buffer.from(stored, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const generated = randomBytes(48).toString('base64url');
  writeFileSync(file, generated, { mode: 0o600 });
  // writeFileSync's mode only applies to a new file: enforce it for a replaced short one too.
  chmodSync(file, 0o600);
  logger.warn(`JWT_SECRET is not set: generated one in ${file} (development only; set JWT_SECRET in production).`);
  return Buffer.from(generated, 'utf8');
}

function loadKeyPair(options: ResolvedAuthOptions): SigningKeys {
  if (!options.privateKey) {
    throw new AuthConfigurationError(
      `JWT_PRIVATE_KEY is not set: the ${options.algorithm} algorithm needs a PEM private key (and optionally JWT_PUBLIC_KEY).`,
    );
  }
  let signKey: KeyObject;
  let verifyKey: KeyObject;
  try {
    signKey = createPrivateKey(options.privateKey);
    verifyKey = options.publicKey ? createPublicKey(options.publicKey) : createPublicKey(signKey);
  } catch (error) {
    throw new AuthConfigurationError(`JWT_PRIVATE_KEY / JWT_PUBLIC_KEY is not a readable PEM key (${(error as Error).message}).`);
  }
  const expected = options.algorithm === 'RS256' ? 'rsa' : 'ec';
  if (signKey.asymmetricKeyType !== expected || verifyKey.asymmetricKeyType !== expected) {
    throw new AuthConfigurationError(`JWT_PRIVATE_KEY must be an ${expected.toUpperCase()} key for ${options.algorithm}.`);
  }
  return { algorithm: options.algorithm, signKey, verifyKey };
}
