/**
 * What every API response shows instead of an ID number, mobile or address (个人信息保护法 Art.51,
 * GB/T 35273-2020 Annex B). Anything malformed is masked more, never less.
 */
import { maskMobile, maskResidentId } from '../identifiers';
import type { IdNumberType } from './normalise';

export { maskMobile };

/**
 * - resident ID: first 6 (region) + last 4, e.g. 110105********002X;
 * - credit code: first 8 (authority, type, division) + ****** + last 4;
 * - passports, permits and other: first 2 + stars + last 2, same length.
 *
 * Expects the value from normaliseIdNumber. Short passports, permits and other numbers keep less,
 * so that at most half of one is ever visible: a 5-character passport shown as 2 + 1 + 2 would be
 * one guess away.
 */
export function maskIdNumber(type: IdNumberType, value: string): string {
  switch (type) {
    case 'resident_id':
      return maskResidentId(value);
    case 'credit_code': {
      const code = value.trim().toUpperCase();
      // Any other length is not a credit code, and its positions mean nothing.
      if (code.length !== 18) return stars([...code].length);
      return `${code.slice(0, 8)}******${code.slice(-4)}`;
    }
    default:
      return maskEnds(value.trim());
  }
}

function maskEnds(value: string): string {
  // Code points, so a character outside the BMP is never split into a visible half.
  const chars = [...value];
  const keep = chars.length >= 8 ? 2 : chars.length >= 4 ? 1 : 0;
  if (keep === 0) return stars(chars.length);
  return chars.slice(0, keep).join('') + stars(chars.length - 2 * keep) + chars.slice(-keep).join('');
}

function stars(n: number): string {
  return '*'.repeat(n);
}

const HIDDEN = '****';
// The first token that ends the administrative part: 街道 and 社区 before 街, so
// 清波街道 is kept whole rather than cut after 街.
const ADMIN_TOKEN = /街道|社区|镇|乡|路|街|村/u;
const FALLBACK_CHARS = 6;
// Keeps the masked form well inside case_parties.address_masked (varchar 120); a "prefix" longer
// than any real province-to-street path is not administrative anyway.
const MAX_KEPT_CHARS = 40;
// Arabic digits (any script, after NFKC) and Latin letters only occur in addresses as house,
// building, unit or room numbers (12号, 3单元, B座, 501室): the kept part stops before the first one.
const NUMBER_LIKE = /[\p{Nd}A-Za-z]/u;
const CHINESE_NUMERAL = '〇零一二三四五六七八九十百千两';
// A building/unit marker after a Chinese numeral (三栋, 二单元, 五〇一室) is a house number too.
// Requiring the numeral spares place names such as 鼓楼区 that contain a marker character; 门 is
// left out because of 三门峡市 and 三门县.
const NUMBERED_MARKER = new RegExp(`[${CHINESE_NUMERAL}]+(?:号|栋|幢|楼|单元|室|层|座|弄|组)`, 'u');
// A numeral run can end the kept part without a marker (幸福里五十六); 第 only ever introduces one.
const TRAILING_NUMBER = new RegExp(`第?[${CHINESE_NUMERAL}]*$`, 'u');

/**
 * Keeps the administrative part — up to and including the first 街道/镇/乡/路/街/村/社区, or else
 * the first 6 characters — and hides the rest: 浙江省杭州市上城区清波街道劳动路12号3单元501室 →
 * 浙江省杭州市上城区清波街道****.
 *
 * The kept part then ends before the first thing in the address that can be a house number (a
 * digit, a Latin letter, a Chinese numeral before 号/栋/单元/室…), and loses any numeral run it
 * ends with, so no house, building, unit or room number survives whatever order the clerk typed
 * the address in. The search runs over the whole address, not just the kept part, because the
 * 6-character fallback can cut a marker in half (幸福小区三单|元). When nothing is left to keep,
 * or keeping it would hide nothing, the whole address is '****'.
 */
export function maskAddress(address: string): string {
  const text = (address ?? '').normalize('NFKC').trim();
  if (text.length === 0) return HIDDEN;

  const token = ADMIN_TOKEN.exec(text);
  let end = token ? token.index + token[0].length : codePointOffset(text, FALLBACK_CHARS);
  end = Math.min(end, codePointOffset(text, MAX_KEPT_CHARS), firstIndex(text, NUMBER_LIKE), firstIndex(text, NUMBERED_MARKER));
  const kept = text.slice(0, end).replace(TRAILING_NUMBER, '').trim();

  if (kept.length === 0 || kept.length >= text.length) return HIDDEN;
  return `${kept}${HIDDEN}`;
}

function firstIndex(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  return match ? match.index : text.length;
}

/** The UTF-16 offset after `n` code points, so a character outside the BMP is never cut in half. */
function codePointOffset(text: string, n: number): number {
  let offset = 0;
  for (const ch of text) {
    if (n-- === 0) break;
    offset += ch.length;
  }
  return offset;
}
