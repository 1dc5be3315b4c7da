/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence (odd =
 * male), 1 check character (ISO 7064 MOD 11-2). DOMAIN.md §5.
 *
 * Only the 18-character form is accepted: 15-digit numbers were replaced in the 2004–2013
 * second-generation card exchange and carry no check character to catch typos.
 */

export type ResidentIdResult =
  | { ok: true; value: string; birthDate: string; sex: 'male' | 'female'; regionCode: string }
  | { ok: false; reason: 'format' | 'birth_date' | 'checksum' };

const FORMAT = /^\d{17}[\dX]$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// GB 11643-1999 §8.2: weights 2^(17-i) mod 11 for positions 1..17.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
// Nobody alive and registered was born earlier; older dates are keying errors.
const EARLIEST_BIRTH_DATE = '1900-01-01';

/** The MOD 11-2 check character for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('Expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * @param today the current local date 'YYYY-MM-DD' (Asia/Shanghai), injected so the function
 *   stays pure: a birth date after it is refused.
 */
export function validateResidentId(raw: string, today: string): ResidentIdResult {
  if (!ISO_DATE.test(today) || !isRealDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${today}`);
  // Cards print an upper-case X, but people type a lower-case one.
  const value = raw.trim().toUpperCase();
  if (!FORMAT.test(value)) return { ok: false, reason: 'format' };

  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isRealDate(birthDate) || birthDate < EARLIEST_BIRTH_DATE || birthDate > today) {
    return { ok: false, reason: 'birth_date' };
  }
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, reason: 'checksum' };

  return {
    ok: true,
    value,
    birthDate,
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: value.slice(0, 6),
  };
}

/**
 * For display and logs: an ID number is sensitive personal information (GB/T 35273-2020 Annex B;
 * 个人信息保护法 Art.51 asks for de-identification). Keeps the first 6 (region) and last 4. Anything too short to mask that way is masked
 * completely, so a malformed value never leaks either.
 */
export function maskResidentId(id: string): string {
  const value = id.trim().toUpperCase();
  if (value.length <= 10) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}
