/**
 * Shared helpers for the benchmarks (bench/run.ts): a private database and a private redis-server
 * that are always removed again (also on failure and Ctrl-C), booting the real application on
 * them, percentiles, a progress line, and small hand-written SVG charts.
 */
import { findFreePort } from '../src/infra/postgres-launcher';
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { dropDatabase, ensureDatabase, withDatabase } from '../src/database/database-admin';
import { runMigrations } from '../src/database/migrate';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Cleanup: everything a run creates registers how to remove it; it runs once, in reverse order,
// whether the run ends normally, throws, or is interrupted.
// ---------------------------------------------------------------------------------------------

type Cleanup = { label: string; fn: () => Promise<void> };
const cleanups: Cleanup[] = [];
let cleaning: Promise<void> | null = null;

/** Registers a cleanup step; returns a function that runs it early (and unregisters it). */
export function onCleanup(label: string, fn: () => Promise<void>): () => Promise<void> {
  const entry: Cleanup = { label, fn };
  cleanups.push(entry);
  return async () => {
    const i = cleanups.indexOf(entry);
    if (i < 0) return;
    cleanups.splice(i, 1);
    await fn();
  };
}

export function runCleanups(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const { label, fn } = cleanups.pop()!;
      try {
        await withTimeout(fn(), 20_000, label);
      } catch (e) {
        process.stderr.write(`cleanup "${label}" failed: ${(e as Error).message}\n`);
      }
    }
  })();
  return cleaning;
}

/**
 * Ctrl-C / SIGTERM: clean up, then exit 130 / 143. Another signal a second or more later exits at
 * once; sooner, it is the same Ctrl-C arriving twice (from the terminal and forwarded by npm).
 */
let interruptedAt = 0;

/** True once Ctrl-C / SIGTERM arrived: the run is being torn down, later errors are its echo. */
export const isInterrupted = (): boolean => interruptedAt > 0;

export function installSignalHandlers(): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      if (interruptedAt) {
        if (Date.now() - interruptedAt >= 1000) process.exit(code);
        return;
      }
      interruptedAt = Date.now();
      Progress.clear();
      process.stderr.write(`\n${signal}: cleaning up (press Ctrl-C again to exit at once)…\n`);
      void runCleanups().finally(() => {
        process.stderr.write('Cleaned up (private database dropped, private redis-server stopped).\n');
        process.exit(code);
      });
    });
  }
}

export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<T>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Private PostgreSQL database and private redis-server
// ---------------------------------------------------------------------------------------------

export const DEFAULT_PG_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates `tj_bench_<random>` on the server, migrated; dropped by runCleanups() at the latest. */
export async function createBenchDatabase(serverUrl = process.env.BENCH_DATABASE_URL || DEFAULT_PG_SERVER): Promise<BenchDatabase> {
  const name = `tj_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = withDatabase(serverUrl, name);
  // Registered first: an interruption during CREATE DATABASE must still drop it.
  const drop = onCleanup(`drop database ${name}`, () => dropDatabase(url));
  await ensureDatabase(url);
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 2, applicationName: 'tiaojie-bench-setup' }));
  try {
    await ds.initialize();
    await runMigrations(ds);
  } catch (e) {
    await drop();
    throw e;
  } finally {
    if (ds.isInitialized) await ds.destroy();
  }
  return { name, url, drop };
}

/** One short-lived connection to the bench database, outside any app. */
export async function withPg<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface PrivateRedisServer {
  url: string;
  port: number;
  pid: number;
  /** A new client on it (disconnected by runCleanups() if the caller forgets). */
  client(name?: string): Redis;
  stop(): Promise<void>;
}

/**
 * A redis-server of the run's own, without persistence, on a free port: the benchmarks flush it,
 * which the shared server at 6379 must never see. Detached, so Ctrl-C reaches only this process,
 * which stops the app first and Redis last.
 */
export async function startPrivateRedis(): Promise<PrivateRedisServer> {
  const port = await findFreePort();
  const dir = mkdtempSync(join(tmpdir(), 'tj-bench-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--maxmemory-policy', 'noeviction'];
  // Redis' default hz (10) is kept, as in production: it sets how promptly a blocked BZPOPMIN
  // times out, i.e. when an idle BullMQ worker notices a delayed job is due (0–100 ms late).
  if (process.env.BENCH_REDIS_HZ) args.push('--hz', process.env.BENCH_REDIS_HZ);
  const child: ChildProcess = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-2000)));
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-2000)));
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  // Even an abrupt exit (uncaught error, process.exit) must not leave the server running.
  const killOnExit = () => {
    if (!exited()) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  const clients = new Set<Redis>();

  const stop = onCleanup(`stop redis-server :${port}`, async () => {
    for (const c of clients) c.disconnect();
    process.off('exit', killOnExit);
    if (!exited()) {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(5000)]);
      if (!exited()) {
        child.kill('SIGKILL');
        await Promise.race([gone, sleep(5000)]);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const url = `redis://127.0.0.1:${port}`;
  const until = Date.now() + 10_000;
  for (;;) {
    if (spawnError || exited()) {
      await stop();
      throw new Error(`redis-server exited before answering (${spawnError?.message ?? `code ${child.exitCode}`}): ${output.trim()}`);
    }
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') break;
    } catch {
      if (Date.now() > until) {
        await stop();
        throw new Error(`redis-server on port ${port} did not answer within 10 s: ${output.trim()}`);
      }
      await sleep(50);
    } finally {
      probe.disconnect();
    }
  }
  return {
    url,
    port,
    pid: child.pid!,
    client(name = 'tiaojie-bench') {
      const c = new Redis(url, { maxRetriesPerRequest: null, connectionName: name });
      c.on('error', () => undefined);
      clients.add(c);
      c.once('end', () => clients.delete(c));
      return c;
    },
    stop,
  };
}

// ---------------------------------------------------------------------------------------------
// The application, booted as main.ts does (createApp + init), on the bench's database and Redis
// ---------------------------------------------------------------------------------------------

export interface BenchApp {
  app: INestApplication;
  config: AppConfig;
  ds: DataSource;
  close(): Promise<void>;
}

export async function bootApp(env: Record<string, string>): Promise<BenchApp> {
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    ADMIN_PASSWORD: 'Bench-admin-pass-2026', // otherwise a generated one is printed at first start
    EMBEDDED_POSTGRES: 'never',
    PRIVATE_REDIS: 'never',
    ...env,
  });
  const app = await createApp(config);
  const close = onCleanup(`close app (${config.REDIS_PREFIX})`, async () => {
    await withTimeout(app.close(), 15_000, 'app.close()');
  });
  try {
    await app.init();
  } catch (e) {
    await close().catch(() => undefined);
    throw e;
  }
  return { app, config, ds: app.get(DataSource), close };
}

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------

/** Linear-interpolated percentile (p in 0..100) of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export interface Distribution {
  count: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function distribution(values: readonly number[]): Distribution {
  const s = [...values].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    count: s.length,
    min: s[0] ?? NaN,
    p50: percentile(s, 50),
    p90: percentile(s, 90),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? NaN,
    mean: s.length ? sum / s.length : NaN,
  };
}

/** Milliseconds below which a ratio says nothing (timer and clock resolution). */
export const RATIO_FLOOR_MS = 1;

/**
 * engine / baseline, or null when the baseline is so small the quotient would be noise: both
 * figures are always shown next to it.
 */
export function ratio(engine: number, baseline: number): number | null {
  if (!Number.isFinite(engine) || !Number.isFinite(baseline)) return null;
  return baseline >= RATIO_FLOOR_MS ? engine / baseline : null;
}

export const fmtMs = (ms: number): string =>
  !Number.isFinite(ms)
    ? '–'
    : Math.abs(ms) >= 10_000
      ? `${(ms / 1000).toFixed(1)} s`
      : Math.abs(ms) >= 1000
        ? `${(ms / 1000).toFixed(2)} s`
        : Math.abs(ms) >= 100
          ? `${Math.round(ms)} ms`
          : `${ms.toFixed(1)} ms`;

export const fmtRatio = (r: number | null): string => (r === null ? 'n/a (baseline < 1 ms)' : `×${r >= 10 ? r.toFixed(0) : r.toFixed(2)}`);

// ---------------------------------------------------------------------------------------------
// Output: a progress line, and a plain text table
// ---------------------------------------------------------------------------------------------

/**
 * One line that rewrites itself on a terminal (stderr), or a line every few seconds when the
 * output goes to a file or CI log, so a long wait always shows it is moving.
 */
export class Progress {
  private static active: Progress | null = null;
  private lastPrinted = 0;
  private lastText = '';
  private readonly tty = !!process.stderr.isTTY;

  constructor(private readonly label: string) {
    Progress.active = this;
  }

  update(text: string): void {
    this.lastText = text;
    const now = Date.now();
    if (this.tty) {
      process.stderr.write(`\r\x1b[2K  ${this.label}: ${text}`);
    } else if (now - this.lastPrinted >= 3000) {
      process.stderr.write(`  ${this.label}: ${text}\n`);
      this.lastPrinted = now;
    }
  }

  done(text = this.lastText): void {
    if (this.tty) process.stderr.write(`\r\x1b[2K`);
    process.stderr.write(`  ${this.label}: ${text}\n`);
    if (Progress.active === this) Progress.active = null;
  }

  static clear(): void {
    if (Progress.active?.tty) process.stderr.write('\r\x1b[2K');
  }
}

export const say = (msg: string): void => {
  Progress.clear();
  process.stderr.write(`${msg}\n`);
};

export function table(headers: string[], rows: string[][], align: Array<'l' | 'r'> = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (s: string, i: number) => ((align[i] ?? (i === 0 ? 'l' : 'r')) === 'l' ? s.padEnd(widths[i]) : s.padStart(widths[i]));
  const line = (r: string[]) => `  ${r.map((s, i) => cell(s ?? '', i)).join('  ')}`.trimEnd();
  return [line(headers), `  ${widths.map((w) => '─'.repeat(w)).join('  ')}`, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// SVG charts (hand-written: no dependency, opens in any browser)
// ---------------------------------------------------------------------------------------------

export interface Series {
  label: string;
  color: string;
  values: number[];
}

export interface Panel {
  /** Height in px; the width is the chart's. */
  height: number;
  /** Draws into the box (x, y, w, h) and returns SVG elements. */
  render(box: { x: number; y: number; w: number; h: number }): string;
}

/** Room right of a plot for its legend. */
const LEGEND_W = 200;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (n: number) => (Math.round(n * 10) / 10).toString();
const text = (x: number, y: number, s: string, attrs = '') => `<text x="${num(x)}" y="${num(y)}" ${attrs}>${esc(s)}</text>`;
const tickLabel = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

/** Stacks panels vertically under a title into one SVG document. */
export function svgDocument(title: string, subtitle: string, panels: Panel[], width = 900): string {
  const margin = { top: 64, gap: 36, bottom: 20 };
  let y = margin.top;
  const body: string[] = [];
  for (const p of panels) {
    body.push(p.render({ x: 0, y, w: width, h: p.height }));
    y += p.height + margin.gap;
  }
  const height = y - margin.gap + margin.bottom;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    text(20, 28, title, 'font-size="18" font-weight="600"'),
    text(20, 48, subtitle, 'fill="#555"'),
    ...body,
    '</svg>',
  ].join('\n');
}

/**
 * Cumulative distribution of several series on a log x-axis (values below `floor` are drawn at
 * it): the curve's height at x is the share of events that were at most x ms late.
 */
export function cdfPanel(title: string, series: Series[], opts: { height?: number; floor?: number; xLabel?: string } = {}): Panel {
  const height = opts.height ?? 300;
  const floor = opts.floor ?? 0.1;
  return {
    height,
    render({ x, y, w, h }) {
      const plot = { x: x + 70, y: y + 28, w: w - 70 - LEGEND_W, h: h - 28 - 42 };
      const all = series.flatMap((s) => s.values);
      const maxV = Math.max(floor * 10, ...all);
      const lo = Math.floor(Math.log10(floor));
      const hi = Math.ceil(Math.log10(maxV));
      const sx = (v: number) => plot.x + ((Math.log10(Math.max(v, floor)) - lo) / (hi - lo)) * plot.w;
      const sy = (f: number) => plot.y + plot.h - f * plot.h;
      const out: string[] = [text(x + 20, y + 14, title, 'font-size="14" font-weight="600"')];
      out.push(`<rect x="${num(plot.x)}" y="${num(plot.y)}" width="${num(plot.w)}" height="${num(plot.h)}" fill="none" stroke="#ccc"/>`);
      for (let e = lo; e <= hi; e++) {
        const v = 10 ** e;
        const gx = sx(v);
        out.push(`<line x1="${num(gx)}" y1="${num(plot.y)}" x2="${num(gx)}" y2="${num(plot.y + plot.h)}" stroke="#eee"/>`);
        out.push(text(gx, plot.y + plot.h + 16, tickLabel(v), 'text-anchor="middle" fill="#444"'));
      }
      for (const f of [0, 0.25, 0.5, 0.75, 0.9, 0.99, 1]) {
        const gy = sy(f);
        out.push(`<line x1="${num(plot.x)}" y1="${num(gy)}" x2="${num(plot.x + plot.w)}" y2="${num(gy)}" stroke="${f === 0.5 || f === 0.99 ? '#ddd' : '#f2f2f2'}"/>`);
        // 99 % sits 2 px under 100 %: its gridline is drawn, its label would overlap.
        if (f !== 0.99) out.push(text(plot.x - 8, gy + 4, `${Math.round(f * 100)}%`, 'text-anchor="end" fill="#444"'));
      }
      out.push(text(plot.x + plot.w / 2, plot.y + plot.h + 34, opts.xLabel ?? 'lateness (log scale)', 'text-anchor="middle" fill="#444"'));
      series.forEach((s, i) => {
        const sorted = [...s.values].sort((a, b) => a - b);
        const n = sorted.length;
        if (n) {
          // At most ~600 vertices per curve: plenty for 900 px, keeps the file small.
          const step = Math.max(1, Math.floor(n / 600));
          const pts: string[] = [`${num(sx(sorted[0]))},${num(sy(0))}`];
          for (let k = 0; k < n; k += step) pts.push(`${num(sx(sorted[k]))},${num(sy((k + 1) / n))}`);
          pts.push(`${num(sx(sorted[n - 1]))},${num(sy(1))}`);
          out.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
        }
        const ly = plot.y + 10 + i * 62;
        const d = distribution(s.values);
        out.push(`<line x1="${num(plot.x + plot.w + 16)}" y1="${num(ly)}" x2="${num(plot.x + plot.w + 36)}" y2="${num(ly)}" stroke="${s.color}" stroke-width="3"/>`);
        out.push(text(plot.x + plot.w + 42, ly + 4, s.label, 'font-weight="600"'));
        out.push(text(plot.x + plot.w + 42, ly + 19, `p50 ${fmtMs(d.p50)} · p99 ${fmtMs(d.p99)}`, 'fill="#555" font-size="11"'));
        out.push(text(plot.x + plot.w + 42, ly + 33, `max ${fmtMs(d.max)}`, 'fill="#555" font-size="11"'));
      });
      return out.join('\n');
    },
  };
}

/** Points (x, y) summarised per x-bucket as median and max lines: how lateness evolves over time. */
export function overTimePanel(title: string, series: Array<{ label: string; color: string; points: Array<[number, number]> }>, opts: { height?: number; bucket: number; xLabel: string }): Panel {
  const height = opts.height ?? 260;
  return {
    height,
    render({ x, y, w, h }) {
      const plot = { x: x + 70, y: y + 28, w: w - 70 - LEGEND_W, h: h - 28 - 42 };
      const buckets = series.map((s) => {
        const m = new Map<number, number[]>();
        for (const [px, py] of s.points) {
          const b = Math.floor(px / opts.bucket);
          if (!m.has(b)) m.set(b, []);
          m.get(b)!.push(py);
        }
        return [...m.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([b, ys]) => {
            const d = distribution(ys);
            return { x: (b + 0.5) * opts.bucket, p50: d.p50, max: d.max };
          });
      });
      const maxX = Math.ceil(Math.max(opts.bucket, ...series.flatMap((s) => s.points.map((p) => p[0]))) / opts.bucket) * opts.bucket;
      const maxY = niceCeil(Math.max(1, ...buckets.flat().map((b) => b.max)));
      const sx = (v: number) => plot.x + (v / maxX) * plot.w;
      const sy = (v: number) => plot.y + plot.h - (Math.max(0, v) / maxY) * plot.h;
      const out: string[] = [text(x + 20, y + 14, title, 'font-size="14" font-weight="600"')];
      out.push(`<rect x="${num(plot.x)}" y="${num(plot.y)}" width="${num(plot.w)}" height="${num(plot.h)}" fill="none" stroke="#ccc"/>`);
      for (let k = 0; k <= 4; k++) {
        const v = (maxY * k) / 4;
        out.push(`<line x1="${num(plot.x)}" y1="${num(sy(v))}" x2="${num(plot.x + plot.w)}" y2="${num(sy(v))}" stroke="#f2f2f2"/>`);
        out.push(text(plot.x - 8, sy(v) + 4, fmtMs(v), 'text-anchor="end" fill="#444"'));
      }
      const xStep = niceCeil(maxX / 6);
      for (let xv = 0; xv <= maxX + 1; xv += xStep) {
        out.push(`<line x1="${num(sx(xv))}" y1="${num(plot.y)}" x2="${num(sx(xv))}" y2="${num(plot.y + plot.h)}" stroke="#f2f2f2"/>`);
        out.push(text(sx(xv), plot.y + plot.h + 16, `${Number((xv / 1000).toFixed(1))} s`, 'text-anchor="middle" fill="#444"'));
      }
      out.push(text(plot.x + plot.w / 2, plot.y + plot.h + 34, opts.xLabel, 'text-anchor="middle" fill="#444"'));
      buckets.forEach((bs, i) => {
        const s = series[i];
        const line = (key: 'p50' | 'max', dash: string) =>
          `<polyline points="${bs.map((b) => `${num(sx(b.x))},${num(sy(b[key]))}`).join(' ')}" fill="none" stroke="${s.color}" stroke-width="${key === 'p50' ? 2 : 1.2}" ${dash}/>`;
        out.push(line('max', 'stroke-dasharray="4 3"'), line('p50', ''));
        const ly = plot.y + 10 + i * 34;
        out.push(`<line x1="${num(plot.x + plot.w + 16)}" y1="${num(ly)}" x2="${num(plot.x + plot.w + 36)}" y2="${num(ly)}" stroke="${s.color}" stroke-width="3"/>`);
        out.push(text(plot.x + plot.w + 42, ly + 4, s.label, 'font-weight="600"'));
        out.push(text(plot.x + plot.w + 42, ly + 19, `solid: median, dashed: max`, 'fill="#555" font-size="11"'));
      });
      return out.join('\n');
    },
  };
}

/** Horizontal bars with their values written next to them. */
export function barPanel(title: string, bars: Array<{ label: string; value: number; color: string; note?: string }>, opts: { height?: number } = {}): Panel {
  const height = opts.height ?? 40 + bars.length * 34 + 30;
  return {
    height,
    render({ x, y, w }) {
      const plot = { x: x + 250, y: y + 30, w: w - 250 - 200 };
      const maxV = niceCeil(Math.max(1, ...bars.map((b) => b.value)));
      const out: string[] = [text(x + 20, y + 14, title, 'font-size="14" font-weight="600"')];
      bars.forEach((b, i) => {
        const by = plot.y + i * 34;
        const bw = Math.max(1, (b.value / maxV) * plot.w);
        out.push(text(plot.x - 10, by + 16, b.label, 'text-anchor="end"'));
        out.push(`<rect x="${num(plot.x)}" y="${num(by)}" width="${num(bw)}" height="22" fill="${b.color}" rx="2"/>`);
        out.push(text(plot.x + bw + 8, by + 16, `${fmtMs(b.value)}${b.note ? `  ${b.note}` : ''}`, 'fill="#333"'));
      });
      const axisY = plot.y + bars.length * 34 + 4;
      out.push(`<line x1="${num(plot.x)}" y1="${num(axisY)}" x2="${num(plot.x + plot.w)}" y2="${num(axisY)}" stroke="#ccc"/>`);
      for (let k = 0; k <= 4; k++) out.push(text(plot.x + (plot.w * k) / 4, axisY + 16, fmtMs((maxV * k) / 4), 'text-anchor="middle" fill="#444"'));
      return out.join('\n');
    },
  };
}

/** Lines of text, e.g. the checks that did not pass, so the chart is not read without them. */
export function notesPanel(title: string, lines: string[]): Panel {
  return {
    height: 24 + lines.length * 18,
    render({ x, y }) {
      return [text(x + 20, y + 14, title, 'font-size="14" font-weight="600"'), ...lines.map((l, i) => text(x + 20, y + 34 + i * 18, l, 'fill="#a61e4d"'))].join('\n');
    },
  };
}

function niceCeil(v: number): number {
  const e = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * e >= v) return m * e;
  return 10 * e;
}

// ---------------------------------------------------------------------------------------------
// What run.ts hands to a scenario, and what it gets back
// ---------------------------------------------------------------------------------------------

export interface BenchContext {
  /** Short random id of this run: Redis prefixes and names derive from it. */
  runId: string;
  db: BenchDatabase;
  redis: PrivateRedisServer;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** An observation worth printing that does not fail the run. */
  info?: boolean;
}

export interface ScenarioResult {
  id: string;
  title: string;
  /** Printed at the end of the run, under the title. */
  summary: string;
  /** Written to the JSON file under the scenario's id. */
  data: unknown;
  /** Drawn in the suite's SVG chart, in order. */
  panels: Panel[];
  checks: Check[];
}

export interface Scenario {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<ScenarioResult>;
}

// ---------------------------------------------------------------------------------------------
// Who used the CPUs during a measurement (Linux /proc): this process, PostgreSQL, redis-server,
// and everything else. A benchmark on a shared machine is only as good as this breakdown.
// ---------------------------------------------------------------------------------------------

interface CpuSnapshot {
  at: number;
  /** busy jiffies of the whole machine */
  busy: number;
  /** jiffies (utime + stime) per pid, with the command name and its reaped children's jiffies */
  procs: Map<number, { comm: string; ticks: number; children: number }>;
}

export interface CpuUse {
  seconds: number;
  cpus: number;
  /** average number of busy cores, by who used them */
  cores: { total: number; bench: number; postgres: number; redis: number; other: number };
  /** the busiest other processes still running at the end (those that ended cannot be named) */
  busiestOther: Array<{ pid: number; command: string; cores: number }>;
  /** processes the caller named (e.g. the app and the baseline server run as children), not counted in `other` */
  named?: Record<string, number>;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function cpuSnapshot(): CpuSnapshot | null {
  try {
    const stat = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …: busy = all but idle and iowait
    const busy = stat.reduce((a, b) => a + b, 0) - stat[3] - (stat[4] ?? 0);
    const procs = new Map<number, { comm: string; ticks: number; children: number }>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const raw = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const close = raw.lastIndexOf(')');
        const comm = raw.slice(raw.indexOf('(') + 1, close);
        const fields = raw.slice(close + 2).split(' ');
        procs.set(Number(entry), { comm, ticks: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]) });
      } catch {
        // the process ended meanwhile
      }
    }
    return { at: Date.now(), busy, procs };
  } catch {
    return null; // not Linux
  }
}

export function cpuUse(a: CpuSnapshot | null, b: CpuSnapshot | null, named: Record<string, number> = {}): CpuUse | null {
  if (!a || !b) return null;
  const seconds = (b.at - a.at) / 1000;
  const sums = { bench: 0, postgres: 0, redis: 0 };
  const namedTicks: Record<string, number> = {};
  const nameOf = new Map(Object.entries(named).map(([name, pid]) => [pid, name]));
  const others: Array<{ pid: number; command: string; ticks: number }> = [];
  for (const [pid, p] of b.procs) {
    const delta = p.ticks - (a.procs.get(pid)?.ticks ?? 0);
    if (nameOf.has(pid)) namedTicks[nameOf.get(pid)!] = delta;
    else if (pid === process.pid) sums.bench += delta;
    else if (p.comm.startsWith('postgres')) {
      // The postmaster reaps parallel query and autovacuum workers that ended meanwhile: their
      // CPU time shows up in its children's times.
      const before = a.procs.get(pid);
      sums.postgres += delta + (before ? p.children - before.children : 0);
    }
    else if (p.comm.startsWith('redis-server')) sums.redis += delta;
    else if (delta > 0) others.push({ pid, command: p.comm, ticks: delta });
  }
  const cores = (ticks: number) => Number((ticks / TICKS_PER_SECOND / seconds).toFixed(2));
  const busiestOther = others
    .sort((x, y) => y.ticks - x.ticks)
    .slice(0, 3)
    .map((o) => ({ pid: o.pid, command: o.command, cores: cores(o.ticks) }))
    .filter((o) => o.cores >= 0.05);
  const total = b.busy - a.busy;
  const namedSum = Object.values(namedTicks).reduce((x, y) => x + y, 0);
  return {
    seconds,
    cpus: cpus().length,
    cores: {
      total: cores(total),
      bench: cores(sums.bench),
      postgres: cores(sums.postgres),
      redis: cores(sums.redis),
      // includes processes that ended during the measurement (e.g. another test run's workers)
      other: cores(Math.max(0, total - sums.bench - sums.postgres - sums.redis - namedSum)),
    },
    busiestOther,
    ...(nameOf.size ? { named: Object.fromEntries(Object.entries(namedTicks).map(([k, v]) => [k, cores(v)])) } : {}),
  };
}

/** Other processes using more than this many cores disturb the figures (an info check, not a failure). */
export const QUIET_OTHER_CORES = 0.2;

export function quietMachine(u: CpuUse | null, during = 'the measurement'): Check {
  return {
    name: `nothing else kept the CPUs busy during ${during}`,
    ok: !u || u.cores.other <= QUIET_OTHER_CORES,
    info: true,
    detail: u
      ? `other processes used ${u.cores.other} of ${u.cpus} cores on average${u.busiestOther.length ? ` (${u.busiestOther.map((o) => `${o.command} pid ${o.pid}: ${o.cores}`).join(', ')})` : ' (processes that have ended since)'}: the figures are disturbed, compare with care`
      : '',
  };
}

export const fmtCpu = (u: CpuUse | null): string =>
  u
    ? `CPU (busy cores of ${u.cpus}): total ${u.cores.total} = this process ${u.cores.bench}${Object.entries(u.named ?? {}).map(([k, v]) => ` + ${k} ${v}`).join('')} + postgres ${u.cores.postgres} + redis ${u.cores.redis} + other ${u.cores.other}`
    : 'CPU use: not measured (no /proc)';
