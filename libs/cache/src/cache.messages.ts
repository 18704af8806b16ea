/** Log lines of the cache, kept together so they read alike. */
export const CacheMessages = {
  redisDown: (target: string, reason: string) =>
    `Redis at ${target} is unreachable (${reason}); cache calls bypass it (reads miss, writes are skipped) and it keeps reconnecting in the background.`,
  redisBack: (target: string, downForMs: number) =>
    `Redis at ${target} is reachable again after ${Math.round(downForMs / 1000)} s; the cache uses it again.`,
} as const;

/**
 * The Redis URL as it may appear in logs and health: without its password.
 *
 * @example
 * redactRedisUrl('redis://:secret@cache:6379/0'); // 'redis://cache:6379/0'
 */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'the configured Redis';
  }
}
