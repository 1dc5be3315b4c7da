import 'reflect-metadata';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { createApp } from './app.factory';
import { AppConfig, ConfigError, loadConfig, publicUrl } from './config/app-config';
import { ShutdownState } from './health/shutdown-state';
import { ensurePostgres } from './infra/postgres-launcher';
import { ensureRedis } from './infra/redis-launcher';

const say = (msg: string) => process.stderr.write(`${msg}\n`);

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      say(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const dataDir = resolve(config.DATA_DIR);
  const stops: Array<() => Promise<void>> = [];
  try {
    const pg = await ensurePostgres({ databaseUrl: config.DATABASE_URL, mode: config.EMBEDDED_POSTGRES, dataDir, log: say });
    stops.push(pg.stop);
    const redis = await ensureRedis({ redisUrl: config.REDIS_URL, mode: config.PRIVATE_REDIS, dataDir, log: say });
    stops.push(redis.stop);
    config.DATABASE_URL = pg.url;
    config.REDIS_URL = redis.url;
  } catch (e) {
    say(e instanceof Error ? e.message : String(e));
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.exit(69); // EX_UNAVAILABLE
  }

  const app = await createApp(config);
  let server: Server | undefined;
  if (config.APP_ROLE === 'worker') {
    await app.init();
    say(`Worker started (APP_ROLE=worker).`);
  } else {
    await app.listen(config.PORT, config.HOST);
    server = app.getHttpServer() as Server;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const base = publicUrl(config, port);
    say(`API ready (APP_ROLE=${config.APP_ROLE}): ${base}\n  docs:    ${base}/docs\n  openapi: ${base}/openapi.json\n  health:  ${base}/health/ready`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: shutting down (at most ${config.SHUTDOWN_TIMEOUT_MS} ms)`);
    const force = setTimeout(() => {
      say('Shutdown timed out; exiting with in-flight work abandoned.');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    app.get(ShutdownState).shuttingDown = true;
    // Order matters: stop taking requests and let in-flight ones finish, then close workers and
    // pools (app.close), then the private database and Redis this process started, if any.
    if (server) {
      const closed = new Promise<void>((done) => server!.close(() => done()));
      server.closeIdleConnections();
      await closed;
    }
    await app.close();
    for (const stop of stops.reverse()) await stop().catch((e: Error) => say(`stop failed: ${e.message}`));
    clearTimeout(force);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e: unknown) => {
  say(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
