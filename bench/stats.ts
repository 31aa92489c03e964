/** Summary statistics the benchmarks share. */

/** The middle value (upper middle for an even count); 0 for none. */
export function median(values: number[]): number {
  return percentile(values, 50);
}

/** The value at percentile `p` (0-100), nearest rank; 0 for none. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
