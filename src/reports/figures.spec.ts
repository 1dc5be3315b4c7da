import { days, mean, percentileCont, rate, round } from './figures';

describe('report figures', () => {
  it('rates are fractions to four decimals, null without a whole', () => {
    expect(rate(5, 6)).toBe(0.8333);
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(0, 4)).toBe(0);
    expect(rate(3, 0)).toBeNull();
  });

  it('rounds halves away from zero despite binary fractions', () => {
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(0.125, 2)).toBe(0.13);
    expect(days(12.25)).toBe(12.3);
    expect(days(null)).toBeNull();
    expect(mean(13, 3)).toBe(4.33);
    expect(mean(0, 0)).toBeNull();
  });

  it('interpolates percentiles as PostgreSQL percentile_cont does', () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([7], 0.9)).toBe(7);
    expect(percentileCont([4, 1, 3, 2], 0.5)).toBe(2.5);
    // 0.9 × (10 − 1) = 8.1: between the 9th and 10th values
    expect(percentileCont([1, 2, 3, 4, 5, 6, 7, 8, 9, 19], 0.9)).toBeCloseTo(10);
  });
});
