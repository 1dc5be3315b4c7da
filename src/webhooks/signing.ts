import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com/): the secret is `whsec_` followed by
 * base64 key bytes; the signature is `v1,` + base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)).
 * Receivers verify with any Standard Webhooks library, in any language.
 */
export const SECRET_PREFIX = 'whsec_';

/** PiiService context of stored secrets: a ciphertext copied into another column does not decrypt. */
export const WEBHOOK_SECRET_CONTEXT = 'webhook.secret';

/** 32 random bytes: the size the spec recommends (24-64). */
export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

function keyOf(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('not a whsec_ secret');
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  if (!key.length) throw new Error('empty secret');
  return key;
}

/** One `v1,<base64>` signature. `timestamp` is whole unix seconds, exactly as sent in webhook-timestamp. */
export function sign(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64')}`;
}

/**
 * The webhook-signature value: one signature per secret, space-separated. During a rotation's
 * grace period the old and the new secret both sign, so the receiver verifies with whichever it
 * has configured.
 */
export function signatureHeader(secrets: readonly string[], id: string, timestamp: number, body: string): string {
  return secrets.map((s) => sign(s, id, timestamp, body)).join(' ');
}
