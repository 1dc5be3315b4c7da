import { maskResidentId, residentIdCheckChar, validateResidentId } from './resident-id';

const TODAY = '2026-11-20';

// Check characters below were worked out by hand with the MOD 11-2 rule and cross-checked with an
// independent script, e.g. 11010519491231002: Σ(d·w) = 167, 167 mod 11 = 2 → 'X';
// 11010519900307123: Σ = 190, 190 mod 11 = 3 → '9'.
describe('validateResidentId', () => {
  it.each([
    ['11010519491231002X', '11010519491231002X', '1949-12-31', 'female'], // DOMAIN.md test value; 002 even
    ['11010519491231002x', '11010519491231002X', '1949-12-31', 'female'], // lower-case x
    ['  110105199003071239 ', '110105199003071239', '1990-03-07', 'male'], // trimmed; 123 odd
    ['440304200002295616', '440304200002295616', '2000-02-29', 'male'], // leap day in a leap year
    ['110105190001011231', '110105190001011231', '1900-01-01', 'male'], // earliest accepted date
    ['110105202611201230', '110105202611201230', '2026-11-20', 'male'], // born today
    ['310115198611180047', '310115198611180047', '1986-11-18', 'female'],
  ])('%p is valid', (raw, value, birthDate, sex) => {
    expect(validateResidentId(raw, TODAY)).toEqual({ ok: true, value, birthDate, sex, regionCode: value.slice(0, 6) });
  });

  it.each([
    // Dates fail before the checksum is looked at; the check characters here are nevertheless right,
    // so these rows fail on the date alone.
    ['110105202302291236', 'birth_date'], // 2023-02-29: 2023 is not a leap year
    ['110105202302301238', 'birth_date'], // Feb 30
    ['110105189912311237', 'birth_date'], // before 1900
    ['110105203001011231', 'birth_date'], // future
    ['110105202611211236', 'birth_date'], // tomorrow
    ['110105194912310021', 'checksum'], // X replaced by 1
    ['110105199003071238', 'checksum'], // 9 replaced by 8
    ['11010519491231002', 'format'], // too short (17)
    ['1101051949123100211', 'format'], // too long (19)
    ['110105491231002', 'format'], // old 15-digit number
    ['11010519491231002Y', 'format'], // letter other than X
    ['A1010519491231002X', 'format'],
    ['110105 19491231 002X', 'format'], // only the ends are trimmed
    ['', 'format'],
  ])('%p fails with %s', (raw, reason) => {
    expect(validateResidentId(raw, TODAY)).toEqual({ ok: false, reason });
  });

  it('refuses a malformed today', () => {
    expect(() => validateResidentId('11010519491231002X', '2026-02-30')).toThrow(RangeError);
  });

  it.each([
    ['11010519491231002', 'X'],
    ['11010519900307123', '9'],
    ['44030420000229561', '6'],
  ])('residentIdCheckChar(%s) = %s', (first17, check) => {
    expect(residentIdCheckChar(first17)).toBe(check);
  });
});

describe('maskResidentId', () => {
  it.each([
    ['11010519491231002X', '110105********002X'],
    ['11010519491231002x', '110105********002X'],
    ['110105491231002', '110105*****1002'], // old 15-digit form: still first 6 / last 4
    ['12345', '*****'], // too short to keep anything
  ])('%p → %p', (raw, masked) => {
    expect(maskResidentId(raw)).toBe(masked);
  });
});
