import { PiiCipher } from './pii-crypto';
import { protectIdentifiers } from './person-identifiers';

const cipher = new PiiCipher({ current: 'k1', keys: { k1: Buffer.alloc(32, 7) } });
const opts = { path: 'petitioners[0]', context: 'petitioner', today: '2026-11-23', defaultIdType: 'resident_id' as const };

describe('protectIdentifiers', () => {
  it('encrypts under the column context, indexes by kind and masks, like a case party', () => {
    const { value, errors } = protectIdentifiers(cipher, { idNumber: '11010519491231002x', mobile: '+86 138-5710-1234', address: '浙江省杭州市上城区清波街道河坊街88号2单元301室' }, opts);
    expect(errors).toEqual([]);
    expect(value).toMatchObject({ idType: 'resident_id', idNumberMasked: '110105********002X', mobileMasked: '138****1234', idWarning: null });
    expect(cipher.decrypt(value.idNumberEnc!, 'petitioner.id_number')).toBe('11010519491231002X');
    expect(cipher.decrypt(value.mobileEnc!, 'petitioner.mobile')).toBe('13857101234');
    expect(() => cipher.decrypt(value.idNumberEnc!, 'case_party.id_number')).toThrow();
    // The same keys a case party gets: one person is found across cases and petitions.
    expect(value.idNumberIndex).toBe(cipher.blindIndex('resident_id', '11010519491231002X'));
    expect(value.mobileIndex).toBe(cipher.blindIndex('mobile', '13857101234'));
    expect(JSON.stringify({ ...value, idNumberEnc: null, mobileEnc: null, addressEnc: null })).not.toMatch(/11010519491231002X|13857101234|河坊街88号/);
  });

  it.each([
    [{ idNumber: '110105194912310021' }, 'petitioners[0].idNumber', 'resident_id.checksum'],
    [{ idNumber: '12345' }, 'petitioners[0].idNumber', 'resident_id.format'],
    [{ idType: 'passport' as const }, 'petitioners[0].idNumber', 'isNotEmpty'],
    [{ mobile: '12345678901' }, 'petitioners[0].mobile', 'mobile.format'],
  ])('%j → %s %s', (input, field, code) => {
    const { errors } = protectIdentifiers(cipher, input, opts);
    expect(errors).toEqual([expect.objectContaining({ field, code })]);
  });

  it('stores nothing for nothing given', () => {
    expect(Object.values(protectIdentifiers(cipher, {}, opts).value).every((v) => v === null)).toBe(true);
  });
});
