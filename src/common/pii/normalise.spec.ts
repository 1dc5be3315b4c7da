import { IdNumberType, normaliseIdNumber } from './normalise';

const TODAY = '2026-11-20';

describe('normaliseIdNumber', () => {
  it.each<[IdNumberType, string, string]>([
    // Resident ID: 11010519491231002X is the DOMAIN.md test value; 110105199003071239 is checked in
    // resident-id.spec.ts.
    ['resident_id', '11010519491231002X', '11010519491231002X'],
    ['resident_id', '11010519491231002x', '11010519491231002X'],
    ['resident_id', ' 110105199003071239 ', '110105199003071239'],
    ['resident_id', '１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'], // full-width IME input
    ['credit_code', '91350100M000100Y43', '91350100M000100Y43'],
    ['credit_code', '91350100m000100y43 ', '91350100M000100Y43'],
    ['credit_code', '９１３５０１００Ｍ０００１００Ｙ４３', '91350100M000100Y43'],
    ['passport', 'E12345678', 'E12345678'], // PRC e-passport
    ['passport', 'e 1234 5678', 'E12345678'],
    ['passport', 'Ｅ１２３４５６７８', 'E12345678'],
    ['passport', 'C01X00T47', 'C01X00T47'], // German format, letters inside
    ['passport', 'AB123', 'AB123'], // 5 characters: the shortest accepted
    ['passport', '12345678901234567', '12345678901234567'], // 17: the longest
    ['hk_macau_permit', 'H12345678', 'H12345678'],
    ['hk_macau_permit', 'M87654321', 'M87654321'],
    ['hk_macau_permit', 'h1234567801', 'H1234567801'], // older booklet, 10 digits
    ['hk_macau_permit', 'H 1234 5678', 'H12345678'],
    ['taiwan_permit', '12345678', '12345678'],
    ['taiwan_permit', '1234567890', '1234567890'], // older booklet
    ['taiwan_permit', '1234 5678', '12345678'],
    ['other', ' 军官证 南字第123456号 ', '军官证 南字第123456号'],
    ['other', 'X', 'X'],
    ['other', '证'.repeat(40), '证'.repeat(40)],
    ['other', '𠮷'.repeat(40), '𠮷'.repeat(40)], // 40 characters even though 80 UTF-16 units
  ])('%s %p → %p', (type, raw, value) => {
    expect(normaliseIdNumber(type, raw, TODAY)).toStrictEqual({ ok: true, value });
  });

  it.each<[IdNumberType, string, string]>([
    ['credit_code', '91350100M000100Y44', '91350100M000100Y44'],
    ['credit_code', '91330106ma2b3c4db1', '91330106MA2B3C4DB1'],
  ])('%s %p is accepted with a checksum warning (GB 32100 pilot codes)', (type, raw, value) => {
    expect(normaliseIdNumber(type, raw, TODAY)).toStrictEqual({ ok: true, value, warning: 'checksum' });
  });

  it.each<[IdNumberType, string, string]>([
    ['resident_id', '110105194912310021', 'checksum'], // X replaced by 1
    ['resident_id', '110105203001011231', 'birth_date'], // born in 2030
    ['resident_id', '110105202611211236', 'birth_date'], // born tomorrow
    ['resident_id', '110105491231002', 'format'], // 15-digit first-generation number
    ['resident_id', '110105 19491231 002X', 'format'], // the existing validator trims only the ends
    ['resident_id', '', 'format'],
    ['credit_code', '91350100M000100I43', 'format'], // I is not in the GB 32100 alphabet
    ['credit_code', '91350100M000100Y4', 'format'],
    ['credit_code', '', 'format'],
    ['passport', 'E123', 'format'], // 4 characters
    ['passport', '123456789012345678', 'format'], // 18
    ['passport', 'E1234567-8', 'format'],
    ['passport', 'É12345678', 'format'],
    ['passport', '   ', 'format'],
    ['hk_macau_permit', 'H1234567', 'format'], // 7 digits
    ['hk_macau_permit', 'H12345678901', 'format'], // 11 digits
    ['hk_macau_permit', 'K12345678', 'format'], // neither H nor M
    ['hk_macau_permit', '12345678', 'format'],
    ['hk_macau_permit', 'HM1234567', 'format'],
    ['taiwan_permit', '1234567', 'format'],
    ['taiwan_permit', '123456789', 'format'], // 9: neither form
    ['taiwan_permit', '12345678901', 'format'],
    ['taiwan_permit', 'T1234567', 'format'],
    ['other', '', 'format'],
    ['other', '   ', 'format'],
    ['other', '证'.repeat(41), 'format'],
    ['other', '军官证\t123', 'format'], // a pasted control character
  ])('%s %p fails with %s', (type, raw, reason) => {
    expect(normaliseIdNumber(type, raw, TODAY)).toStrictEqual({ ok: false, reason });
  });

  it('passes today on to the resident-ID check', () => {
    expect(normaliseIdNumber('resident_id', '110105202611201230', '2026-11-20')).toStrictEqual({ ok: true, value: '110105202611201230' });
    expect(normaliseIdNumber('resident_id', '110105202611201230', '2026-11-19')).toStrictEqual({ ok: false, reason: 'birth_date' });
  });

  it('refuses an unknown type as a programming error', () => {
    expect(() => normaliseIdNumber('driving_licence' as IdNumberType, 'X', TODAY)).toThrow(RangeError);
  });

  it('gives one spelling for the variants of a number, so their blind indexes meet', () => {
    const variants = ['E12345678', 'e12345678', 'E 1234 5678', ' Ｅ１２３４５６７８ '];
    const values = variants.map((raw) => {
      const result = normaliseIdNumber('passport', raw, TODAY);
      return result.ok ? result.value : null;
    });
    expect(new Set(values)).toStrictEqual(new Set(['E12345678']));
  });
});
