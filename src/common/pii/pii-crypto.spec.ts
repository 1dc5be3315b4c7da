import { createHash, createHmac } from 'node:crypto';
import { parsePiiKey, PiiCipher, PiiTokenError } from './pii-crypto';

// sha256('pii-test-2'): chosen because its base64 spelling contains both '+' and '/', so the
// base64 and base64url forms really differ.
const KEY_HEX = '8996ad749eb4f48968cacf80f550776b78fbaf5b33298ce4546c51d2f331ffcc';
const KEY_B64 = 'iZatdJ609Iloys+A9VB3a3j7r1szKYzkVGxR0vMx/8w=';
const KEY_B64URL = 'iZatdJ609Iloys-A9VB3a3j7r1szKYzkVGxR0vMx_8w';

const K1 = Buffer.alloc(32, 0x11);
const K2 = Buffer.alloc(32, 0x22);
const CONTEXT = 'case_party.id_number';

function cipherWith(current: string, keys: Record<string, Buffer>): PiiCipher {
  return new PiiCipher({ current, keys });
}

/** What decrypt threw, so tests can look at the reason and the message. */
function decryptError(cipher: PiiCipher, token: string, context = CONTEXT): PiiTokenError {
  try {
    cipher.decrypt(token, context);
  } catch (e) {
    if (e instanceof PiiTokenError) return e;
    throw e;
  }
  throw new Error('decrypt succeeded');
}

/** Flips one bit of byte `at` (negative counts from the end) in part `part` of a token. */
function flip(token: string, part: 1 | 2, at: number): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[at < 0 ? bytes.length + at : at] ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('parsePiiKey', () => {
  const expected = Buffer.from(KEY_HEX, 'hex');

  it.each([
    ['hex, lower case', KEY_HEX],
    ['hex, upper case', KEY_HEX.toUpperCase()],
    ['base64, padded', KEY_B64],
    ['base64, unpadded', KEY_B64.slice(0, 43)],
    ['base64url', KEY_B64URL],
    ['base64url, padded', `${KEY_B64URL}=`],
    ['with the newline of a secret file', `${KEY_B64}\n`],
    ['with surrounding spaces', `  ${KEY_HEX}  `],
  ])('accepts %s', (_form, raw) => {
    expect(parsePiiKey(raw).equals(expected)).toBe(true);
  });

  it.each([
    ['a passphrase', 'correct horse battery staple'],
    ['hex, 63 characters', KEY_HEX.slice(0, 63)],
    ['hex, 65 characters', `${KEY_HEX}0`],
    ['hex with a non-hex character', `${KEY_HEX.slice(0, 63)}g`],
    ['base64 of 31 bytes', Buffer.alloc(31, 7).toString('base64')],
    ['base64 of 33 bytes', Buffer.alloc(33, 7).toString('base64')],
    ['base64 with a non-canonical last character', `${KEY_B64.slice(0, 42)}x=`],
    ['base64 mixing both alphabets', `${KEY_B64.slice(0, 12)}-${KEY_B64.slice(13)}`],
    ['base64 with a space inside', `${KEY_B64.slice(0, 20)} ${KEY_B64.slice(21)}`],
    ['a 16-byte key', Buffer.alloc(16, 7).toString('hex')],
  ])('refuses %s without echoing it', (_form, raw) => {
    expect(() => parsePiiKey(raw)).toThrow(Error);
    try {
      parsePiiKey(raw);
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toMatch(/base64/);
      expect(message).toMatch(/base64url/);
      expect(message).toMatch(/hex/);
      expect(message).not.toContain(raw.trim());
      // Not even most of it.
      expect(message).not.toContain(raw.trim().slice(0, 8));
    }
  });

  it.each([[''], ['   ']])('refuses the empty value %p', (raw) => {
    expect(() => parsePiiKey(raw)).toThrow(/32 random bytes/);
  });
});

describe('PiiCipher construction', () => {
  it.each([
    ['the current key id is missing', { current: 'k2', keys: { k1: K1 } }, /current PII key id "k2"/],
    ['a key is too short', { current: 'k1', keys: { k1: Buffer.alloc(16) } }, /must be 32 bytes/],
    ['a key is too long', { current: 'k1', keys: { k1: Buffer.alloc(33) } }, /must be 32 bytes/],
    ['a key id contains the separator', { current: 'k.1', keys: { 'k.1': K1 } }, /key id "k.1"/],
    ['a key id is empty', { current: '', keys: { '': K1 } }, /key id ""/],
  ])('refuses a keyring where %s', (_case, keyring, message) => {
    expect(() => new PiiCipher(keyring)).toThrow(message);
  });

  it('exposes the current key id', () => {
    expect(cipherWith('k2', { k1: K1, k2: K2 }).currentKeyId).toBe('k2');
  });
});

describe('PiiCipher.encrypt / decrypt', () => {
  const cipher = cipherWith('k1', { k1: K1 });

  it.each([
    ['resident ID', '11010519491231002X', 'case_party.id_number'],
    ['mobile', '13812345678', 'case_party.mobile'],
    ['address', '浙江省杭州市上城区清波街道劳动路12号3单元501室', 'case_party.address'],
    ['characters outside the BMP', '𠮷野家 🏠 第1号', 'case_party.address'],
    ['empty string', '', 'case_party.address'],
    ['long text', '调解'.repeat(5000), 'case.note'],
  ])('round-trips %s', (_case, plaintext, context) => {
    const token = cipher.encrypt(plaintext, context);
    expect(cipher.decrypt(token, context)).toBe(plaintext);
  });

  it('writes <keyId>.<12-byte nonce>.<ciphertext‖tag> in base64url, without the plaintext', () => {
    const token = cipher.encrypt('11010519491231002X', CONTEXT);
    expect(token).toMatch(/^k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    const [, nonce, body] = token.split('.');
    expect(Buffer.from(nonce, 'base64url')).toHaveLength(12);
    // GCM adds no padding: ciphertext is as long as the UTF-8 plaintext, plus the 16-byte tag.
    expect(Buffer.from(body, 'base64url')).toHaveLength(18 + 16);
    expect(token).not.toContain('11010519491231002X');
    expect(token).not.toContain('1101051949');
  });

  it('gives a different ciphertext and nonce every time, and all decrypt', () => {
    const tokens = Array.from({ length: 1000 }, () => cipher.encrypt('13812345678', 'case_party.mobile'));
    expect(new Set(tokens).size).toBe(1000);
    expect(new Set(tokens.map((t) => t.split('.')[1])).size).toBe(1000);
    for (const token of tokens.slice(0, 20)) expect(cipher.decrypt(token, 'case_party.mobile')).toBe('13812345678');
  });

  it.each([
    ['first ciphertext byte', 2, 0],
    ['last ciphertext byte', 2, -17],
    ['first tag byte', 2, -16],
    ['last tag byte', 2, -1],
    ['first nonce byte', 1, 0],
    ['last nonce byte', 1, -1],
  ] as const)('refuses a token with the %s flipped', (_case, part, at) => {
    const token = cipher.encrypt('11010519491231002X', CONTEXT);
    const error = decryptError(cipher, flip(token, part, at));
    expect(error.reason).toBe('authentication');
    expect(error.message).toMatch(/failed authentication/);
  });

  it('refuses a truncated token (tag cut off)', () => {
    const token = cipher.encrypt('11010519491231002X', CONTEXT);
    const [keyId, nonce, body] = token.split('.');
    const cut = Buffer.from(body, 'base64url').subarray(0, 18).toString('base64url');
    expect(decryptError(cipher, `${keyId}.${nonce}.${cut}`).reason).toBe('authentication');
  });

  it.each([
    ['another column', 'case_party.address'],
    ['a differently spelled column', 'case_party.id_number '],
    ['another table', 'petition_party.id_number'],
  ])('refuses to decrypt under %s', (_case, wrongContext) => {
    const token = cipher.encrypt('11010519491231002X', CONTEXT);
    const error = decryptError(cipher, token, wrongContext);
    expect(error.reason).toBe('authentication');
    expect(error.message).toContain(wrongContext);
    expect(error.message).not.toContain('11010519491231002X');
    expect(error.message).not.toContain(token);
  });

  it('refuses a token relabelled with another key id that is in the keyring', () => {
    const both = cipherWith('k1', { k1: K1, k2: K2 });
    const token = both.encrypt('13812345678', 'case_party.mobile');
    expect(decryptError(both, `k2${token.slice(2)}`, 'case_party.mobile').reason).toBe('authentication');
  });

  it.each([
    ['empty', ''],
    ['plaintext stored by mistake', '11010519491231002X'],
    ['two parts', 'k1.AAAAAAAAAAAAAAAA'],
    ['four parts', 'k1.AAAAAAAAAAAAAAAA.AAAA.AAAA'],
    ['empty parts', 'k1..'],
    ['standard base64 characters', 'k1.AAAAAAAAAAAAAAA+.AAAAAAAAAAAAAAAAAAAAAA=='],
    ['an 8-byte nonce', `k1.${Buffer.alloc(8).toString('base64url')}.${Buffer.alloc(20).toString('base64url')}`],
    ['a body shorter than the tag', `k1.${Buffer.alloc(12).toString('base64url')}.${Buffer.alloc(15).toString('base64url')}`],
  ])('refuses a malformed token: %s', (_case, token) => {
    const error = decryptError(cipher, token);
    expect(error.reason).toBe('format');
    if (token) expect(error.message).not.toContain(token);
  });

  it('refuses a token under an unknown key id, naming the id', () => {
    const other = cipherWith('k9', { k9: K2 });
    const error = decryptError(cipher, other.encrypt('13812345678', CONTEXT));
    expect(error.reason).toBe('unknown_key');
    expect(error.message).toContain('"k9"');
  });

  it.each([['encrypt'], ['decrypt']] as const)('%s needs a non-empty context', (method) => {
    const token = cipher.encrypt('x', CONTEXT);
    const call = method === 'encrypt' ? () => cipher.encrypt('x', '') : () => cipher.decrypt(token, '');
    expect(call).toThrow(/non-empty context/);
  });
});

describe('PiiCipher key rotation', () => {
  const before = cipherWith('k1', { k1: K1 });
  const after = cipherWith('k2', { k1: K1, k2: K2 });

  it('decrypts rows written under the retired key', () => {
    const old = before.encrypt('浙江省杭州市上城区清波街道劳动路12号', 'case_party.address');
    expect(old.startsWith('k1.')).toBe(true);
    expect(after.decrypt(old, 'case_party.address')).toBe('浙江省杭州市上城区清波街道劳动路12号');
  });

  it('writes new rows under the current key', () => {
    const fresh = after.encrypt('13812345678', 'case_party.mobile');
    expect(fresh.startsWith('k2.')).toBe(true);
    expect(after.decrypt(fresh, 'case_party.mobile')).toBe('13812345678');
    expect(cipherWith('k2', { k2: K2 }).decrypt(fresh, 'case_party.mobile')).toBe('13812345678');
  });

  it('cannot read new rows with only the retired key', () => {
    expect(decryptError(before, after.encrypt('13812345678', CONTEXT)).reason).toBe('unknown_key');
  });

  it('detects a retired key id bound to the wrong key material', () => {
    const misconfigured = cipherWith('k2', { k1: K2, k2: K2 });
    expect(decryptError(misconfigured, before.encrypt('13812345678', CONTEXT)).reason).toBe('authentication');
  });
});

describe('PiiCipher.blindIndex', () => {
  const c1 = cipherWith('k1', { k1: K1 });

  it('is 64 hex characters, and the same for the same key, kind and value', () => {
    const index = c1.blindIndex('resident_id', '11010519491231002X');
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(c1.blindIndex('resident_id', '11010519491231002X')).toBe(index);
    expect(cipherWith('k1', { k1: Buffer.from(K1) }).blindIndex('resident_id', '11010519491231002X')).toBe(index);
  });

  it.each([
    ['passport', 'E12345678', 'other', 'E12345678'],
    ['taiwan_permit', '12345678', 'passport', '12345678'],
    ['mobile', '13812345678', 'other', '13812345678'],
    ['resident_id', '11010519491231002X', 'resident_id', '110105194912310021'],
    ['resident_id', '11010519491231002X', 'resident_id', '11010519491231002x'],
    ['a', 'b\u0000c', 'ab', 'c'],
    ['ab', 'c', 'a', 'bc'],
  ])('(%p, %p) and (%p, %p) do not collide', (kindA, valueA, kindB, valueB) => {
    expect(c1.blindIndex(kindA, valueA)).not.toBe(c1.blindIndex(kindB, valueB));
  });

  it('differs per key', () => {
    expect(cipherWith('k2', { k2: K2 }).blindIndex('mobile', '13812345678')).not.toBe(c1.blindIndex('mobile', '13812345678'));
  });

  it('depends on the key material, not on the key id', () => {
    expect(cipherWith('k7', { k7: K1 }).blindIndex('mobile', '13812345678')).toBe(c1.blindIndex('mobile', '13812345678'));
  });

  it('uses the current key only (old rows need re-indexing after a rotation)', () => {
    const rotated = cipherWith('k2', { k1: K1, k2: K2 });
    expect(rotated.blindIndex('mobile', '13812345678')).toBe(cipherWith('k2', { k2: K2 }).blindIndex('mobile', '13812345678'));
    expect(rotated.blindIndex('mobile', '13812345678')).not.toBe(c1.blindIndex('mobile', '13812345678'));
  });

  it('is neither a plain hash nor an HMAC under the master key itself', () => {
    const message = 'mobile\u000013812345678';
    const index = c1.blindIndex('mobile', '13812345678');
    expect(index).not.toBe(createHash('sha256').update(message).digest('hex'));
    expect(index).not.toBe(createHash('sha256').update('13812345678').digest('hex'));
    expect(index).not.toBe(createHmac('sha256', K1).update(message).digest('hex'));
  });

  it.each([[''], ['resident\u0000id']])('refuses the kind %p', (kind) => {
    expect(() => c1.blindIndex(kind, '11010519491231002X')).toThrow(/kind/);
  });
});
