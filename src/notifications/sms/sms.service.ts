import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { RedisService } from '../../common/redis.service';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { maskMobile } from '../../common/pii';
import { PiiService } from '../../common/pii/pii.service';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { AfterCommit } from '../../database/after-commit';
import { SmsGateway } from './sms-gateway';
import { SmsMessageEntity } from './sms-message.entity';
import { renderSms, SmsTemplate } from './sms-templates';

export const SMS_QUEUE = 'sms';
const ATTEMPTS = 6;
/** A message claimed by a worker that died mid-send is retried after this (a rare double text beats a lost notice). */
const STUCK_AFTER_MS = 5 * 60_000;
const SWEEP_EVERY_MS = 60_000;

export interface SmsRequest {
  caseId: string | null;
  partyId: string | null;
  orgUnitId: string | null;
  /** Plain mobile number, normalised; stored only encrypted. */
  mobile: string;
  template: SmsTemplate;
  params: Record<string, string>;
  /** A reminder written ahead is sent at this moment; default at once. */
  notBefore?: Date;
}

/**
 * Texts to parties: queued in the caller's transaction (the notice is part of the change that
 * requires it), sent by the worker after commit through the configured gateway, retried with
 * backoff over about an hour, and kept with every status change as evidence of service.
 */
@Injectable()
export class SmsService implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('Sms');
  readonly queue: Queue;
  private worker?: Worker;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly pii: PiiService,
    private readonly clock: Clock,
    private readonly gateway: SmsGateway,
    private readonly afterCommit: AfterCommit,
    private readonly redis: RedisService,
  ) {
    this.queue = new Queue(SMS_QUEUE, { connection: redis.queueConnection, prefix: config.REDIS_PREFIX });
    this.queue.on('error', () => undefined);
  }

  async send(m: EntityManager, req: SmsRequest): Promise<SmsMessageEntity> {
    const text = renderSms(req.template, req.params, this.config.SMS_SIGNATURE);
    const row = m.create(SmsMessageEntity, {
      caseId: req.caseId,
      partyId: req.partyId,
      orgUnitId: req.orgUnitId,
      template: req.template,
      text,
      recipientEnc: this.pii.encrypt(req.mobile, 'sms.recipient'),
      recipientMasked: maskMobile(req.mobile),
      status: 'queued',
      queuedAt: this.clock.now(),
      notBefore: req.notBefore ?? null,
    });
    const saved = await m.save(SmsMessageEntity, row);
    await this.afterCommit.collect(m, 'sms-jobs', { id: saved.id, notBefore: saved.notBefore }, (rows) => this.enqueue(rows));
    return saved;
  }

  /** Texts written ahead that have not gone out yet are withdrawn (a cancelled session). */
  async cancelPending(m: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) await m.delete(SmsMessageEntity, { id: In(ids), status: 'queued' });
  }

  private async enqueue(rows: Array<{ id: string; notBefore: Date | null }>): Promise<void> {
    const now = this.clock.now().getTime();
    await this.queue.addBulk(
      rows.map(({ id, notBefore }) => ({
        name: 'send',
        data: { id },
        opts: {
          jobId: `sms-${id}-${notBefore?.getTime() ?? 0}`,
          delay: Math.max(0, (notBefore?.getTime() ?? now) - now),
          attempts: ATTEMPTS,
          backoff: { type: 'exponential', delay: 30_000 },
          removeOnComplete: true,
          removeOnFail: { age: 30 * 86400 },
        },
      })),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.APP_ROLE === 'api') return;
    this.worker = new Worker(SMS_QUEUE, (job: Job<{ id: string }>) => this.deliver(job.data.id, job.attemptsMade + 1 >= ATTEMPTS), {
      connection: this.redis.queueConnection,
      prefix: this.config.REDIS_PREFIX,
      concurrency: 4,
    });
    this.worker.on('error', () => undefined);
    await this.sweep();
    this.timer = setInterval(() => void this.sweep().catch(() => undefined), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.worker?.close().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }

  /** Re-queues what Redis lost (a flush, a job that failed to add) and what a dead worker held. */
  async sweep(): Promise<number> {
    const now = this.clock.now().getTime();
    await this.ds.getRepository(SmsMessageEntity).update({ status: 'sending', updatedAt: LessThan(new Date(now - STUCK_AFTER_MS)) }, { status: 'queued' });
    const rows = await this.ds.getRepository(SmsMessageEntity).find({ select: { id: true, notBefore: true }, where: { status: In(['queued']), queuedAt: LessThan(new Date(now - 30_000)) }, take: 1000 });
    if (rows.length) await this.enqueue(rows);
    return rows.length;
  }

  /**
   * Claims the message (queued → sending) so a duplicate job cannot text twice, sends it, and
   * records the answer. A gateway failure puts it back to queued and lets BullMQ retry with
   * backoff; after the last attempt it is failed, with the error kept.
   */
  async deliver(id: string, lastAttempt = false): Promise<string> {
    const now = this.clock.now();
    // One statement claims a message that is queued and due; only when it claims nothing does
    // a second read say why (already handled, or woken before its moment).
    const claimed = (await this.ds.query(
      `UPDATE sms_messages SET status = 'sending', attempts = attempts + 1, updated_at = $2, version = version + 1
        WHERE id = $1 AND status = 'queued' AND (not_before IS NULL OR not_before <= $2)
        RETURNING recipient_enc, recipient_masked, text, attempts`,
      [id, now],
    ))[0] as Array<{ recipient_enc: string; recipient_masked: string; text: string; attempts: number }>;
    if (!claimed.length) {
      const early = await this.ds.getRepository(SmsMessageEntity).findOne({ select: { id: true, notBefore: true, status: true }, where: { id } });
      if (early?.status !== 'queued' || !early.notBefore) return 'not-queued';
      // Woken early (Redis's clock and ours disagree): look again at the right moment.
      await this.queue.add('send', { id }, { jobId: `sms-${id}-again-${Date.now()}`, delay: early.notBefore.getTime() - now.getTime(), attempts: ATTEMPTS, backoff: { type: 'exponential', delay: 30_000 }, removeOnComplete: true });
      return 'not-yet';
    }
    const row = claimed[0];
    try {
      const result = await this.gateway.send(this.pii.decrypt(row.recipient_enc, 'sms.recipient'), row.text, id);
      const sentAt = this.clock.now();
      await this.ds.getRepository(SmsMessageEntity).update({ id }, { status: result.status, provider: this.gateway.name, providerMessageId: result.providerMessageId, sentAt, deliveredAt: result.status === 'delivered' ? sentAt : null, lastError: null });
      return result.status;
    } catch (e) {
      const message = (e as Error).message.slice(0, 500);
      await this.ds.getRepository(SmsMessageEntity).update({ id }, lastAttempt ? { status: 'failed', failedAt: this.clock.now(), lastError: message, provider: this.gateway.name } : { status: 'queued', lastError: message });
      this.logger.warn(`SMS ${id} to ${row.recipient_masked} not sent (attempt ${row.attempts}): ${message}`);
      if (lastAttempt) return 'failed';
      throw e;
    }
  }

  /** A delivery receipt from the gateway. Unknown ids are reported to the caller, not invented. */
  async receipt(providerMessageId: string, status: 'delivered' | 'failed', error?: string): Promise<SmsMessageEntity | null> {
    const row = await this.ds.getRepository(SmsMessageEntity).findOneBy({ providerMessageId });
    if (!row) return null;
    const now = this.clock.now();
    await this.ds.getRepository(SmsMessageEntity).update({ id: row.id }, status === 'delivered' ? { status, deliveredAt: now } : { status, failedAt: now, lastError: error?.slice(0, 500) ?? '网关报告发送失败' });
    return this.ds.getRepository(SmsMessageEntity).findOneByOrFail({ id: row.id });
  }
}
