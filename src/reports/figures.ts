/**
 * How raw counts become the figures a director reads. Pure, so the rounding rules are tested
 * once and the e2e test can apply the same rules to its own count.
 */

/** A share of a whole, as a fraction with four decimals (0.8333); null when there is no whole. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? round(part / whole, 4) : null;
}

/** Days (registration to conclusion) to one decimal. */
export function days(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : round(Number(value), 1);
}

/** A mean rating to two decimals; null without ratings. */
export function mean(sum: number, count: number): number | null {
  return count > 0 ? round(sum / count, 2) : null;
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  // Number.EPSILON keeps 0.125 → 0.13 rather than 0.12 from binary representation.
  return Math.round((value + Number.EPSILON * Math.sign(value)) * f) / f;
}

/**
 * The continuous percentile PostgreSQL's percentile_cont computes (linear interpolation between
 * the two nearest ranks). The reports use the database's; this one lets tests check it.
 */
export function percentileCont(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
