/**
 * A bounded LRU of verified tokens, each kept until its own `exp`. Verification runs on
 * every request, and a hit here skips the signature check entirely; the key is the whole
 * token, so a token altered by one byte is a miss and gets fully verified.
 *
 * @example
 * const cache = new VerifiedTokenCache<{ exp: number }>(10_000);
 * cache.set(token, claims);
 * cache.get(token); // claims until claims.exp, then undefined
 */
export class VerifiedTokenCache<T extends { exp: number }> {
  // A Map iterates in insertion order: re-inserting on hit makes the first key the least recent.
  private readonly entries = new Map<string, T>();

  constructor(private readonly maxEntries: number) {}

  get(token: string, nowSeconds = Date.now() / 1000): T | undefined {
    const claims = this.entries.get(token);
    if (!claims) return undefined;
    if (claims.exp <= nowSeconds) {
      this.entries.delete(token);
      return undefined;
    }
    // Recency only matters once eviction is near: below half full, a hit skips the re-insert
    // (a Map delete + set on every authenticated request).
    if (this.entries.size * 2 > this.maxEntries) {
      this.entries.delete(token);
      this.entries.set(token, claims);
    }
    return claims;
  }

  set(token: string, claims: T): void {
    if (this.maxEntries <= 0) return;
    this.entries.delete(token);
    this.entries.set(token, claims);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
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
