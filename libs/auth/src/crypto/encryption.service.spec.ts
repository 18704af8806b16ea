import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveAuthOptions } from '../auth-options.js';
import type { AuthModuleOptions } from '../auth-options.interface.js';
import { loadSigningKeys } from '../keys/signing-keys.js';
import { loadEncryptionKeys } from './encryption-keys.js';
import { EncryptionService } from './encryption.service.js';

const SECRET = 'x'.repeat(40);
const oldKey = `2025-01:${randomBytes(32).toString('base64')}`;
const newKey = `2026-01:${randomBytes(32).toString('hex')}`;

function encryption(overrides: Partial<AuthModuleOptions>): EncryptionService {
  const options = resolveAuthOptions({ dataDir: '.', jwtSecret: SECRET, ...overrides });
  return new EncryptionService(loadEncryptionKeys(options, loadSigningKeys(options)));
}

describe('EncryptionService', () => {
  it('round-trips text with a fresh IV each time and the key id in the ciphertext', () => {
    const service = encryption({ encryptionKey: newKey });
    const a = service.encrypt('api-key-123 ✓');
    const b = service.encrypt('api-key-123 ✓');
    expect(a).not.toBe(b);
    expect(a.split('.').slice(0, 2)).toEqual(['v1', '2026-01']);
    expect(a).not.toContain('api-key');
    expect(service.decrypt(a)).toBe('api-key-123 ✓');
  });

  it('refuses an altered ciphertext or another context', () => {
    const service = encryption({ encryptionKey: newKey });
    const sealed = service.encrypt('secret', 'plugin:a');
    expect(service.decrypt(sealed, 'plugin:a')).toBe('secret');
    expect(() => service.decrypt(sealed, 'plugin:b')).toThrow(/altered, or made with another key or context/);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('SECRET').toString('base64url');
    expect(() => service.decrypt(parts.join('.'))).toThrow(/altered/);
    expect(() => service.decrypt('plain text')).toThrow(/not a Tessera ciphertext/);
  });

  it('after a rotation, decrypts data made with a retired key listed in the config, and encrypts with the new one', () => {
    const before = encryption({ encryptionKey: oldKey }).encrypt('kept across rotation');
    const rotated = encryption({ encryptionKey: newKey, previousEncryptionKeys: [oldKey] });
    expect(rotated.decrypt(before)).toBe('kept across rotation');
    expect(rotated.needsReencrypt(before)).toBe(true);
    expect(rotated.needsReencrypt(rotated.encrypt('x'))).toBe(false);
    expect(() => encryption({ encryptionKey: newKey }).decrypt(before)).toThrow(/key "2025-01" is not configured/);
  });

  it('in development derives a stable key from the JWT secret; in production requires ENCRYPTION_KEY', () => {
    const sealed = encryption({}).encrypt('dev data');
    expect(sealed.split('.')[1]).toBe('dev');
    expect(encryption({}).decrypt(sealed)).toBe('dev data');
    expect(() => encryption({ production: true })).toThrow(/^ENCRYPTION_KEY is not set: production refuses to boot/);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => encryption({ encryptionKey: 'abc' })).toThrow(/ENCRYPTION_KEY must be 32 bytes/);
  });

  it('names an id-less key by its fingerprint', () => {
    const service = encryption({ encryptionKey: randomBytes(32).toString('base64') });
    expect(service.currentKeyId).toMatch(/^[0-9a-f]{8}$/);
  });
});
