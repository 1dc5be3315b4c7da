import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants, promises as fs, rmSync, statSync } from 'node:fs';
import type * as net from 'node:net';
import * as path from 'node:path';
import { Redis } from 'ioredis';
import {
  displayPath,
  findFreePort,
  hasExited,
  maskUrl,
  processCommandLine,
  sleep,
  waitForExit,
  waitForPidGone,
  withLockFile,
  type ResolvedService,
} from './postgres-launcher';

export interface EnsureRedisOptions {
  redisUrl?: string;
  mode: 'auto' | 'never';
  dataDir: string;
  defaultUrl?: string;
  log: (msg: string) => void;
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const PROBE_TIMEOUT_MS = 2_000;
const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;
/** Written once the private server answers, so other processes on the same .data can find it. */
const STATE_FILE = 'private-server.json';

const noop = async (): Promise<void> => undefined;

export async function ensureRedis(opts: EnsureRedisOptions): Promise<ResolvedService> {
  const { redisUrl, mode, log } = opts;
  const defaultUrl = opts.defaultUrl ?? DEFAULT_REDIS_URL;

  if (redisUrl) {
    log(`Redis: using REDIS_URL ${maskUrl(redisUrl)}`);
    return { url: redisUrl, source: 'env', stop: noop };
  }

  if ((await probeRedis(defaultUrl, PROBE_TIMEOUT_MS)) === 'up') {
    log(`Redis: using the server at ${maskUrl(defaultUrl)}`);
    return { url: defaultUrl, source: 'default', stop: noop };
  }

  const binary = mode === 'auto' ? findOnPath('redis-server') : null;
  if (!binary) throw new Error(redisHowTo(defaultUrl, mode));
  return startPrivate(binary, path.resolve(opts.dataDir), log);
}

function redisHowTo(defaultUrl: string, mode: 'auto' | 'never'): string {
  const why =
    mode === 'never'
      ? 'PRIVATE_REDIS=never forbids starting a private redis-server'
      : 'no redis-server was found on the PATH to start a private one';
  return (
    `Redis is not reachable: nothing answers at ${maskUrl(defaultUrl)} and ${why}. To get one, ` +
    'either set REDIS_URL to an existing Redis 7 server (redis://:password@host:6379; give it ' +
    'appendonly yes and maxmemory-policy noeviction, as queued jobs live there); or run ' +
    '`docker compose up -d redis`, which answers at the default address; or install it with ' +
    '`sudo apt install redis-server`, after which the app starts a private redis-server with its ' +
    `data under .data/redis whenever nothing answers at the default address${
      mode === 'never' ? ' (unset PRIVATE_REDIS or set it to auto)' : ''
    }.`
  );
}

/**
 * 'down' means nothing answers, the case for a private server. A server that answers with an
 * error (NOAUTH, WRONGPASS) is a configuration problem that a private server would only hide.
 */
async function probeRedis(url: string, timeoutMs: number): Promise<'up' | 'down'> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    enableReadyCheck: false,
    // ioredis arms a disconnectTimeout timer that is never cleared when the connection was
    // refused, which would hold the process (and Jest) open for its full length.
    disconnectTimeout: 0,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return 'up';
  } catch (err) {
    if (err instanceof Error && err.name === 'ReplyError') {
      throw new Error(
        `Redis at ${maskUrl(url)} answers but refuses us (${err.message}). ` +
          'Set REDIS_URL with the right credentials.',
        { cause: err },
      );
    }
    return 'down';
  } finally {
    client.disconnect();
  }
}

function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, fsConstants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

interface PrivateServerState {
  pid: number;
  port: number;
  /** The process that started it and will stop it. */
  ownerPid: number;
}

async function startPrivate(binary: string, dataDir: string, log: (msg: string) => void): Promise<ResolvedService> {
  const dir = path.join(dataDir, 'redis');
  await fs.mkdir(dir, { recursive: true });
  const stateFile = path.join(dir, STATE_FILE);

  // API and worker processes started together must share one server: BullMQ jobs queued by one
  // are worked by the other. The lock lets the second process find the first one's server.
  return withLockFile(path.join(dataDir, '.redis.lock'), async () => {
    const running = await findRunningPrivate(stateFile, log);
    if (running) {
      log(
        `Redis: private redis-server on 127.0.0.1:${running.port} already running ` +
          `(pid ${running.pid}, started by another process; data in ${displayPath(dir)})`,
      );
      return { url: `redis://127.0.0.1:${running.port}`, source: 'private', stop: noop };
    }

    let port = await findFreePort();
    let child: ChildProcess;
    try {
      child = await launch(binary, dir, port);
    } catch (err) {
      // The port was free when probed but someone may have taken it since: one more try.
      if (!(err instanceof Error) || !/address already in use/i.test(err.message)) throw err;
      port = await findFreePort();
      child = await launch(binary, dir, port);
    }
    const url = `redis://127.0.0.1:${port}`;

    const state: PrivateServerState = { pid: child.pid!, port, ownerPid: process.pid };
    await fs.writeFile(stateFile, JSON.stringify(state));

    // If the app exits without calling stop(), the server must not outlive it. 'exit' handlers
    // run synchronously, and kill() and rmSync are synchronous.
    const killOnExit = (): void => {
      if (!hasExited(child)) child.kill('SIGTERM');
      rmSync(stateFile, { force: true });
    };
    process.once('exit', killOnExit);
    // A forgotten stop() must not keep the app alive either.
    child.unref();
    for (const stream of [child.stdout, child.stderr]) (stream as net.Socket | null)?.unref();

    log(`Redis: private redis-server on 127.0.0.1:${port} (data in ${displayPath(dir)})`);

    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        process.off('exit', killOnExit);
        if (!hasExited(child)) {
          child.ref();
          // SIGTERM makes redis-server fsync its append-only file and exit cleanly.
          child.kill('SIGTERM');
          if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
            log('Redis: the private redis-server did not stop in time; killing it');
            child.kill('SIGKILL');
            await waitForExit(child, STOP_TIMEOUT_MS);
          }
        }
        await fs.rm(stateFile, { force: true });
      })();
      return stopping;
    };
    return { url, source: 'private', stop };
  });
}

/** Starts redis-server and resolves once it answers PING; on failure it is gone and the error holds its output. */
async function launch(binary: string, dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    binary,
    [
      '--bind', '127.0.0.1',
      '--port', String(port),
      '--dir', dir,
      '--appendonly', 'yes',
      '--maxmemory-policy', 'noeviction',
      '--save', '',
      '--daemonize', 'no',
    ],
    // Detached: a terminal's Ctrl-C must reach only the app, which stops Redis after draining
    // its workers, not Redis first.
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let spawnError: Error | undefined;
  child.once('error', (err) => {
    spawnError = err;
  });

  const readyBy = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (spawnError || hasExited(child)) {
      throw new Error(
        `Redis: the private redis-server exited before answering (${
          spawnError?.message ?? `code ${child.exitCode}, signal ${child.signalCode}`
        }).\n${output.trim()}`,
      );
    }
    if ((await probeRedis(`redis://127.0.0.1:${port}`, 500)) === 'up') return child;
    if (Date.now() > readyBy) {
      child.kill('SIGKILL');
      await waitForExit(child, STOP_TIMEOUT_MS);
      throw new Error(
        `Redis: the private redis-server did not answer PING within ${READY_TIMEOUT_MS / 1000} s.\n${output.trim()}`,
      );
    }
    await sleep(100);
  }
}

/**
 * A server recorded in the state file is shared while its owner lives. One whose owner is gone
 * (SIGKILLed, so its exit handler never ran) would otherwise run forever: it is shut down, its
 * append-only file intact, and a fresh one started. A record whose pid no longer runs
 * redis-server on the recorded port is stale and removed.
 */
async function findRunningPrivate(stateFile: string, log: (msg: string) => void): Promise<PrivateServerState | null> {
  let state: PrivateServerState;
  try {
    state = JSON.parse(await fs.readFile(stateFile, 'utf8')) as PrivateServerState;
  } catch {
    return null;
  }
  const command = Number.isInteger(state.pid) && state.pid > 0 ? processCommandLine(state.pid) : null;
  const alive = command !== null && command.includes('redis-server') && command.includes(`:${state.port}`);
  const ownerAlive =
    Number.isInteger(state.ownerPid) && state.ownerPid > 0 && processCommandLine(state.ownerPid) !== null;
  if (alive && ownerAlive) {
    if ((await probeRedis(`redis://127.0.0.1:${state.port}`, PROBE_TIMEOUT_MS)) === 'up') return state;
    // Starting a second server on the same append-only file would corrupt it.
    throw new Error(
      `Redis: the private redis-server (pid ${state.pid}, started by process ${state.ownerPid}) holds ` +
        `${path.dirname(stateFile)} but does not answer on port ${state.port}; stop that process first.`,
    );
  }
  if (alive) {
    log(`Redis: stopping an orphaned private redis-server (pid ${state.pid}) left by a killed run`);
    try {
      process.kill(state.pid, 'SIGTERM');
    } catch {
      // Gone meanwhile, or not ours to signal: the wait below tells which.
    }
    if (!(await waitForPidGone(state.pid, STOP_TIMEOUT_MS))) {
      throw new Error(`Redis: the orphaned private redis-server (pid ${state.pid}) did not stop; stop it by hand.`);
    }
  }
  await fs.rm(stateFile, { force: true });
  return null;
}
