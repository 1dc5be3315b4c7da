import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { RedisService } from '../common/redis.service';
import { DataSource } from 'typeorm';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { DeadlineEffectsService } from './deadline-effects.service';
import { DEADLINE_QUEUE, DeadlineScheduler, Schedulable, SWEEP_JOB, WAKE_JOB, WakeJobData } from './deadline-scheduler';

const SWEEP_SCHEDULER_ID = 'deadline-sweep';
const BATCH = 1000;
/**
 * The sweep leaves rows alone for this long after their instant: their job is normally firing
 * right then, and although a double arrival is harmless (effects are exactly-once), it is work.
 */
const SWEEP_GRACE_MS = 2000;

export interface SweepSummary {
  epoch: string;
  /** True when Redis had lost the schedule (first start, flush, restart without persistence). */
  epochCreated: boolean;
  /** Rows whose jobs were (re-)added. */
  rescheduled: number;
  /** Rows past their instant that the sweep acted on itself. */
  acted: number;
  failed: number;
  ms: number;
}

/**
 * The worker role's half of the deadline engine: runs the wake-up jobs, and the sweep that makes
 * Postgres, not Redis, the record. The sweep runs when the worker starts, on a BullMQ job scheduler
 * (DEADLINE_SWEEP_INTERVAL_MS), and at once when the watchdog sees that Redis lost the schedule,
 * which also brings back the job scheduler itself (a flush deletes it with everything else).
 */
@Injectable()
export class DeadlineWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DeadlineWorker');
  private worker?: Worker;
  private watchdog?: NodeJS.Timeout;
  private sweeping: Promise<SweepSummary> | null = null;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly scheduler: DeadlineScheduler,
    private readonly effects: DeadlineEffectsService,
    private readonly redis: RedisService,
  ) {}

  get enabled(): boolean {
    return this.config.APP_ROLE !== 'api';
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    this.worker = new Worker(DEADLINE_QUEUE, (job: Job) => this.process(job), {
      connection: this.redis.queueConnection,
      prefix: this.config.REDIS_PREFIX,
      concurrency: this.config.DEADLINE_WORKER_CONCURRENCY,
    });
    this.worker.on('error', (e) => this.logger.warn(`Queue connection: ${e.message}`));
    this.worker.on('failed', (job, e) => this.logger.warn(`Job ${job?.id ?? '?'} failed: ${e.message}`));
    await this.restore('worker start');
    this.watchdog = setInterval(() => void this.checkEpoch(), this.config.DEADLINE_WATCHDOG_MS);
    this.watchdog.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
    // Lets running jobs finish while the database is still open (TypeORM closes after this hook).
    await this.worker?.close().catch(() => undefined);
    await this.sweeping?.catch(() => undefined);
  }

  private async process(job: Job): Promise<unknown> {
    if (job.name === SWEEP_JOB) return this.sweep();
    if (job.name !== WAKE_JOB) return undefined;
    const { deadlineId, at } = job.data as WakeJobData;
    const result = await this.effects.advance(deadlineId, 'job');
    // Woken before its instant (clocks of Redis and this host disagree): look again at that instant.
    if (result.act === 'none' && result.next && result.next.toISOString() === at && result.next.getTime() > this.clock.now().getTime()) {
      await this.scheduler.queue.add(WAKE_JOB, { deadlineId, at }, { jobId: `${job.id}-again-${Date.now()}`, delay: result.next.getTime() - this.clock.now().getTime(), removeOnComplete: true });
    }
    return result;
  }

  private async restore(why: string): Promise<void> {
    await this.upsertSweepScheduler();
    const summary = await this.sweep();
    this.logger.log(`Sweep after ${why}: ${summary.rescheduled} rescheduled, ${summary.acted} acted on, ${summary.failed} failed in ${summary.ms} ms`);
  }

  /**
   * Rebuilds Redis's schedule from Postgres: removes every waiting and delayed job, starts a new
   * epoch (so every running row counts as having no job) and sweeps. For an operator after Redis
   * was restored from an old backup or the servers' clocks were corrected: delays computed under
   * the old state are wrong, and deterministic job ids would otherwise keep the old ones.
   */
  async rebuild(): Promise<SweepSummary> {
    await this.sweeping?.catch(() => undefined);
    await this.scheduler.queue.drain(true);
    await this.scheduler.newEpoch();
    await this.upsertSweepScheduler();
    return this.sweep();
  }

  private async upsertSweepScheduler(): Promise<void> {
    await this.scheduler.queue.upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { every: this.config.DEADLINE_SWEEP_INTERVAL_MS },
      { name: SWEEP_JOB, opts: { removeOnComplete: true, removeOnFail: { count: 100 } } },
    );
  }

  /** For the admin view: the queue as Redis sees it, and the rows as Postgres does. */
  async status(): Promise<{ epoch: string | null; queue: Record<string, number>; rows: { pending: number; paused: number; withoutJob: number; pastInstant: number } }> {
    const epoch = await this.scheduler.currentEpoch().catch(() => null);
    const queue = await this.scheduler.queue.getJobCounts('delayed', 'waiting', 'active', 'failed', 'completed');
    const [rows] = await this.ds.query(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'paused')::int AS paused,
              count(*) FILTER (WHERE status = 'pending' AND next_action_at IS NOT NULL AND job_epoch IS DISTINCT FROM $1)::int AS "withoutJob",
              count(*) FILTER (WHERE status = 'pending' AND next_action_at <= $2)::int AS "pastInstant"
         FROM deadlines WHERE status IN ('pending', 'paused')`,
      [epoch, this.clock.now()],
    );
    return { epoch, queue, rows };
  }

  private async checkEpoch(): Promise<void> {
    if (this.stopped || this.sweeping) return;
    try {
      if ((await this.scheduler.currentEpoch()) === null) await this.restore('Redis lost the schedule');
    } catch {
      // Redis unreachable: readiness reports it; the check runs again on the next tick.
    }
  }

  /** One sweep at a time per process; concurrent callers share the running one. */
  sweep(): Promise<SweepSummary> {
    if (!this.sweeping) this.sweeping = this.runSweep().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async runSweep(): Promise<SweepSummary> {
    const started = Date.now();
    const { epoch, created } = await this.scheduler.ensureEpoch();
    // A new epoch means Redis lost everything, the job scheduler of this very sweep included; the
    // watchdog would not bring it back, since the epoch key is present again after this line.
    if (created) await this.upsertSweepScheduler();
    let rescheduled = 0;
    let acted = 0;
    let failed = 0;

    // 1. Rows without a job under this epoch get one (deterministic ids: re-adding is harmless).
    for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
      const rows: Array<{ id: string; next_action_at: Date }> = await this.ds.query(
        `SELECT id, next_action_at FROM deadlines
          WHERE status = 'pending' AND next_action_at IS NOT NULL AND job_epoch IS DISTINCT FROM $1 AND id > $2
          ORDER BY id LIMIT ${BATCH}`,
        [epoch, after],
      );
      if (!rows.length) break;
      const batch: Schedulable[] = rows.map((r) => ({ id: r.id, status: 'pending', nextActionAt: r.next_action_at }));
      await this.scheduler.addJobs(batch);
      await this.scheduler.markScheduled(epoch, batch);
      rescheduled += rows.length;
      after = rows[rows.length - 1].id;
    }

    // 2. Rows whose instant has passed (a lost job, a worker that was down) are acted on here.
    const seen = new Set<string>();
    for (;;) {
      const cutoff = new Date(this.clock.now().getTime() - SWEEP_GRACE_MS);
      const rows: Array<{ id: string }> = await this.ds.query(
        `SELECT id FROM deadlines WHERE status = 'pending' AND next_action_at <= $1 AND NOT (id = ANY($2::uuid[]))
          ORDER BY next_action_at LIMIT ${BATCH}`,
        [cutoff, [...seen]],
      );
      if (!rows.length || this.stopped) break;
      for (const { id } of rows) {
        seen.add(id);
        try {
          const r = await this.effects.advance(id, 'sweep');
          if (r.act === 'remind' || r.act === 'miss') acted++;
        } catch (e) {
          failed++;
          this.logger.warn(`Sweep could not advance deadline ${id}: ${(e as Error).message}`);
        }
      }
    }
    return { epoch, epochCreated: created, rescheduled, acted, failed, ms: Date.now() - started };
  }
}
