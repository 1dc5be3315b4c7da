import { PassThrough } from 'node:stream';
import { Workbook } from 'exceljs';
import { contentDisposition, tableWriter } from './table-writer';

interface Row { name: string; n: number; share: number | null }
const COLUMNS = [
  { header: '名称', value: (r: Row) => r.name },
  { header: '数量', value: (r: Row) => r.n, kind: 'int' as const },
  { header: '占比', value: (r: Row) => r.share, kind: 'percent' as const },
];

async function capture(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await write(out);
  return Buffer.concat(chunks);
}

describe('table writers', () => {
  const rows: Row[] = [{ name: '清波街道', n: 3, share: 0.75 }, { name: '=1+1', n: 1, share: null }, { name: '湖滨街道', n: 0, share: 0 }];

  it('writes CSV as UTF-8 with a BOM and percentages', async () => {
    const buf = await capture(async (out) => {
      const w = tableWriter('csv', out, 'sheet', COLUMNS);
      await w.write(rows);
      await w.end();
    });
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buf.toString('utf8').slice(1)).toBe('名称,数量,占比\r\n清波街道,3,75%\r\n\'=1+1,1,\r\n湖滨街道,0,0%\r\n');
  });

  it('streams XLSX that exceljs reads back, numbers as numbers, text never a formula, rolling over to a new sheet', async () => {
    const buf = await capture(async (out) => {
      const w = tableWriter('xlsx', out, '统计', COLUMNS, { rowsPerSheet: 2 });
      await w.write(rows);
      await w.end();
    });
    const book = new Workbook();
    await book.xlsx.load(buf as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['统计', '统计（2）']);
    const [first, second] = book.worksheets;
    expect(first.getRow(1).values).toEqual([undefined, '名称', '数量', '占比']);
    expect(first.getRow(2).values).toEqual([undefined, '清波街道', 3, 0.75]);
    expect(first.getCell('C2').numFmt).toBe('0.00%');
    expect(first.getRow(3).getCell(1).value).toBe('=1+1');
    expect(first.getRow(3).getCell(1).type).toBe(3 /* ValueType.String */);
    expect(second.getRow(1).values).toEqual([undefined, '名称', '数量', '占比']);
    expect(second.getRow(2).values).toEqual([undefined, '湖滨街道', 0, 0]);
    expect(second.rowCount).toBe(2);
  });

  it('names the download in UTF-8 with an ASCII fallback', () => {
    expect(contentDisposition('统计汇总_清波街道.csv')).toBe(`attachment; filename="_________.csv"; filename*=UTF-8''${encodeURIComponent('统计汇总_清波街道.csv')}`);
  });
});
