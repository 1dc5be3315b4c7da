/**
 * Money is yuan in the API (a decimal string such as "80000.50") and fen (分) in the database
 * (bigint). Conversion is integer arithmetic only: a float would turn 0.1 + 0.2 into a dispute.
 */
export const YUAN_PATTERN = /^\d{1,13}(\.\d{1,2})?$/;

export function toFen(amount: string): string {
  const [whole, frac = ''] = amount.split('.');
  return (BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2))).toString();
}

export function toYuan(fen: string | null): string | null {
  if (fen === null) return null;
  const v = BigInt(fen);
  return `${v / 100n}.${(v % 100n).toString().padStart(2, '0')}`;
}
