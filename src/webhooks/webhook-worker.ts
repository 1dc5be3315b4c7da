import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { RedisService } from '../common/redis.service';
import { AppConfig } from '../config/app-config';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { DRAIN_JOB, DrainJobData, SWEEP_JOB, WEBHOOK_QUEUE, WebhookQueue } from './webhook-queue';

const SWEEP_SCHEDULER_ID = 'webhook-sweep';

/**
 * The worker role's half of webhook delivery: runs drain jobs, and the sweep on a BullMQ job
 * scheduler (one sweep per interval for the whole deployment, whatever the number of workers).
 * A flushed Redis loses that scheduler with everything else; each worker checks on the same
 * interval that it still exists and puts it back, sweeping at once, since a flush also lost
 * every retry job.
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WebhookWorker');
  private worker?: Worker;
  private watchdog?: NodeJS.Timeout;
  private sweeping: Promise<unknown> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly queue: WebhookQueue,
    private readonly delivery: WebhookDeliveryService,
    private readonly redis: RedisService,
  ) {}

  get enabled(): boolean {
    return this.config.APP_ROLE !== 'api';
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    this.worker = new Worker(WEBHOOK_QUEUE, (job: Job) => this.process(job), {
      connection: this.redis.queueConnection,
      prefix: this.config.REDIS_PREFIX,
      concurrency: this.config.WEBHOOK_WORKER_CONCURRENCY,
    });
    this.worker.on('error', (e) => this.logger.warn(`Queue connection: ${e.message}`));
    this.worker.on('failed', (job, e) => this.logger.warn(`Job ${job?.id ?? '?'} failed: ${e.message}`));
    await this.upsertSweepScheduler();
    await this.sweep();
    this.watchdog = setInterval(() => void this.checkScheduler(), this.config.WEBHOOK_SWEEP_INTERVAL_MS);
    this.watchdog.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    // Lets deliveries in flight finish and record their outcome while the database is still open.
    await this.worker?.close().catch(() => undefined);
    await this.sweeping?.catch(() => undefined);
  }

  private async process(job: Job): Promise<unknown> {
    if (job.name === SWEEP_JOB) return this.sweep();
    if (job.name !== DRAIN_JOB) return undefined;
    return this.delivery.drain((job.data as DrainJobData).partnerId, job.id);
  }

  /** One sweep at a time per process; concurrent callers share the running one. */
  sweep(): Promise<unknown> {
    if (!this.sweeping) this.sweeping = this.delivery.sweep().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async upsertSweepScheduler(): Promise<void> {
    await this.queue.queue.upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { every: this.config.WEBHOOK_SWEEP_INTERVAL_MS },
      { name: SWEEP_JOB, opts: { removeOnComplete: true, removeOnFail: { count: 100 } } },
    );
  }

  private async checkScheduler(): Promise<void> {
    try {
      if (await this.queue.queue.getJobScheduler(SWEEP_SCHEDULER_ID)) return;
      this.logger.warn('The webhook sweep scheduler was gone (Redis flushed or restored?): restoring it and sweeping now');
      await this.upsertSweepScheduler();
      await this.sweep();
    } catch {
      // Redis unreachable: readiness reports it; the check runs again on the next tick.
    }
  }
}
