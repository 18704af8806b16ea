import { TesseraError } from '@tessera/sdk';
import { NAMESPACE_NAME, NAMESPACE_SEPARATOR } from './cache.constants.js';

/** A glob compiled for both stores: a regular expression for memory and a SCAN `MATCH` for Redis. */
export interface KeyPattern {
  /** Matches whole keys (anchored at both ends). */
  readonly regex: RegExp;
  /** The same pattern in Redis glob syntax, with Redis's own special characters escaped. */
  readonly redisMatch: string;
}

/**
 * Compiles `glob` (`*` any run of characters, `?` exactly one, everything else literal) under a
 * literal `prefix`. The prefix is part of the compiled pattern, so a `*` in the glob can never reach
 * a key outside it: that is what keeps a namespace inside its own key space.
 *
 * @example
 * compileKeyPattern('tessera:users:', 'list:*').regex.test('tessera:users:list:2'); // true
 */
export function compileKeyPattern(prefix: string, glob: string): KeyPattern {
  if (typeof glob !== 'string' || glob.length === 0) {
    throw new TesseraError('VALIDATION_ERROR', 'A cache key pattern must be a non-empty string such as "users:list:*".', [{ field: 'pattern' }]);
  }
  let regex = escapeRegex(prefix);
  let redisMatch = escapeRedisGlob(prefix);
  for (const char of glob) {
    if (char === '*') {
      regex += '.*';
      redisMatch += '*';
    } else if (char === '?') {
      regex += '.';
      redisMatch += '?';
    } else {
      regex += escapeRegex(char);
      redisMatch += escapeRedisGlob(char);
    }
  }
  // `s`: a key may contain line breaks, and `?`/`*` must match them as Redis does.
  return { regex: new RegExp(`^${regex}$`, 'su'), redisMatch };
}

/**
 * The key prefix of namespace `name` under `parentPrefix`.
 *
 * @example
 * namespacePrefix('tessera:', 'users'); // 'tessera:users:'
 */
export function namespacePrefix(parentPrefix: string, name: string): string {
  if (typeof name !== 'string' || !NAMESPACE_NAME.test(name)) {
    throw new TesseraError(
      'VALIDATION_ERROR',
      `Cache namespace "${String(name)}" is not valid: use lower-case letters, digits, "_" and "-", starting with a letter or digit (e.g. "users").`,
      [{ field: 'namespace' }],
    );
  }
  return `${parentPrefix}${name}${NAMESPACE_SEPARATOR}`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Redis's glob treats `*`, `?`, `[` and `\` as special (`]` only closes a class, escaped for symmetry). */
function escapeRedisGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
