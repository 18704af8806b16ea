/**
 * A bounded LRU of what was learnt by verifying tokens, each kept until the token's own
 * `exp`. Verification runs on every request, and a hit here skips the signature check
 * entirely; a hit needs the whole token to match, so a token altered by one byte is a miss
 * and gets fully verified.
 *
 * @example
 * const cache = new VerifiedTokenCache<AccessTokenClaims>(10_000);
 * cache.set(token, claims, claims.exp);
 * cache.get(token); // claims until claims.exp, then undefined
 */
export class VerifiedTokenCache<T> {
  // A Map iterates in insertion order: re-inserting on hit makes the first key the least recent.
  private readonly entries = new Map<number, { token: string; value: T; expiresAt: number }>();

  constructor(private readonly maxEntries: number) {}

  get(token: string, nowSeconds = Date.now() / 1000): T | undefined {
    const key = keyOf(token);
    const entry = this.entries.get(key);
    // The whole token must match, not just its key: a token changed by one byte is a miss.
    if (entry === undefined || entry.token !== token) return undefined;
    if (entry.expiresAt <= nowSeconds) {
      this.entries.delete(key);
      return undefined;
    }
    // Recency only matters once eviction is near: below half full, a hit skips the re-insert
    // (a Map delete + set on every authenticated request).
    if (this.entries.size * 2 > this.maxEntries) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry.value;
  }

  /** Keeps `value` for `token` until `expiresAt` (seconds since the epoch, as a JWT's `exp`). */
  set(token: string, value: T, expiresAt: number): void {
    if (this.maxEntries <= 0) return;
    const key = keyOf(token);
    this.entries.delete(key);
    this.entries.set(key, { token, value, expiresAt });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as number;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

// A Map hashes a string key, and the token arrives as a fresh string on every request:
// hashing all of it (300+ characters) cost ~5,000 instructions per request under callgrind,
// hashing a 32-character slice of it ~1,000. A token's last characters are signature, as
// good as random, so the key is a 30-bit number mixed from the last KEY_CHARACTERS of them
// (a small integer, which the Map hashes for free); get() then compares the whole token.
// Two cached tokens with the same key take turns: the later one replaces the earlier,
// which is verified again on its next use (with 10,000 tokens cached, the chance that any
// two share a key is about one in twenty).
const KEY_CHARACTERS = 12;

function keyOf(token: string): number {
  let key = token.length;
  for (let index = Math.max(0, token.length - KEY_CHARACTERS); index < token.length; index++) {
    key = Math.imul(key ^ token.charCodeAt(index), 0x01000193);
  }
  return (key ^ (key >>> 15)) & 0x3fffffff;
}
