import { apiKeyMatches, generateApiKey, parseApiKeyPrefix } from './api-keys';

describe('API keys', () => {
  it('generates keys whose prefix parses back and whose hash matches only the same key', () => {
    const { key, prefix, secretHash } = generateApiKey();
    expect(key).toMatch(/^tjk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKeyPrefix(key)).toBe(prefix);
    expect(apiKeyMatches(key, secretHash)).toBe(true);
    expect(apiKeyMatches(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`, secretHash)).toBe(false);
  });

  it('never issues the same key twice', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
  });

  it.each([['tjk_123'], ['Bearer abc'], ['tjk_zzzzzzzz_' + 'a'.repeat(43)], ['tjk_0123abcd_' + 'a'.repeat(42)], ['']])('rejects the malformed key %j', (raw) => {
    expect(parseApiKeyPrefix(raw)).toBeUndefined();
  });
});
