/**
 * Scenario 2: Redis loses the schedule (FLUSHALL on the bench's private redis-server) while
 * 10,000 deadlines are pending an hour ahead. Measured:
 *  (a) watchdog: flush → the worker's watchdog notices the missing epoch (DEADLINE_WATCHDOG_MS
 *      = 500) → every row is rescheduled under the new epoch; detection and detection + restore;
 *  (b) sweep(): flush, then the worker's sweep() called directly: the restore alone;
 *  baseline: a bare queue.addBulk of 10,000 equivalent delayed jobs on the same Redis.
 * After each restore the delayed wake-up jobs in Redis must be exactly one per pending row, with
 * the deterministic id for the row's next instant.
 */
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { DeadlineScheduler, wakeJobId, WAKE_JOB } from '../src/deadlines/deadline-scheduler';
import { DeadlineWorker, SweepSummary } from '../src/deadlines/deadline-worker';
import { bootEngine, clearDeadlines, ensureCasesAndStaff, insertDeadlines } from './deadline-seed';
import { barPanel, BenchContext, Check, cpuSnapshot, cpuUse, CpuUse, distribution, fmtCpu, fmtMs, fmtRatio, Progress, quietMachine, ratio, say, Scenario, ScenarioResult, sleep, table, withPg } from './support';

const COUNT = Number(process.env.BENCH_DEADLINES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_RESTORE_ROUNDS ?? 3);
const HOUR_MS = 3_600_000;
const RESTORE_TIMEOUT_MS = 60_000;
const SCHEDULER_ID = 'deadline-sweep';

interface Verification {
  pendingRows: number;
  /** queue.getDelayedCount(): wake-up jobs plus the sweep's own job-scheduler job, if present. */
  delayedCount: number;
  delayedWakeJobs: number;
  /** pending rows whose job (deterministic id) is not in the delayed set */
  missing: number;
  /** delayed wake-up jobs that match no pending row */
  extra: number;
  /** the job scheduler of the periodic sweep exists */
  sweepScheduler: boolean;
  ok: boolean;
}

async function verify(ds: DataSource, queue: Queue, redis: Redis): Promise<Verification> {
  const rows: Array<{ id: string; next_action_at: Date }> = await ds.query(`SELECT id, next_action_at FROM deadlines WHERE status = 'pending' AND next_action_at IS NOT NULL`);
  const expected = new Set(rows.map((r) => wakeJobId(r.id, r.next_action_at)));
  const ids = await redis.zrange(queue.keys.delayed, 0, -1);
  const wake = ids.filter((id) => id.startsWith('wake-'));
  const present = new Set(wake);
  let missing = 0;
  for (const id of expected) if (!present.has(id)) missing++;
  const extra = wake.filter((id) => !expected.has(id)).length;
  const delayedCount = await queue.getDelayedCount();
  const sweepScheduler = !!(await queue.getJobScheduler(SCHEDULER_ID));
  return { pendingRows: rows.length, delayedCount, delayedWakeJobs: wake.length, missing, extra, sweepScheduler, ok: missing === 0 && extra === 0 && wake.length === rows.length };
}

const describe = (v: Verification) =>
  `${v.delayedWakeJobs} delayed wake-up jobs for ${v.pendingRows} pending rows (missing ${v.missing}, extra ${v.extra}; getDelayedCount ${v.delayedCount}; sweep job scheduler ${v.sweepScheduler ? 'present' : 'ABSENT'})`;

interface WatchdogRound {
  detectMs: number;
  /** until every wake-up job is back in Redis */
  restoreMs: number;
  /** until every row records the new epoch (the sweep's bookkeeping, right after its last batch) */
  rowsMarkedMs: number;
  verification: Verification;
}

interface SweepRound {
  ms: number;
  summary: SweepSummary;
  verification: Verification;
}

export const deadlineRestore: Scenario = {
  id: 'restore',
  title: `Restore after Redis FLUSHALL: ${COUNT.toLocaleString('en')} pending deadlines`,
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    say(`\n▶ ${this.title}`);
    const redis = ctx.redis.client('tiaojie-bench-restore');
    const prefix = `tjbench-${ctx.runId}-restore`;
    // Start from an empty Redis: the previous scenario's keys would only blur the counts.
    await redis.flushall();
    await withPg(ctx.db.url, clearDeadlines);
    say(`  booting the app (APP_ROLE=all, prefix ${prefix})…`);
    const bench = await bootEngine(ctx, prefix);
    const cpuAtStart = cpuSnapshot();
    let cpu: CpuUse | null;
    const watchdogRounds: WatchdogRound[] = [];
    const sweepRounds: SweepRound[] = [];
    let scheduleMs: number;
    let initial: Verification;
    try {
      const { ds } = bench;
      const worker = bench.app.get(DeadlineWorker);
      const scheduler = bench.app.get(DeadlineScheduler);
      const base = await ensureCasesAndStaff(ds, COUNT);
      const from = Date.now() + HOUR_MS;
      // An hour ahead, 100 ms apart (about 17 minutes): nothing fires during the scenario.
      await insertDeadlines(
        ds,
        base,
        Array.from({ length: COUNT }, (_, i) => ({ firstAt: from + i * 100, withReminder: i % 2 === 0 })),
      );
      const t = performance.now();
      const first = await worker.sweep();
      scheduleMs = performance.now() - t;
      initial = await verify(ds, scheduler.queue, redis);
      say(`  scheduled ${first.rescheduled} with sweep() in ${fmtMs(scheduleMs)}; ${describe(initial)}`);

      const epochCount = async (epoch: string): Promise<number> => (await ds.query(`SELECT count(*)::int AS n FROM deadlines WHERE status = 'pending' AND job_epoch = $1`, [epoch]))[0].n as number;
      const wakeJobsDelayed = async (): Promise<number> => (await redis.zrange(scheduler.queue.keys.delayed, 0, -1)).filter((id) => id.startsWith('wake-')).length;

      // (a) The watchdog notices and restores on its own. Polled on Redis with O(1) calls (a
      // count(*) on the 10k-row table every few ms would compete with the sweep it measures).
      for (let round = 1; round <= ROUNDS; round++) {
        const progress = new Progress(`(a) watchdog, round ${round}/${ROUNDS}`);
        await sleep(300); // let the previous round's writes settle
        const t0 = performance.now();
        await redis.flushall();
        let epoch: string | null = null;
        let detectMs = NaN;
        let restoreMs = NaN;
        let rowsMarkedMs = NaN;
        for (;;) {
          const elapsed = performance.now() - t0;
          if (elapsed > RESTORE_TIMEOUT_MS) {
            progress.done(`TIMED OUT after ${fmtMs(elapsed)}`);
            break;
          }
          if (!epoch) {
            epoch = await redis.get(scheduler.epochKey);
            if (epoch) detectMs = performance.now() - t0;
            else {
              progress.update(`flushed ${fmtMs(elapsed)} ago; waiting for the watchdog…`);
              await sleep(5);
              continue;
            }
          }
          if (Number.isNaN(restoreMs)) {
            // ZCARD also counts the sweep's own job-scheduler job: confirm with the ids when it is close.
            const delayed = await redis.zcard(scheduler.queue.keys.delayed);
            progress.update(`new epoch after ${fmtMs(detectMs)}; ${Math.min(delayed, COUNT).toLocaleString('en')}/${COUNT.toLocaleString('en')} jobs back in Redis`);
            if (delayed >= COUNT && (await wakeJobsDelayed()) >= COUNT) restoreMs = performance.now() - t0;
            else await sleep(5);
            continue;
          }
          // Every job is back; the rows' epoch is written right after the last batch.
          if ((await epochCount(epoch)) >= COUNT) {
            rowsMarkedMs = performance.now() - t0;
            break;
          }
          await sleep(20);
        }
        const verification = await verify(ds, scheduler.queue, redis);
        watchdogRounds.push({ detectMs, restoreMs, rowsMarkedMs, verification });
        progress.done(
          `detected in ${fmtMs(detectMs)}, all ${COUNT.toLocaleString('en')} jobs back ${fmtMs(restoreMs)} after the flush (rows marked at ${fmtMs(rowsMarkedMs)}); ${describe(verification)}`,
        );
      }

      // (b) sweep() called directly right after the flush: the restore without the detection.
      for (let round = 1; round <= ROUNDS; round++) {
        const progress = new Progress(`(b) sweep(), round ${round}/${ROUNDS}`);
        await sleep(300);
        progress.update('flushing, then sweep()…');
        await redis.flushall();
        const t0 = performance.now();
        const summary = await worker.sweep();
        const ms = performance.now() - t0;
        const verification = await verify(ds, scheduler.queue, redis);
        sweepRounds.push({ ms, summary, verification });
        progress.done(`sweep() rescheduled ${summary.rescheduled} in ${fmtMs(ms)} (epoch created: ${summary.epochCreated}); ${describe(verification)}`);
      }
      // Whether the watchdog brings the sweep's job scheduler back after a flush repaired by a direct sweep().
      await sleep(1500);
      sweepRounds[sweepRounds.length - 1].verification = await verify(ds, scheduler.queue, redis);
      // Before close(): the pool's PostgreSQL backends exit with it, and their CPU time with them.
      cpu = cpuUse(cpuAtStart, cpuSnapshot());
    } finally {
      await bench.close();
    }

    // Baseline: the same number of equivalent delayed jobs, one addBulk call, on the same Redis.
    const baselineMs: number[] = [];
    const baselineBatchedMs: number[] = [];
    const bconn = ctx.redis.client('tiaojie-bench-restore-baseline');
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        for (const batched of [false, true]) {
          const queue = new Queue(`deadlines`, { connection: bconn, prefix: `${prefix}-base-${round}-${batched ? 'b' : 's'}` });
          queue.on('error', () => undefined);
          const from = Date.now() + HOUR_MS;
          const jobs = Array.from({ length: COUNT }, (_, i) => {
            const at = from + i * 100;
            const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
            return {
              name: WAKE_JOB,
              data: { deadlineId: id, at: new Date(at).toISOString() },
              opts: { jobId: wakeJobId(id, new Date(at)), delay: at - Date.now(), attempts: 5, backoff: { type: 'exponential' as const, delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 7 * 86400 } },
            };
          });
          await queue.waitUntilReady();
          const t0 = performance.now();
          if (batched) for (let i = 0; i < COUNT; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
          else await queue.addBulk(jobs);
          (batched ? baselineBatchedMs : baselineMs).push(performance.now() - t0);
          await queue.obliterate({ force: true }).catch(() => undefined);
          await queue.close();
        }
      }
    } finally {
      bconn.disconnect();
      redis.disconnect();
    }

    const med = (xs: number[]) => distribution(xs.filter(Number.isFinite)).p50;
    const detect = med(watchdogRounds.map((r) => r.detectMs));
    const restoreA = med(watchdogRounds.map((r) => r.restoreMs));
    const restoreB = med(sweepRounds.map((r) => r.ms));
    const base = med(baselineMs);
    const baseBatched = med(baselineBatchedMs);
    const runs = (xs: number[]) => xs.map((x) => fmtMs(x)).join(', ');

    const checks: Check[] = [
      { name: 'initial schedule: one job per pending row', ok: initial!.ok, detail: describe(initial!) },
      ...watchdogRounds.map((r, i) => ({ name: `(a) round ${i + 1}: watchdog restored every row`, ok: r.verification.ok && Number.isFinite(r.restoreMs), detail: describe(r.verification) })),
      ...watchdogRounds.map((r, i) => ({ name: `(a) round ${i + 1}: sweep job scheduler restored`, ok: r.verification.sweepScheduler, detail: r.verification.sweepScheduler ? 'present' : 'absent' })),
      ...sweepRounds.map((r, i) => ({ name: `(b) round ${i + 1}: sweep() restored every row`, ok: r.verification.ok && r.summary.rescheduled === COUNT, detail: `${r.summary.rescheduled} rescheduled; ${describe(r.verification)}` })),
      {
        name: '(b) sweep job scheduler present after a flush repaired by sweep()',
        info: true,
        ok: sweepRounds[sweepRounds.length - 1]?.verification.sweepScheduler ?? false,
        detail: sweepRounds[sweepRounds.length - 1]?.verification.sweepScheduler ? 'present' : 'absent 1.5 s after the last round (the watchdog only restores it when it sees no epoch)',
      },
      quietMachine(cpu),
    ];

    const summary = [
      table(
        ['restore of ' + COUNT.toLocaleString('en') + ' jobs after FLUSHALL', 'median', `runs (${ROUNDS})`, 'ratio vs addBulk'],
        [
          ['(a) watchdog: detection (new epoch)', fmtMs(detect), runs(watchdogRounds.map((r) => r.detectMs)), ''],
          ['(a) watchdog: detection + restore', fmtMs(restoreA), runs(watchdogRounds.map((r) => r.restoreMs)), fmtRatio(ratio(restoreA, base))],
          ['(b) sweep() alone', fmtMs(restoreB), runs(sweepRounds.map((r) => r.ms)), fmtRatio(ratio(restoreB, base))],
          ['baseline: one addBulk(10k)', fmtMs(base), runs(baselineMs), ''],
          ['baseline: 10 × addBulk(1k)', fmtMs(baseBatched), runs(baselineBatchedMs), ''],
        ],
      ),
      '',
      `  first schedule of ${COUNT.toLocaleString('en')} rows (sweep() on an empty Redis): ${fmtMs(scheduleMs)}`,
      `  ${fmtCpu(cpu)}`,
      `  after each restore: ${[...watchdogRounds, ...sweepRounds].every((r) => r.verification.ok) ? 'delayed wake-up jobs = pending rows, ids matching ✓' : 'MISMATCH between delayed jobs and pending rows ✗'}`,
    ].join('\n');

    return {
      id: this.id,
      title: this.title,
      summary,
      checks,
      data: {
        parameters: { count: COUNT, rounds: ROUNDS, watchdogMs: 500, instants: 'now + 1 h, 100 ms apart' },
        initialScheduleMs: scheduleMs,
        cpu,
        initial: initial!,
        watchdog: { detectMedianMs: detect, restoreMedianMs: restoreA, rounds: watchdogRounds },
        sweep: { medianMs: restoreB, rounds: sweepRounds },
        baseline: { addBulkMedianMs: base, addBulkMs: baselineMs, batchedMedianMs: baseBatched, batchedMs: baselineBatchedMs },
        ratios: { watchdogRestoreVsAddBulk: ratio(restoreA, base), sweepVsAddBulk: ratio(restoreB, base), sweepVsBatchedAddBulk: ratio(restoreB, baseBatched) },
      },
      panels: [
        barPanel(`Restoring ${COUNT.toLocaleString('en')} delayed jobs after FLUSHALL (median of ${ROUNDS})`, [
          { label: '(a) watchdog: detection', value: detect, color: '#f59f00' },
          { label: '(a) watchdog: detection + restore', value: restoreA, color: '#d9480f', note: fmtRatio(ratio(restoreA, base)) },
          { label: '(b) sweep() alone', value: restoreB, color: '#e8590c', note: fmtRatio(ratio(restoreB, base)) },
          { label: 'bare addBulk(10k)', value: base, color: '#1c7ed6' },
          { label: 'bare 10 × addBulk(1k)', value: baseBatched, color: '#4dabf7' },
        ]),
      ],
    };
  },
};
