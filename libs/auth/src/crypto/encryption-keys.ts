import { createHash, hkdfSync } from 'node:crypto';
import { AuthConfigurationError } from '../auth-configuration.exception.js';
import type { ResolvedAuthOptions } from '../auth-options.interface.js';
import type { SigningKeys } from '../keys/signing-keys.js';

/** One AES-256 key and the id written in front of every ciphertext it makes. */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/** The key that encrypts, and every key that may still decrypt (current first). */
export interface EncryptionKeyRing {
  current: EncryptionKey;
  all: Map<string, EncryptionKey>;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses `ENCRYPTION_KEY`-style values: 32 bytes as 64 hex characters or base64, with an
 * optional `id:` prefix. Without an id, the first 8 hex digits of the key's SHA-256 are used.
 *
 * @example
 * parseEncryptionKey('2026-01:' + randomBytes(32).toString('base64')); // { id: '2026-01', key }
 */
export function parseEncryptionKey(value: string, variable = 'ENCRYPTION_KEY'): EncryptionKey {
  const separator = value.indexOf(':');
  const id = separator > 0 ? value.slice(0, separator) : undefined;
  const material = separator > 0 ? value.slice(separator + 1) : value;
  const key = /^[0-9a-fA-F]{64}$/.test(material) ? Buffer.from(material, 'hex') : Buffer.from(material, 'base64');
  if (key.length !== 32) {
    throw new AuthConfigurationError(
      `${variable} must be 32 bytes given as 64 hex characters or base64, optionally prefixed by "id:" (generate one with: openssl rand -base64 32).`,
    );
  }
  if (id !== undefined && !KEY_ID.test(id)) {
    throw new AuthConfigurationError(`${variable} has an invalid key id "${id}": use letters, digits, "-" or "_" (at most 32).`);
  }
  return { id: id ?? createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

/**
 * Builds the key ring from the options. Outside production, without ENCRYPTION_KEY, the key
 * is derived (HKDF) from the signing secret, so development data stays readable across restarts.
 */
export function loadEncryptionKeys(options: ResolvedAuthOptions, signing: SigningKeys): EncryptionKeyRing {
  const current = options.encryptionKey ? parseEncryptionKey(options.encryptionKey) : developmentKey(options, signing);
  const all = new Map<string, EncryptionKey>([[current.id, current]]);
  for (const previous of options.previousEncryptionKeys) {
    const parsed = parseEncryptionKey(previous, 'ENCRYPTION_KEYS_PREVIOUS');
    if (!all.has(parsed.id)) all.set(parsed.id, parsed);
  }
  return { current, all };
}

function developmentKey(options: ResolvedAuthOptions, signing: SigningKeys): EncryptionKey {
  if (options.production) {
    throw new AuthConfigurationError(
      'ENCRYPTION_KEY is not set: production refuses to boot without it. Set ENCRYPTION_KEY to 32 random bytes in base64 (openssl rand -base64 32).',
    );
  }
  const material = signing.secret ?? signing.signKey.export({ format: 'der', type: 'pkcs8' });
  const key = Buffer.from(hkdfSync('sha256', material, 'tessera', 'tessera-encryption-v1', 32));
  return { id: 'dev', key };
}
