/**
 * Latencies are counted in fixed bins on a log scale (√2 steps from 0.05 ms to ~74 s, then
 * one overflow bin), not kept as samples. Bins of different minutes and plugins add up
 * exactly, so a 1 h point is the sum of its 60 minutes; a reservoir of samples could not be
 * merged like that. The price is precision: a percentile is interpolated linearly inside
 * its bin, and a bin is 41 % wide, so a reported value is within about ±20 % of the true one.
 */
export const LATENCY_BINS = 43;

const MIN_MS = 0.05;
const BOUNDED_BINS = LATENCY_BINS - 1;
const UPPER_MS = Array.from({ length: BOUNDED_BINS }, (_, i) => MIN_MS * 2 ** (i / 2));

/** The bin a latency in milliseconds falls in. */
export function latencyBin(ms: number): number {
  if (!(ms > MIN_MS)) return 0;
  const bin = Math.ceil(2 * Math.log2(ms / MIN_MS));
  return bin < BOUNDED_BINS ? bin : BOUNDED_BINS;
}

/**
 * The latency (ms, 3 decimals) below which a share `q` (0 < q ≤ 1) of the counted requests
 * fall, or null when nothing was counted. `bins[offset .. offset + LATENCY_BINS)` are the counts.
 */
export function latencyQuantile(bins: ArrayLike<number>, total: number, q: number, offset = 0): number | null {
  if (total <= 0) return null;
  const rank = q * total;
  let before = 0;
  for (let bin = 0; bin < LATENCY_BINS; bin++) {
    const count = bins[offset + bin];
    if (count === 0 || before + count < rank) {
      before += count;
      continue;
    }
    // The overflow bin has no upper bound: report its lower one, the most that is known.
    if (bin === BOUNDED_BINS) return round(UPPER_MS[BOUNDED_BINS - 1]);
    const lower = bin === 0 ? 0 : UPPER_MS[bin - 1];
    return round(lower + (UPPER_MS[bin] - lower) * ((rank - before) / count));
  }
  return round(UPPER_MS[BOUNDED_BINS - 1]);
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
