import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DEFAULT_POSTGRES_URL, ensurePostgres, type ResolvedService } from '../../src/infra/postgres-launcher';
import { ensureRedis } from '../../src/infra/redis-launcher';

// Port 1 is never served here, so connecting to it is refused at once: "nothing answers".
const CLOSED_PG_URL = 'postgres://postgres@127.0.0.1:1/tiaojie';
const CLOSED_REDIS_URL = 'redis://127.0.0.1:1';

jest.setTimeout(60_000);

function collectLog(): { lines: string[]; log: (msg: string) => void } {
  const lines: string[] = [];
  return { lines, log: (msg) => lines.push(msg) };
}

async function makeDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tiaojie-launchers-'));
  // mkdtemp makes the directory 0700; when the tests run as root, PostgreSQL runs as the
  // "postgres" user, which must be able to traverse it.
  await chmod(dir, 0o755);
  return dir;
}

async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

describe('ensurePostgres', () => {
  it('returns DATABASE_URL untouched and never logs its password', async () => {
    const { lines, log } = collectLog();
    const url = 'postgres://app:s3cret@db.example.invalid:5432/nowhere';
    const service = await ensurePostgres({ databaseUrl: url, mode: 'auto', dataDir: '/nonexistent', log });
    expect(service.url).toBe(url);
    expect(service.source).toBe('env');
    await service.stop();
    expect(lines.join('\n')).not.toContain('s3cret');
  });

  it('refuses EMBEDDED_POSTGRES=always together with DATABASE_URL', async () => {
    await expect(
      ensurePostgres({ databaseUrl: 'postgres://a:b@h/db', mode: 'always', dataDir: '/nonexistent', log: () => undefined }),
    ).rejects.toThrow(/contradicts DATABASE_URL/);
  });

  it('with mode never and nothing answering, explains in one paragraph how to get PostgreSQL', async () => {
    const error = await ensurePostgres({
      mode: 'never',
      dataDir: '/nonexistent',
      defaultUrl: CLOSED_PG_URL,
      log: () => undefined,
    }).catch((err: Error) => err);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('docker compose up -d postgres');
    expect(message).toContain('apt install postgresql');
    expect(message).toContain('EMBEDDED_POSTGRES=auto');
    expect(message).not.toContain('\n');
  });

  it('uses a server answering at the default address and creates the database it names', async () => {
    if (!(await portAnswers(portOf(DEFAULT_POSTGRES_URL)))) {
      console.warn(`skipped: nothing answers at ${DEFAULT_POSTGRES_URL}`);
      return;
    }
    const dbName = `tiaojie_launcher_${process.pid}_${Date.now()}`;
    const defaultUrl = `postgres://postgres@127.0.0.1:5432/${dbName}`;
    const { lines, log } = collectLog();
    try {
      const service = await ensurePostgres({ mode: 'never', dataDir: '/nonexistent', defaultUrl, log });
      expect(service.source).toBe('default');
      expect(service.url).toBe(defaultUrl);
      expect(await query(service.url, 'select current_database() as db')).toEqual([{ db: dbName }]);
      expect(lines.some((l) => l.includes(`created database "${dbName}"`))).toBe(true);
      // A second start finds the database already there.
      await ensurePostgres({ mode: 'auto', dataDir: '/nonexistent', defaultUrl, log });
    } finally {
      await query(`postgres://postgres@127.0.0.1:5432/postgres`, `DROP DATABASE IF EXISTS "${dbName}"`);
    }
  });

  describe('embedded server', () => {
    let dataDir: string;
    const started: ResolvedService[] = [];

    beforeAll(async () => {
      dataDir = await makeDataDir();
    });

    afterAll(async () => {
      for (const service of started) await service.stop();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('mode always: initialises a cluster, serves queries, and is shared with a second caller', async () => {
      const { lines, log } = collectLog();
      const service = await ensurePostgres({ mode: 'always', dataDir, defaultUrl: CLOSED_PG_URL, log });
      started.push(service);
      expect(service.source).toBe('embedded');
      expect(new URL(service.url).hostname).toBe('127.0.0.1');
      expect(lines.join('\n')).toMatch(/embedded server on 127\.0\.0\.1:\d+ \(new cluster, data in /);
      expect(lines.join('\n')).not.toMatch(/:postgres@/);

      expect(await query(service.url, 'select 1 as one')).toEqual([{ one: 1 }]);
      expect(await query(service.url, 'select current_database() as db')).toEqual([{ db: 'tiaojie' }]);
      // UTF-8 cluster, needed for Chinese text.
      expect(await query(service.url, 'show server_encoding')).toEqual([{ server_encoding: 'UTF8' }]);
      await query(service.url, "create table kept (note text); insert into kept values ('调解')");

      // Another process on the same data directory reuses the running server rather than
      // fighting over it, and its stop() leaves it running.
      const second = await ensurePostgres({ mode: 'always', dataDir, defaultUrl: CLOSED_PG_URL, log });
      expect(second.url).toBe(service.url);
      expect(second.source).toBe('embedded');
      await second.stop();
      expect(await query(service.url, 'select 1 as one')).toEqual([{ one: 1 }]);

      await service.stop();
      expect(await portAnswers(portOf(service.url))).toBe(false);
    });

    it('mode auto with nothing at the default address: restarts the kept cluster despite a stale postmaster.pid', async () => {
      // A pid file naming a live process that is not PostgreSQL (here: this test process) is what
      // a SIGKILLed run leaves behind once its pid is reused; PostgreSQL itself refuses to start.
      await writeFile(
        path.join(dataDir, 'postgres', 'postmaster.pid'),
        `${process.pid}\n${path.join(dataDir, 'postgres')}\n0\n54329\n\n127.0.0.1\n0 0\nready   \n`,
      );
      const { lines, log } = collectLog();
      const service = await ensurePostgres({ mode: 'auto', dataDir, defaultUrl: CLOSED_PG_URL, log });
      started.push(service);
      expect(service.source).toBe('embedded');
      expect(lines.join('\n')).toContain('removed a stale postmaster.pid');
      expect(await query(service.url, 'select note from kept')).toEqual([{ note: '调解' }]);
      await service.stop();
      expect(await portAnswers(portOf(service.url))).toBe(false);
    });
  });
});

describe('ensureRedis', () => {
  it('returns REDIS_URL untouched and never logs its password', async () => {
    const { lines, log } = collectLog();
    const url = 'redis://:s3cret@cache.example.invalid:6379/2';
    const service = await ensureRedis({ redisUrl: url, mode: 'auto', dataDir: '/nonexistent', log });
    expect(service).toMatchObject({ url, source: 'env' });
    expect(lines.join('\n')).not.toContain('s3cret');
  });

  it('uses a server answering at the default address', async () => {
    if (!(await portAnswers(6379))) {
      console.warn('skipped: nothing answers at redis://127.0.0.1:6379');
      return;
    }
    const service = await ensureRedis({ mode: 'never', dataDir: '/nonexistent', log: () => undefined });
    expect(service).toMatchObject({ url: 'redis://127.0.0.1:6379', source: 'default' });
  });

  it('with mode never and nothing answering, explains in one paragraph how to get Redis', async () => {
    const error = await ensureRedis({
      mode: 'never',
      dataDir: '/nonexistent',
      defaultUrl: CLOSED_REDIS_URL,
      log: () => undefined,
    }).catch((err: Error) => err);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('REDIS_URL');
    expect(message).toContain('docker compose up -d redis');
    expect(message).toContain('apt install redis-server');
    expect(message).not.toContain('\n');
  });

  it('with no redis-server on the PATH, explains how to get Redis', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = '';
    try {
      await expect(
        ensureRedis({ mode: 'auto', dataDir: '/nonexistent', defaultUrl: CLOSED_REDIS_URL, log: () => undefined }),
      ).rejects.toThrow(/no redis-server was found on the PATH/);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  describe('private server', () => {
    let dataDir: string;
    let service: ResolvedService | undefined;

    beforeAll(async () => {
      dataDir = await makeDataDir();
    });

    afterAll(async () => {
      await service?.stop();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('starts when nothing answers, with AOF and noeviction, is shared, and stops', async () => {
      const { lines, log } = collectLog();
      service = await ensureRedis({ mode: 'auto', dataDir, defaultUrl: CLOSED_REDIS_URL, log });
      expect(service.source).toBe('private');
      expect(lines.join('\n')).toMatch(/private redis-server on 127\.0\.0\.1:\d+ \(data in /);

      const client = new Redis(service.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
      await client.connect();
      try {
        expect(await client.ping()).toBe('PONG');
        expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
        expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
        expect(await client.config('GET', 'save')).toEqual(['save', '']);
        expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
      } finally {
        client.disconnect();
      }

      const second = await ensureRedis({ mode: 'auto', dataDir, defaultUrl: CLOSED_REDIS_URL, log });
      expect(second).toMatchObject({ url: service.url, source: 'private' });
      await second.stop();
      expect(await portAnswers(portOf(service.url))).toBe(true);

      await service.stop();
      expect(await portAnswers(portOf(service.url))).toBe(false);
    });
  });
});
