/**
 * 统一社会信用代码 (GB 32100-2015), DOMAIN.md §5: registration authority, organisation type,
 * 6-digit division code, 9-character organisation code, 1 check character.
 */

export type CreditCodeResult =
  | { ok: true; value: string; warning?: 'checksum' }
  | { ok: false; reason: 'format' };

// The standard's alphabet omits I, O, Z, S, V (confusable with 1, 0, 2, 5, U); a value is its index.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
// 3^i mod 31 for positions 1..17.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100 check character for the first 17 characters (already upper case). */
export function creditCodeCheckChar(first17: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17)) throw new RangeError('Expected 17 GB 32100 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  const c = 31 - (sum % 31);
  return ALPHABET[c === 31 ? 0 : c];
}

/**
 * A wrong check character only warns: some codes issued in the early pilots fail the check yet
 * are real (DOMAIN.md §5), and refusing them would lock those organisations out of intake. The
 * caller should ask the clerk to re-read the licence.
 */
export function validateCreditCode(raw: string): CreditCodeResult {
  const value = raw.trim().toUpperCase();
  if (!FORMAT.test(value)) return { ok: false, reason: 'format' };
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) return { ok: true, value, warning: 'checksum' };
  return { ok: true, value };
}
