import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  validateSync,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { DeadlineKindOverrides, resolvePolicy } from '../deadlines/deadline-kinds';
import { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule } from '../webhooks/retry-schedule';

export const APP_ROLES = ['api', 'worker', 'all'] as const;
export type AppRole = (typeof APP_ROLES)[number];

@ValidatorConstraint({ name: 'deadlineOverrides' })
class DeadlineOverridesConstraint implements ValidatorConstraintInterface {
  private problem = '';
  validate(value: unknown): boolean {
    try {
      const parsed: unknown = JSON.parse(String(value));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('must be a JSON object of deadline kinds');
      for (const [kind, override] of Object.entries(parsed)) {
        // A misspelt field ("units") must not silently leave the statutory unit in force.
        if (typeof override !== 'object' || override === null || Array.isArray(override)) throw new Error(`${kind}: must be an object with duration and/or unit`);
        const unknown = Object.keys(override).filter((k) => k !== 'duration' && k !== 'unit');
        if (unknown.length) throw new Error(`${kind}: unknown field ${unknown.map((k) => JSON.stringify(k)).join(', ')} (only duration and unit)`);
        resolvePolicy(kind as never, parsed as DeadlineKindOverrides);
      }
      return true;
    } catch (e) {
      this.problem = (e as Error).message;
      return false;
    }
  }
  defaultMessage(): string {
    return `DEADLINE_OVERRIDES is invalid: ${this.problem}`;
  }
}

/** Longest offset a follow-up visit may be planned at: a year after the agreement or closure. */
const MAX_FOLLOW_UP_DAYS = 365;

@ValidatorConstraint({ name: 'followUpDays' })
class FollowUpDaysConstraint implements ValidatorConstraintInterface {
  private problem = '';
  validate(value: unknown): boolean {
    try {
      parseFollowUpDays(String(value));
      return true;
    } catch (e) {
      this.problem = (e as Error).message;
      return false;
    }
  }
  defaultMessage(): string {
    return `FOLLOW_UP_DAYS is invalid: ${this.problem}`;
  }
}

/** `7,30` → [7, 30]: whole days after an agreement or closure, each 1–365, no repeats, ascending. */
export function parseFollowUpDays(raw: string): number[] {
  const parts = raw.split(',').map((p) => p.trim());
  if (!parts.some(Boolean)) throw new Error('must list at least one number of days, e.g. 7,30');
  const days = parts.map((p) => {
    if (!/^\d+$/.test(p)) throw new Error(`${JSON.stringify(p)} is not a whole number of days (a comma-separated list such as 7,30)`);
    const n = Number(p);
    if (n < 1 || n > MAX_FOLLOW_UP_DAYS) throw new Error(`${n} must be between 1 and ${MAX_FOLLOW_UP_DAYS} days`);
    return n;
  });
  const repeated = days.find((d, i) => days.indexOf(d) !== i);
  if (repeated !== undefined) throw new Error(`${repeated} is listed twice`);
  return days.sort((a, b) => a - b);
}

@ValidatorConstraint({ name: 'webhookRetrySchedule' })
class WebhookRetryScheduleConstraint implements ValidatorConstraintInterface {
  private problem = '';
  validate(value: unknown): boolean {
    try {
      parseRetrySchedule(String(value));
      return true;
    } catch (e) {
      this.problem = (e as Error).message;
      return false;
    }
  }
  defaultMessage(): string {
    return `WEBHOOK_RETRY_SCHEDULE is invalid: ${this.problem}`;
  }
}

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
/** Only the spellings an operator means (empty = off); anything else stays a string and fails IsBoolean. */
const toBool = ({ value }: { value: unknown }) => ({ true: true, false: false, '1': true, '0': false, '': false } as Record<string, boolean>)[String(value).toLowerCase()] ?? value;

/**
 * Every setting the service reads, with the default that lets `npm start` work on a fresh
 * machine. Values come only from the environment (12-factor); nothing is read from files, so
 * a container, a systemd unit and a test harness configure it the same way.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsIn(APP_ROLES)
  APP_ROLE: AppRole = 'all';

  @Transform(emptyToUndefined)
  @IsString()
  HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Where the service is reached from outside, for printed links; defaults to http://HOST:PORT. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  PUBLIC_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsIn(['auto', 'always', 'never'])
  EMBEDDED_POSTGRES: 'auto' | 'always' | 'never' = 'auto';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/[^\s]*$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsIn(['auto', 'never'])
  PRIVATE_REDIS: 'auto' | 'never' = 'auto';

  /** Every Redis key and BullMQ queue of this deployment starts with it, so deployments and test runs can share one server. */
  @Matches(/^[A-Za-z0-9_{}.-]{1,64}$/, { message: 'must be 1-64 characters of letters, digits, _ . - { }' })
  REDIS_PREFIX = 'tj';

  /** Embedded PostgreSQL and the private Redis keep their files here. */
  @IsString()
  @MinLength(1)
  DATA_DIR = '.data';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  /** Seconds a sign-in token lives. Short by design: staff sign in again, tokens leaked in logs die fast. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  AUTH_TOKEN_TTL = 1800;

  /** HMAC secret for tokens; when unset one is generated once and kept in the database, shared by every process. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  AUTH_TOKEN_SECRET?: string;

  /**
   * 32-byte key (base64 or hex) that encrypts ID numbers, phone numbers and addresses at rest.
   * When unset, one is generated and kept in the database: fine for trying the service, but a
   * real deployment sets it, so that a stolen database dump alone reveals nothing.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  PII_KEY?: string;

  /** Id of PII_KEY, stored with every ciphertext so old rows stay readable after a rotation. */
  @Matches(/^[a-z0-9]{1,8}$/, { message: 'must be 1-8 lower-case letters or digits' })
  PII_KEY_ID = 'k1';

  /** Retired keys still needed to read old rows: `id:key,id:key`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  PII_OLD_KEYS?: string;

  /** Failed sign-ins per username within AUTH_LOCKOUT_WINDOW seconds before further attempts are refused. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  AUTH_MAX_FAILED_SIGNINS = 10;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86400)
  AUTH_LOCKOUT_WINDOW = 900;

  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'must be 3-64 lower-case letters, digits, . _ -' })
  ADMIN_USERNAME = 'admin';

  /** Password of the first admin; when unset one is generated and printed once at the first start. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'must be at least 10 characters' })
  @MaxLength(200)
  ADMIN_PASSWORD?: string;

  /** The county (区/县) this deployment serves: the root of the unit tree, created at the first start. */
  @Matches(/^\d{6}$/, { message: 'must be a 6-digit administrative division code' })
  ROOT_UNIT_CODE = '330102';

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  ROOT_UNIT_NAME = '上城区';

  /** Milliseconds to wait for in-flight requests and jobs on SIGTERM before closing anyway. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600000)
  SHUTDOWN_TIMEOUT_MS = 25000;

  /**
   * Per-deployment periods, JSON: {"kind": {"duration": n, "unit": "working_days"}}. Provinces
   * shorten some statutory limits (e.g. 浙江省信访条例: petitions routed within 5 working days)
   * and centers set their own internal targets. Checked at boot against the catalogue.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Validate(DeadlineOverridesConstraint)
  DEADLINE_OVERRIDES?: string;

  /** How often a worker re-reads every running deadline (a lost job costs at most this much lateness). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3600000)
  DEADLINE_SWEEP_INTERVAL_MS = 60000;

  /** How often a worker checks that Redis still holds the schedule (a flush or an empty restart is repaired at once). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600000)
  DEADLINE_WATCHDOG_MS = 5000;

  /** Deadline jobs a worker runs at the same time; each holds one database connection while it runs. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  DEADLINE_WORKER_CONCURRENCY = 4;

  /** A real SMS gateway (POST JSON {to, text, reference}); unset: texts are recorded, not sent. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  SMS_GATEWAY_URL?: string;

  /** Bearer token for the gateway, and the token it must present on delivery receipts. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  SMS_GATEWAY_TOKEN?: string;

  /** The sender signature every text starts with (carriers require one). */
  @IsString()
  @MinLength(3)
  @MaxLength(20)
  SMS_SIGNATURE = '【矛调中心】';

  /** 回访: days after an agreement or closure at which the parties are visited, comma-separated. */
  @Validate(FollowUpDaysConstraint)
  FOLLOW_UP_DAYS = '7,30';

  /**
   * Lets webhook endpoints be plain http and resolve to loopback or private addresses. Off in any
   * real deployment: otherwise whoever can set an endpoint can make the workers POST into the
   * internal network (SSRF). On for local development and tests.
   */
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  WEBHOOK_ALLOW_PRIVATE_ENDPOINTS = false;

  /** Waits between webhook attempts (`5s,30s,2m,…`, units ms s m h d); after the last the event is dead. */
  @Validate(WebhookRetryScheduleConstraint)
  WEBHOOK_RETRY_SCHEDULE = DEFAULT_RETRY_SCHEDULE;

  /** Milliseconds a partner has to answer one webhook POST (connection, headers and body). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120000)
  WEBHOOK_TIMEOUT_MS = 10000;

  /** How often a worker looks for partners with due events that have no job (a crash, a flushed Redis). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3600000)
  WEBHOOK_SWEEP_INTERVAL_MS = 30000;

  /** Hours the previous webhook secret keeps signing after a rotation, while the partner switches. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(720)
  WEBHOOK_SECRET_GRACE_HOURS = 24;

  /** Partners a worker delivers to at the same time (each partner's events go one at a time, in order). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WEBHOOK_WORKER_CONCURRENCY = 8;
}

/** The webhook retry waits in milliseconds (already validated at boot). */
export function webhookRetrySchedule(config: AppConfig): number[] {
  return parseRetrySchedule(config.WEBHOOK_RETRY_SCHEDULE);
}

/** The follow-up offsets as the mediation module reads them (already validated at boot). */
export function followUpDays(config: AppConfig): number[] {
  return parseFollowUpDays(config.FOLLOW_UP_DAYS);
}

/** The overrides as the deadline module reads them (already validated at boot). */
export function deadlineOverrides(config: AppConfig): DeadlineKindOverrides {
  return config.DEADLINE_OVERRIDES ? (JSON.parse(config.DEADLINE_OVERRIDES) as DeadlineKindOverrides) : {};
}

export class ConfigError extends Error {}

/**
 * Validates the environment at boot. A bad value stops the process with one line per setting,
 * naming the variable, what it must be and what it was, so an operator fixes it in one go.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, unknown> = {};
  for (const key of [...known, 'PUBLIC_URL', 'DEADLINE_OVERRIDES', 'SMS_GATEWAY_URL', 'SMS_GATEWAY_TOKEN', 'DATABASE_URL', 'REDIS_URL', 'AUTH_TOKEN_SECRET', 'ADMIN_PASSWORD', 'PII_KEY', 'PII_OLD_KEYS']) {
    if (env[key] !== undefined) raw[key] = env[key];
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: false });
  if (errors.length) {
    const secret = new Set(['SMS_GATEWAY_TOKEN', 'AUTH_TOKEN_SECRET', 'ADMIN_PASSWORD', 'DATABASE_URL', 'REDIS_URL', 'PII_KEY', 'PII_OLD_KEYS']);
    const lines = errors.map((e) => {
      const shown = secret.has(e.property) ? '(hidden)' : JSON.stringify(env[e.property]);
      const constraints = e.constraints ?? {};
      // "abc" is not an integer; telling the operator it is also "not greater than 65535" only confuses.
      const typeFailure = ['isInt', 'isString', 'isIn', 'isBoolean'].find((k) => k in constraints);
      const messages = typeFailure ? [constraints[typeFailure]] : Object.values(constraints);
      return `  ${e.property} ${messages.map((m) => m.replace(`${e.property} `, '')).join('; ')} (got ${shown})`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}

export function publicUrl(config: AppConfig, port: number = config.PORT): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/$/, '');
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
