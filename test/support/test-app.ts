import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { configureApp } from '../../src/app.factory';
import { AppModule } from '../../src/app.module';
import { Clock, ManualClock } from '../../src/common/time/clock';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { databaseName, dropDatabase, ensureDatabase, withDatabase } from '../../src/database/database-admin';

export const ADMIN = { username: 'admin', password: 'Admin-pass-2026' };
export const TEST_START = '2026-11-23T01:00:00.000Z'; // 09:00 in Shanghai, a Monday

export interface TestApp {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  clock: ManualClock;
  config: AppConfig;
  ds: DataSource;
  close(): Promise<void>;
}

/**
 * Boots the whole application, configured exactly as main.ts does, on a private copy of the
 * migrated template database and a private Redis key prefix, with a clock the test controls.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { logStream?: DestinationStream; /** A second replica of this app: same database and Redis prefix, its own clock. */ share?: TestApp } = {},
): Promise<TestApp> {
  const templateUrl = process.env.TJ_TEST_TEMPLATE_URL;
  if (!templateUrl) throw new Error('TJ_TEST_TEMPLATE_URL is not set: run e2e tests through jest (globalSetup)');
  const name = `${databaseName(templateUrl)}_${randomBytes(4).toString('hex')}`;
  const url = options.share ? options.share.config.DATABASE_URL! : withDatabase(templateUrl, name);
  if (!options.share) await ensureDatabase(url, databaseName(templateUrl));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    REDIS_URL: process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379',
    REDIS_PREFIX: options.share ? options.share.config.REDIS_PREFIX : `tjtest-${name}`,
    LOG_LEVEL: 'silent',
    ADMIN_PASSWORD: ADMIN.password,
    DATABASE_POOL_SIZE: '4',
    // The deadline worker runs only in the suites about it: elsewhere the clock jumps days at a time.
    APP_ROLE: 'api',
    ...env,
  });
  const clock = new ManualClock(TEST_START);
  let app: INestApplication | undefined;
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config, options)] })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    app = moduleRef.createNestApplication({ bodyParser: false, bufferLogs: true });
    configureApp(app);
    await app.init();
  } catch (e) {
    await app?.close().catch(() => undefined);
    if (!options.share) await dropDatabase(url);
    throw e;
  }
  const server = app.getHttpServer();
  return {
    app,
    http: () => request(server),
    clock,
    config,
    ds: app.get(DataSource),
    async close() {
      await app!.close();
      if (options.share) return;
      await deleteKeys(config.REDIS_URL!, `${config.REDIS_PREFIX}:*`);
      await dropDatabase(url);
    },
  };
}

async function deleteKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function signIn(t: TestApp, username: string, password: string): Promise<string> {
  const res = await t.http().post('/v1/auth/token').send({ username, password }).expect(200);
  return res.body.accessToken as string;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Builds a county → towns → villages tree and staff in it through the API, as an admin would. */
export async function seedTree(t: TestApp, adminToken: string) {
  const root = (await t.http().get('/v1/me').set(bearer(adminToken)).expect(200)).body.orgUnit;
  const mk = async (parentId: string, code: string, name: string, kind: string) =>
    (await t.http().post('/v1/org-units').set(bearer(adminToken)).send({ parentId, code, name, kind }).expect(201)).body;
  const qingbo = await mk(root.id, '330102001', '清波街道', 'street');
  const hubin = await mk(root.id, '330102002', '湖滨街道', 'street');
  const qingbomen = await mk(qingbo.id, '330102001001', '清波门社区', 'community');
  const user = async (username: string, displayName: string, roles: string[], orgUnitId: string) => {
    await t.http().post('/v1/users').set(bearer(adminToken)).send({ username, displayName, roles, orgUnitId, password: `${username}-Pass-2026` }).expect(201);
    return signIn(t, username, `${username}-Pass-2026`);
  };
  return { root, qingbo, hubin, qingbomen, user };
}

/** Polls until `check` returns a truthy value (short real delays, never minutes). */
export async function waitFor<T>(check: () => Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
