/**
 * CSV for people who open it in Excel or WPS: UTF-8 with a byte-order mark (without it Excel
 * reads Chinese as GBK mojibake), CRLF line ends and RFC 4180 quoting.
 */
export const UTF8_BOM = '\uFEFF';

export type Cell = string | number | boolean | null | undefined;

/**
 * A text starting with = + - @ (or a tab or carriage return) is a formula to a spreadsheet: a
 * title typed as "=HYPERLINK(...)" must stay text (CSV injection, OWASP). A leading apostrophe
 * is what spreadsheets themselves use to mark text; numbers are written as numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly Cell[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
