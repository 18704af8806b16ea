import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAuthOptions } from '../auth-options.js';
import { GENERATED_SECRET_FILE, loadSigningKeys } from './signing-keys.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-auth-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('loadSigningKeys', () => {
  it('in development without JWT_SECRET, generates a secret once in DATA_DIR with mode 0600 and reuses it', () => {
    const dataDir = join(tempDir(), 'nested');
    const first = loadSigningKeys(resolveAuthOptions({ dataDir }));
    const file = join(dataDir, GENERATED_SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.byteLength(readFileSync(file, 'utf8'))).toBeGreaterThanOrEqual(32);
    const second = loadSigningKeys(resolveAuthOptions({ dataDir }));
    expect(second.secret?.equals(first.secret!)).toBe(true);
  });

  it('in production without JWT_SECRET, refuses to boot with one line naming the variable', () => {
    expect(() => loadSigningKeys(resolveAuthOptions({ dataDir: tempDir(), production: true }))).toThrow(/^JWT_SECRET is not set: production refuses to boot[^\n]*$/);
  });

  it('refuses a JWT_SECRET shorter than 32 bytes', () => {
    expect(() => loadSigningKeys(resolveAuthOptions({ dataDir: tempDir(), jwtSecret: 'short' }))).toThrow(/JWT_SECRET is 5 bytes long; it must be at least 32/);
  });

  it('refuses RS256 without a private key, or with a key of the wrong type', () => {
    expect(() => loadSigningKeys(resolveAuthOptions({ dataDir: tempDir(), algorithm: 'RS256' }))).toThrow(/JWT_PRIVATE_KEY is not set/);
    expect(() => loadSigningKeys(resolveAuthOptions({ dataDir: tempDir(), algorithm: 'RS256', privateKey: 'not a pem' }))).toThrow(/not a readable PEM/);
  });
});
