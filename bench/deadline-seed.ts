/**
 * Seeding for the deadline benchmarks: staff, cases and deadline rows written straight with SQL
 * (10,000 rows in well under a second), shaped as DeadlinesService.start() would write them.
 */
import { DataSource } from 'typeorm';
import { toIso } from '../src/common/time/iso';
import { resolvePolicy } from '../src/deadlines/deadline-kinds';
import type { ReminderStage } from '../src/deadlines/deadline.entity';
import { explainDue } from '../src/deadlines/explain';
import type { DueResult } from '../src/deadlines/period';
import { BenchApp, BenchContext, bootApp } from './support';

const HOUR_MS = 3_600_000;
const CASE_NUMBER_PREFIX = 'BENCH-';

export interface SeedBase {
  rootUnitId: string;
  /** Case ids in a stable order; deadline i belongs to case i. */
  caseIds: string[];
}

/**
 * A director and a mediator in the root unit (created at boot), and `n` registered cases assigned
 * to the mediator, so reminders reach the mediator and misses the director too, as in production.
 * Idempotent: a second call reuses what is there.
 */
export async function ensureCasesAndStaff(ds: DataSource, n: number): Promise<SeedBase> {
  const [{ id: rootUnitId }] = await ds.query(`SELECT id FROM org_units WHERE parent_id IS NULL ORDER BY created_at LIMIT 1`);
  // Same hash as the admin: nobody signs in during the benchmark, and argon2 is slow on purpose.
  await ds.query(
    `INSERT INTO staff_users (username, display_name, password_hash, roles, org_unit_id, active, version)
     SELECT u.username, u.display_name, a.password_hash, u.roles::varchar[], $1, true, 1
       FROM (VALUES ('bench-director', '压测主任', '{director}'), ('bench-mediator', '压测调解员', '{mediator}')) AS u(username, display_name, roles)
       CROSS JOIN (SELECT password_hash FROM staff_users ORDER BY created_at LIMIT 1) a
     ON CONFLICT (username) DO NOTHING`,
    [rootUnitId],
  );
  const [{ id: mediatorId }] = await ds.query(`SELECT id FROM staff_users WHERE username = 'bench-mediator'`);
  await ds.query(
    `INSERT INTO cases (number, org_unit_id, channel, title, description, party_count, risk_level, status, assignee_id, search_text, registered_at, version)
     SELECT $1 || lpad(g::text, 6, '0'), $2, 'walk_in', '邻里噪音纠纷（压测 ' || g || '）', '楼上住户夜间噪音，双方多次协商未果。', 2, 'blue', 'registered', $3,
            '邻里噪音纠纷 压测', now(), 1
       FROM generate_series(1, $4::int) g
     ON CONFLICT (number) DO NOTHING`,
    [CASE_NUMBER_PREFIX, rootUnitId, mediatorId, n],
  );
  const rows: Array<{ id: string }> = await ds.query(`SELECT id FROM cases WHERE number LIKE $1 ORDER BY number LIMIT $2`, [`${CASE_NUMBER_PREFIX}%`, n]);
  return { rootUnitId, caseIds: rows.map((r) => r.id) };
}

export interface DeadlineSeed {
  /** The row's first instant (ms since epoch): the reminder's `at`, or the due time. */
  firstAt: number;
  /** true: one reminder at firstAt, due an hour later; false: due at firstAt (a miss fires). */
  withReminder: boolean;
}

/**
 * Pending `triage` rows as DeadlinesService.start() leaves them before the commit hook schedules
 * them: next_action_at = first instant, job_epoch NULL. Returns their ids in the given order.
 */
export async function insertDeadlines(ds: DataSource, base: SeedBase, seeds: DeadlineSeed[]): Promise<string[]> {
  if (seeds.length > base.caseIds.length) throw new Error(`need ${seeds.length} cases, have ${base.caseIds.length}`);
  const policy = resolvePolicy('triage');
  const now = new Date();
  const caseIds: string[] = [];
  const starts: string[] = [];
  const dues: string[] = [];
  const nexts: string[] = [];
  const reminders: string[] = [];
  const computations: string[] = [];
  seeds.forEach((s, i) => {
    const first = new Date(s.firstAt);
    const due = s.withReminder ? new Date(s.firstAt + HOUR_MS) : first;
    // A one-hour clock: started an hour before it is due (the reminder rows: about now).
    const start = new Date(due.getTime() - HOUR_MS);
    const result: DueResult = { dueAt: due, dueDate: toIso(due).slice(0, 10), startDate: toIso(start).slice(0, 10), unit: 'hours', duration: 1, calendarIncomplete: false };
    const stages: ReminderStage[] = s.withReminder ? [{ stage: 'remind-0', at: first.toISOString(), before: 1, unit: 'hours' }] : [];
    caseIds.push(base.caseIds[i]);
    starts.push(start.toISOString());
    dues.push(due.toISOString());
    nexts.push(first.toISOString());
    reminders.push(JSON.stringify(stages));
    computations.push(JSON.stringify({ ...result, dueAt: due.toISOString(), explanation: explainDue(result, start) }));
  });
  const rows: Array<{ id: string }> = await ds.query(
    `INSERT INTO deadlines (case_id, org_unit_id, kind, label, statutory, legal_basis, start_at, unit, duration, due_at, computation, status, reminders, next_action_at, job_epoch, version, created_at, updated_at)
     SELECT s.case_id, $1, 'triage', $2, false, $3::jsonb, s.start_at, 'hours', 1, s.due_at, s.computation, 'pending', s.reminders, s.next_at, NULL, 1, $9, $9
       FROM unnest($4::uuid[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::jsonb[], $10::jsonb[]) WITH ORDINALITY
            AS s(case_id, start_at, due_at, next_at, reminders, computation, n)
      ORDER BY s.n
     RETURNING id`,
    [base.rootUnitId, policy.label, JSON.stringify(policy.legalBasis), caseIds, starts, dues, nexts, reminders, now, computations],
  );
  return rows.map((r) => r.id);
}

/**
 * Empties the deadline tables (and what effects wrote) between scenarios; cases and staff stay.
 * Call it before the app boots: the worker's start-up sweep would otherwise schedule the previous
 * scenario's rows.
 */
export async function clearDeadlines(ds: { query(sql: string): Promise<unknown> }): Promise<void> {
  await ds.query(`TRUNCATE deadlines, deadline_effects`);
  await ds.query(`DELETE FROM notifications WHERE kind LIKE 'deadline.%'`);
  await ds.query(`UPDATE cases SET overdue = false WHERE overdue`);
}

/**
 * The app as both deadline scenarios run it: API and worker in one process, the watchdog quick and
 * the periodic sweep out of the way so it cannot mask late jobs.
 */
export function bootEngine(ctx: BenchContext, prefix: string): Promise<BenchApp> {
  return bootApp({
    APP_ROLE: 'all',
    DATABASE_URL: ctx.db.url,
    REDIS_URL: ctx.redis.url,
    REDIS_PREFIX: prefix,
    DEADLINE_WATCHDOG_MS: '500',
    DEADLINE_SWEEP_INTERVAL_MS: '600000',
    ...(process.env.BENCH_WORKER_CONCURRENCY ? { DEADLINE_WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY } : {}),
  });
}
