/**
 * Scenario 1: how late do reminders and misses fire when 10,000 deadlines come due within half a
 * minute, compared with bare BullMQ delayed jobs on the same Redis with the same timing?
 *
 * Engine: the whole application (APP_ROLE=all, the real SystemClock) on the bench database; rows
 * are inserted pending with job_epoch NULL and the worker's sweep() schedules them, as it does at
 * start-up. Lateness of an effect = deadline_effects.fired_at − the instant it was due (the
 * reminder's `at`, or due_at for a miss).
 *
 * Baseline: a Queue and a Worker (no Nest, no Postgres) with another prefix, the same number of
 * delayed jobs at the same offsets from the start of the window, the same job options and worker
 * concurrency, and a processor that only records Date.now() − the intended instant.
 */
import { Job, Queue, Worker } from 'bullmq';
import { DeadlineScheduler, WAKE_JOB } from '../src/deadlines/deadline-scheduler';
import { DeadlineWorker, SweepSummary } from '../src/deadlines/deadline-worker';
import { bootEngine, clearDeadlines, ensureCasesAndStaff, insertDeadlines } from './deadline-seed';
import {
  BenchContext,
  cdfPanel,
  Check,
  cpuSnapshot,
  cpuUse,
  CpuUse,
  distribution,
  Distribution,
  fmtCpu,
  fmtMs,
  fmtRatio,
  overTimePanel,
  Progress,
  quietMachine,
  ratio,
  say,
  Scenario,
  ScenarioResult,
  sleep,
  table,
  withPg,
} from './support';

const COUNT = Number(process.env.BENCH_DEADLINES ?? 10_000);
/** The instants are spread evenly over this window… */
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 30_000);
/** …which opens this long after seeding starts (scheduling 10k must be done by then). */
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 8_000);
/** After the window closes, how long to wait for stragglers before giving up. */
const DRAIN_TIMEOUT_MS = Number(process.env.BENCH_DRAIN_TIMEOUT_MS ?? 90_000);
const BATCH = 1000;
const POLL_MS = 250;

const ENGINE_COLOR = '#d9480f';
const BASELINE_COLOR = '#1c7ed6';

/** Offsets (ms from the window's start) of the N instants: evenly spread, the same for both runs. */
const offsets = (n: number) => Array.from({ length: n }, (_, i) => Math.round(((i + 0.5) * WINDOW_MS) / n));

interface Sample {
  /** ms from the start of the window at which it was due */
  at: number;
  /** ms late */
  late: number;
  /** engine only: `remind-0` or `due` */
  stage?: string;
}

/** What waiting for the instants to fire saw. */
interface Drain {
  /** ms from the window's start until the last one fired; null when the drain timed out */
  completedIn: number | null;
  fired: number;
  /** largest number of instants due but not yet fired, seen while polling, and when (ms into the window) */
  maxBacklog: number;
  maxBacklogAt: number;
  /** who used the CPUs from the window's opening until the last one fired */
  cpu: CpuUse | null;
}

interface Run extends Drain {
  samples: Sample[];
  scheduleMs: number;
  scheduledBeforeWindow: boolean;
  failedJobs: number;
  missing: number;
}

interface EngineRun extends Run {
  byVia: Record<string, number>;
  byStage: Record<string, number>;
  seedMs: number;
  sweep: SweepSummary;
  concurrency: number;
  /** failed job attempts (retried or not), by error message */
  attemptFailures: Record<string, number>;
}

async function runEngine(ctx: BenchContext): Promise<EngineRun> {
  const prefix = `tjbench-${ctx.runId}-lat`;
  await withPg(ctx.db.url, clearDeadlines);
  say(`  booting the app (APP_ROLE=all, prefix ${prefix})…`);
  const bench = await bootEngine(ctx, prefix);
  try {
    const { ds } = bench;
    const worker = bench.app.get(DeadlineWorker);
    const scheduler = bench.app.get(DeadlineScheduler);
    const base = await ensureCasesAndStaff(ds, COUNT);
    // Failed attempts are retried after a 1 s backoff and never reach the failed set, and the app
    // logs nothing at LOG_LEVEL=silent: count them on the engine's BullMQ worker (bench-only peek).
    const attemptFailures: Record<string, number> = {};
    (worker as unknown as { worker?: Worker }).worker?.on('failed', (_job, e) => {
      attemptFailures[e.message] = (attemptFailures[e.message] ?? 0) + 1;
    });

    const seedStart = Date.now();
    const windowStart = seedStart + LEAD_MS;
    const offs = offsets(COUNT);
    await insertDeadlines(
      ds,
      base,
      offs.map((o, i) => ({ firstAt: windowStart + o, withReminder: i % 2 === 0 })),
    );
    const seedMs = Date.now() - seedStart;

    const t = performance.now();
    const sweep = await worker.sweep();
    const scheduleMs = performance.now() - t;
    const scheduledBeforeWindow = Date.now() < windowStart;
    say(`  engine: seeded ${COUNT} rows in ${fmtMs(seedMs)}; sweep() scheduled ${sweep.rescheduled} in ${fmtMs(scheduleMs)}${scheduledBeforeWindow ? '' : ' (AFTER the window opened: early instants are late because of it)'}`);

    const drain = await waitFor(`engine  `, windowStart, offs, async () => {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM deadline_effects`);
      return n as number;
    });

    const rows: Array<{ stage: string; via: string; fired_ms: number; due_ms: number }> = await ds.query(
      `SELECT e.stage, e.via,
              (extract(epoch FROM e.fired_at) * 1000)::float8 AS fired_ms,
              (extract(epoch FROM CASE WHEN e.stage = 'due' THEN d.due_at
                    ELSE (SELECT (r->>'at')::timestamptz FROM jsonb_array_elements(d.reminders) r WHERE r->>'stage' = e.stage LIMIT 1) END) * 1000)::float8 AS due_ms
         FROM deadline_effects e JOIN deadlines d ON d.id = e.deadline_id`,
    );
    const byVia: Record<string, number> = {};
    const byStage: Record<string, number> = {};
    const samples = rows.map((r) => {
      byVia[r.via] = (byVia[r.via] ?? 0) + 1;
      byStage[r.stage] = (byStage[r.stage] ?? 0) + 1;
      return { at: Math.round(r.due_ms) - windowStart, late: Math.round(r.fired_ms) - Math.round(r.due_ms), stage: r.stage };
    });
    const failedJobs = await scheduler.queue.getFailedCount();
    return { ...drain, samples, byVia, byStage, seedMs, scheduleMs, sweep, scheduledBeforeWindow, failedJobs, attemptFailures, missing: COUNT - drain.fired, concurrency: bench.config.DEADLINE_WORKER_CONCURRENCY };
  } finally {
    await bench.close();
  }
}

async function runBaseline(ctx: BenchContext, concurrency: number): Promise<Run> {
  const prefix = `tjbench-${ctx.runId}-latbase`;
  const queueConn = ctx.redis.client('tiaojie-bench-baseline-queue');
  const workerConn = ctx.redis.client('tiaojie-bench-baseline-worker');
  const queue = new Queue<{ at: number }>('deadlines', { connection: queueConn, prefix });
  const samples: Sample[] = [];
  let windowStart = Number.POSITIVE_INFINITY;
  const worker = new Worker<{ at: number }>(
    'deadlines',
    async (job: Job<{ at: number }>) => {
      samples.push({ at: job.data.at - windowStart, late: Date.now() - job.data.at });
    },
    { connection: workerConn, prefix, concurrency },
  );
  queue.on('error', () => undefined);
  worker.on('error', () => undefined);
  try {
    await worker.waitUntilReady();
    const start = Date.now();
    windowStart = start + LEAD_MS;
    const offs = offsets(COUNT);
    const t = performance.now();
    for (let i = 0; i < COUNT; i += BATCH) {
      const now = Date.now();
      await queue.addBulk(
        offs.slice(i, i + BATCH).map((o, k) => {
          const at = windowStart + o;
          return {
            name: WAKE_JOB,
            data: { at },
            opts: { jobId: `wake-${i + k}-${at}`, delay: Math.max(0, at - now), attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 7 * 86400 } },
          };
        }),
      );
    }
    const scheduleMs = performance.now() - t;
    const scheduledBeforeWindow = Date.now() < windowStart;
    say(`  baseline: addBulk of ${COUNT} delayed jobs (${BATCH} per call) in ${fmtMs(scheduleMs)}`);
    const drain = await waitFor('baseline', windowStart, offs, async () => samples.length);
    const failedJobs = await queue.getFailedCount();
    return { ...drain, samples: [...samples], scheduleMs, scheduledBeforeWindow, failedJobs, missing: COUNT - drain.fired };
  } finally {
    await worker.close().catch(() => undefined);
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close().catch(() => undefined);
    queueConn.disconnect();
    workerConn.disconnect();
  }
}

/** Polls `count` until every instant has fired or the drain timeout passes, with a progress line. */
async function waitFor(label: string, windowStart: number, offs: number[], count: () => Promise<number>): Promise<Drain> {
  const progress = new Progress(label);
  const deadline = windowStart + WINDOW_MS + DRAIN_TIMEOUT_MS;
  let maxBacklog = 0;
  let maxBacklogAt = 0;
  let cpuAtOpen: ReturnType<typeof cpuSnapshot> = null;
  for (;;) {
    const fired = await count();
    const now = Date.now();
    const elapsed = now - windowStart;
    if (elapsed >= 0 && !cpuAtOpen) cpuAtOpen = cpuSnapshot();
    // How many were due by now: the offsets are sorted.
    let due = 0;
    for (let lo = 0, hi = offs.length; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      if (offs[mid] <= elapsed) lo = due = mid + 1;
      else hi = mid;
    }
    const phase = elapsed < 0 ? `window opens in ${(-elapsed / 1000).toFixed(1)} s` : elapsed <= WINDOW_MS ? `window ${(elapsed / 1000).toFixed(1)}/${WINDOW_MS / 1000} s` : `draining +${((elapsed - WINDOW_MS) / 1000).toFixed(1)} s`;
    const backlog = Math.max(0, due - fired);
    if (backlog > maxBacklog) [maxBacklog, maxBacklogAt] = [backlog, elapsed];
    progress.update(`${fired.toLocaleString('en')}/${COUNT.toLocaleString('en')} fired · ${phase} · backlog ${backlog}`);
    if (fired >= COUNT) {
      progress.done(`${fired.toLocaleString('en')}/${COUNT.toLocaleString('en')} fired; last one ${fmtMs(now - windowStart - WINDOW_MS)} after the window closed`);
      return { completedIn: now - windowStart, fired, maxBacklog, maxBacklogAt, cpu: cpuUse(cpuAtOpen, cpuSnapshot()) };
    }
    if (now > deadline) {
      progress.done(`TIMED OUT: ${fired}/${COUNT} fired ${fmtMs(DRAIN_TIMEOUT_MS)} after the window closed`);
      return { completedIn: null, fired, maxBacklog, maxBacklogAt, cpu: cpuUse(cpuAtOpen, cpuSnapshot()) };
    }
    await sleep(POLL_MS);
  }
}

/** Most instants fired within any one second (by fired time): what the pipeline managed at best. */
function peakRate(samples: Sample[]): number {
  const perSecond = new Map<number, number>();
  for (const s of samples) {
    const k = Math.floor((s.at + s.late) / 1000);
    perSecond.set(k, (perSecond.get(k) ?? 0) + 1);
  }
  return Math.max(0, ...perSecond.values());
}

const secondHalf = (samples: Sample[]) => distribution(samples.filter((s) => s.at >= WINDOW_MS / 2).map((s) => s.late));
const firstHalf = (samples: Sample[]) => distribution(samples.filter((s) => s.at < WINDOW_MS / 2).map((s) => s.late));
/** When the last instant fired, relative to the end of the window (from the samples, not the polling). */
const lastFired = (r: Run) => Math.max(...r.samples.map((s) => s.at + s.late)) - WINDOW_MS;
const allFired = (r: Run) => (r.completedIn === null ? 'never (timed out)' : `${fmtMs(lastFired(r))} after the window closed`);

/** Raw samples for the JSON file, column-wise (compact, and easy to load into a notebook). */
const columns = (samples: Sample[]) => ({
  dueOffsetMs: samples.map((s) => s.at),
  latenessMs: samples.map((s) => s.late),
  ...(samples.some((s) => s.stage) ? { isMiss: samples.map((s) => (s.stage === 'due' ? 1 : 0)) } : {}),
});

const pctRow = (label: string, d: Distribution) => [label, d.count.toLocaleString('en'), fmtMs(d.p50), fmtMs(d.p90), fmtMs(d.p99), fmtMs(d.max)];

export const deadlineLateness: Scenario = {
  id: 'lateness',
  title: `Reminder/miss lateness: ${COUNT.toLocaleString('en')} deadlines due within ${WINDOW_MS / 1000} s`,
  async run(ctx): Promise<ScenarioResult> {
    say(`\n▶ ${this.title}`);
    const engine = await runEngine(ctx);
    // Same worker concurrency as the engine's (DEADLINE_WORKER_CONCURRENCY).
    const concurrency = engine.concurrency;
    const baseline = await runBaseline(ctx, concurrency);

    const e = distribution(engine.samples.map((s) => s.late));
    const eRemind = distribution(engine.samples.filter((s) => s.stage !== 'due').map((s) => s.late));
    const eMiss = distribution(engine.samples.filter((s) => s.stage === 'due').map((s) => s.late));
    const b = distribution(baseline.samples.map((s) => s.late));
    const r = { p50: ratio(e.p50, b.p50), p99: ratio(e.p99, b.p99), max: ratio(e.max, b.max) };
    const arrival = Math.round((COUNT / WINDOW_MS) * 1000);
    const eRate = peakRate(engine.samples);
    const bRate = peakRate(baseline.samples);
    const [e1, e2, b1, b2] = [firstHalf(engine.samples), secondHalf(engine.samples), firstHalf(baseline.samples), secondHalf(baseline.samples)];

    const checks: Check[] = [
      { name: 'every engine instant fired', ok: engine.missing === 0, detail: `${COUNT - engine.missing}/${COUNT} effects recorded` },
      { name: 'every baseline job ran', ok: baseline.missing === 0, detail: `${COUNT - baseline.missing}/${COUNT}` },
      { name: 'engine sweep() scheduled every row', ok: engine.sweep.rescheduled === COUNT, detail: `${engine.sweep.rescheduled} rescheduled` },
      { name: 'engine scheduling finished before the window opened', ok: engine.scheduledBeforeWindow, detail: `sweep() took ${fmtMs(engine.scheduleMs)}, lead ${fmtMs(LEAD_MS)}` },
      { name: 'no failed jobs', ok: engine.failedJobs === 0 && baseline.failedJobs === 0, detail: `engine ${engine.failedJobs}, baseline ${baseline.failedJobs}` },
      {
        name: 'no failed job attempts (retries)',
        ok: Object.keys(engine.attemptFailures).length === 0,
        detail: Object.entries(engine.attemptFailures)
          .map(([m, n]) => `${n} × ${m}`)
          .join('; '),
      },
      quietMachine(engine.cpu, 'engine run'),
      quietMachine(baseline.cpu, 'baseline run'),
      { name: 'effects reached by their job, not the sweep', ok: (engine.byVia.sweep ?? 0) === 0, detail: `job ${engine.byVia.job ?? 0}, sweep ${engine.byVia.sweep ?? 0}` },
    ];

    const summary = [
      table(
        ['lateness (fired − due)', 'count', 'p50', 'p90', 'p99', 'max'],
        [
          pctRow('engine (Nest + Postgres + BullMQ)', e),
          pctRow('  of which reminders', eRemind),
          pctRow('  of which misses', eMiss),
          pctRow(`  due in the 1st half (0–${WINDOW_MS / 2000} s)`, e1),
          pctRow(`  due in the 2nd half`, e2),
          pctRow('baseline (bare BullMQ, no-op)', b),
          pctRow(`  due in the 1st half`, b1),
          pctRow(`  due in the 2nd half`, b2),
          ['ratio engine / baseline', '', fmtRatio(r.p50), '', fmtRatio(r.p99), fmtRatio(r.max)],
          ['  2nd half only', '', fmtRatio(ratio(e2.p50, b2.p50)), '', fmtRatio(ratio(e2.p99, b2.p99)), fmtRatio(ratio(e2.max, b2.max))],
        ],
      ),
      '',
      `  arrival rate ${arrival}/s; peak throughput (most fired in one second): engine ${eRate}/s, baseline ${bRate}/s`,
      `  largest backlog (due but not yet fired): engine ${engine.maxBacklog} at ${fmtMs(engine.maxBacklogAt)} into the window, baseline ${baseline.maxBacklog}`,
      `  effects via job: ${engine.byVia.job ?? 0}, via sweep: ${engine.byVia.sweep ?? 0}   (stages: ${Object.entries(engine.byStage)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
      `  time to schedule ${COUNT.toLocaleString('en')}: engine sweep() ${fmtMs(engine.scheduleMs)} vs bare addBulk ${fmtMs(baseline.scheduleMs)} (${fmtRatio(ratio(engine.scheduleMs, baseline.scheduleMs))})`,
      `  last one fired: engine ${allFired(engine)}, baseline ${allFired(baseline)}`,
      `  engine run   ${fmtCpu(engine.cpu)}`,
      ...(engine.cpu
        ? [
            `               per effect: ${((engine.cpu.cores.bench * engine.cpu.seconds * 1000) / COUNT).toFixed(2)} ms CPU in this process + ${((engine.cpu.cores.postgres * engine.cpu.seconds * 1000) / COUNT).toFixed(2)} ms in PostgreSQL + ${((engine.cpu.cores.redis * engine.cpu.seconds * 1000) / COUNT).toFixed(2)} ms in Redis`,
          ]
        : []),
      `  baseline run ${fmtCpu(baseline.cpu)}`,
    ].join('\n');

    return {
      id: this.id,
      title: this.title,
      summary,
      checks,
      data: {
        parameters: { count: COUNT, windowMs: WINDOW_MS, leadMs: LEAD_MS, drainTimeoutMs: DRAIN_TIMEOUT_MS, workerConcurrency: concurrency, watchdogMs: 500, sweepIntervalMs: 600_000 },
        engine: {
          lateness: e,
          latenessReminders: eRemind,
          latenessMisses: eMiss,
          latenessFirstHalf: e1,
          latenessSecondHalf: e2,
          peakPerSecond: eRate,
          maxBacklog: engine.maxBacklog,
          maxBacklogAtMs: engine.maxBacklogAt,
          cpu: engine.cpu,
          byVia: engine.byVia,
          byStage: engine.byStage,
          seedMs: engine.seedMs,
          scheduleMs: engine.scheduleMs,
          sweep: engine.sweep,
          scheduledBeforeWindow: engine.scheduledBeforeWindow,
          failedJobs: engine.failedJobs,
          attemptFailures: engine.attemptFailures,
          lastFiredAfterWindowClosedMs: engine.completedIn === null ? null : lastFired(engine),
          samples: columns(engine.samples),
        },
        baseline: {
          lateness: b,
          latenessFirstHalf: b1,
          latenessSecondHalf: b2,
          peakPerSecond: bRate,
          maxBacklog: baseline.maxBacklog,
          maxBacklogAtMs: baseline.maxBacklogAt,
          cpu: baseline.cpu,
          scheduleMs: baseline.scheduleMs,
          scheduledBeforeWindow: baseline.scheduledBeforeWindow,
          failedJobs: baseline.failedJobs,
          lastFiredAfterWindowClosedMs: baseline.completedIn === null ? null : lastFired(baseline),
          samples: columns(baseline.samples),
        },
        arrivalPerSecond: arrival,
        ratios: { ...r, secondHalf: { p50: ratio(e2.p50, b2.p50), p99: ratio(e2.p99, b2.p99), max: ratio(e2.max, b2.max) } },
      },
      panels: [
        cdfPanel(
          `Lateness, cumulative: share of ${COUNT.toLocaleString('en')} reminders/misses fired within x of their instant`,
          [
            { label: 'engine', color: ENGINE_COLOR, values: engine.samples.map((s) => s.late) },
            { label: 'bare BullMQ', color: BASELINE_COLOR, values: baseline.samples.map((s) => s.late) },
          ],
          { floor: 1, xLabel: 'lateness (log scale; ≤ 1 ms drawn at 1 ms)' },
        ),
        overTimePanel(
          'Lateness over the window (per 1 s of due time)',
          [
            { label: 'engine', color: ENGINE_COLOR, points: engine.samples.map((s) => [s.at, s.late] as [number, number]) },
            { label: 'bare BullMQ', color: BASELINE_COLOR, points: baseline.samples.map((s) => [s.at, s.late] as [number, number]) },
          ],
          { bucket: 1000, xLabel: 'due time, from the start of the window' },
        ),
      ],
    };
  },
};
