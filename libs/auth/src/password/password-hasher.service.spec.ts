import { describe, expect, it } from 'vitest';
import { resolveAuthOptions } from '../auth-options.js';
import { PasswordHasher } from './password-hasher.service.js';

// Small costs keep the suite fast; the defaults are checked separately.
const cheap = (memoryCost = 1024) => new PasswordHasher(resolveAuthOptions({ dataDir: '.', passwordHash: { memoryCost, timeCost: 1 } }));

describe('PasswordHasher', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hasher = cheap();
    const stored = await hasher.hash('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await hasher.verify(stored, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(stored, 'correct horse battery stapler')).toBe(false);
    expect(await hasher.verify('not-a-hash', 'x')).toBe(false);
    expect(await hasher.verifyNothing('x')).toBe(false);
  });

  it('runs at most maxConcurrentHashes at once; the others wait their turn and still answer', async () => {
    const hasher = new PasswordHasher(resolveAuthOptions({ dataDir: '.', passwordHash: { memoryCost: 1024, timeCost: 1 }, maxConcurrentHashes: 2 }));
    const stored = await hasher.hash('pw');
    const attempts = [hasher.verify(stored, 'pw'), hasher.verify(stored, 'wrong'), hasher.hash('other'), hasher.verify(stored, 'pw')];
    expect(hasher.load).toEqual({ running: 2, waiting: 2 });
    const [first, second, third, fourth] = await Promise.all(attempts);
    expect([first, second, fourth]).toEqual([true, false, true]);
    expect(third).toMatch(/^\$argon2id\$/);
    expect(hasher.load).toEqual({ running: 0, waiting: 0 });
  });

  it('salts: the same password hashes differently', async () => {
    const hasher = cheap();
    expect(await hasher.hash('same')).not.toBe(await hasher.hash('same'));
  });

  it('says a hash needs rehashing when the configured parameters changed', async () => {
    const stored = await cheap(1024).hash('pw');
    expect(cheap(1024).needsRehash(stored)).toBe(false);
    expect(cheap(2048).needsRehash(stored)).toBe(true);
    expect(cheap().needsRehash('$2b$10$legacybcrypthash')).toBe(true);
    expect(new PasswordHasher().needsRehash(stored)).toBe(true);
  });

  it('defaults to the OWASP argon2id parameters', async () => {
    expect(await new PasswordHasher().hash('pw')).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
