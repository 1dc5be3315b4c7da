import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Key format `tjk_<8 hex>_<43 base64url>`: the prefix identifies the key in lists, logs and
 * lookups; the rest is 256 bits of randomness that only the partner ever sees.
 */
export function generateApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = `tjk_${randomBytes(4).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export function parseApiKeyPrefix(key: string): string | undefined {
  return /^(tjk_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$/.exec(key)?.[1];
}

export function apiKeyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
