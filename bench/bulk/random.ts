/**
 * A small seeded PRNG (sfc32) with the draws the generator needs: the same --seed gives the same
 * cases, names and dates (ciphertext nonces and uuids stay random: they must).
 */
import { creditCodeCheckChar } from '../../src/common/identifiers/credit-code';
import { residentIdCheckChar } from '../../src/common/identifiers/resident-id';

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal with the given median and sigma (of the log). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}

/** Weighted choice over [value, weight] pairs, precomputed once. */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly values: T[] = [];
  private readonly total: number;

  constructor(pairs: ReadonlyArray<readonly [T, number]>) {
    let sum = 0;
    for (const [v, w] of pairs) {
      sum += w;
      this.values.push(v);
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * 公民身份号码 (GB 11643-1999) with a valid MOD 11-2 check character: the region's address code,
 * the birth date, a sequence whose last digit is odd for men.
 */
export function residentId(rng: Rng, regionCode: string, birth: { y: number; m: number; d: number }, male: boolean): string {
  let seq = rng.int(0, 999);
  if ((seq % 2 === 1) !== male) seq = (seq + 1) % 1000;
  const first17 = `${regionCode}${birth.y}${pad(birth.m, 2)}${pad(birth.d, 2)}${pad(seq, 3)}`;
  return first17 + residentIdCheckChar(first17);
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 统一社会信用代码 (GB 32100-2015): 9 (工商) + 1 (企业), the county's code, an organisation code, the check character. */
export function creditCode(rng: Rng, regionCode: string): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += CREDIT_CHARS[rng.int(0, i < 8 ? 30 : 9)];
  const first17 = `91${regionCode}${org}`;
  return first17 + creditCodeCheckChar(first17);
}

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '157', '158', '159', '173', '176', '177', '180', '181', '182', '183', '186', '187', '188', '189', '191', '198', '199'];

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + pad(rng.int(0, 99_999_999), 8);
}
