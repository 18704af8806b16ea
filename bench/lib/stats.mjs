/** The middle value (mean of the two middle ones for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** 12345.6 → "12,346" (grouped, so wide numbers stay readable in a table). */
export function formatCount(value) {
  return Math.round(value).toLocaleString('en-US');
}

/** 0.9134 → "91.3 %". */
export function formatRatio(value) {
  return `${(value * 100).toFixed(1)} %`;
}
