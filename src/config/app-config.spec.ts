import { ConfigError, deadlineOverrides, followUpDays, loadConfig, publicUrl } from './app-config';

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

describe('DEADLINE_OVERRIDES', () => {
  it.each<[string, string | undefined, object]>([
    // Unset or empty: no overrides, the catalogue applies.
    ['unset', undefined, {}],
    ['empty', '', {}],
    // 浙江省信访条例: petitions routed within 5 working days. petition_routing has no extension
    // maximum, so its unit may change.
    ['a shorter period in another unit', '{"petition_routing":{"duration":5,"unit":"working_days"}}', { petition_routing: { duration: 5, unit: 'working_days' } }],
    // Shortening petition_handling in its own unit is fine even though its extension has a maximum.
    ['a duration only', '{"petition_handling":{"duration":30}}', { petition_handling: { duration: 30 } }],
    // The unit restated unchanged (calendar_days) is not a unit change.
    ['the same unit restated', '{"petition_handling":{"duration":45,"unit":"calendar_days"}}', { petition_handling: { duration: 45, unit: 'calendar_days' } }],
    // Several kinds at once.
    [
      'two kinds',
      '{"triage":{"duration":2},"follow_up_visit":{"duration":14}}',
      { triage: { duration: 2 }, follow_up_visit: { duration: 14 } },
    ],
    // An empty object overrides nothing.
    ['an empty object', '{}', {}],
  ])('accepts %s and hands it to the deadline module', (_label, value, overrides) => {
    const config = loadConfig(value === undefined ? {} : { DEADLINE_OVERRIDES: value });
    expect(deadlineOverrides(config)).toEqual(overrides);
  });

  it.each<[string, string, RegExp]>([
    // Not in the catalogue: a typo must not silently leave the statutory period in place.
    ['an unknown kind', '{"petition_handeling":{"duration":30}}', /Unknown deadline kind: "petition_handeling"/],
    // The top level must be an object keyed by kind.
    ['a JSON array', '[{"triage":{"duration":2}}]', /must be a JSON object of deadline kinds/],
    ['a JSON number', '42', /must be a JSON object of deadline kinds/],
    ['JSON null', 'null', /must be a JSON object of deadline kinds/],
    ['a JSON string', '"triage"', /must be a JSON object of deadline kinds/],
    // Each kind's value must be an object too.
    ['a bare number for a kind', '{"triage":2}', /triage: must be an object with duration and\/or unit/],
    ['null for a kind', '{"triage":null}', /triage: must be an object with duration and\/or unit/],
    // Not JSON at all (unquoted keys): JSON.parse's own message follows.
    ['bad JSON', '{triage:{duration:2}}', /DEADLINE_OVERRIDES is invalid: .*JSON/],
    ['truncated JSON', '{"triage":{"duration":2}', /DEADLINE_OVERRIDES is invalid: .*JSON/],
    // Durations must be positive integers.
    ['a zero duration', '{"triage":{"duration":0}}', /Override for triage: duration must be a positive integer, got 0/],
    ['a negative duration', '{"triage":{"duration":-3}}', /duration must be a positive integer, got -3/],
    ['a fractional duration', '{"triage":{"duration":1.5}}', /duration must be a positive integer, got 1.5/],
    ['a string duration', '{"triage":{"duration":"2"}}', /duration must be a positive integer, got 2/],
    ['an unknown unit', '{"triage":{"unit":"weeks"}}', /Override for triage: unknown unit "weeks"/],
    // A misspelt field would otherwise leave the statutory unit silently in force.
    ['a misspelt field', '{"petition_routing":{"duration":5,"units":"working_days"}}', /petition_routing: unknown field "units"/],
    ['an array in place of an override', '{"triage":[]}', /triage: must be an object with duration and\/or unit/],
    // petition_handling's extension maximum (30) is in calendar days (信访工作条例 Art.34): read in
    // working days it would change the law.
    [
      'a unit change of a kind with an extension maximum',
      '{"petition_handling":{"duration":40,"unit":"working_days"}}',
      /Override for petition_handling: cannot change the unit from calendar_days to working_days/,
    ],
  ])('rejects %s with a ConfigError naming DEADLINE_OVERRIDES', (_label, value, detail) => {
    const load = () => loadConfig({ DEADLINE_OVERRIDES: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/^Invalid configuration:\n {2}DEADLINE_OVERRIDES is invalid: /);
    expect(load).toThrow(detail);
    // The value is not a secret: it is echoed so the operator sees what was read.
    expect(load).toThrow(`(got ${JSON.stringify(value)})`);
  });
});

describe('FOLLOW_UP_DAYS', () => {
  it.each<[string, string | undefined, number[]]>([
    ['unset: a week and a month after the agreement', undefined, [7, 30]],
    ['one offset', '14', [14]],
    ['spaces around the numbers', ' 7 , 30 , 90 ', [7, 30, 90]],
    ['offsets out of order, read ascending', '30,7', [7, 30]],
    ['the bounds', '1,365', [1, 365]],
  ])('accepts %s', (_label, value, days) => {
    expect(followUpDays(loadConfig(value === undefined ? {} : { FOLLOW_UP_DAYS: value }))).toEqual(days);
  });

  it.each<[string, string, RegExp]>([
    ['empty', '', /must list at least one number of days/],
    ['zero', '0', /0 must be between 1 and 365 days/],
    ['more than a year', '7,400', /400 must be between 1 and 365 days/],
    ['a negative number', '-7', /"-7" is not a whole number of days/],
    ['a fraction', '7.5', /"7.5" is not a whole number of days/],
    ['a word', 'weekly', /"weekly" is not a whole number of days/],
    ['an empty item', '7,,30', /"" is not a whole number of days/],
    ['another separator', '7;30', /"7;30" is not a whole number of days/],
    ['a repeated offset', '7,30,7', /7 is listed twice/],
  ])('rejects %s with a ConfigError naming FOLLOW_UP_DAYS and echoing the value', (_label, value, detail) => {
    const load = () => loadConfig({ FOLLOW_UP_DAYS: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/^Invalid configuration:\n {2}FOLLOW_UP_DAYS is invalid: /);
    expect(load).toThrow(detail);
    expect(load).toThrow(`(got ${JSON.stringify(value)})`);
  });
});
