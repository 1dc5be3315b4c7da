/**
 * Mainland mobile numbers, DOMAIN.md §5. Deliberately loose (1, then 3–9, then 9 digits): carrier
 * prefix lists go stale every time MIIT assigns a new block, and the number is proven by SMS
 * verification anyway.
 */

// The country-code prefix is stripped only when 11 digits remain, so no valid number is cut.
const MOBILE = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;

/** The bare 11 digits, or null when the input is not a mainland mobile number. */
export function normaliseMobile(raw: string): string | null {
  const compact = raw.replace(/[\s-]/g, '');
  return MOBILE.exec(compact)?.[1] ?? null;
}

/**
 * For display and logs: 138****5678. Input that is not a mobile number is masked completely, so
 * a malformed value never leaks.
 */
export function maskMobile(mobile: string): string {
  const digits = normaliseMobile(mobile);
  if (digits === null) return '*'.repeat(mobile.trim().length);
  return `${digits.slice(0, 3)}****${digits.slice(7)}`;
}
