import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

/**
 * The one general-purpose Redis connection (counters, locks, readiness). Every key goes through
 * `key()`, so deployments and test runs that share a server never see each other's keys.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  readonly client: Redis;
  /**
   * The connection every BullMQ queue and worker of this process shares. BullMQ needs
   * maxRetriesPerRequest: null on it, and a worker duplicates it for its blocking reads, so one
   * per process is enough; BullMQ never closes a connection it was given.
   */
  readonly queueConnection: Redis;

  constructor(private readonly config: AppConfig) {
    this.client = new Redis(config.REDIS_URL ?? 'redis://127.0.0.1:6379', {
      lazyConnect: false,
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      connectionName: 'tiaojie-api',
    });
    // Without a listener ioredis prints every reconnect failure; readiness reports the outage instead.
    this.client.on('error', () => undefined);
    this.queueConnection = new Redis(config.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null, connectionName: `tiaojie-${config.APP_ROLE}-queues` });
    this.queueConnection.on('error', () => undefined);
  }

  key(...parts: string[]): string {
    return [this.config.REDIS_PREFIX, ...parts].join(':');
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.client, this.queueConnection].map((c) => c.quit().catch(() => c.disconnect())));
  }
}
