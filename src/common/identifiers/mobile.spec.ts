import { maskMobile, normaliseMobile } from './mobile';

describe('normaliseMobile', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    [' 19912345678 ', '19912345678'],
    ['16612345678', '16612345678'],
  ])('%p → %p', (raw, expected) => {
    expect(normaliseMobile(raw)).toBe(expected);
  });

  it.each([
    ['12812345678'], // second digit must be 3–9
    ['23812345678'],
    ['1381234567'], // 10 digits
    ['138123456789'], // 12 digits
    ['+85213812345678'], // Hong Kong prefix
    ['+8612812345678'],
    ['1381234567a'],
    ['(138)12345678'],
    [''],
  ])('%p → null', (raw) => {
    expect(normaliseMobile(raw)).toBeNull();
  });
});

describe('maskMobile', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['abc', '***'], // not a number: masked completely
  ])('%p → %p', (raw, masked) => {
    expect(maskMobile(raw)).toBe(masked);
  });
});
