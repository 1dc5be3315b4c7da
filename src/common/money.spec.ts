import { toFen, toYuan, YUAN_PATTERN } from './money';

describe('money', () => {
  it.each([
    ['0', '0', '0.00'],
    ['0.1', '10', '0.10'],
    ['0.05', '5', '0.05'],
    ['80000', '8000000', '80000.00'],
    ['80000.5', '8000050', '80000.50'],
    ['9999999999999.99', '999999999999999', '9999999999999.99'],
  ])('%s yuan = %s fen = %s', (yuan, fen, back) => {
    expect(YUAN_PATTERN.test(yuan)).toBe(true);
    expect(toFen(yuan)).toBe(fen);
    expect(toYuan(fen)).toBe(back);
  });

  it.each([['1.234'], ['-1'], ['1e5'], ['.5'], ['']])('refuses %j', (raw) => {
    expect(YUAN_PATTERN.test(raw)).toBe(false);
  });

  it('keeps null', () => expect(toYuan(null)).toBeNull());
});
