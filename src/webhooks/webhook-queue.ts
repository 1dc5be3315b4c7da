import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { RedisService } from '../common/redis.service';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { AfterCommit } from '../database/after-commit';

export const WEBHOOK_QUEUE = 'webhooks';
export const DRAIN_JOB = 'drain';
export const SWEEP_JOB = 'sweep';

export interface DrainJobData {
  partnerId: string;
}

/** Redis calls on the request path give up after this: the sweep repairs whatever they missed. */
const REDIS_BUDGET_MS = 1000;

const JOB_OPTS: JobsOptions = {
  // A drain that fails on the database is retried a few times; the sweep catches anything beyond.
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 86400 },
};

/**
 * The producer side of webhook delivery: jobs that tell a worker "partner P may have something to
 * send". A job carries no event, only the partner; the worker reads what is due from Postgres,
 * so a duplicate, stale or lost job changes nothing but latency. Job ids never contain ':'
 * (BullMQ reserves it in keys).
 */
@Injectable()
export class WebhookQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('WebhookQueue');
  readonly queue: Queue<DrainJobData>;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly afterCommit: AfterCommit,
    redis: RedisService,
  ) {
    this.queue = new Queue<DrainJobData>(WEBHOOK_QUEUE, { connection: redis.queueConnection, prefix: config.REDIS_PREFIX });
    this.queue.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }

  /**
   * A drain for the partner once the caller's transaction commits (before commit the worker could
   * not see the event; after a rollback there is nothing to send). `key` makes the job id, so one
   * transaction's events for one partner make one job.
   */
  drainAfterCommit(m: EntityManager, partnerId: string, key: string): Promise<void> | void {
    return this.afterCommit.collect(m, 'webhook-jobs', { partnerId, key }, (items) => this.drainNow(items));
  }

  /** Never throws: the change has committed, and the sweep adds what Redis did not take. */
  async drainNow(items: Array<{ partnerId: string; key: string }>): Promise<void> {
    const byPartner = new Map(items.map((i) => [i.partnerId, i.key]));
    if (!byPartner.size) return;
    try {
      await withBudget(
        this.queue.addBulk([...byPartner].map(([partnerId, key]) => ({ name: DRAIN_JOB, data: { partnerId }, opts: { ...JOB_OPTS, jobId: `drain-${partnerId}-${key}` } }))),
        REDIS_BUDGET_MS * 5,
      );
    } catch (e) {
      this.logger.warn(`Webhook jobs not added now (${(e as Error).message}); the sweep will add them`);
    }
  }

  /**
   * A drain at the moment the partner's head event is due again. The id is deterministic per event
   * and attempt, so the worker and every sweep may ask again without piling up jobs. The job that
   * is running cannot re-add itself (woken early, by clocks that disagree): it gets a fresh id.
   */
  async drainAt(partnerId: string, eventId: string, attempts: number, at: Date, runningJobId?: string): Promise<void> {
    let id = `retry-${eventId}-${attempts}`;
    if (id === runningJobId) id = `${id}-again-${Date.now()}`;
    await this.queue.add(DRAIN_JOB, { partnerId }, { ...JOB_OPTS, jobId: id, delay: Math.max(0, at.getTime() - this.clock.now().getTime()) });
  }

  /** Drains from the sweep: one id per partner and sweep interval, so concurrent sweeps add one job. */
  async drainFromSweep(partnerIds: string[]): Promise<void> {
    if (!partnerIds.length) return;
    const bucket = Math.floor(this.clock.now().getTime() / this.config.WEBHOOK_SWEEP_INTERVAL_MS);
    await this.queue.addBulk(partnerIds.map((partnerId) => ({ name: DRAIN_JOB, data: { partnerId }, opts: { ...JOB_OPTS, jobId: `sweep-${partnerId}-${bucket}` } })));
  }

  /** A drain that goes on where a long one stopped to give other partners their turn. */
  async continueDrain(partnerId: string): Promise<void> {
    await this.queue.add(DRAIN_JOB, { partnerId }, { ...JOB_OPTS, jobId: `more-${partnerId}-${Date.now()}` });
  }
}

function withBudget<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
