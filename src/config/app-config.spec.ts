import { ConfigError, loadConfig, publicUrl } from './app-config';

describe('loadConfig', () => {
  it('works with nothing configured', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ APP_ROLE: 'all', PORT: 3000, HOST: '127.0.0.1', REDIS_PREFIX: 'tj', AUTH_TOKEN_TTL: 1800 });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('reads and converts values', () => {
    const c = loadConfig({ PORT: '8080', APP_ROLE: 'worker', DATABASE_URL: 'postgres://u@h/db', ADMIN_PASSWORD: '' });
    expect(c.PORT).toBe(8080);
    expect(c.APP_ROLE).toBe('worker');
    expect(c.DATABASE_URL).toBe('postgres://u@h/db');
    expect(c.ADMIN_PASSWORD).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc', /^Invalid configuration:\n {2}PORT must be an integer number \(got "abc"\)$/],
    ['PORT', '70000', /PORT must not be greater than 65535/],
    ['APP_ROLE', 'web', /APP_ROLE must be one of the following values: api, worker, all/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a postgres:\/\/ URL \(got \(hidden\)\)/],
    ['ROOT_UNIT_CODE', '3301', /ROOT_UNIT_CODE must be a 6-digit administrative division code/],
    ['AUTH_TOKEN_SECRET', 'short', /AUTH_TOKEN_SECRET must be at least 32 characters \(got \(hidden\)\)/],
  ])('rejects %s=%s with a message naming the variable', (key, value, message) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(message);
  });

  it('lists every bad setting at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/);
  });
});

describe('publicUrl', () => {
  it.each([
    [{}, 3000, 'http://127.0.0.1:3000'],
    [{ HOST: '0.0.0.0' }, 8080, 'http://127.0.0.1:8080'],
    [{ PUBLIC_URL: 'https://tj.example.gov.cn/' }, 3000, 'https://tj.example.gov.cn'],
  ])('%j on port %d → %s', (env, port, url) => {
    expect(publicUrl(loadConfig(env as Record<string, string>), port)).toBe(url);
  });
});
