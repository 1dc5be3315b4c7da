import { creditCodeCheckChar, validateCreditCode } from './credit-code';

// Worked by hand (values: digits 0–9, A10 B11 C12 D13 … M21 … Y30; weights 1 3 9 27 19 26 16 17 20
// 29 25 13 8 24 10 30 28) and cross-checked with an independent script:
// - 91350100M000100Y4: Σ = 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28;
//   31 − 28 = 3 → '3'.
// - 91330106MA2B3C4D5: Σ = 9+3+27+81+0+26+0+102+420+290+50+143+24+288+40+390+140 = 2033;
//   2033 mod 31 = 18; 31 − 18 = 13 → 'D'.
// - 91330106MA2B3C4DB: as above with B (11·28 = 308) instead of 5 (140): Σ = 2201 = 71·31;
//   31 − 0 = 31 → '0'.
describe('validateCreditCode', () => {
  it.each([
    ['91350100M000100Y43', '91350100M000100Y43'], // DOMAIN.md test value
    ['91350100m000100y43', '91350100M000100Y43'], // lower case
    [' 91330106MA2B3C4D5D ', '91330106MA2B3C4D5D'], // own code, trimmed
    ['91330106MA2B3C4DB0', '91330106MA2B3C4DB0'], // c = 31 → '0'
  ])('%p is valid', (raw, value) => {
    expect(validateCreditCode(raw)).toStrictEqual({ ok: true, value });
  });

  it.each([
    ['91350100M000100Y44', '91350100M000100Y44'],
    ['91330106MA2B3C4D5E', '91330106MA2B3C4D5E'],
    ['91330106ma2b3c4db1', '91330106MA2B3C4DB1'],
  ])('%p has a wrong check character: accepted with a warning', (raw, value) => {
    expect(validateCreditCode(raw)).toStrictEqual({ ok: true, value, warning: 'checksum' });
  });

  it.each([
    ['91350100M000100I43'], // I is not in the alphabet
    ['91350100M000100O43'], // nor O
    ['Z1350100M000100Y43'], // nor Z
    ['91350100M000100Y4S'], // nor S
    ['9135010AM000100Y43'], // division code must be digits
    ['91350100M000100Y4'], // too short
    ['91350100M000100Y431'], // too long
    ['9135 0100M000100Y43'],
    [''],
  ])('%p is refused as format', (raw) => {
    expect(validateCreditCode(raw)).toStrictEqual({ ok: false, reason: 'format' });
  });

  it.each([
    ['91350100M000100Y4', '3'],
    ['91330106MA2B3C4D5', 'D'],
    ['91330106MA2B3C4DB', '0'],
  ])('creditCodeCheckChar(%s) = %s', (first17, check) => {
    expect(creditCodeCheckChar(first17)).toBe(check);
  });
});
