/**
 * The bare baseline of the HTTP benchmark: node:http and a pg Pool (the app's pool size), no
 * framework, no auth, no validation library. It answers the same requests with the same SQL the
 * application issues for them, so `app / baseline` is what the framework, auth, DTOs and the
 * app's extra work (audit row, triage, deadline, events) cost on top of the database.
 *
 * - POST /cases: the same case row and party rows as registration writes (number from the same
 *   per-unit sequence, identifiers encrypted, blind-indexed and masked by the same functions),
 *   in one transaction: sequence upsert, INSERT case, INSERT parties.
 * - GET /cases/:id: the case (scoped by the unit path, as the app does) and its parties.
 * - GET /cases?…: the list query (status, unit, registration range, text search) as the app builds it.
 * - GET /deadlines?view=overdue[&orgUnitId]: the overdue list query.
 * - GET /reports/summary?from&to: the report's SQL, run through the reports' own repository on a
 *   bare pg pool (its statements, not the service around them).
 *
 * Run as a child process by bench/http.ts: `node -r ts-node/register/transpile-only bench/http-baseline.ts`,
 * env DATABASE_URL, PORT, SCOPE_PATH (the caller's unit path), CLERK_ID, POOL_SIZE. Prints
 * `READY <port>` when listening.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Pool } from 'pg';
import { parsePiiKey, PiiCipher, protectIdentifiers } from '../src/common/pii';
import { localDateOf } from '../src/deadlines/period';
import { ReportsRepository } from '../src/reports/reports.repository';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10), application_name: 'tiaojie-bench-baseline' });
const SCOPE = process.env.SCOPE_PATH ?? '/';
const CLERK_ID = process.env.CLERK_ID ?? null;
const scopePattern = (path: string) => `${path}%`;

const CASE_COLUMNS = `c.id, c.number, c.org_unit_id, c.channel, c.external_ref, c.source_partner_id, c.title, c.description, c.category, c.subcategory, c.track, c.amount_fen,
  c.party_count, c.risk_level, c.risk_reasons, c.suggestion, c.status, c.decision, c.merged_into_id, c.track_facts, c.mediation_clock, c.assignee_id, c.overdue,
  c.prior_visits, c.search_text, c.registered_by_id, c.registered_at, c.version, c.created_at, c.updated_at`;
const PARTY_PUBLIC = `id, case_id, position, role, kind, name, id_type, id_number_masked, id_warning, mobile_masked, address_masked, vulnerable`;

interface PartyInput {
  role: string;
  kind: string;
  name: string;
  idType?: 'resident_id' | 'credit_code';
  idNumber?: string;
  mobile?: string;
  address?: string;
  vulnerable?: string[];
}

let cipher: PiiCipher;

async function init(): Promise<void> {
  if (process.env.PII_KEY) {
    const id = process.env.PII_KEY_ID ?? 'k1';
    cipher = new PiiCipher({ current: id, keys: { [id]: parsePiiKey(process.env.PII_KEY) } });
  } else {
    const { rows } = await pool.query<{ value: string }>(`SELECT value FROM system_settings WHERE key = 'pii.generated_key'`);
    if (!rows.length) throw new Error('no PII key: set PII_KEY or let the app generate one first');
    cipher = new PiiCipher({ current: 'gen', keys: { gen: parsePiiKey(rows[0].value) } });
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The unit the app would look up (getInScope): one statement, as there. */
async function unitInScope(id: string): Promise<{ code: string; path: string } | null> {
  const { rows } = await pool.query<{ code: string; path: string }>(`SELECT code, path FROM org_units WHERE id = $1`, [id]);
  const u = rows[0];
  return u && u.path.startsWith(SCOPE) ? u : null;
}

async function register(body: string, res: http.ServerResponse): Promise<void> {
  const dto = JSON.parse(body) as { channel?: string; orgUnitId: string; title: string; description: string; amount?: string; parties: PartyInput[]; priorVisits?: number };
  if (!dto.title || !dto.description || !Array.isArray(dto.parties) || !dto.parties.length) return send(res, 400, { error: 'invalid' });
  const now = new Date();
  const today = localDateOf(now);
  const parties = dto.parties.map((p, i) => {
    const checked = protectIdentifiers(cipher, p, { path: `parties[${i}]`, context: 'case_party', today, defaultIdType: p.kind === 'organisation' ? 'credit_code' : 'resident_id' });
    if (checked.errors.length) throw Object.assign(new Error('invalid party'), { status: 400 });
    return { ...p, ...checked.value };
  });
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const unit = (await client.query<{ code: string; path: string }>(`SELECT code, path FROM org_units WHERE id = $1`, [dto.orgUnitId])).rows[0];
    if (!unit || !unit.path.startsWith(SCOPE)) {
      await client.query('ROLLBACK');
      return send(res, 404, { error: 'unit' });
    }
    const year = Number(today.slice(0, 4));
    const seq = (
      await client.query<{ last_value: number }>(
        `INSERT INTO case_number_sequences (unit_code, year, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (unit_code, year) DO UPDATE SET last_value = case_number_sequences.last_value + 1 RETURNING last_value`,
        [unit.code, year],
      )
    ).rows[0].last_value;
    const id = randomUUID();
    const number = `TJ-${unit.code}-${year}-${String(seq).padStart(6, '0')}`;
    const amountFen = dto.amount ? String(Math.round(Number(dto.amount) * 100)) : null;
    await client.query(
      `INSERT INTO cases (id, number, org_unit_id, channel, title, description, amount_fen, party_count, risk_level, risk_reasons, status, prior_visits, search_text, registered_by_id, registered_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'blue', '[]', 'registered', $9, $10, $11, $12, 1)`,
      [id, number, dto.orgUnitId, dto.channel ?? 'walk_in', dto.title, dto.description, amountFen, parties.length, dto.priorVisits ?? 0, [dto.title, dto.description, ...dto.parties.map((p) => p.name)].join(' '), CLERK_ID, now],
    );
    const values: unknown[] = [];
    const tuples = parties.map((p, i) => {
      const row = [randomUUID(), id, i, p.role, p.kind, p.name, p.idType, p.idNumberEnc, p.idNumberIndex, p.idNumberMasked, p.idWarning, p.mobileEnc, p.mobileIndex, p.mobileMasked, p.addressEnc, p.addressMasked, p.vulnerable ?? []];
      values.push(...row);
      return `(${row.map((_, k) => `$${i * row.length + k + 1}`).join(', ')})`;
    });
    await client.query(
      `INSERT INTO case_parties (id, case_id, position, role, kind, name, id_type, id_number_enc, id_number_index, id_number_masked, id_warning, mobile_enc, mobile_index, mobile_masked, address_enc, address_masked, vulnerable)
       VALUES ${tuples.join(', ')}`,
      values,
    );
    await client.query('COMMIT');
    send(res, 201, { id, number, status: 'registered', parties: parties.map((p) => ({ role: p.role, name: p.name, idNumber: p.idNumberMasked, mobile: p.mobileMasked })) });
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

async function getCase(id: string, res: http.ServerResponse): Promise<void> {
  const { rows } = await pool.query(`SELECT ${CASE_COLUMNS} FROM cases c INNER JOIN org_units u ON u.id = c.org_unit_id WHERE u.path LIKE $1 AND c.id = $2`, [scopePattern(SCOPE), id]);
  if (!rows.length) return send(res, 404, { error: 'not found' });
  const parties = await pool.query(`SELECT ${PARTY_PUBLIC} FROM case_parties WHERE case_id = $1`, [id]);
  send(res, 200, { ...rows[0], search_text: undefined, parties: parties.rows });
}

async function listCases(q: URLSearchParams, res: http.ServerResponse): Promise<void> {
  const where = ['u.path LIKE $1'];
  const params: unknown[] = [scopePattern(SCOPE)];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql.replace(/\?/g, () => `$${params.push(values.shift()) }`));
  };
  const status = q.get('status');
  if (status) add(`c.status = ANY(?)`, status.split(','));
  if (q.get('riskLevel')) add(`c.risk_level = ANY(?)`, q.get('riskLevel')!.split(','));
  if (q.get('overdue')) add(`c.overdue = ?`, q.get('overdue') === 'true');
  if (q.get('registeredFrom')) add(`c.registered_at >= ?`, new Date(q.get('registeredFrom')!));
  if (q.get('registeredTo')) add(`c.registered_at < ?`, new Date(q.get('registeredTo')!));
  if (q.get('orgUnitId')) {
    const unit = await unitInScope(q.get('orgUnitId')!);
    if (!unit) return send(res, 404, { error: 'unit' });
    add(`u.path LIKE ?`, scopePattern(unit.path));
  }
  const limit = Number(q.get('limit') ?? 50);
  const text = q.get('q');
  const select = (extra: string[], extraParams: unknown[], n: number) => {
    const all = [...params];
    const conditions = [...where, ...extra.map((e) => e.replace(/\?/g, () => `$${all.push(extraParams.shift())}`))];
    return pool.query(`SELECT ${CASE_COLUMNS} FROM cases c INNER JOIN org_units u ON u.id = c.org_unit_id WHERE ${conditions.join(' AND ')} ORDER BY c.registered_at DESC, c.id DESC LIMIT ${n}`, all).then((r) => r.rows);
  };
  let rows: Array<Record<string, unknown>>;
  if (!text) {
    rows = await select([], [], limit + 1);
  } else {
    // The app's text search statements (CasesService.searchPage): the 4,000th newest case, then
    // up to three slices of time.
    const like = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const byIndex = 'tj_bigrams(c.search_text) @> tj_bigrams(?) AND c.search_text ILIKE ?';
    const edge = (await pool.query<{ at: Date; id: string }>(`SELECT registered_at AS at, id FROM cases ORDER BY registered_at DESC, id DESC OFFSET 3999 LIMIT 1`)).rows[0];
    if (!edge) rows = await select([byIndex], [text, like], limit + 1);
    else {
      rows = await select(['(c.registered_at, c.id) >= (?, ?)', 'c.search_text ILIKE ?'], [edge.at, edge.id, like], limit + 1);
      const windowStart = new Date(edge.at.getTime() - 60 * 86_400_000);
      if (rows.length <= limit) rows.push(...(await select(['(c.registered_at, c.id) < (?, ?)', 'c.registered_at >= ?', byIndex], [edge.at, edge.id, windowStart, text, like], limit + 1 - rows.length)));
      if (rows.length <= limit) rows.push(...(await select(['c.registered_at < ?', byIndex], [windowStart, text, like], limit + 1 - rows.length)));
    }
  }
  send(res, 200, { items: rows.slice(0, limit).map((r) => ({ ...r, search_text: undefined, description: undefined })), nextCursor: rows.length > limit ? 'more' : null });
}

async function overdue(q: URLSearchParams, res: http.ServerResponse): Promise<void> {
  // As the app: the unit asked for, or the caller's own, looked up.
  const unit = await unitInScope(q.get('orgUnitId') ?? process.env.SCOPE_UNIT_ID ?? '');
  if (!unit) return send(res, 404, { error: 'unit' });
  const path = unit.path;
  const limit = Number(q.get('limit') ?? 50);
  const { rows } = await pool.query(
    `SELECT d.* FROM deadlines d INNER JOIN org_units u ON u.id = d.org_unit_id
      WHERE u.path LIKE $1 AND (d.status = 'missed' OR (d.status = 'pending' AND d.due_at <= $2))
      ORDER BY d.due_at ASC, d.id ASC LIMIT ${limit + 1}`,
    [scopePattern(path), new Date()],
  );
  send(res, 200, { items: rows.slice(0, limit), nextCursor: rows.length > limit ? 'more' : null });
}

/** The two DataSource calls the repository makes, on the bare pool: query, and a transaction (BEGIN … COMMIT on one client). */
const bare = {
  query: (sql: string, params?: unknown[]) => pool.query(sql, params).then((r) => r.rows),
  transaction: async <T>(_isolation: string, work: (m: { query: (sql: string, params?: unknown[]) => Promise<unknown[]> }) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({ query: (sql, params) => client.query(sql, params).then((r) => r.rows) });
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  },
};
const reports = new ReportsRepository(bare as never);

async function summary(q: URLSearchParams, res: http.ServerResponse): Promise<void> {
  const from = q.get('from');
  const to = q.get('to');
  if (!from || !to) return send(res, 400, { error: 'from, to' });
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000);
  const scope = { path: SCOPE, start, end };
  const [cohort, durations, activity] = await Promise.all([reports.cohort(scope), reports.durations(scope), reports.activity(scope, new Date())]);
  send(res, 200, { registered: cohort.reduce((s, r) => s + r.n, 0), groups: cohort.length, durations, activity });
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const handle = async () => {
    if (req.method === 'POST' && url.pathname === '/cases') return register(await readBody(req), res);
    if (req.method !== 'GET') return send(res, 405, { error: 'method' });
    const byId = /^\/cases\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (byId) return getCase(byId[1], res);
    if (url.pathname === '/cases') return listCases(url.searchParams, res);
    if (url.pathname === '/deadlines') return overdue(url.searchParams, res);
    if (url.pathname === '/reports/summary') return summary(url.searchParams, res);
    if (url.pathname === '/health') return send(res, 200, { ok: true });
    send(res, 404, { error: 'route' });
  };
  handle().catch((e: Error & { status?: number }) => send(res, e.status ?? 500, { error: e.message }));
});
server.keepAliveTimeout = 60_000;

init()
  .then(() => new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve)))
  .then(() => {
    const address = server.address();
    process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : 0}\n`);
  })
  .catch((e: Error) => {
    process.stderr.write(`baseline failed to start: ${e.stack ?? e.message}\n`);
    process.exit(1);
  });

process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
