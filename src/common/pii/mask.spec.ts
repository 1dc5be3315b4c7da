import { maskAddress, maskIdNumber, maskMobile } from './mask';
import { IdNumberType } from './normalise';

describe('maskIdNumber', () => {
  it.each<[IdNumberType, string, string]>([
    ['resident_id', '11010519491231002X', '110105********002X'],
    ['resident_id', '110105199003071239', '110105********1239'],
    ['credit_code', '91350100M000100Y43', '91350100******0Y43'],
    ['credit_code', '91330106MA2B3C4D5D', '91330106******4D5D'],
    ['credit_code', 'ABC', '***'], // not a credit code: nothing positional to keep
    ['passport', 'E12345678', 'E1*****78'],
    ['passport', '12345678901234567', '12*************67'],
    ['passport', 'AB12345', 'A*****5'], // under 8: one character each end
    ['passport', 'AB123', 'A***3'],
    ['hk_macau_permit', 'H12345678', 'H1*****78'],
    ['hk_macau_permit', 'M1234567890', 'M1*******90'],
    ['taiwan_permit', '12345678', '12****78'],
    ['taiwan_permit', '1234567890', '12******90'],
    ['other', '军官证南字第123456号', '军官*********6号'],
    ['other', 'ABCD', 'A**D'],
    ['other', 'ABC', '***'], // too short to show anything
    ['other', '𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷', '𠮷𠮷****𠮷𠮷'], // counted in characters, never split
  ])('%s %p → %p', (type, value, masked) => {
    expect(maskIdNumber(type, value)).toBe(masked);
  });

  it.each<[IdNumberType, string]>([
    ['resident_id', '11010519491231002X'],
    ['credit_code', '91350100M000100Y43'],
  ])('%s %p keeps its length', (type, value) => {
    expect(maskIdNumber(type, value)).toHaveLength(value.length);
  });

  // Resident IDs and credit codes keep their structured prefixes (region, registration authority)
  // by design; free-form numbers have no such structure, so they show at most half.
  it.each<[IdNumberType, string]>([
    ['passport', 'E12345678'],
    ['passport', 'AB123'],
    ['hk_macau_permit', 'H1234567890'],
    ['taiwan_permit', '12345678'],
    ['other', '军官证南字第123456号'],
    ['other', 'ABCD'],
  ])('%s %p keeps its length and shows at most half of it', (type, value) => {
    const masked = maskIdNumber(type, value);
    const chars = [...value];
    expect([...masked]).toHaveLength(chars.length);
    const visible = [...masked].filter((ch) => ch !== '*').length;
    expect(visible).toBeLessThanOrEqual(chars.length / 2);
  });
});

describe('maskMobile (re-exported)', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
  ])('%p → %p', (raw, masked) => {
    expect(maskMobile(raw)).toBe(masked);
  });
});

describe('maskAddress', () => {
  it.each([
    ['浙江省杭州市上城区清波街道劳动路12号3单元501室', '浙江省杭州市上城区清波街道****'],
    ['劳动路12号', '劳动路****'],
    ['北京市朝阳区建国路88号SOHO现代城A座1201', '北京市朝阳区建国路****'],
    ['广东省深圳市南山区粤海街道科技园社区科苑路15号', '广东省深圳市南山区粤海街道****'],
    ['上海市徐汇区田林社区钦州路100弄5号', '上海市徐汇区田林社区****'],
    ['四川省成都市双流区黄水镇白家村3组15号', '四川省成都市双流区黄水镇****'],
    ['云南省大理州宾川县拉乌乡拉乌村委会', '云南省大理州宾川县拉乌乡****'],
    ['福建省福州市鼓楼区五四路128号', '福建省福州市鼓楼区五四路****'], // 鼓楼 is a district, not a floor
    ['河南省三门峡市湖滨区湖滨街道黄河路1号', '河南省三门峡市湖滨区湖滨街道****'],
    ['上海市浦东新区世纪大道100号', '上海市浦东新****'], // no token: first 6 characters
    ['  浙江省杭州市西湖区文三路90号  ', '浙江省杭州市西湖区文三路****'], // 文三路: a numeral in a road name stays
    ['人民路１２号', '人民路****'], // full-width digits
    // The kept part stops before anything that could be a house number:
    ['幸福小区3栋2单元501室', '幸福小区****'],
    ['幸福小区三栋二单元五〇一室', '幸福小区****'],
    ['幸福里五十六', '幸福里****'],
    ['12号楼人民路', '****'],
    ['501室3单元12号劳动路清波街道', '****'],
    ['B座1201室', '****'],
    ['三单元五〇一室', '****'],
    // Short or empty: nothing would be hidden, so everything is.
    ['', '****'],
    ['   ', '****'],
    ['杭州', '****'],
    ['劳动路', '****'],
    ['浙江省杭州市', '****'],
    ['浙江省杭州市上城区清波街道', '****'],
  ])('%p → %p', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it('keeps the masked form within address_masked (varchar 120) for a 200-character address', () => {
    const masked = maskAddress(`${'很长的地名'.repeat(39)}路1号`);
    expect([...masked].length).toBeLessThanOrEqual(44);
    expect(masked.endsWith('****')).toBe(true);
  });

  // The property the rule exists for: whatever admin prefix, whichever house-number spelling, and
  // in either order, the kept part is a prefix of the address that ends before the first house,
  // building, unit or room number.
  describe('never shows a house, building, unit or room number', () => {
    const ADMIN = [
      '',
      '浙江省杭州市上城区',
      '浙江省杭州市上城区清波街道',
      '北京市朝阳区建国路',
      '福建省福州市鼓楼区',
      '四川省成都市双流区黄水镇白家村',
      '上海市浦东新区',
      '新疆维吾尔自治区乌鲁木齐市天山区',
      '幸福小区',
      '劳动路',
    ];
    const HOUSE = [
      '12号',
      '１２号',
      '12号3单元501室',
      '3栋2单元501',
      '三栋二单元五〇一室',
      '十二号楼三层',
      'A座1201',
      'b栋',
      '100弄5号',
      '3组15号',
      '五十六号',
      '第一百二十号院',
      '②号楼',
    ];

    const cases: Array<[string, string]> = [];
    for (const admin of ADMIN) {
      for (const house of HOUSE) {
        cases.push([admin, house]);
        // Clerks also append landmarks after the number, which may contain an admin token.
        cases.push([admin, `${house}（近人民路）`]);
      }
    }

    it.each(cases)('%p + %p', (admin, house) => {
      const address = `${admin}${house}`;
      const masked = maskAddress(address);
      expect(masked.endsWith('****')).toBe(true);
      const kept = masked.slice(0, -4);
      expect(address.normalize('NFKC').startsWith(kept)).toBe(true);
      expect(kept.length).toBeLessThanOrEqual(admin.length);
      expect(kept).not.toMatch(/[\p{Nd}A-Za-z]/u);
    });

    it('holds for 2,000 pseudo-random addresses', () => {
      // A fixed-seed generator: reproducible failures, no dependency.
      let seed = 20261120;
      const next = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const digits = '0123456789０１２３４５６７８９';
      const numerals = '一二三四五六七八九十〇两';
      const markers = ['号', '栋', '幢', '楼', '单元', '室', '层', '座', '弄', '组'];
      const number = () => {
        const pool = next(2) === 0 ? digits : numerals;
        return Array.from({ length: 1 + next(4) }, () => pool[next(pool.length)]).join('') + markers[next(markers.length)];
      };
      for (let i = 0; i < 2000; i++) {
        const admin = ADMIN[next(ADMIN.length)];
        const house = Array.from({ length: 1 + next(3) }, number).join('');
        const address = `${admin}${house}${next(3) === 0 ? '（近劳动路）' : ''}`;
        const masked = maskAddress(address);
        const kept = masked.slice(0, -4);
        expect({ address, ok: address.normalize('NFKC').startsWith(kept) && kept.length <= admin.length }).toStrictEqual({ address, ok: true });
      }
    });
  });
});
