import { csvCell, csvLine } from './csv';
import { scrubIdentifiers } from './scrub';

describe('CSV cells', () => {
  it('quotes what needs quoting and writes CRLF lines', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', 3, null, true])).toBe('a,"b,c","say ""hi""","two\nlines",3,,是\r\n');
  });

  it('keeps formulas from running in a spreadsheet (CSV injection)', () => {
    expect(csvCell('=HYPERLINK("http://x","点击")')).toBe(`"'=HYPERLINK(""http://x"",""点击"")"`);
    expect(csvCell('+86 电话')).toBe("'+86 电话");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
  });
});

describe('scrubbing identifiers out of free text', () => {
  it('masks ID numbers, mobiles and long digit runs the way the API masks the fields', () => {
    expect(scrubIdentifiers('张秀英（身份证11010519491231002X）讨薪')).toBe('张秀英（身份证110105********002X）讨薪');
    expect(scrubIdentifiers('联系电话13812345678，或 +86 139-0000-1111')).toBe('联系电话138****5678，或 139****1111');
    expect(scrubIdentifiers('座机057187654321')).toBe('座机********4321');
    expect(scrubIdentifiers('拖欠工资80000元，2026年11月')).toBe('拖欠工资80000元，2026年11月');
    expect(scrubIdentifiers('（2026）浙0102民诉前调1234号')).toBe('（2026）浙0102民诉前调1234号');
  });
});
