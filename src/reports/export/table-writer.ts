import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { stream as excelStream } from 'exceljs';
import { round } from '../figures';
import { Cell, csvLine, UTF8_BOM } from './csv';

export type ExportFormat = 'csv' | 'xlsx';

/** How a value is shown in XLSX (CSV writes the same value as text). */
export type ColumnKind = 'text' | 'int' | 'decimal' | 'percent';

export interface Column<T> {
  header: string;
  value: (row: T) => Cell;
  kind?: ColumnKind | ((row: T) => ColumnKind);
  /** XLSX column width in characters. */
  width?: number;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** RFC 6266: an ASCII fallback and the UTF-8 name (报表_清波街道_2026-01-01_2026-12-31.xlsx). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // RFC 5987 attr-char leaves out ' ( ) * too, which encodeURIComponent keeps.
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Writes a table to a stream in batches, so a long case list never sits in memory: each batch is
 * written and the writer waits for the client to drain before asking for the next.
 */
export interface TableWriter<T> {
  write(rows: readonly T[]): Promise<void>;
  end(): Promise<void>;
}

/** Excel opens at most 1,048,576 rows a sheet; a longer list goes on in the next sheet. */
export const XLSX_ROWS_PER_SHEET = 1_000_000;

export function tableWriter<T>(format: ExportFormat, out: Writable, sheetName: string, columns: readonly Column<T>[], options: { rowsPerSheet?: number } = {}): TableWriter<T> {
  return format === 'csv' ? csvWriter(out, columns) : xlsxWriter(out, sheetName, columns, options.rowsPerSheet ?? XLSX_ROWS_PER_SHEET);
}

/** Waits for the client to take what was written; a client that went away ends the wait too. */
async function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/** Resolves when everything was handed to the client, or it went away (nothing more to do then). */
async function ended(out: Writable): Promise<void> {
  await finished(out, { readable: false }).catch(() => undefined);
}

/** Rates read as percentages in a spreadsheet: 0.8333 → "83.33%", which Excel and WPS take as a number. */
function csvValue<T>(c: Column<T>, row: T): Cell {
  const v = c.value(row);
  const kind = typeof c.kind === 'function' ? c.kind(row) : c.kind;
  return kind === 'percent' && typeof v === 'number' ? `${round(v * 100, 2)}%` : v;
}

function csvWriter<T>(out: Writable, columns: readonly Column<T>[]): TableWriter<T> {
  out.write(UTF8_BOM + csvLine(columns.map((c) => c.header)));
  return {
    async write(rows) {
      if (!rows.length) return;
      out.write(rows.map((r) => csvLine(columns.map((c) => csvValue(c, r)))).join(''));
      await drained(out);
    },
    async end() {
      out.end();
      await ended(out);
    },
  };
}

const NUM_FMT: Record<ColumnKind, string | undefined> = { text: undefined, int: '0', decimal: '0.00', percent: '0.00%' };

/**
 * exceljs's streaming WorkbookWriter: rows are committed as they come and zipped straight into
 * the response, without shared strings (which would keep every text in memory to the end).
 */
function xlsxWriter<T>(out: Writable, sheetName: string, columns: readonly Column<T>[], rowsPerSheet: number): TableWriter<T> {
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'tiaojie-api';
  let sheetNo = 0;
  let rowsInSheet = 0;
  const openSheet = () => {
    sheetNo += 1;
    rowsInSheet = 0;
    const sheet = workbook.addWorksheet(sheetNo === 1 ? sheetName : `${sheetName}（${sheetNo}）`, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c, i) => ({ key: String(i), width: c.width ?? Math.max(10, c.header.length * 2 + 2) }));
    const header = sheet.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    return sheet;
  };
  let sheet = openSheet();
  return {
    async write(rows) {
      for (const r of rows) {
        if (rowsInSheet === rowsPerSheet) {
          sheet.commit();
          sheet = openSheet();
        }
        const row = sheet.addRow(columns.map((c) => {
          const v = c.value(r);
          return v === undefined || v === null ? null : typeof v === 'boolean' ? (v ? '是' : '否') : v;
        }));
        columns.forEach((c, i) => {
          const kind = typeof c.kind === 'function' ? c.kind(r) : c.kind;
          const fmt = kind ? NUM_FMT[kind] : undefined;
          if (fmt && typeof row.getCell(i + 1).value === 'number') row.getCell(i + 1).numFmt = fmt;
        });
        row.commit();
        rowsInSheet += 1;
      }
      await drained(out);
    },
    async end() {
      sheet.commit();
      await workbook.commit();
      await ended(out);
    },
  };
}
