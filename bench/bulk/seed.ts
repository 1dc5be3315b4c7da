/**
 * Bulk seeding: a unit tree (one county, its streets and towns, their communities and villages),
 * staff in every unit, and `cases` cases over the last `years` years with their parties,
 * deadlines, timelines, assignments, agreements and follow-up visits, streamed with COPY (one
 * connection per table, the next chunk generated while the previous one is written). Every
 * index, constraint and trigger stays in place: the rows go through them as the app's would.
 *
 * Used by `npm run seed:bulk` (scripts/seed-bulk.ts) and by the HTTP benchmark (bench/http.ts).
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/passwords';
import { PiiService } from '../../src/common/pii/pii.service';
import { loadConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { dropDatabase, ensureDatabase, withDatabase, databaseName } from '../../src/database/database-admin';
import { runMigrations } from '../../src/database/migrate';
import { OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS } from '../../src/deadlines/calendar-data';
import { BusinessCalendar, localDateOf } from '../../src/deadlines/period';
import { emptyRows, Generator as CaseGenerator, Person, SeedUnit, TABLE_NAMES, TableName, TABLES, Tally, World, DAY } from './generate';
import * as P from './pools';
import { Rng } from './random';

export const DEFAULT_PG_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_STAFF_PASSWORD = 'Seed-staff-pass-2026';

export interface SeedOptions {
  /** The database to fill; it is migrated first. */
  url: string;
  cases: number;
  /** Add to a database that already has cases (otherwise it is refused). */
  append?: boolean;
  seed?: number;
  /** Cases per COPY round (default 5,000). */
  chunk?: number;
  years?: number;
  /** Password of every seeded staff account. */
  staffPassword?: string;
  /** VACUUM (ANALYZE) the written tables at the end (default), else ANALYZE only. */
  vacuum?: boolean;
  now?: Date;
  /** Where PII_KEY, PII_KEY_ID and PII_OLD_KEYS are read from, as the app reads them (default process.env). */
  env?: Record<string, string | undefined>;
  /** Progress lines (stderr); the caller prints the summary. */
  log?: (line: string) => void;
  /** A line that rewrites itself (rows/s, ETA). */
  progress?: (text: string) => void;
  progressDone?: (text: string) => void;
}

export interface SeedResult {
  database: string;
  url: string;
  rows: Record<TableName, number>;
  tally: Tally;
  units: { county: number; town: number; village: number };
  staff: number;
  root: { id: string; code: string; name: string };
  logins: { clerk: string; director: string; password: string };
  period: { from: Date; to: Date };
  elapsedMs: number;
  generateMs: number;
  /** Time spent in each table's COPY (they overlap). */
  copyMs: Record<TableName, number>;
  analyzeMs: number;
  databaseBytes: number;
  tableBytes: Record<string, number>;
}

/** A fresh database name for a private run: tj_<purpose>_<time>_<random>. */
export const privateDatabaseName = (purpose: string): string => `tj_${purpose}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

export async function createPrivateDatabase(purpose: string, server = process.env.SEED_PG_SERVER || process.env.BENCH_DATABASE_URL || DEFAULT_PG_SERVER): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = privateDatabaseName(purpose);
  const url = withDatabase(server, name);
  const created = await ensureDatabase(url);
  if (!created) throw new Error(`database ${name} already exists`);
  return { name, url, drop: () => dropDatabase(url) };
}

/** How many cases the database holds (0 when it has no cases table yet). */
export async function existingCases(url: string): Promise<number> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const [{ t }] = (await client.query<{ t: string | null }>(`SELECT to_regclass('public.cases')::text AS t`)).rows;
    if (!t) return 0;
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM cases LIMIT 1000000000) c`);
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

export async function seedBulk(opts: SeedOptions): Promise<SeedResult> {
  const log = opts.log ?? (() => undefined);
  const started = Date.now();
  const now = opts.now ?? new Date();
  const years = opts.years ?? 3;
  const chunk = opts.chunk ?? 5000;
  const rng = new Rng(opts.seed ?? 20261124);

  const before = await existingCases(opts.url);
  if (before > 0 && !opts.append) {
    throw new Error(`database ${databaseName(opts.url)} already has ${before.toLocaleString('en')} cases: refusing to add to it (pass --append to add anyway)`);
  }

  // Migrations and the PII key exactly as the app has them (PII_KEY, or the key generated once
  // and kept in system_settings): the app decrypts and matches what is written here.
  log(`  migrating ${databaseName(opts.url)}…`);
  const ds = new DataSource(dataSourceOptions(opts.url, { poolSize: 2, applicationName: 'tiaojie-seed-bulk' }));
  await ds.initialize();
  let pii: PiiService;
  try {
    await runMigrations(ds);
    pii = new PiiService(loadConfig({ ...(opts.env ?? process.env), DATABASE_URL: opts.url }), ds);
    await pii.onModuleInit();
  } finally {
    await ds.destroy();
  }

  const admin = new Client({ connectionString: opts.url, application_name: 'tiaojie-seed-bulk' });
  await admin.connect();
  const copiers = new Map<TableName, Client>();
  try {
    const password = opts.staffPassword ?? process.env.SEED_STAFF_PASSWORD ?? DEFAULT_STAFF_PASSWORD;
    const { units, root, staff } = await ensureTree(admin, password, log);
    const sequences = new Map<string, number>();
    for (const r of (await admin.query<{ unit_code: string; year: number; last_value: number }>(`SELECT unit_code, year, last_value FROM case_number_sequences`)).rows) {
      sequences.set(`${r.unit_code}-${r.year}`, r.last_value);
    }
    const world: World = {
      now,
      today: localDateOf(now),
      calendar: new BusinessCalendar(OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS),
      cipher: pii,
      units,
      regionCode: root.code.slice(0, 6),
      sequences,
    };
    const gen = new CaseGenerator(world, rng);

    for (const t of TABLE_NAMES) {
      const c = new Client({ connectionString: opts.url, application_name: `tiaojie-seed-bulk-${t}` });
      await c.connect();
      // Each COPY commits on its own; losing the last one on a crash costs nothing here.
      await c.query(`SET synchronous_commit = off`);
      copiers.set(t, c);
    }
    const copyMs = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;
    const copy = async (table: TableName, lines: string[]) => {
      if (!lines.length) return;
      const t0 = Date.now();
      const stream = copyFrom(`COPY ${table} (${TABLES[table].join(', ')}) FROM STDIN`);
      await pipeline(Readable.from(batches(lines)), copiers.get(table)!.query(stream));
      copyMs[table] += Date.now() - t0;
    };

    const rows = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;
    const spanMs = years * 365 * DAY;
    const from = now.getTime() - spanMs;
    // Registrations grow by a third over the period: density 1 + g·x on [0, 1], cut into equal-mass slices.
    const g = 1 / 3;
    const xOf = (u: number) => (-1 + Math.sqrt(1 + 2 * g * u * (1 + g / 2))) / g;
    // Chunk k's cases go in once chunk k-1's cases are in; its other tables follow its cases; at
    // most two chunks are in flight, so generating, the cases COPY and the other COPYs overlap.
    let casesIn: Promise<void> = Promise.resolve();
    const inflight: Array<Promise<void>> = [];
    let generateMs = 0;
    let done = 0;
    const loadStart = Date.now();
    for (let k0 = 0; k0 < opts.cases; k0 += chunk) {
      const k1 = Math.min(opts.cases, k0 + chunk);
      const t0 = from + xOf(k0 / opts.cases) * spanMs;
      const t1 = from + xOf(k1 / opts.cases) * spanMs;
      const g0 = Date.now();
      const batch = emptyRows();
      gen.generate(gen.registrationTimes(k1 - k0, t0, t1), batch);
      generateMs += Date.now() - g0;
      if (inflight.length >= 2) await inflight.shift();
      for (const t of TABLE_NAMES) rows[t] += batch[t].length;
      // Cases first (the other tables' foreign keys point at them), then the rest side by side.
      const previousCases = casesIn;
      casesIn = previousCases.then(() => copy('cases', batch.cases));
      const mine = casesIn;
      const previousChunk = inflight[inflight.length - 1] ?? Promise.resolve();
      const chunkIn = (async () => {
        await mine;
        await previousChunk;
        await Promise.all(TABLE_NAMES.filter((t) => t !== 'cases').map((t) => copy(t, batch[t])));
        done = k1;
        const secs = (Date.now() - loadStart) / 1000;
        const total = Object.values(rows).reduce((a, b) => a + b, 0);
        const eta = done < opts.cases ? ((secs / done) * (opts.cases - done)).toFixed(0) : '0';
        opts.progress?.(
          `${done.toLocaleString('en')}/${opts.cases.toLocaleString('en')} cases · ${Math.round(done / secs).toLocaleString('en')} cases/s · ${Math.round(total / secs).toLocaleString('en')} rows/s · ETA ${eta} s`,
        );
      })();
      // Failures surface where the chunk is awaited; this only keeps Node from calling them unhandled meanwhile.
      chunkIn.catch(() => undefined);
      casesIn.catch(() => undefined);
      inflight.push(chunkIn);
    }
    await Promise.all(inflight);
    const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
    opts.progressDone?.(`${opts.cases.toLocaleString('en')} cases, ${totalRows.toLocaleString('en')} rows in ${((Date.now() - loadStart) / 1000).toFixed(1)} s`);

    // The app continues each unit's numbering after the seeded cases.
    const seqRows = [...world.sequences.entries()].map(([k, v]) => {
      const i = k.lastIndexOf('-');
      return [k.slice(0, i), Number(k.slice(i + 1)), v] as const;
    });
    if (seqRows.length) {
      await admin.query(
        `INSERT INTO case_number_sequences (unit_code, year, last_value)
         SELECT * FROM unnest($1::varchar[], $2::int[], $3::int[])
         ON CONFLICT (unit_code, year) DO UPDATE SET last_value = GREATEST(case_number_sequences.last_value, excluded.last_value)`,
        [seqRows.map((r) => r[0]), seqRows.map((r) => r[1]), seqRows.map((r) => r[2])],
      );
    }

    const a0 = Date.now();
    const vacuum = opts.vacuum ?? true;
    log(`  ${vacuum ? 'VACUUM (ANALYZE)' : 'ANALYZE'} of the written tables…`);
    // VACUUM sets the visibility map and hint bits, as a database in service has them: without it
    // the first reads rewrite every page and index-only scans visit the heap.
    for (const t of [...TABLE_NAMES, 'case_number_sequences', 'staff_users', 'org_units']) await admin.query(`${vacuum ? 'VACUUM (ANALYZE)' : 'ANALYZE'} ${t}`);
    const analyzeMs = Date.now() - a0;

    const [{ size }] = (await admin.query<{ size: string }>(`SELECT pg_database_size(current_database()) AS size`)).rows;
    const tableBytes: Record<string, number> = {};
    for (const r of (await admin.query<{ t: string; b: string }>(`SELECT relname AS t, pg_total_relation_size(oid) AS b FROM pg_class WHERE relname = ANY($1) AND relkind = 'r'`, [TABLE_NAMES])).rows) {
      tableBytes[r.t] = Number(r.b);
    }
    const level = (l: string) => units.filter((u) => u.level === l).length;
    return {
      database: databaseName(opts.url),
      url: opts.url,
      rows,
      tally: gen.tally,
      units: { county: level('county'), town: level('town'), village: level('village') },
      staff,
      root,
      logins: { clerk: `clerk-${root.code}-1`, director: `director-${root.code}-1`, password },
      period: { from: new Date(from), to: now },
      elapsedMs: Date.now() - started,
      generateMs,
      copyMs,
      analyzeMs,
      databaseBytes: Number(size),
      tableBytes,
    };
  } finally {
    for (const c of copiers.values()) await c.end().catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}

/** Joins COPY lines into ~1 MB writes. */
function* batches(lines: string[]): Generator<string> {
  let buf: string[] = [];
  let size = 0;
  for (const l of lines) {
    buf.push(l);
    size += l.length;
    if (size > 256_000) {
      yield buf.join('');
      buf = [];
      size = 0;
    }
  }
  if (buf.length) yield buf.join('');
}

// ---------------------------------------------------------------------------------------------
// The unit tree and its staff
// ---------------------------------------------------------------------------------------------

interface UnitRow {
  id: string;
  code: string;
  name: string;
  level: 'county' | 'town' | 'village';
  path: string;
  parent_id: string | null;
}

/**
 * The county (the existing root, or 安吉县 330523 when there is none), 12 streets and towns below
 * it and ~150 communities and villages below those, reusing whatever already exists by code; and
 * in every unit a director, clerks and mediators (usernames `<role>-<unit code>-<n>`).
 */
async function ensureTree(c: Client, password: string, log: (s: string) => void): Promise<{ units: SeedUnit[]; root: { id: string; code: string; name: string }; staff: number }> {
  const names = new Rng(7); // the same tree and staff names every time
  let [root] = (await c.query<UnitRow>(`SELECT id, code, name, level, path, parent_id FROM org_units WHERE parent_id IS NULL ORDER BY created_at LIMIT 1`)).rows;
  if (!root) {
    const id = randomUUID();
    await c.query(
      `INSERT INTO org_units (id, code, name, level, kind, parent_id, path, center_name, active, version) VALUES ($1, '330523', '安吉县', 'county', 'county', NULL, $2, '安吉县矛盾纠纷调处化解中心', true, 1)`,
      [id, `/${id}/`],
    );
    await c.query(
      `INSERT INTO audit_events (occurred_at, actor_type, actor_id, actor_name, action, subject_type, subject_id, org_unit_id, after) VALUES (now(), 'system', NULL, 'system', 'org_unit.created', 'org_unit', $1, $1, $2)`,
      [id, { code: '330523', name: '安吉县' }],
    );
    root = { id, code: '330523', name: '安吉县', level: 'county', path: `/${id}/`, parent_id: null };
  }
  const existing = new Map((await c.query<UnitRow>(`SELECT id, code, name, level, path, parent_id FROM org_units`)).rows.map((u) => [u.code, u]));
  const all: Array<UnitRow & { address: string }> = [{ ...root, address: `浙江省湖州市${root.name}` }];
  const usedNames = new Set<string>();
  const ensure = async (code: string, name: string, level: 'town' | 'village', kind: string, parent: UnitRow, center: string | null): Promise<UnitRow> => {
    const found = existing.get(code);
    if (found) return found;
    const id = randomUUID();
    const row: UnitRow = { id, code, name, level, path: `${parent.path}${id}/`, parent_id: parent.id };
    await c.query(`INSERT INTO org_units (id, code, name, level, kind, parent_id, path, center_name, active, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true, 1)`, [id, code, name, level, kind, parent.id, row.path, center]);
    return row;
  };
  for (const t of P.TOWNS) {
    const town = await ensure(`${root.code.slice(0, 6)}${t.code}`, t.name, 'town', t.kind, root, `${t.name}社会矛盾纠纷调处化解中心`);
    all.push({ ...town, address: `浙江省湖州市${root.name}${town.name}` });
    const count = t.kind === 'street' ? 10 : 14;
    for (let i = 1; i <= count; i++) {
      let name: string;
      do {
        name = `${names.pick(P.PLACE_FIRST)}${names.pick(P.PLACE_SECOND)}${t.kind === 'street' ? names.pick(P.COMMUNITY_SUFFIX) : '村'}`;
      } while (usedNames.has(name));
      usedNames.add(name);
      const village = await ensure(`${town.code}${String(i).padStart(3, '0')}`, name, 'village', t.kind === 'street' ? 'community' : 'village', town, null);
      all.push({ ...village, address: `浙江省湖州市${root.name}${town.name}${village.name}` });
    }
  }

  // Staff: one argon2 hash for everyone (hashing ~900 passwords one by one would take minutes).
  const hash = await hashPassword(password);
  const wanted: Array<{ username: string; displayName: string; role: string; unitId: string }> = [];
  for (const u of all) {
    const counts = u.level === 'county' ? { director: 2, intake_clerk: 4, mediator: 10 } : u.level === 'town' ? { director: 1, intake_clerk: 2, mediator: 5 } : { director: 1, intake_clerk: 1, mediator: 3 };
    for (const [role, n] of Object.entries(counts)) {
      for (let i = 1; i <= n; i++) {
        const prefix = role === 'intake_clerk' ? 'clerk' : role;
        const male = names.chance(0.5);
        wanted.push({ username: `${prefix}-${u.code}-${i}`, displayName: `${names.pick(P.SURNAMES)[0]}${names.pick(male ? P.MALE_GIVEN : P.FEMALE_GIVEN)}`, role, unitId: u.id });
      }
    }
  }
  await c.query(
    `INSERT INTO staff_users (username, display_name, password_hash, roles, org_unit_id, active, token_version, version)
     SELECT w.username, w.display_name, $5, ARRAY[w.role]::varchar[], w.unit_id, true, 0, 1
       FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::uuid[]) AS w(username, display_name, role, unit_id)
     ON CONFLICT (username) DO NOTHING`,
    [wanted.map((w) => w.username), wanted.map((w) => w.displayName), wanted.map((w) => w.role), wanted.map((w) => w.unitId), hash],
  );
  const staffRows = (await c.query<{ id: string; username: string; display_name: string; roles: string[]; org_unit_id: string }>(`SELECT id, username, display_name, roles, org_unit_id FROM staff_users WHERE username = ANY($1)`, [wanted.map((w) => w.username)])).rows;
  const byUnit = new Map<string, { directors: Person[]; clerks: Person[]; mediators: Person[] }>();
  for (const s of staffRows) {
    const entry = byUnit.get(s.org_unit_id) ?? { directors: [], clerks: [], mediators: [] };
    const p = { id: s.id, name: s.display_name };
    if (s.roles.includes('director')) entry.directors.push(p);
    else if (s.roles.includes('intake_clerk')) entry.clerks.push(p);
    else entry.mediators.push(p);
    byUnit.set(s.org_unit_id, entry);
  }
  const units: SeedUnit[] = all.map((u) => ({ id: u.id, code: u.code, name: u.name, level: u.level, path: u.path, address: u.address, ...byUnit.get(u.id)! }));
  log(`  unit tree: ${units.length} units under ${root.name} (${root.code}); ${staffRows.length} staff accounts`);
  return { units, root: { id: root.id, code: root.code, name: root.name }, staff: staffRows.length };
}

// ---------------------------------------------------------------------------------------------
// The summary
// ---------------------------------------------------------------------------------------------

export const fmtBytes = (b: number): string => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GB` : b >= 2 ** 20 ? `${(b / 2 ** 20).toFixed(0)} MB` : `${(b / 1024).toFixed(0)} kB`);

export function seedSummary(r: SeedResult): string {
  const total = Object.values(r.rows).reduce((a, b) => a + b, 0);
  const width = Math.max(...TABLE_NAMES.map((t) => t.length));
  const lines = [
    `Seeded ${r.database}: ${r.rows.cases.toLocaleString('en')} cases, ${total.toLocaleString('en')} rows in ${(r.elapsedMs / 1000).toFixed(0)} s (${Math.round(total / (r.elapsedMs / 1000)).toLocaleString('en')} rows/s overall)`,
    `  period        ${r.period.from.toISOString().slice(0, 10)} … ${r.period.to.toISOString().slice(0, 10)}`,
    `  unit tree     ${r.root.name} (${r.root.code}): ${r.units.town} streets/towns, ${r.units.village} communities/villages; ${r.staff} staff accounts`,
    '',
    `  ${'table'.padEnd(width)}  ${'rows written'.padStart(12)}  ${'size'.padStart(9)}`,
    ...TABLE_NAMES.map((t) => `  ${t.padEnd(width)}  ${r.rows[t].toLocaleString('en').padStart(12)}  ${fmtBytes(r.tableBytes[t] ?? 0).padStart(9)}`),
    `  ${'database'.padEnd(width)}  ${''.padStart(12)}  ${fmtBytes(r.databaseBytes).padStart(9)}`,
    '',
    `  case status    ${Object.entries(r.tally.status).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}`,
    `  open and overdue now: ${r.tally.overdueOpen.toLocaleString('en')}`,
    `  deadlines      ${Object.entries(r.tally.deadlines).sort().map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}`,
    `  time           generating ${(r.generateMs / 1000).toFixed(0)} s in Node; COPY ${TABLE_NAMES.map((t) => `${t} ${(r.copyMs[t] / 1000).toFixed(0)} s`).join(', ')} (overlapping); VACUUM/ANALYZE ${(r.analyzeMs / 1000).toFixed(0)} s`,
    '',
    `  sign in as ${r.logins.clerk} (intake clerk, whole county) or ${r.logins.director} (director), password ${r.logins.password}`,
  ];
  return lines.join('\n');
}
