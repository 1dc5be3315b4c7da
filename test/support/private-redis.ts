import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { findFreePort } from '../../src/infra/postgres-launcher';

/**
 * A redis-server of the test's own, for tests that flush or restart Redis: the shared server at
 * 6379 belongs to every run on the machine and must never be flushed.
 */
export interface PrivateRedis {
  url: string;
  flushAll(): Promise<void>;
  /** Stops and starts it again on the same port, empty (no persistence), like a restarted cache. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await findFreePort();
  const url = `redis://127.0.0.1:${port}`;
  let proc: ChildProcess;

  const launch = async () => {
    proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const until = Date.now() + 10_000;
    for (;;) {
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return;
      } catch {
        if (Date.now() > until) throw new Error(`private redis-server on ${port} did not start`);
        await new Promise((r) => setTimeout(r, 50));
      } finally {
        probe.disconnect();
      }
    }
  };
  const halt = () =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });

  await launch();
  return {
    url,
    async flushAll() {
      const c = new Redis(url);
      try {
        await c.flushall();
      } finally {
        c.disconnect();
      }
    },
    async restart() {
      await halt();
      await launch();
    },
    stop: halt,
  };
}
