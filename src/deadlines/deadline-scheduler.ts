import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { RedisService } from '../common/redis.service';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { AfterCommit } from '../database/after-commit';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { DeadlineEntity } from './deadline.entity';

export const DEADLINE_QUEUE = 'deadlines';
export const WAKE_JOB = 'wake';
export const SWEEP_JOB = 'sweep';

export interface WakeJobData {
  deadlineId: string;
  /** The instant the job was set for (ISO); the handler decides from the row, not from this. */
  at: string;
}

/** A row's schedule as the producer needs it. */
export type Schedulable = Pick<DeadlineEntity, 'id' | 'status' | 'nextActionAt'>;

/** Redis calls on the request path give up after this: the sweep repairs whatever they missed. */
const REDIS_BUDGET_MS = 1000;
/**
 * How long `schedule` reuses the epoch it read. Safe because epochs are never reused: a row marked
 * with an epoch that Redis has meanwhile replaced (flush, restart, rebuild) merely counts as having
 * no job, and the next sweep adds it again (same id: a no-op if the job is there).
 */
const EPOCH_REUSE_MS = 1000;

/**
 * Postgres is the record; Redis is the alarm clock (DESIGN §4). This producer turns each running
 * deadline's next instant into a BullMQ delayed job with a deterministic id, after the transaction
 * that changed the row has committed (a job for a rolled-back row would wake a worker for nothing;
 * a job added before commit could fire before the row is visible).
 *
 * Knowing which rows have a job without asking Redis row by row: Redis holds an "epoch" key, a
 * random value created when the schedule is (re)built. A row records the epoch its job was added
 * under. After a flush or a restart without persistence the key is gone; the next sweep creates a
 * new epoch, and every row recording another value is known to have no job and is re-added.
 */
@Injectable()
export class DeadlineScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineScheduler');
  private readonly connection: Redis;
  readonly queue: Queue<WakeJobData>;
  private recentEpoch: { epoch: string | null; until: number } | null = null;

  // The queue exists from construction: the admin dashboard is mounted before the app initialises.
  constructor(
    private readonly config: AppConfig,
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly afterCommit: AfterCommit,
    redis: RedisService,
  ) {
    this.connection = redis.queueConnection;
    this.queue = new Queue<WakeJobData>(DEADLINE_QUEUE, { connection: this.connection, prefix: this.config.REDIS_PREFIX });
    this.queue.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }

  get epochKey(): string {
    return `${this.config.REDIS_PREFIX}:${DEADLINE_QUEUE}:epoch`;
  }

  /**
   * Called wherever a deadline is started or its due time moves. Inside a transaction the rows
   * are scheduled together when the outermost transaction commits, and forgotten on rollback.
   */
  track(m: EntityManager, row: Schedulable): Promise<void> | void {
    return this.afterCommit.collect(m, 'deadline-jobs', { id: row.id, status: row.status, nextActionAt: row.nextActionAt }, (rows, qr) => this.schedule(rows, qr));
  }

  /** The current epoch, or null when Redis has lost the schedule (or cannot be reached). */
  async currentEpoch(): Promise<string | null> {
    return withBudget(this.connection.get(this.epochKey), REDIS_BUDGET_MS);
  }

  /** The epoch read at most EPOCH_REUSE_MS ago: one Redis round trip fewer for most requests that start a deadline. */
  private async epochForSchedule(): Promise<string | null> {
    const now = performance.now();
    if (this.recentEpoch && now < this.recentEpoch.until) return this.recentEpoch.epoch;
    const epoch = await this.currentEpoch();
    this.recentEpoch = { epoch, until: now + EPOCH_REUSE_MS };
    return epoch;
  }

  /** The current epoch, creating one if Redis has none (first start, flush, restart). */
  async ensureEpoch(): Promise<{ epoch: string; created: boolean }> {
    const candidate = randomUUID();
    const created = (await this.connection.set(this.epochKey, candidate, 'NX')) === 'OK';
    const epoch = (created ? candidate : await this.connection.get(this.epochKey)) ?? candidate;
    this.recentEpoch = { epoch, until: performance.now() + EPOCH_REUSE_MS };
    return { epoch, created };
  }

  /** A new epoch whatever Redis holds: every running row now counts as having no job. */
  async newEpoch(): Promise<string> {
    const epoch = randomUUID();
    await this.connection.set(this.epochKey, epoch);
    this.recentEpoch = { epoch, until: performance.now() + EPOCH_REUSE_MS };
    return epoch;
  }

  /**
   * Adds the wake-up jobs, then records the epoch on rows whose next instant is still the one the
   * job was added for. Never throws: the change has committed, and a failure here only means the
   * sweep adds the job later. Uses the committing connection, so a request never waits for a
   * second pool connection while holding one.
   */
  async schedule(rows: Schedulable[], qr?: QueryRunner): Promise<void> {
    // The last state of each row wins when one transaction moved it twice.
    const due = [...new Map(rows.map((r) => [r.id, r])).values()].filter((r) => r.status === 'pending' && r.nextActionAt);
    if (!due.length) return;
    try {
      const epoch = await this.epochForSchedule();
      await withBudget(this.addJobs(due), REDIS_BUDGET_MS * 5);
      if (epoch) await this.markScheduled(epoch, due, qr && !qr.isReleased ? qr : undefined);
    } catch (e) {
      this.logger.warn(`Deadline jobs not added now (${(e as Error).message}); the sweep will add them`);
    }
  }

  /**
   * Records that these rows have their job under `epoch`, for the instant the job was added for:
   * a row whose next instant moved meanwhile keeps no epoch, and the sweep adds its new job.
   */
  async markScheduled(epoch: string, rows: Schedulable[], qr?: QueryRunner): Promise<void> {
    const params = [epoch, rows.map((r) => r.id), rows.map((r) => r.nextActionAt!.toISOString())];
    const sql = `UPDATE deadlines d SET job_epoch = $1 FROM unnest($2::uuid[], $3::timestamptz[]) AS s(id, at)
                 WHERE d.id = s.id AND d.next_action_at = s.at AND d.status = 'pending'`;
    await (qr ? qr.query(sql, params) : this.ds.query(sql, params));
  }

  /** Deterministic ids: adding the same row for the same instant twice is a no-op in BullMQ. */
  async addJobs(rows: Schedulable[]): Promise<void> {
    const now = this.clock.now().getTime();
    const jobs = rows.map((r) => ({
      name: WAKE_JOB,
      data: { deadlineId: r.id, at: r.nextActionAt!.toISOString() },
      opts: {
        jobId: wakeJobId(r.id, r.nextActionAt!),
        delay: Math.max(0, r.nextActionAt!.getTime() - now),
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: true,
        removeOnFail: { age: 7 * 86400 },
      },
    }));
    // The usual case (one request, one deadline): a plain add, without addBulk's pipeline.
    if (jobs.length === 1) await this.queue.add(jobs[0].name, jobs[0].data, jobs[0].opts);
    else await this.queue.addBulk(jobs);
  }
}

export const wakeJobId = (deadlineId: string, at: Date) => `wake-${deadlineId}-${at.getTime()}`;

function withBudget<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
