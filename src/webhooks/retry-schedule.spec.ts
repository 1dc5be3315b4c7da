import { loadConfig, webhookRetrySchedule } from '../config/app-config';
import { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule, retryDelay } from './retry-schedule';

describe('webhook retry schedule', () => {
  it.each<[string, number[]]>([
    ['5s', [5000]],
    ['200ms,400ms,800ms', [200, 400, 800]],
    [' 1m , 2h ,1d ', [60_000, 7_200_000, 86_400_000]],
    ['7d', [604_800_000]],
  ])('parses %j', (raw, ms) => {
    expect(parseRetrySchedule(raw)).toEqual(ms);
  });

  it.each<[string, RegExp]>([
    ['', /at least one wait/],
    [' , ', /at least one wait/],
    ['5', /"5" is not a duration/],
    ['5 s', /"5 s" is not a duration/],
    ['1.5s', /"1.5s" is not a duration/],
    ['-5s', /"-5s" is not a duration/],
    ['5s,,10s', /"" is not a duration/],
    ['0s', /longer than zero/],
    ['8d', /7-day maximum/],
    [Array(51).fill('1s').join(','), /at most 50 retries/],
  ])('refuses %j', (raw, message) => {
    expect(() => parseRetrySchedule(raw)).toThrow(message);
  });

  it('by default keeps trying for at least three days, starting within seconds', () => {
    const schedule = parseRetrySchedule(DEFAULT_RETRY_SCHEDULE);
    const total = schedule.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(3 * 86_400_000);
    expect(schedule[0]).toBeLessThanOrEqual(10_000);
    // Exponential in spirit: never shorter than the wait before.
    schedule.slice(1).forEach((wait, i) => expect(wait).toBeGreaterThanOrEqual(schedule[i]));
    expect(webhookRetrySchedule(loadConfig({}))).toEqual(schedule);
  });

  it.each<[number, number | null]>([
    [1, 200],
    [2, 400],
    [3, 800],
    // The fourth attempt was the last one: the event is dead.
    [4, null],
    [0, null],
  ])('after failed attempt %d waits %j', (attempt, wait) => {
    expect(retryDelay([200, 400, 800], attempt)).toBe(wait);
  });

  it('is checked at boot, with the variable named', () => {
    expect(() => loadConfig({ WEBHOOK_RETRY_SCHEDULE: '5s,soon' })).toThrow(/WEBHOOK_RETRY_SCHEDULE is invalid: "soon" is not a duration/);
  });
});

describe('webhook settings', () => {
  it('defaults', () => {
    expect(loadConfig({})).toMatchObject({ WEBHOOK_ALLOW_PRIVATE_ENDPOINTS: false, WEBHOOK_TIMEOUT_MS: 10000, WEBHOOK_SWEEP_INTERVAL_MS: 30000, WEBHOOK_SECRET_GRACE_HOURS: 24 });
  });

  it.each<[string, boolean]>([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['0', false],
    ['', false],
  ])('WEBHOOK_ALLOW_PRIVATE_ENDPOINTS=%j → %s', (raw, value) => {
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_ENDPOINTS: raw }).WEBHOOK_ALLOW_PRIVATE_ENDPOINTS).toBe(value);
  });

  it.each([
    ['WEBHOOK_ALLOW_PRIVATE_ENDPOINTS', 'yes', /WEBHOOK_ALLOW_PRIVATE_ENDPOINTS must be true or false \(got "yes"\)/],
    ['WEBHOOK_TIMEOUT_MS', '50', /WEBHOOK_TIMEOUT_MS must not be less than 100/],
    ['WEBHOOK_SECRET_GRACE_HOURS', '-1', /WEBHOOK_SECRET_GRACE_HOURS must not be less than 0/],
  ])('refuses %s=%s', (key, value, message) => {
    expect(() => loadConfig({ [key]: value })).toThrow(message);
  });
});
