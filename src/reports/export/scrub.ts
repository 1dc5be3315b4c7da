import { maskIdNumber, maskMobile } from '../../common/pii';

// A resident ID (18 characters, last may be X) or an old 15-digit one, not inside a longer number.
const RESIDENT_ID = /(?<!\d)(\d{17}[\dXx]|\d{15})(?![\dXx])/g;
// A mainland mobile, possibly written with +86, 86 or spaces/dashes between groups.
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g;
// Any other run of 7 or more digits: a landline, a bank card, a number the clerk typed in.
const LONG_NUMBER = /(?<![\d*])\d{7,}(?![\d*])/g;

/**
 * Free text a clerk typed (a case title) can hold a party's ID number or phone although the form
 * has fields for them. Exports carry titles, so what looks like one is masked the way the API
 * masks the fields: 110105********002X, 138****5678; other long digit runs keep their last four.
 */
export function scrubIdentifiers(text: string): string {
  return text
    .replace(RESIDENT_ID, (id) => (id.length === 18 ? maskIdNumber('resident_id', id.toUpperCase()) : `${id.slice(0, 6)}${'*'.repeat(5)}${id.slice(-4)}`))
    .replace(MOBILE, (_m, a: string, b: string, c: string) => maskMobile(`${a}${b}${c}`))
    .replace(LONG_NUMBER, (n) => `${'*'.repeat(n.length - 4)}${n.slice(-4)}`);
}
