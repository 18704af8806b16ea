import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { TesseraError } from '@tessera/sdk';
import type { EncryptionKeyRing } from './encryption-keys.js';

const VERSION = 'v1';
const IV_BYTES = 12;

/**
 * AES-256-GCM encryption of data at rest. A ciphertext reads
 * `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts): the key id lets `decrypt` pick a
 * retired key listed in ENCRYPTION_KEYS_PREVIOUS after a rotation, while `encrypt` always
 * uses the current key. Optional associated data binds a ciphertext to its context (a row
 * id, a field name) so it cannot be moved elsewhere.
 *
 * @example
 * const stored = encryption.encrypt('s3cr3t', 'plugin:audit:api_key');
 * encryption.decrypt(stored, 'plugin:audit:api_key'); // 's3cr3t'
 */
export class EncryptionService {
  constructor(private readonly keys: EncryptionKeyRing) {}

  /** Id of the key new ciphertexts are made with. */
  get currentKeyId(): string {
    return this.keys.current.id;
  }

  encrypt(plaintext: string, associatedData?: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.current.key, iv);
    if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.keys.current.id, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  /** Decrypts with whichever known key made the ciphertext; throws when altered or unknown. */
  decrypt(ciphertext: string, associatedData?: string): string {
    const parts = ciphertext.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw unreadable('it is not a Tessera ciphertext');
    const [, keyId, iv, body, tag] = parts;
    const key = this.keys.all.get(keyId);
    if (!key) throw unreadable(`key "${keyId}" is not configured (add it to ENCRYPTION_KEYS_PREVIOUS)`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
      if (associatedData !== undefined) decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw unreadable('it was altered, or made with another key or context');
    }
  }

  /** True when the ciphertext was made with a retired key and should be re-encrypted. */
  needsReencrypt(ciphertext: string): boolean {
    return ciphertext.split('.')[1] !== this.keys.current.id;
  }

  /**
   * A 32-byte key for one purpose (for example an HMAC of one-time codes), derived from the
   * current encryption key so it needs no configuration of its own.
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.keys.current.key, 'tessera', purpose, 32));
  }
}

function unreadable(reason: string): TesseraError {
  return new TesseraError('INTERNAL_ERROR', `Encrypted data could not be decrypted: ${reason}.`);
}
