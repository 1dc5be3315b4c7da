/**
 * Suite `http`: the API under load (autocannon) on a seeded database, each endpoint against a bare
 * node:http + pg baseline (bench/http-baseline.ts) that answers the same request with the same SQL.
 *
 * Per endpoint and server: a short warm-up, then a ladder of connection counts (1, 2, 4, …) until
 * the throughput stops growing; the *saturating* count is the smallest that reached 90 % of the
 * best throughput. Latency is then measured at half of it (at least 1 connection): requests/s,
 * p50 and p99 there, and the ratio app / baseline of each.
 *
 * The app runs as `node src/main.ts` (ts-node, as `npm run bench` runs everything) in a child
 * process with APP_ROLE=api on the private redis-server, so the load generator (this process) does
 * not share its event loop; the baseline is a second child. Both read the same database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { findFreePort } from '../src/infra/postgres-launcher';
import { createPrivateDatabase, DEFAULT_STAFF_PASSWORD, existingCases, fmtBytes, seedBulk } from './bulk/seed';
import * as P from './bulk/pools';
import { mobile, residentId, Rng } from './bulk/random';
import {
  barPanel,
  BenchContext,
  Check,
  cpuSnapshot,
  cpuUse,
  CpuUse,
  fmtCpu,
  fmtMs,
  notesPanel,
  onCleanup,
  Progress,
  quietMachine,
  say,
  Scenario,
  ScenarioResult,
  sleep,
  table,
} from './support';

const ROOT = join(__dirname, '..');
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

/** Read when the suite runs (run.ts turns flags into these). */
function settings() {
  const cases = num('BENCH_CASES', 20_000);
  const big = cases >= 200_000;
  return {
    cases,
    seededUrl: process.env.BENCH_SEEDED_DATABASE_URL || null,
    keepDb: process.env.BENCH_KEEP_DB === '1',
    stepSeconds: num('BENCH_HTTP_STEP_S', big ? 5 : 2),
    measureSeconds: num('BENCH_HTTP_MEASURE_S', big ? 15 : 5),
    warmupSeconds: num('BENCH_HTTP_WARMUP_S', big ? 3 : 1),
    maxConnections: num('BENCH_HTTP_MAX_CONNECTIONS', 64),
    only: (process.env.BENCH_HTTP_ONLY ?? '').split(',').filter(Boolean),
    password: process.env.BENCH_STAFF_PASSWORD || process.env.SEED_STAFF_PASSWORD || DEFAULT_STAFF_PASSWORD,
  };
}

// ---------------------------------------------------------------------------------------------
// The two servers
// ---------------------------------------------------------------------------------------------

interface Child {
  name: string;
  pid: number;
  base: string;
  stop(): Promise<void>;
}

async function spawnChild(name: string, script: string, env: Record<string, string>, ready: (c: ChildProcess, port: number) => Promise<void>): Promise<Child> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', script], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (c: Buffer) => (output = (output + c.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const killOnExit = () => {
    if (!exited()) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const stop = onCleanup(`stop ${name} (pid ${child.pid})`, async () => {
    process.off('exit', killOnExit);
    if (exited()) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await Promise.race([gone, sleep(10_000)]);
    if (!exited()) {
      child.kill('SIGKILL');
      await Promise.race([gone, sleep(5000)]);
    }
  });
  try {
    await Promise.race([
      ready(child, port),
      new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${name} exited (code ${code}) before it was ready:\n${output.trim()}`)))),
      sleep(180_000).then(() => {
        throw new Error(`${name} not ready within 180 s:\n${output.trim()}`);
      }),
    ]);
  } catch (e) {
    await stop();
    throw e;
  }
  return { name, pid: child.pid!, base: `http://127.0.0.1:${port}`, stop };
}

async function waitHttp(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) return;
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

interface Fixtures {
  rootId: string;
  rootPath: string;
  rootCode: string;
  clerkId: string;
  villages: string[];
  towns: string[];
  caseIds: string[];
  lastYear: number;
  casesNow: number;
}

async function fixtures(url: string, rootCode?: string): Promise<Fixtures> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const [root] = (await c.query(`SELECT id, path, code FROM org_units WHERE parent_id IS NULL ORDER BY created_at LIMIT 1`)).rows;
    const code = rootCode ?? root.code;
    const [clerk] = (await c.query(`SELECT id FROM staff_users WHERE username = $1`, [`clerk-${code}-1`])).rows;
    if (!clerk) throw new Error(`no staff account clerk-${code}-1: is this a database filled by npm run seed:bulk?`);
    const units = (await c.query<{ id: string; level: string }>(`SELECT id, level FROM org_units WHERE path LIKE $1`, [`${root.path}%`])).rows;
    const [{ n }] = (await c.query(`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'cases'`)).rows;
    const estimate = Math.max(1, Number(n));
    // Random pages: a cheap sample of case ids however big the table is.
    const pct = Math.min(100, Math.max(0.05, (300_000 / estimate) * 1));
    const ids = (await c.query<{ id: string }>(`SELECT id FROM cases TABLESAMPLE SYSTEM (${pct}) LIMIT 5000`)).rows.map((r) => r.id);
    const [{ y }] = (await c.query(`SELECT extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::int - 1 AS y`)).rows;
    return {
      rootId: root.id,
      rootPath: root.path,
      rootCode: code,
      clerkId: clerk.id,
      villages: units.filter((u) => u.level === 'village').map((u) => u.id),
      towns: units.filter((u) => u.level === 'town').map((u) => u.id),
      caseIds: ids,
      lastYear: y,
      casesNow: estimate,
    };
  } finally {
    await c.end();
  }
}

const SEARCH_TERMS = ['拖欠工资', '离婚', '物业费', '噪音', '漏水', '借款', '交通事故', '宅基地', '赡养', '工程款', '预付卡', '工伤', '停车', '土地承包', '王秀英', '张伟'];
const LIST_STATUSES = ['closed', 'in_mediation,suspended', 'agreement,performing', 'registered,accepted', 'failed'];

/** A registration body nobody sent before: names, ID numbers and mobiles are fresh each time. */
export function registrationBody(rng: Rng, f: Fixtures): Record<string, unknown> {
  const keys = Object.keys(P.TEMPLATES).filter((k) => k !== 'marriage_family.domestic_violence');
  const t = rng.pick(P.TEMPLATES[rng.pick(keys)]);
  const name = () => `${rng.pick(P.SURNAMES)[0]}${rng.pick(rng.chance(0.5) ? P.MALE_GIVEN : P.FEMALE_GIVEN)}`;
  const a = name();
  const b = name();
  const amount = rng.int(10, 2000) * 100;
  const fill = (s: string) =>
    s.replace(/\{A\}/g, a).replace(/\{B\}|\{org\}/g, b).replace(/\{amount\}/g, String(amount)).replace(/\{n\}/g, String(rng.int(2, 9))).replace(/\{m\}/g, String(rng.int(2, 9)))
      .replace(/\{place\}/g, '本村').replace(/\{road\}/g, rng.pick(P.ROADS)).replace(/\{ESTATE\}/g, rng.pick(P.ESTATES)).replace(/\{date\}/g, '去年');
  const male = rng.chance(0.5);
  return {
    channel: 'walk_in',
    orgUnitId: rng.pick(f.villages),
    title: fill(t.title),
    description: `${fill(t.description)}（编号${rng.int(1, 1e9)}）`,
    amount: `${amount}.00`,
    registerAnyway: true,
    parties: [
      { role: 'applicant', kind: 'person', name: a, idType: 'resident_id', idNumber: residentId(rng, f.rootCode.slice(0, 6), { y: rng.int(1950, 2000), m: rng.int(1, 12), d: rng.int(1, 28) }, male), mobile: mobile(rng), address: `浙江省湖州市安吉县${rng.pick(P.ROADS)}${rng.int(1, 300)}号` },
      { role: 'respondent', kind: 'person', name: b, mobile: mobile(rng) },
    ],
  };
}

interface Endpoint {
  id: string;
  title: string;
  /** The issue's target for this endpoint, checked at half the saturating load. */
  target: 'registration' | 'read' | 'report';
  app: { method: 'GET' | 'POST'; token: 'clerk' | 'director'; next(rng: Rng): { path: string; body?: string } };
  baseline: { method: 'GET' | 'POST'; next(rng: Rng): { path: string; body?: string } };
}

function endpoints(f: Fixtures): Endpoint[] {
  const dayIso = (y: number, m: number) => `${y + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}-01T00:00:00+08:00`;
  const listQuery = (rng: Rng) => {
    const y = f.lastYear - rng.int(0, 1);
    const m = rng.int(1, 10);
    const unit = rng.chance(0.5) ? rng.pick(f.towns) : rng.pick(f.villages);
    return `orgUnitId=${unit}&status=${rng.pick(LIST_STATUSES)}&registeredFrom=${encodeURIComponent(dayIso(y, m))}&registeredTo=${encodeURIComponent(dayIso(y, m + 3))}&limit=50`;
  };
  const searchQuery = (rng: Rng) => `q=${encodeURIComponent(rng.pick(SEARCH_TERMS))}&limit=50`;
  const overdueQuery = (rng: Rng) => (rng.chance(0.5) ? 'view=overdue&limit=50' : `view=overdue&orgUnitId=${rng.pick(f.towns)}&limit=50`);
  const reportQuery = () => `from=${f.lastYear}-01-01&to=${f.lastYear}-12-31`;
  return [
    {
      id: 'register',
      title: 'Registration (POST /v1/cases, clerk, registerAnyway)',
      target: 'registration',
      app: { method: 'POST', token: 'clerk', next: (rng) => ({ path: '/v1/cases', body: JSON.stringify(registrationBody(rng, f)) }) },
      baseline: { method: 'POST', next: (rng) => ({ path: '/cases', body: JSON.stringify(registrationBody(rng, f)) }) },
    },
    {
      id: 'case',
      title: 'Case by id (GET /v1/cases/:id)',
      target: 'read',
      app: { method: 'GET', token: 'clerk', next: (rng) => ({ path: `/v1/cases/${rng.pick(f.caseIds)}` }) },
      baseline: { method: 'GET', next: (rng) => ({ path: `/cases/${rng.pick(f.caseIds)}` }) },
    },
    {
      id: 'list',
      title: 'Filtered list: unit + status + 3-month range (GET /v1/cases)',
      target: 'read',
      app: { method: 'GET', token: 'clerk', next: (rng) => ({ path: `/v1/cases?${listQuery(rng)}` }) },
      baseline: { method: 'GET', next: (rng) => ({ path: `/cases?${listQuery(rng)}` }) },
    },
    {
      id: 'search',
      title: `Chinese text search, county-wide (GET /v1/cases?q=…: ${SEARCH_TERMS.slice(0, 4).join(', ')}…)`,
      target: 'read',
      app: { method: 'GET', token: 'clerk', next: (rng) => ({ path: `/v1/cases?${searchQuery(rng)}` }) },
      baseline: { method: 'GET', next: (rng) => ({ path: `/cases?${searchQuery(rng)}` }) },
    },
    {
      id: 'overdue',
      title: 'Overdue list, county or a town (GET /v1/deadlines?view=overdue)',
      target: 'read',
      app: { method: 'GET', token: 'director', next: (rng) => ({ path: `/v1/deadlines?${overdueQuery(rng)}` }) },
      baseline: { method: 'GET', next: (rng) => ({ path: `/deadlines?${overdueQuery(rng)}` }) },
    },
    {
      id: 'report',
      title: `County report for ${f.lastYear} (GET /v1/reports/summary)`,
      target: 'report',
      app: { method: 'GET', token: 'director', next: () => ({ path: `/v1/reports/summary?${reportQuery()}` }) },
      baseline: { method: 'GET', next: () => ({ path: `/reports/summary?${reportQuery()}` }) },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------------------------

interface Run {
  connections: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Database connections of the two servers still running a statement (a request the load tool gave up on, say). */
let busyStatements: () => Promise<number> = async () => 0;

/**
 * Waits until neither server has a statement running: a request autocannon abandoned at the end
 * of a run goes on in the server and in PostgreSQL, and would otherwise load the next measurement.
 */
async function quiesce(maxMs = 120_000): Promise<void> {
  const until = Date.now() + maxMs;
  while (Date.now() < until && (await busyStatements()) > 0) await sleep(200);
}

async function load(base: string, method: 'GET' | 'POST', headers: Record<string, string>, next: (rng: Rng) => { path: string; body?: string }, connections: number, seconds: number, seed: number): Promise<Run> {
  const rng = new Rng(seed);
  await quiesce();
  const r = await autocannon({
    url: base,
    connections,
    duration: seconds,
    // Long enough for a yearly report at a million cases: an abandoned request keeps running.
    timeout: 60,
    // Each request is drawn afresh (ids, filters, search terms, registration bodies).
    requests: [
      {
        method,
        headers: { ...headers, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
        setupRequest: (req) => {
          const n = next(rng);
          return { ...req, path: n.path, ...(n.body !== undefined ? { body: n.body } : {}) };
        },
      },
    ],
  });
  const ok = r['2xx'];
  // No answer at all: no latency to speak of (autocannon would say 0 ms).
  const answered = ok + r.non2xx > 0;
  return { connections, seconds: r.duration, rps: ok / r.duration, p50: answered ? r.latency.p50 : NaN, p99: answered ? r.latency.p99 : NaN, ok, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts };
}

interface Measured {
  ladder: Run[];
  saturating: number;
  peakRps: number;
  half: Run;
  cpu: CpuUse | null;
}

async function measure(label: string, base: string, method: 'GET' | 'POST', headers: Record<string, string>, next: (rng: Rng) => { path: string; body?: string }, s: ReturnType<typeof settings>, named: Record<string, number>, heavy = false): Promise<Measured> {
  const progress = new Progress(label);
  // A request of seconds (the yearly report at scale): steps long enough for several of them, and
  // no more connections than there are cores to spare.
  const stepSeconds = heavy ? Math.max(10, s.stepSeconds * 2) : s.stepSeconds;
  const maxConnections = heavy ? Math.min(8, s.maxConnections) : s.maxConnections;
  progress.update(`warm-up ${s.warmupSeconds} s`);
  await load(base, method, headers, next, heavy ? 1 : 2, s.warmupSeconds, 1);
  const ladder: Run[] = [];
  let best = 0;
  let flat = 0;
  for (let c = 1; c <= maxConnections; c *= 2) {
    progress.update(`ladder: ${c} connection${c > 1 ? 's' : ''} for ${stepSeconds} s${ladder.length ? ` (so far: ${ladder.map((l) => `${l.connections}→${Math.round(l.rps)}/s`).join(', ')})` : ''}`);
    const run = await load(base, method, headers, next, c, stepSeconds, 100 + c);
    ladder.push(run);
    // Doubling the connections that no longer adds 10 % twice in a row: the server is saturated.
    flat = run.rps >= best * 1.1 ? 0 : flat + 1;
    best = Math.max(best, run.rps);
    if (flat >= 2) break;
  }
  const peak = Math.max(...ladder.map((l) => l.rps));
  const saturating = ladder.find((l) => l.rps >= 0.9 * peak)!.connections;
  const halfConnections = Math.max(1, Math.floor(saturating / 2));
  progress.update(`latency at ${halfConnections} connection${halfConnections > 1 ? 's' : ''} (half of ${saturating}) for ${s.measureSeconds} s`);
  const before = cpuSnapshot();
  const half = await load(base, method, headers, next, halfConnections, heavy ? Math.max(20, s.measureSeconds) : s.measureSeconds, 7);
  const cpu = cpuUse(before, cpuSnapshot(), named);
  await quiesce();
  progress.done(`saturates at ${saturating} connections (${fmtRps(peak)} req/s); at ${halfConnections}: ${fmtRps(half.rps)} req/s, p50 ${fmtMs(half.p50)}, p99 ${fmtMs(half.p99)}${half.non2xx || half.errors ? `, ${half.non2xx} non-2xx, ${half.errors} errors` : ''}`);
  return { ladder, saturating, peakRps: peak, half, cpu };
}

/** One request, to see it answers (and say what it answered when not). */
async function probe(base: string, method: 'GET' | 'POST', headers: Record<string, string>, req: { path: string; body?: string }): Promise<{ status: number; text: string }> {
  const r = await fetch(base + req.path, { method, headers: { ...headers, ...(req.body ? { 'content-type': 'application/json' } : {}) }, body: req.body });
  return { status: r.status, text: (await r.text()).slice(0, 400) };
}

// ---------------------------------------------------------------------------------------------
// The scenario
// ---------------------------------------------------------------------------------------------

const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? a / b : null);
const fmtRps = (n: number) => (n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en'));
const fmtX = (r: number | null) => (r === null ? 'n/a' : `×${r >= 10 ? r.toFixed(0) : r.toFixed(2)}`);

export const httpLoad: Scenario = {
  id: 'http',
  title: 'HTTP load on a seeded database: app vs bare node:http + pg',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const s = settings();
    say(`\n▶ ${this.title}`);

    // ---- the database
    let url: string;
    let seeded: Awaited<ReturnType<typeof seedBulk>> | null = null;
    let dbNote: string;
    if (s.seededUrl) {
      url = s.seededUrl;
      const n = await existingCases(url);
      if (!n) throw new Error('BENCH_SEEDED_DATABASE_URL has no cases: fill it with npm run seed:bulk first');
      dbNote = `existing database ${new URL(url).pathname.slice(1)} (${n.toLocaleString('en')} cases; not dropped; registrations add to it)`;
      say(`  using ${dbNote}`);
    } else {
      const db = await createPrivateDatabase('bench_http', process.env.BENCH_DATABASE_URL || undefined);
      url = db.url;
      if (s.keepDb) say(`  private database ${db.name}: kept at the end (--keep-db)`);
      else {
        onCleanup(`drop database ${db.name}`, db.drop);
        say(`  private database ${db.name}: dropped at the end (keep it with --keep-db or BENCH_KEEP_DB=1)`);
      }
      const progress = new Progress('seed');
      seeded = await seedBulk({ url, cases: s.cases, log: say, progress: (t) => progress.update(t), progressDone: (t) => progress.done(t) });
      dbNote = `private database ${db.name}, ${s.cases.toLocaleString('en')} cases seeded in ${(seeded.elapsedMs / 1000).toFixed(0)} s (${fmtBytes(seeded.databaseBytes)})${s.keepDb ? `, kept: DATABASE_URL=${url}` : ', dropped at the end'}`;
    }
    const f = await fixtures(url);
    say(`  ${f.casesNow.toLocaleString('en')} cases (estimate), ${f.villages.length} villages, ${f.towns.length} towns; ${f.caseIds.length} sampled case ids`);

    // ---- the servers
    say('  starting the app (node src/main.ts, APP_ROLE=api) and the baseline server…');
    const app = await spawnChild('app', 'src/main.ts', {
      DATABASE_URL: url,
      REDIS_URL: ctx.redis.url,
      REDIS_PREFIX: `tjbench-${ctx.runId}-http`,
      APP_ROLE: 'api',
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      EMBEDDED_POSTGRES: 'never',
      PRIVATE_REDIS: 'never',
      ADMIN_PASSWORD: 'Bench-admin-pass-2026',
      AUTH_TOKEN_TTL: '86400',
    }, (child, port) => waitHttp(`http://127.0.0.1:${port}/health/ready`, child));
    const baseline = await spawnChild('baseline', 'bench/http-baseline.ts', { DATABASE_URL: url, SCOPE_PATH: f.rootPath, SCOPE_UNIT_ID: f.rootId, CLERK_ID: f.clerkId, POOL_SIZE: '10' }, (child) =>
      new Promise<void>((resolve) => {
        const onData = (c: Buffer) => {
          if (c.toString().includes('READY')) {
            child.stdout?.off('data', onData);
            resolve();
          }
        };
        child.stdout?.on('data', onData);
      }),
    );
    say(`  app pid ${app.pid} at ${app.base}; baseline pid ${baseline.pid} at ${baseline.base}`);
    const watcher = new Client({ connectionString: url, application_name: 'tiaojie-bench-watch' });
    await watcher.connect();
    onCleanup('close the watch connection', () => watcher.end());
    busyStatements = async () =>
      Number((await watcher.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND application_name IN ('tiaojie-api', 'tiaojie-bench-baseline')`)).rows[0].n);
    const named = { app: app.pid, baseline: baseline.pid };

    const token = async (username: string) => {
      const r = await fetch(`${app.base}/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: s.password }) });
      if (!r.ok) throw new Error(`sign-in as ${username} failed: ${r.status} ${await r.text()}`);
      return ((await r.json()) as { accessToken: string }).accessToken;
    };
    const tokens = { clerk: await token(`clerk-${f.rootCode}-1`), director: await token(`director-${f.rootCode}-1`) };

    // ---- the endpoints
    const results: Array<{ e: Endpoint; app: Measured; baseline: Measured } | { e: Endpoint; skipped: string }> = [];
    const checks: Check[] = [];
    for (const e of endpoints(f).filter((x) => !s.only.length || s.only.includes(x.id))) {
      say(`\n  ● ${e.title}`);
      const headers = { authorization: `Bearer ${tokens[e.app.token]}` };
      const first = await probe(app.base, e.app.method, headers, e.app.next(new Rng(1)));
      if (e.id === 'report' && first.status === 404 && /Cannot GET|ROUTE|not found/i.test(first.text)) {
        const why = 'GET /v1/reports/summary does not exist (yet) in this build: skipped';
        say(`    ${why}`);
        results.push({ e, skipped: why });
        continue;
      }
      if (first.status >= 300) throw new Error(`${e.id}: the app answered ${first.status}: ${first.text}`);
      const bFirst = await probe(baseline.base, e.baseline.method, {}, e.baseline.next(new Rng(1)));
      if (bFirst.status >= 300) throw new Error(`${e.id}: the baseline answered ${bFirst.status}: ${bFirst.text}`);
      const heavy = e.target === 'report';
      const a = await measure(`${e.id} app     `, app.base, e.app.method, headers, e.app.next, s, named, heavy);
      const b = await measure(`${e.id} baseline`, baseline.base, e.baseline.method, {}, e.baseline.next, s, named, heavy);
      results.push({ e, app: a, baseline: b });
      const failures = [a, b].flatMap((m) => [m.half, ...m.ladder]).reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
      checks.push({ name: `${e.id}: every request answered 2xx`, ok: failures === 0, detail: `${failures} non-2xx, errors or timeouts` });
      checks.push(quietMachine(a.cpu, `${e.id} (app at half load)`));
      if (e.target === 'registration') {
        const r = ratio(a.peakRps, b.peakRps);
        checks.push({ name: 'registration throughput ≥ 0.5 × the bare baseline (target)', ok: r !== null && r >= 0.5, info: true, detail: `${fmtX(r)}: ${fmtRps(a.peakRps)} vs ${fmtRps(b.peakRps)} req/s at saturation` });
      } else if (e.target === 'read') {
        checks.push({ name: `${e.id}: p99 < 50 ms at half the saturating load (target)`, ok: a.half.ok > 0 && a.half.p99 < 50, info: true, detail: `p99 ${fmtMs(a.half.p99)} at ${a.half.connections} connections` });
      } else {
        checks.push({ name: 'county yearly report < 500 ms (target)', ok: a.half.ok > 0 && a.half.p50 < 500, info: true, detail: `p50 ${fmtMs(a.half.p50)}, p99 ${fmtMs(a.half.p99)} at ${a.half.connections} connection(s)` });
      }
    }

    // ---- the summary
    const rows: string[][] = [];
    for (const r of results) {
      if ('skipped' in r) {
        rows.push([r.e.id, 'skipped', '', '', '', '', '', '', '', '']);
        continue;
      }
      const line = (who: string, m: Measured, other?: Measured) => [
        `${r.e.id} ${who}`,
        String(m.saturating),
        fmtRps(m.peakRps),
        String(m.half.connections),
        fmtRps(m.half.rps),
        fmtMs(m.half.p50),
        fmtMs(m.half.p99),
        other ? fmtX(ratio(m.peakRps, other.peakRps)) : '',
        other ? fmtX(ratio(m.half.p50, other.half.p50)) : '',
        other ? fmtX(ratio(m.half.p99, other.half.p99)) : '',
      ];
      rows.push(line('app', r.app, r.baseline), line('baseline', r.baseline));
    }
    const summary = [
      `  ${dbNote}`,
      '',
      table(['endpoint', 'sat. conns', 'peak req/s', '½ conns', 'req/s at ½', 'p50 at ½', 'p99 at ½', 'peak ratio', 'p50 ratio', 'p99 ratio'], rows),
      '',
      '  ratios are app / baseline: below ×1 for throughput, above ×1 for latency is what the app costs on top of bare node:http + pg',
      ...results.flatMap((r) => ('skipped' in r ? [`  ${r.e.id}: ${r.skipped}`] : [`  ${r.e.id} app at ½: ${fmtCpu(r.app.cpu)}`])),
    ].join('\n');

    const measured = results.filter((r): r is { e: Endpoint; app: Measured; baseline: Measured } => !('skipped' in r));
    return {
      id: this.id,
      title: this.title,
      summary,
      checks,
      data: {
        parameters: { cases: seeded ? s.cases : f.casesNow, seededDatabase: !!s.seededUrl, stepSeconds: s.stepSeconds, measureSeconds: s.measureSeconds, warmupSeconds: s.warmupSeconds, maxConnections: s.maxConnections, appRole: 'api', poolSize: 10 },
        seed: seeded ? { rows: seeded.rows, elapsedMs: seeded.elapsedMs, databaseBytes: seeded.databaseBytes, tally: seeded.tally } : null,
        endpoints: Object.fromEntries(
          results.map((r) => [
            r.e.id,
            'skipped' in r
              ? { title: r.e.title, skipped: r.skipped }
              : {
                  title: r.e.title,
                  app: r.app,
                  baseline: r.baseline,
                  ratios: { peakRps: ratio(r.app.peakRps, r.baseline.peakRps), rpsAtHalf: ratio(r.app.half.rps, r.baseline.half.rps), p50: ratio(r.app.half.p50, r.baseline.half.p50), p99: ratio(r.app.half.p99, r.baseline.half.p99) },
                },
          ]),
        ),
      },
      panels: [
        barPanel(
          'p99 latency at half the saturating load (app, then bare baseline)',
          measured.flatMap((r) => [
            { label: `${r.e.id} app`, value: r.app.half.p99, color: '#d9480f', note: `${r.app.half.connections} conns` },
            { label: `${r.e.id} baseline`, value: r.baseline.half.p99, color: '#1c7ed6', note: `${r.baseline.half.connections} conns` },
          ]),
        ),
        notesPanel(
          'Throughput at saturation (req/s) and ratio app / baseline',
          measured.map((r) => `${r.e.id}: app ${fmtRps(r.app.peakRps)} at ${r.app.saturating} conns, baseline ${fmtRps(r.baseline.peakRps)} at ${r.baseline.saturating} conns (${fmtX(ratio(r.app.peakRps, r.baseline.peakRps))})`),
        ),
      ],
    };
  },
};
