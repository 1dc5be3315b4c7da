/**
 * Benchmarks: `npm run bench` (all suites) or `npm run bench -- deadlines` (some of them).
 *
 * Every run gets its own PostgreSQL database (tj_bench_<random>, migrated, dropped at the end) and
 * its own redis-server on a free port (no persistence, stopped at the end), also when a scenario
 * fails or the run is interrupted. Progress goes to stderr; the summary to stdout; per suite, the
 * figures go to bench/results/<suite>-<timestamp>.json and a chart to the matching .svg.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { Client } from 'pg';
import { withDatabase } from '../src/database/database-admin';
import { deadlineLateness } from './deadline-lateness';
import { deadlineRestore } from './deadline-restore';
import { httpLoad } from './http';
import {
  BenchContext,
  Check,
  createBenchDatabase,
  DEFAULT_PG_SERVER,
  installSignalHandlers,
  isInterrupted,
  notesPanel,
  runCleanups,
  say,
  Scenario,
  ScenarioResult,
  startPrivateRedis,
  svgDocument,
} from './support';

interface Suite {
  title: string;
  scenarios: Scenario[];
}

const SUITES: Record<string, Suite> = {
  deadlines: { title: 'Deadline engine', scenarios: [deadlineLateness, deadlineRestore] },
  http: { title: 'HTTP API under load', scenarios: [httpLoad] },
};

/**
 * Flags, turned into the BENCH_* variables the suites read (see bench/README.md):
 *   --cases N      cases to seed for the http suite (default 20,000)
 *   --full         the issue's scale: 1,000,000 cases, longer ladder steps and measurements
 *   --keep-db      keep the http suite's seeded database (its URL is printed)
 */
function applyFlags(args: string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split('=', 2);
    if (flag === '--cases') process.env.BENCH_CASES = String(Number((inline ?? args[++i] ?? '').replace(/[_,]/g, '')));
    else if (flag === '--full') process.env.BENCH_CASES ??= '1000000';
    else if (flag === '--keep-db') process.env.BENCH_KEEP_DB = '1';
    else rest.push(args[i]);
  }
  return rest;
}

const RESULTS_DIR = join(__dirname, 'results');
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

async function main(): Promise<number> {
  const raw = process.argv.slice(2);
  if (raw.includes('--help') || raw.includes('-h')) {
    process.stdout.write(`Usage: npm run bench [-- <suite>...] [--cases N | --full] [--keep-db]\nSuites: ${Object.keys(SUITES).join(', ')}\nSee bench/README.md.\n`);
    return 0;
  }
  const args = applyFlags(raw);
  if (Number.isNaN(Number(process.env.BENCH_CASES ?? 0))) {
    say('--cases needs a number');
    return 2;
  }
  const unknown = args.filter((a) => !(a in SUITES));
  if (unknown.length) {
    say(`Unknown suite(s): ${unknown.join(', ')}. Known: ${Object.keys(SUITES).join(', ')}`);
    return 2;
  }
  const selected = args.length ? args : Object.keys(SUITES);
  installSignalHandlers();
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  const runId = randomBytes(3).toString('hex');

  say(`Benchmark run ${runId}: ${selected.join(', ')}`);
  const redis = await startPrivateRedis();
  say(`  private redis-server on 127.0.0.1:${redis.port} (pid ${redis.pid})`);
  const db = await createBenchDatabase();
  say(`  private database ${db.name} (migrated)`);
  const ctx: BenchContext = { runId, db, redis };
  const environment = await describeEnvironment(ctx);

  const outcomes: Array<{ suite: string; results: ScenarioResult[]; errors: Check[] }> = [];
  try {
    for (const name of selected) {
      if (isInterrupted()) break;
      const suite = SUITES[name];
      const results: ScenarioResult[] = [];
      const errors: Check[] = [];
      for (const scenario of suite.scenarios) {
        if (isInterrupted()) break;
        try {
          results.push(await scenario.run(ctx));
        } catch (e) {
          if (isInterrupted()) break;
          say(`  ✗ ${scenario.title} failed: ${(e as Error).stack ?? e}`);
          errors.push({ name: `${scenario.id} ran to the end`, ok: false, detail: (e as Error).message });
        }
      }
      outcomes.push({ suite: name, results, errors });
    }
  } finally {
    say('\nCleaning up…');
    await runCleanups();
  }
  if (isInterrupted()) return 130; // the signal handler reports and exits
  const leftovers = await checkCleanup(db.name, redis.pid);
  say(leftovers.length ? `  ✗ ${leftovers.join('; ')}` : `  database ${db.name} dropped, redis-server (pid ${redis.pid}) stopped`);

  const elapsed = (Date.now() - startedAt.getTime()) / 1000;
  const loadAverageAtEnd = Number(loadavg()[0].toFixed(2));
  const out: string[] = [];
  const written: string[] = [];
  let failed = leftovers.length > 0;
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const { suite, results, errors } of outcomes) {
    const checks = [...results.flatMap((r) => r.checks.map((c) => ({ ...c, name: `${r.id}: ${c.name}` }))), ...errors];
    failed ||= checks.some((c) => !c.ok && !c.info);
    out.push('', `═══ ${SUITES[suite].title} — ${environment.summary}`);
    for (const r of results) out.push('', `▶ ${r.title}`, r.summary);
    out.push('', '  checks:', ...checks.map((c) => `    ${c.ok ? '✓' : c.info ? '!' : '✗'} ${c.name}${c.ok ? '' : ` — ${c.detail}`}`));

    const base = join(RESULTS_DIR, `${suite}-${stamp}`);
    const json = {
      suite,
      title: SUITES[suite].title,
      runId,
      startedAt: startedAt.toISOString(),
      durationSeconds: elapsed,
      environment: { ...environment, loadAverageAtEnd },
      checks,
      scenarios: Object.fromEntries(results.map((r) => [r.id, { title: r.title, ...(r.data as object) }])),
    };
    // Indented, except arrays of numbers (the raw samples), which stay on one line each.
    const text = JSON.stringify(json, null, 2).replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g, (_, items: string) => `[${items.split(/,\s*/).join(',')}]`);
    writeFileSync(`${base}.json`, `${text}\n`);
    writeFileSync(
      `${base}.svg`,
      svgDocument(`${SUITES[suite].title} benchmark`, `${startedAt.toISOString()} · ${environment.summary}`, [
        ...results.flatMap((r) => r.panels),
        ...(checks.some((c) => !c.ok)
          ? [notesPanel('Checks that did not pass', checks.filter((c) => !c.ok).map((c) => clip(`${c.info ? '!' : '✗'} ${c.name}${c.detail ? `: ${c.detail}` : ''}`, 130)))]
          : []),
      ]),
    );
    written.push(`${base}.json`, `${base}.svg`);
  }
  const load = `load average (1 min) ${environment.loadAverageAtStart} at the start, ${loadAverageAtEnd} at the end, on ${cpus().length} CPUs`;
  out.push('', `Finished in ${elapsed.toFixed(0)} s; ${load}.`);
  out.push('Results written to:', ...written.map((f) => `  ${relative(process.cwd(), f)}`), '');
  process.stdout.write(`${out.join('\n')}\n`);
  return failed ? 1 : 0;
}

async function describeEnvironment(ctx: BenchContext) {
  const client = new Client({ connectionString: ctx.db.url });
  await client.connect();
  let postgres: string;
  try {
    postgres = (await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v;
  } finally {
    await client.end();
  }
  const r = ctx.redis.client('tiaojie-bench-info');
  const redis = /redis_version:(\S+)/.exec(await r.info('server'))?.[1] ?? '?';
  r.disconnect();
  const cpu = cpus();
  const env = {
    /** 1-minute load average when the run started: well above 0 means something else was busy. */
    loadAverageAtStart: Number(loadavg()[0].toFixed(2)),
    node: process.version,
    cpu: `${cpu.length} × ${cpu[0]?.model.trim() ?? '?'}`,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    postgres,
    redis,
    bullmq: (JSON.parse(readFileSync(join(__dirname, '..', 'node_modules', 'bullmq', 'package.json'), 'utf8')) as { version: string }).version,
  };
  return { ...env, summary: `Node ${env.node}, PostgreSQL ${postgres}, Redis ${redis}, BullMQ ${env.bullmq}, ${env.cpu}` };
}

/** Confirms nothing is left behind: the database is gone and the redis-server has exited. */
async function checkCleanup(dbName: string, redisPid: number): Promise<string[]> {
  const problems: string[] = [];
  const client = new Client({ connectionString: withDatabase(process.env.BENCH_DATABASE_URL || DEFAULT_PG_SERVER, 'postgres') });
  try {
    await client.connect();
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
    if (rowCount) problems.push(`database ${dbName} still exists`);
  } catch (e) {
    problems.push(`could not check the database: ${(e as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  try {
    process.kill(redisPid, 0);
    problems.push(`redis-server pid ${redisPid} still running`);
  } catch {
    // gone, as it should be
  }
  return problems;
}

main().then(
  (code) => process.exit(code),
  async (e: unknown) => {
    say(`Benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    await runCleanups();
    process.exit(1);
  },
);
