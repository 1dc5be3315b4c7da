/**
 * Encryption at rest and blind indexes for parties' ID numbers, mobiles and addresses.
 *
 * Pure: no Nest, no I/O. The key material is handed in by the caller (PiiService reads PII_KEY and
 * PII_OLD_KEYS), so these primitives can be tested and reused by migration or re-index scripts.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const KEY_BYTES = 32;
// 96 bits is the nonce size GCM is specified for; any other length is hashed into one, losing the
// guarantees the random-nonce bound below relies on.
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

// Changing either label makes every stored ciphertext or index unreadable/unmatchable: they are
// part of the stored data's format, hence the version suffix.
const ENCRYPTION_INFO = 'tiaojie/pii/v1/aes-256-gcm';
const INDEX_INFO = 'tiaojie/pii/v1/blind-index-hmac-sha256';

// The key id travels inside every token, and '.' separates the token's parts.
const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const B64URL = /^[A-Za-z0-9_-]+$/;

const KEY_FORMS_MESSAGE =
  'A PII key must be 32 random bytes written as base64 (44 characters), base64url (43 characters) or hex (64 characters); ' +
  'generate one with `openssl rand -base64 32`.';

/**
 * Decodes a 32-byte key from base64, base64url or hex. Surrounding whitespace is ignored because
 * keys often arrive from secret files with a trailing newline.
 *
 * The error never contains the input: it is printed at boot, and a nearly-right value is still
 * most of a secret.
 */
export function parsePiiKey(raw: string): Buffer {
  const text = typeof raw === 'string' ? raw.trim() : '';
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(text)) {
    key = Buffer.from(text, 'hex');
  } else if (/^[A-Za-z0-9+/]{43}=?$/.test(text)) {
    key = canonical(text, 'base64');
  } else if (/^[A-Za-z0-9_-]{43}=?$/.test(text)) {
    key = canonical(text, 'base64url');
  }
  if (!key || key.length !== KEY_BYTES) throw new Error(KEY_FORMS_MESSAGE);
  return key;
}

// 43 characters carry 258 bits; Node silently drops the 2 extra ones, so two different strings
// would decode to the same key. Insisting on the canonical spelling catches a mistyped last
// character instead of quietly using a key the operator did not write down.
function canonical(text: string, encoding: 'base64' | 'base64url'): Buffer | null {
  const unpadded = text.replace(/=$/, '');
  const key = Buffer.from(unpadded, encoding);
  return key.toString(encoding).replace(/=$/, '') === unpadded ? key : null;
}

export interface PiiKeyring {
  /** Id of the key new ciphertexts and blind indexes use. */
  current: string;
  /** Every key still needed, by id: retired keys stay so rows written under them remain readable. */
  keys: Record<string, Buffer>;
}

export type PiiTokenErrorReason = 'format' | 'unknown_key' | 'authentication';

/** A stored ciphertext that cannot be turned back into plaintext. */
export class PiiTokenError extends Error {
  constructor(
    readonly reason: PiiTokenErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'PiiTokenError';
  }
}

interface Subkeys {
  encryption: Buffer;
  index: Buffer;
}

/**
 * AES-256-GCM encryption with key rotation, plus keyed blind indexes for equality look-ups.
 *
 * Each master key is split with HKDF into an encryption subkey and an index subkey. Using one key
 * for both AES and HMAC is cross-algorithm key reuse, which no proof covers; separating them also
 * means the index subkey can be handed to a future re-index or de-duplication job without giving
 * it the power to decrypt, and that the two can later be rotated on different schedules.
 *
 * Random 96-bit nonces stay safe for about 2^32 encryptions per key (NIST SP 800-38D §8.3). Party
 * records are orders of magnitude fewer, but the bound is one more reason to rotate.
 */
export class PiiCipher {
  readonly currentKeyId: string;
  private readonly subkeys = new Map<string, Subkeys>();

  constructor(keyring: PiiKeyring) {
    for (const [id, master] of Object.entries(keyring.keys)) {
      if (!KEY_ID.test(id)) throw new Error(`PII key id "${id}" must be 1-16 letters, digits, '_' or '-'`);
      if (!Buffer.isBuffer(master) || master.length !== KEY_BYTES) throw new Error(`PII key "${id}" must be ${KEY_BYTES} bytes`);
      this.subkeys.set(id, { encryption: derive(master, ENCRYPTION_INFO), index: derive(master, INDEX_INFO) });
    }
    if (!this.subkeys.has(keyring.current)) throw new Error(`The current PII key id "${keyring.current}" is not in the keyring`);
    this.currentKeyId = keyring.current;
  }

  /**
   * @param context names the column the value is stored in (e.g. 'case_party.id_number'). It is
   *   authenticated but not stored, so a ciphertext copied into another column — say an ID
   *   number pasted over an address the caller is allowed to unmask — refuses to decrypt there.
   * @returns `<keyId>.<nonce>.<ciphertext‖tag>`, both parts base64url; ASCII, safe in any text column.
   */
  encrypt(plaintext: string, context: string): string {
    assertContext(context);
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys(this.currentKeyId).encryption, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${this.currentKeyId}.${nonce.toString('base64url')}.${body.toString('base64url')}`;
  }

  /** @throws PiiTokenError on a malformed token, an unknown key id, tampering or the wrong context. */
  decrypt(token: string, context: string): string {
    assertContext(context);
    const parts = typeof token === 'string' ? token.split('.') : [];
    // The token itself stays out of the messages: they end up in logs, which are not where
    // ciphertexts belong either.
    if (parts.length !== 3 || !KEY_ID.test(parts[0]) || !B64URL.test(parts[1]) || !B64URL.test(parts[2])) {
      throw new PiiTokenError('format', 'Not a PII ciphertext: expected <keyId>.<nonce>.<ciphertext>');
    }
    const [keyId, nonceText, bodyText] = parts;
    const keys = this.subkeys.get(keyId);
    if (!keys) throw new PiiTokenError('unknown_key', `PII ciphertext uses key id "${keyId}", which is not configured (PII_KEY_ID / PII_OLD_KEYS)`);
    const nonce = Buffer.from(nonceText, 'base64url');
    const body = Buffer.from(bodyText, 'base64url');
    if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) {
      throw new PiiTokenError('format', 'Not a PII ciphertext: nonce or authentication tag has the wrong length');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', keys.encryption, nonce, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
      return plain.toString('utf8');
    } catch {
      throw new PiiTokenError(
        'authentication',
        `PII ciphertext failed authentication for context "${context}": it was altered, belongs to another column, or key "${keyId}" is not the key it was written with`,
      );
    }
  }

  /**
   * A deterministic keyed fingerprint, so the database can find equal values (duplicate parties,
   * "same applicant" checks) without holding or decrypting them. 64 hex characters.
   *
   * - `normalisedValue` must already be canonical (normaliseIdNumber / normaliseMobile): the index
   *   matches bytes, so '138 1234 5678' and '13812345678' would not meet.
   * - `kind` is hashed in, so a passport and a resident ID that happen to share characters, or an
   *   ID number and a mobile, never produce the same index.
   * - It is keyed because ID numbers and mobiles have so little entropy that a plain hash is
   *   reversed by enumerating them; the index is only as secret as the key.
   * - It always uses the current key. After a rotation, rows indexed under the old key no longer
   *   match until a re-index job (not written yet) decrypts and re-indexes them; until then,
   *   rotate PII_KEY only together with such a job.
   */
  blindIndex(kind: string, normalisedValue: string): string {
    // With NUL excluded from kind, the first NUL in the message marks where kind ends, so no
    // (kind, value) pair can spell the same bytes as another.
    if (!kind || kind.includes('\u0000')) throw new Error('Blind index kind must be a non-empty string without NUL');
    return createHmac('sha256', this.keys(this.currentKeyId).index).update(`${kind}\u0000${normalisedValue}`, 'utf8').digest('hex');
  }

  private keys(id: string): Subkeys {
    const keys = this.subkeys.get(id);
    if (!keys) throw new Error(`PII key id "${id}" is not in the keyring`);
    return keys;
  }
}

function derive(master: Buffer, info: string): Buffer {
  // No salt: the master key is already uniformly random, which is when RFC 5869 §3.1 lets it go.
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, KEY_BYTES));
}

// An empty context would silently drop the column binding for every value stored with it.
function assertContext(context: string): void {
  if (typeof context !== 'string' || context.length === 0) throw new Error('PII encryption needs a non-empty context (e.g. "case_party.id_number")');
}
