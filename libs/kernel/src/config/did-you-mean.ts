import { distance } from 'fastest-levenshtein';

/** Case and `-`/`_` differences are typos too: `Entry-Point` is as close to `entry_point` as `entry_point` itself. */
function normalize(word: string): string {
  return word.toLowerCase().replaceAll('-', '_');
}

/**
 * The candidate closest to `word` within `maxDistance` edits (Levenshtein), or else the candidate
 * that `word` is the first part of (`timeout` for `timeout_seconds`), or undefined.
 * Used to turn "unknown field entrypoint" into "did you mean entry_point?".
 *
 * @example
 * didYouMean('dependancies', ['dependencies', 'permissions']); // 'dependencies'
 * didYouMean('timeout', ['timeout_seconds', 'rate_limit']);     // 'timeout_seconds'
 * didYouMean('pagination', ['dependencies', 'permissions']);   // undefined
 */
export function didYouMean(word: string, candidates: readonly string[], maxDistance = 2): string | undefined {
  const normalized = normalize(word);
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const edits = distance(normalized, normalize(candidate));
    if (edits < bestDistance) {
      best = candidate;
      bestDistance = edits;
    }
  }
  return best ?? [...candidates].find((candidate) => normalize(candidate).startsWith(`${normalized}_`));
}
