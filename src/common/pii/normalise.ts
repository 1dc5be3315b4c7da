/**
 * One canonical spelling per ID number, so that the blind index of the same document is the same
 * however the clerk typed it, and so that obviously wrong numbers are caught at intake.
 */
import { validateCreditCode, validateResidentId } from '../identifiers';

export const ID_NUMBER_TYPES = ['resident_id', 'passport', 'hk_macau_permit', 'taiwan_permit', 'credit_code', 'other'] as const;
export type IdNumberType = (typeof ID_NUMBER_TYPES)[number];

export type IdNumberResult =
  | { ok: true; value: string; warning?: 'checksum' }
  | { ok: false; reason: 'format' | 'birth_date' | 'checksum' };

// Passport numbers vary by issuing state (China: E/G + 8; others up to ICAO's 9 + filler).
const PASSPORT = /^[A-Z0-9]{5,17}$/;
// 港澳居民来往内地通行证 (回乡证): H for Hong Kong, M for Macau, then 8 digits on current cards and
// 10 on older booklets (two more digits counting re-issues). The range is kept loose rather than
// refusing a real number: the clerk has the card in hand.
const HK_MACAU_PERMIT = /^[HM]\d{8,10}$/;
// 台湾居民来往大陆通行证 (台胞证): 8 digits since 2015; older booklets had 10.
const TAIWAN_PERMIT = /^(?:\d{8}|\d{10})$/;
const OTHER_MAX_CHARS = 40;
// A control character in an ID number is a copy-paste accident, and would also make two
// spellings of one number index differently.
const CONTROL = /\p{Cc}/u;

/**
 * @param today the current local date 'YYYY-MM-DD' (Asia/Shanghai), needed to refuse resident IDs
 *   born in the future; injected to keep this pure.
 *
 * Input is NFKC-normalised first: Chinese IMEs in full-width mode type '１１０１０５…' or 'Ｅ１２３…',
 * which are the same characters to the person reading the card.
 */
export function normaliseIdNumber(type: IdNumberType, raw: string, today: string): IdNumberResult {
  const text = raw.normalize('NFKC');
  switch (type) {
    case 'resident_id': {
      const checked = validateResidentId(text, today);
      return checked.ok ? { ok: true, value: checked.value } : { ok: false, reason: checked.reason };
    }
    case 'credit_code': {
      // A wrong check character stays accepted with a warning: GB 32100 pilot codes fail the
      // check yet are real (see validateCreditCode).
      const checked = validateCreditCode(text);
      if (!checked.ok) return { ok: false, reason: checked.reason };
      return checked.warning ? { ok: true, value: checked.value, warning: checked.warning } : { ok: true, value: checked.value };
    }
    case 'passport':
      return byPattern(compact(text), PASSPORT);
    case 'hk_macau_permit':
      return byPattern(compact(text), HK_MACAU_PERMIT);
    case 'taiwan_permit':
      return byPattern(compact(text), TAIWAN_PERMIT);
    case 'other': {
      const value = text.trim();
      const chars = [...value].length;
      if (chars < 1 || chars > OTHER_MAX_CHARS || CONTROL.test(value)) return { ok: false, reason: 'format' };
      return { ok: true, value };
    }
    default: {
      const unknown: never = type;
      throw new RangeError(`Unknown ID number type: ${String(unknown)}`);
    }
  }
}

// Printed numbers are often grouped ('E 1234 5678'), and letters typed in lower case.
function compact(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

function byPattern(value: string, pattern: RegExp): IdNumberResult {
  return pattern.test(value) ? { ok: true, value } : { ok: false, reason: 'format' };
}
