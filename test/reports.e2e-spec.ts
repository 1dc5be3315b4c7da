import { randomUUID } from 'node:crypto';
import { withStatements } from './support/sql-statements';
import { Workbook } from 'exceljs';
import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp } from './support/test-app';
import { days as roundDays, mean, percentileCont, rate } from '../src/reports/figures';
import { localDateOf } from '../src/deadlines/period';

/**
 * 评价督导 end to end: a small county with cases at every level, every outcome and every kind of
 * deadline, some through the API (so the report reads what the workflows really write) and most
 * inserted directly with chosen times. Every figure of the summary and the trend is compared with
 * a count the test makes itself from the raw rows.
 */
describe('reports', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  let dongpo: { id: string };
  const tokens: Record<string, string> = {};
  let mediatorId = '';
  const FROM = '2026-01-01';
  const TO = '2026-11-23';
  const START = new Date('2025-12-31T16:00:00.000Z');
  const END = new Date('2026-11-23T16:00:00.000Z');
  const OPEN = ['registered', 'accepted', 'in_mediation', 'suspended', 'agreement', 'performing', 'failed'];
  const OUTCOMES = ['agreement', 'failed', 'withdrawn', 'consent_refused'];

  const etagOf = async (token: string, path: string) => (await t.http().get(path).set(bearer(token)).expect(200)).headers.etag as string;
  const caseAction = async (token: string, caseId: string, action: string, body: Record<string, unknown>, status = 200) =>
    t.http().post(`/v1/cases/${caseId}/${action}`).set(bearer(token)).set('If-Match', await etagOf(token, `/v1/cases/${caseId}`)).send(body).expect(status);

  // ---- direct inserts with chosen times ------------------------------------------------------
  let seq = 0;
  async function insertCase(o: {
    unit: string; at: string; status: string; channel?: string; category?: string | null; track?: string | null; risk?: string;
    mediation?: Record<string, unknown>; overdue?: boolean; title?: string; parties?: Array<{ role: string; name: string; idMasked?: string; mobileMasked?: string; addressMasked?: string }>;
  }): Promise<string> {
    const id = randomUUID();
    seq += 1;
    const category = o.category === undefined ? 'neighbour' : o.category;
    const track = o.track === undefined ? (category ? 'general' : null) : o.track;
    await t.ds.query(
      `INSERT INTO cases (id, number, org_unit_id, channel, title, description, category, track, party_count, risk_level, status, decision, overdue, search_text, registered_at, version)
       VALUES ($1, $2, $3, $4, $5::varchar, '直接写入的测试案件', $6, $7, $8, $9, $10, $11, $12, $5::text, $13, 1)`,
      [id, `TJ-TEST-2026-${String(seq).padStart(6, '0')}`, o.unit, o.channel ?? 'walk_in', o.title ?? `测试纠纷${seq}`, category, track, o.parties?.length ?? 2, o.risk ?? 'blue', o.status,
        o.mediation ? JSON.stringify({ mediation: o.mediation }) : null, o.overdue ?? false, new Date(o.at)],
    );
    for (const [i, p] of (o.parties ?? [{ role: 'applicant', name: `申请人${seq}` }, { role: 'respondent', name: `被申请人${seq}` }]).entries()) {
      await t.ds.query(
        `INSERT INTO case_parties (case_id, position, role, kind, name, id_number_masked, mobile_masked, address_masked) VALUES ($1, $2, $3, 'person', $4, $5, $6, $7)`,
        [id, i, p.role, p.name, p.idMasked ?? null, p.mobileMasked ?? null, p.addressMasked ?? null],
      );
    }
    return id;
  }
  async function insertDeadline(caseId: string, unit: string, kind: string, label: string, status: string, due: string, closed: string | null) {
    await t.ds.query(
      `INSERT INTO deadlines (case_id, org_unit_id, kind, label, statutory, legal_basis, start_at, unit, duration, due_at, computation, status, closed_at, version)
       VALUES ($1, $2, $3, $4, false, '{}', $5, 'calendar_days', 1, $5, '{}', $6, $7, 1)`,
      [caseId, unit, kind, label, new Date(due), status, closed ? new Date(closed) : null],
    );
  }
  async function insertVisit(caseId: string, unit: string, status: string, visitedAt: string | null, satisfaction: number | null, relapse: boolean | null = false) {
    await t.ds.query(
      `INSERT INTO follow_up_visits (case_id, org_unit_id, after_days, due_on, status, visited_at, satisfaction, relapse, version) VALUES ($1, $2, 30, '2026-06-01', $3, $4, $5, $6, 1)`,
      [caseId, unit, status, visitedAt ? new Date(visitedAt) : null, satisfaction, status === 'done' ? relapse : null],
    );
  }
  async function insertFiling(caseId: string, status: string) {
    await t.ds.query(
      `INSERT INTO court_filings (case_id, partner_id, reason, package, status, sent_at, sent_by_id, version) VALUES ($1, $2, 'mediation_failed', '{}', $3, now(), $2, 1)`,
      [caseId, randomUUID(), status],
    );
  }
  const agreed = (at: string) => ({ outcome: 'agreement', agreementId: randomUUID(), effectiveAt: new Date(at).toISOString() });
  const ended = (outcome: string, at: string) => ({ outcome, reason: '测试', decidedAt: new Date(at).toISOString() });

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    tree = await seedTree(t, admin);
    dongpo = (await t.http().post('/v1/org-units').set(bearer(admin)).send({ parentId: tree.hubin.id, code: '330102002001', name: '东坡路社区', kind: 'community' }).expect(201)).body;
    tokens.county = await tree.user('county.director', '周建华', ['director'], tree.root.id);
    tokens.auditor = await tree.user('county.auditor', '吴敏', ['auditor'], tree.root.id);
    tokens.street = await tree.user('street.director', '孔德明', ['director'], tree.qingbo.id);
    tokens.leader = await tree.user('street.leader', '钱卫东', ['leader'], tree.qingbo.id);
    tokens.clerk = await tree.user('desk.clerk', '陈静', ['intake_clerk'], tree.qingbo.id);
    tokens.mediator = await tree.user('qb.mediator', '李调解', ['mediator'], tree.qingbo.id);
    mediatorId = (await t.ds.query(`SELECT id FROM staff_users WHERE username = 'qb.mediator'`))[0].id;

    // Two cases through the workflows: one agreement, one failure (the clock is 2026-11-23 09:00).
    const viaApi = async (title: string) => {
      const res = await t.http().post('/v1/cases').set(bearer(tokens.clerk)).send({
        channel: 'walk_in', registerAnyway: true, orgUnitId: tree.qingbomen.id, title, description: `${title}：双方多次协商未果，申请人民调解。`,
        parties: [{ role: 'applicant', kind: 'person', name: '张秀英', mobile: '13812345678', idNumber: '11010519491231002X', address: '浙江省杭州市上城区清波街道劳动路12号3单元501室' }, { role: 'respondent', kind: 'person', name: '李建军', mobile: '13900001111' }],
      }).expect(201);
      const id = res.body.id as string;
      await caseAction(tokens.street, id, 'triage', { decision: 'accept', category: 'neighbour', subcategory: 'noise' });
      await caseAction(tokens.street, id, 'assignment', { mediatorId });
      const c = (await t.http().get(`/v1/cases/${id}`).set(bearer(tokens.mediator)).expect(200)).body;
      for (const p of c.parties) await t.http().post(`/v1/cases/${id}/consents`).set(bearer(tokens.mediator)).send({ partyId: p.id, decision: 'agree', method: 'written' }).expect(201);
      return { id, parties: c.parties as Array<{ id: string }> };
    };
    const a = await viaApi('楼上装修噪音扰民');
    t.clock.set('2026-11-23T01:20:00.000Z'); // 09:20: the parties have just signed
    await caseAction(tokens.mediator, a.id, 'agreement', {
      text: '经调解，双方同意：一、被申请人每日20时后不再施工。', signatures: a.parties.map((p) => ({ partyId: p.id, signedAt: '2026-11-23T09:10:00+08:00' })), mediatorSignedAt: '2026-11-23T09:15:00+08:00', obligations: [],
    });
    const f = await viaApi('邻居占用楼道堆放杂物');
    await caseAction(tokens.mediator, f.id, 'failure', { reason: '双方分歧过大' });

    const Q = tree.qingbomen.id; // community under 清波街道 (village level)
    const S = tree.qingbo.id; // 清波街道 (town level)
    const H = tree.hubin.id; // 湖滨街道 (town level)
    const D = dongpo.id; // community under 湖滨街道
    const R = tree.root.id; // the county
    // village level, 清波门社区
    const c1 = await insertCase({ unit: Q, at: '2026-01-01T00:00:00+08:00', status: 'closed', category: 'labor', track: 'labor', channel: 'grid', mediation: agreed('2026-01-11T00:00:00+08:00'),
      title: '讨薪（联系电话13987654321）', parties: [{ role: 'applicant', name: '王丽华', idMasked: '110105********002X', mobileMasked: '135****0000', addressMasked: '浙江省杭州市上城区****' }, { role: 'respondent', name: '杭州某某建筑劳务有限公司' }, { role: 'agent', name: '代理人赵律师' }] });
    const c2 = await insertCase({ unit: Q, at: '2026-01-15T10:00:00+08:00', status: 'closed', risk: 'yellow', mediation: agreed('2026-01-20T10:00:00+08:00') });
    const c3 = await insertCase({ unit: Q, at: '2026-02-03T09:00:00+08:00', status: 'failed', category: 'property_management', track: 'property', channel: 'phone', risk: 'orange', mediation: ended('failed', '2026-02-25T09:00:00+08:00') });
    const c4 = await insertCase({ unit: Q, at: '2026-03-10T09:00:00+08:00', status: 'referred_out', category: 'marriage_family', track: 'family', risk: 'red', mediation: ended('failed', '2026-03-31T12:00:00+08:00') });
    const c5 = await insertCase({ unit: Q, at: '2026-03-20T09:00:00+08:00', status: 'closed', channel: 'online', mediation: ended('withdrawn', '2026-03-22T09:00:00+08:00') });
    const c6 = await insertCase({ unit: Q, at: '2026-05-05T09:00:00+08:00', status: 'in_mediation', overdue: true, mediation: agreed('2026-05-10T09:00:00+08:00') }); // reopened after a relapse: not concluded
    const c7 = await insertCase({ unit: Q, at: '2026-06-01T09:00:00+08:00', status: 'registered', category: null, track: null, channel: 'hotline' });
    const c8 = await insertCase({ unit: Q, at: '2026-11-23T23:59:59.999+08:00', status: 'accepted', overdue: true }); // last millisecond of the period
    await insertCase({ unit: Q, at: '2025-12-31T23:59:59.999+08:00', status: 'closed', mediation: agreed('2026-01-05T00:00:00+08:00') }); // just before the period
    await insertCase({ unit: Q, at: '2026-11-24T00:00:00+08:00', status: 'registered' }); // just after it
    // town level, 清波街道
    const c9 = await insertCase({ unit: S, at: '2026-04-01T09:00:00+08:00', status: 'failed', channel: 'police', risk: 'orange', mediation: ended('consent_refused', '2026-04-02T09:00:00+08:00') });
    const c10 = await insertCase({ unit: S, at: '2026-04-15T09:00:00+08:00', status: 'performing', category: 'labor', track: 'labor', mediation: agreed('2026-05-30T09:00:00+08:00') });
    const c11 = await insertCase({ unit: S, at: '2026-07-01T09:00:00+08:00', status: 'referred_out', channel: 'court', mediation: ended('failed', '2026-07-21T09:00:00+08:00') });
    await insertCase({ unit: S, at: '2026-08-01T09:00:00+08:00', status: 'rejected', category: null, track: null });
    await insertCase({ unit: S, at: '2026-08-02T09:00:00+08:00', status: 'merged' });
    await insertCase({ unit: S, at: '2026-09-01T09:00:00+08:00', status: 'closed', overdue: true, mediation: { outcome: 'something_else', decidedAt: '2026-09-02T01:00:00Z' } }); // unknown outcome: not concluded; closed: not overdue now
    // 湖滨街道 and its community, and the county itself
    const c12 = await insertCase({ unit: H, at: '2026-02-14T09:00:00+08:00', status: 'closed', channel: 'petition', mediation: agreed('2026-03-14T09:00:00+08:00') });
    const c13 = await insertCase({ unit: D, at: '2026-06-18T09:00:00+08:00', status: 'suspended', category: 'medical' });
    const c14 = await insertCase({ unit: R, at: '2026-10-10T09:00:00+08:00', status: 'closed', category: 'labor', track: 'labor', risk: 'red', mediation: agreed('2026-11-20T09:00:00+08:00') });
    const c15 = await insertCase({ unit: R, at: '2026-10-11T09:00:00+08:00', status: 'withdrawn', mediation: ended('withdrawn', '2026-10-12T21:00:00+08:00') });

    // Court filings: two open (litigation), one the court returned (not litigation), one on an unconcluded case.
    await insertFiling(c4, 'registered');
    await insertFiling(c11, 'sent');
    await insertFiling(c3, 'returned');
    await insertFiling(c7, 'sent');

    // Deadlines: met on time, met late, missed, cancelled, running, running past due, closed out of the period.
    await insertDeadline(c1, Q, 'triage', '分流研判（内部目标）', 'met', '2026-01-02T17:00:00+08:00', '2026-01-02T10:00:00+08:00');
    await insertDeadline(c2, Q, 'triage', '分流研判（内部目标）', 'met', '2026-01-16T17:00:00+08:00', '2026-01-19T09:00:00+08:00');
    await insertDeadline(c3, Q, 'triage', '分流研判（内部目标）', 'missed', '2026-02-04T17:00:00+08:00', '2026-02-04T17:00:00+08:00');
    await insertDeadline(c3, Q, 'people_mediation', '人民调解调结期限', 'cancelled', '2026-03-03T17:00:00+08:00', '2026-02-25T09:00:00+08:00');
    await insertDeadline(c2, Q, 'people_mediation', '人民调解调结期限', 'met', '2026-02-15T23:59:59+08:00', '2026-01-20T10:00:00+08:00');
    await insertDeadline(c10, S, 'labor_mediation', '劳动争议调解期限', 'met', '2026-04-30T23:59:59+08:00', '2026-05-30T09:00:00+08:00');
    await insertDeadline(c10, S, 'labor_mediation', '劳动争议调解期限', 'missed', '2026-04-30T23:59:59+08:00', '2026-04-30T23:59:59+08:00');
    await insertDeadline(c6, Q, 'people_mediation', '人民调解调结期限', 'pending', '2026-11-01T23:59:59+08:00', null); // running past due now
    await insertDeadline(c8, Q, 'triage', '分流研判（内部目标）', 'pending', '2026-11-25T17:00:00+08:00', null); // running, not yet due
    await insertDeadline(c13, D, 'people_mediation', '人民调解调结期限', 'paused', '2026-07-18T23:59:59+08:00', null);
    await insertDeadline(c12, H, 'people_mediation', '人民调解调结期限', 'met', '2026-03-14T23:59:59+08:00', '2026-03-14T09:00:00+08:00');
    await insertDeadline(c14, R, 'triage', '分流研判（内部目标）', 'met', '2025-12-30T17:00:00+08:00', '2025-12-31T09:00:00+08:00'); // closed before the period
    await insertDeadline(c15, R, 'triage', '分流研判（内部目标）', 'pending', '2026-10-12T17:00:00+08:00', null); // a clock past due (counted by kind), on a case no longer open

    // Follow-up visits: ratings in the period, one out of it, a missed one, a relapse.
    await insertVisit(c1, Q, 'done', '2026-02-10T10:00:00+08:00', 5);
    await insertVisit(c2, Q, 'done', '2026-02-19T10:00:00+08:00', 4);
    await insertVisit(c10, S, 'done', '2026-06-30T10:00:00+08:00', 2, true);
    await insertVisit(c12, H, 'done', '2026-04-13T10:00:00+08:00', 3);
    await insertVisit(c14, R, 'done', '2026-11-23T23:30:00+08:00', 5);
    await insertVisit(c5, Q, 'done', '2025-12-20T10:00:00+08:00', 1); // before the period
    await insertVisit(c9, S, 'missed', '2026-05-02T10:00:00+08:00', null);
    await insertVisit(c6, Q, 'scheduled', null, null);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  // ---- the test's own count from the raw rows ------------------------------------------------

  interface RawCase { id: string; category: string | null; channel: string; track: string | null; status: string; risk_level: string; overdue: boolean; registered_at: Date; decision: { mediation?: Record<string, string> } | null; level: string; path: string }
  async function expected(unitPath: string) {
    const now = t.clock.now();
    const all: RawCase[] = await t.ds.query(`SELECT c.*, u.level, u.path FROM cases c JOIN org_units u ON u.id = c.org_unit_id`);
    const inScope = all.filter((c) => c.path.startsWith(unitPath));
    const cases = inScope.filter((c) => c.registered_at >= START && c.registered_at < END);
    const filings: Array<{ case_id: string; status: string }> = await t.ds.query(`SELECT case_id, status FROM court_filings`);
    const outcomeOf = (c: RawCase) => {
      const o = c.decision?.mediation?.outcome;
      return o && OUTCOMES.includes(o) && !['in_mediation', 'suspended'].includes(c.status) ? o : null;
    };
    const concluded = cases.filter((c) => outcomeOf(c));
    const litigated = (c: RawCase) => filings.some((f) => f.case_id === c.id && f.status !== 'returned');
    const daysOf = (c: RawCase) => (new Date(c.decision!.mediation!.decidedAt ?? c.decision!.mediation!.effectiveAt).getTime() - c.registered_at.getTime()) / 86_400_000;
    const tally = (pick: (c: RawCase) => string | null) => {
      const m = new Map<string | null, number>();
      for (const c of cases) m.set(pick(c), (m.get(pick(c)) ?? 0) + 1);
      return m;
    };

    const deadlines: Array<{ case_id: string | null; kind: string; status: string; due_at: Date; closed_at: Date | null; path: string }> = await t.ds.query(
      `SELECT d.case_id, d.kind, d.status, d.due_at, d.closed_at, u.path FROM deadlines d JOIN org_units u ON u.id = d.org_unit_id`,
    );
    const ds = deadlines.filter((d) => d.path.startsWith(unitPath) && d.case_id);
    const closed = ds.filter((d) => ['met', 'missed'].includes(d.status) && d.closed_at! >= START && d.closed_at! < END);
    const onTimeOf = (d: (typeof ds)[number]) => d.status === 'met' && d.closed_at! <= d.due_at;
    const kinds = [...new Set([...closed.map((d) => d.kind), ...ds.filter((d) => d.status === 'pending' && d.due_at <= now).map((d) => d.kind)])].sort();
    const overdueIds = new Set([
      ...inScope.filter((c) => c.overdue && OPEN.includes(c.status)).map((c) => c.id),
      ...ds.filter((d) => d.status === 'pending' && d.due_at <= now && OPEN.includes(all.find((c) => c.id === d.case_id)!.status)).map((d) => d.case_id!),
    ]);

    const visits: Array<{ status: string; visited_at: Date | null; satisfaction: number | null; relapse: boolean | null; path: string }> = await t.ds.query(
      `SELECT f.status, f.visited_at, f.satisfaction, f.relapse, u.path FROM follow_up_visits f JOIN org_units u ON u.id = f.org_unit_id`,
    );
    const done = visits.filter((v) => v.path.startsWith(unitPath) && v.status === 'done' && v.visited_at! >= START && v.visited_at! < END);
    const rated = done.filter((v) => v.satisfaction !== null);
    const nConcluded = concluded.length;
    const nAgreements = concluded.filter((c) => outcomeOf(c) === 'agreement').length;
    const nLitigated = concluded.filter(litigated).length;

    const month = (d: Date) => localDateOf(d).slice(0, 7);
    const months = Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`).map((m) => {
      const mc = cases.filter((c) => month(c.registered_at) === m);
      const mConcluded = mc.filter((c) => outcomeOf(c));
      const mClosed = closed.filter((d) => month(d.closed_at!) === m);
      const mDone = done.filter((v) => month(v.visited_at!) === m);
      const mRated = mDone.filter((v) => v.satisfaction !== null);
      const mAgreements = mConcluded.filter((c) => outcomeOf(c) === 'agreement').length;
      const mLitigated = mConcluded.filter(litigated).length;
      const onTime = mClosed.filter(onTimeOf).length;
      return {
        month: m, registered: mc.length, concluded: mConcluded.length, agreements: mAgreements, successRate: rate(mAgreements, mConcluded.length),
        medianDays: roundDays(percentileCont(mConcluded.map(daysOf), 0.5)), p90Days: roundDays(percentileCont(mConcluded.map(daysOf), 0.9)),
        resolvedAt: { village: mConcluded.filter((c) => c.level === 'village').length, town: mConcluded.filter((c) => c.level === 'town').length, county: mConcluded.filter((c) => c.level === 'county').length },
        referredToCourt: mLitigated, withoutLitigationRate: rate(mConcluded.length - mLitigated, mConcluded.length),
        deadlinesOnTime: onTime, deadlinesLate: mClosed.length - onTime, onTimeRate: rate(onTime, mClosed.length),
        visits: mDone.length, averageSatisfaction: mean(mRated.reduce((s, v) => s + v.satisfaction!, 0), mRated.length),
      };
    });

    return {
      registered: cases.length,
      byCategory: tally((c) => c.category), byChannel: tally((c) => c.channel), byTrack: tally((c) => c.track), byStatus: tally((c) => c.status), byRiskLevel: tally((c) => c.risk_level),
      concluded: {
        total: nConcluded, agreements: nAgreements, successRate: rate(nAgreements, nConcluded),
        byOutcome: OUTCOMES.map((o) => ({ outcome: o, count: concluded.filter((c) => outcomeOf(c) === o).length })),
        byLevel: ['village', 'town', 'county'].map((level) => {
          const l = concluded.filter((c) => c.level === level);
          return { level, concluded: l.length, agreements: l.filter((c) => outcomeOf(c) === 'agreement').length, share: rate(l.length, nConcluded) };
        }),
      },
      daysToConclusion: { cases: nConcluded, medianDays: roundDays(percentileCont(concluded.map(daysOf), 0.5)), p90Days: roundDays(percentileCont(concluded.map(daysOf), 0.9)) },
      litigation: { concluded: nConcluded, referredToCourt: nLitigated, withoutLitigation: nConcluded - nLitigated, withoutLitigationRate: rate(nConcluded - nLitigated, nConcluded) },
      deadlines: {
        onTime: closed.filter(onTimeOf).length, late: closed.filter((d) => !onTimeOf(d)).length, onTimeRate: rate(closed.filter(onTimeOf).length, closed.length),
        byKind: kinds.map((kind) => {
          const k = closed.filter((d) => d.kind === kind);
          return { kind, onTime: k.filter(onTimeOf).length, late: k.filter((d) => !onTimeOf(d)).length, onTimeRate: rate(k.filter(onTimeOf).length, k.length), pastDueNow: ds.filter((d) => d.kind === kind && d.status === 'pending' && d.due_at <= now).length };
        }),
        overdueCasesNow: overdueIds.size,
      },
      satisfaction: {
        visits: done.length, ratings: rated.length, average: mean(rated.reduce((s, v) => s + v.satisfaction!, 0), rated.length),
        distribution: [1, 2, 3, 4, 5].map((rating) => ({ rating, count: rated.filter((v) => v.satisfaction === rating).length })),
        relapses: done.filter((v) => v.relapse).length,
      },
      months,
    };
  }

  type Count = { key: string | null; count: number };
  const asMap = (list: Count[]) => new Map(list.filter((c) => c.count > 0).map((c) => [c.key, c.count]));
  const summary = async (token: string, query: Record<string, string> = {}) => (await t.http().get('/v1/reports/summary').query({ from: FROM, to: TO, ...query }).set(bearer(token)).expect(200)).body;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the response body as JSON, checked field by field below
  function compare(s: Record<string, any>, e: Awaited<ReturnType<typeof expected>>) {
    expect(s.registered).toBe(e.registered);
    expect(asMap(s.byCategory)).toEqual(new Map([...e.byCategory]));
    expect(asMap(s.byChannel)).toEqual(new Map([...e.byChannel]));
    expect(asMap(s.byTrack)).toEqual(new Map([...e.byTrack]));
    expect(asMap(s.byStatus)).toEqual(new Map([...e.byStatus]));
    expect(asMap(s.byRiskLevel)).toEqual(new Map([...e.byRiskLevel]));
    for (const list of [s.byCategory, s.byChannel, s.byTrack, s.byStatus, s.byRiskLevel]) expect(list.reduce((n: number, c: Count) => n + c.count, 0)).toBe(e.registered);
    expect(s.concluded).toMatchObject({ total: e.concluded.total, agreements: e.concluded.agreements, successRate: e.concluded.successRate });
    expect(s.concluded.byOutcome.map((o: { outcome: string; count: number }) => ({ outcome: o.outcome, count: o.count }))).toEqual(e.concluded.byOutcome);
    expect(s.concluded.byLevel.map((l: Record<string, unknown>) => ({ level: l.level, concluded: l.concluded, agreements: l.agreements, share: l.share }))).toEqual(e.concluded.byLevel);
    expect(s.daysToConclusion).toEqual(e.daysToConclusion);
    expect(s.litigation).toEqual(e.litigation);
    expect({ ...s.deadlines, byKind: s.deadlines.byKind.map(({ label: _label, ...k }: Record<string, unknown>) => k) }).toEqual(e.deadlines);
    expect(s.satisfaction).toEqual(e.satisfaction);
    // No petitions were seeded here (test/petitions.e2e-spec.ts checks the figures against its own).
    expect(s.petitions).toEqual({ accepted: 0, answered: 0, answeredOnTime: 0, onTimeRate: null });
  }

  it('the county director\'s summary agrees with a direct count of every figure', async () => {
    const s = await summary(tokens.county);
    const e = await expected(tree.root.path ?? (await t.ds.query(`SELECT path FROM org_units WHERE id = $1`, [tree.root.id]))[0].path);
    compare(s, e);
    // Anchors, so the comparison above can never pass on two empty sets.
    expect(s.orgUnit).toMatchObject({ id: tree.root.id, level: 'county' });
    expect(s.period).toEqual({ from: FROM, to: TO, timeZone: 'Asia/Shanghai' });
    expect(s.registered).toBe(20); // 2 through the API, 18 inserted inside the period
    expect(s.concluded).toMatchObject({ total: 13, agreements: 6 });
    expect(s.concluded.byLevel.map((l: { level: string; concluded: number }) => [l.level, l.concluded])).toEqual([['village', 7], ['town', 4], ['county', 2]]);
    expect(s.litigation).toMatchObject({ referredToCourt: 2, withoutLitigation: 11 });
    expect(s.deadlines.overdueCasesNow).toBe(2); // c6 (flag and clock), c8 (flag); not c15 (a clock past due, but withdrawn)
    expect(s.deadlines).toMatchObject({ onTime: 6, late: 4 }); // c2 met after its due time, c3 missed, c10 both
    expect(s.satisfaction).toMatchObject({ visits: 5, ratings: 5, average: 3.8, relapses: 1 });
    expect(s.byCategory.find((c: Count) => c.key === null)).toMatchObject({ label: '未分类', count: 2 });
    // the API-recorded cases: triage met and the mediation clock met by the agreement, on time
    expect(s.deadlines.byKind.find((k: { kind: string }) => k.kind === 'triage')).toMatchObject({ label: '分流研判（内部目标）' });
    // An auditor and a leader read reports too.
    compare(await summary(tokens.auditor), e);
  });

  it('the monthly trend agrees month by month, and adds up to the summary', async () => {
    const rootPath = (await t.ds.query(`SELECT path FROM org_units WHERE id = $1`, [tree.root.id]))[0].path;
    const e = await expected(rootPath);
    const res = (await t.http().get('/v1/reports/trend').query({ from: FROM, to: TO }).set(bearer(tokens.county)).expect(200)).body;
    expect(res.months.map((m: { month: string }) => m.month)).toEqual(e.months.map((m) => m.month));
    expect(res.months.at(-1)).toMatchObject({ from: '2026-11-01', to: '2026-11-23' });
    for (const [i, m] of res.months.entries()) {
      const { from: _from, to: _to, petitions, ...figures } = m;
      expect({ month: m.month, ...figures }).toEqual(e.months[i]);
      expect(petitions).toEqual({ accepted: 0, answered: 0, answeredOnTime: 0, onTimeRate: null });
    }
    const sum = (pick: (m: Record<string, number>) => number) => res.months.reduce((n: number, m: Record<string, number>) => n + pick(m), 0);
    expect(sum((m) => m.registered)).toBe(e.registered);
    expect(sum((m) => m.concluded)).toBe(e.concluded.total);
    expect(sum((m) => m.deadlinesOnTime) + sum((m) => m.deadlinesLate)).toBe(e.deadlines.onTime + e.deadlines.late);
  });

  it('a street director sees only the street: figures, trend and exports', async () => {
    const qingboPath = (await t.ds.query(`SELECT path FROM org_units WHERE id = $1`, [tree.qingbo.id]))[0].path;
    const s = await summary(tokens.street);
    expect(s.orgUnit.id).toBe(tree.qingbo.id);
    compare(s, await expected(qingboPath));
    expect(s.registered).toBe(16);
    // A unit below is fine; a unit beside or above does not exist for them.
    const q = await summary(tokens.street, { orgUnitId: tree.qingbomen.id });
    expect(q.concluded.byLevel.map((l: { concluded: number }) => l.concluded)).toEqual([7, 0, 0]);
    for (const orgUnitId of [tree.hubin.id, tree.root.id, dongpo.id]) {
      const res = await t.http().get('/v1/reports/summary').query({ from: FROM, to: TO, orgUnitId }).set(bearer(tokens.street)).expect(404);
      expect(res.body.code).toBe('ORG_UNIT.NOT_FOUND');
      await t.http().get('/v1/reports/cases.csv').query({ orgUnitId }).set(bearer(tokens.street)).expect(404);
    }
    compare(await summary(tokens.leader), await expected(qingboPath));
    // Casework roles do not run the supervision reports.
    for (const token of [tokens.mediator, tokens.clerk]) {
      expect((await t.http().get('/v1/reports/summary').query({ from: FROM, to: TO }).set(bearer(token)).expect(403)).body.code).toBe('AUTH.FORBIDDEN');
      await t.http().get('/v1/reports/cases.csv').set(bearer(token)).expect(403);
    }
    await t.http().get('/v1/reports/summary').query({ from: FROM, to: TO }).expect(401);
  });

  it('refuses bad dates with a 400 problem naming the field', async () => {
    const bad = async (query: Record<string, string>, code: string, field: string, path = '/v1/reports/summary') => {
      const res = await t.http().get(path).query(query).set(bearer(tokens.county)).set('Accept-Language', 'zh').expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe(code);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      return res.body;
    };
    expect((await bad({ from: '2026-02-30', to: TO }, 'REQUEST.VALIDATION_FAILED', 'from')).errors[0]).toMatchObject({ code: 'isCivilDate', message: expect.stringContaining('YYYY-MM-DD') });
    await bad({ from: '2026/01/01', to: TO }, 'REQUEST.VALIDATION_FAILED', 'from');
    await bad({ from: FROM }, 'REQUEST.VALIDATION_FAILED', 'to');
    await bad({ from: FROM, to: '2026-11-23T00:00:00Z' }, 'REQUEST.VALIDATION_FAILED', 'to', '/v1/reports/trend');
    await bad({ from: '2026-12-31', to: '2026-01-01' }, 'REPORT.INVALID_PERIOD', 'to');
    await bad({ from: '2019-01-01', to: '2026-01-01' }, 'REPORT.INVALID_PERIOD', 'to', '/v1/reports/summary.xlsx');
    await bad({ from: FROM, to: TO, orgUnitId: 'not-a-uuid' }, 'REQUEST.VALIDATION_FAILED', 'orgUnitId', '/v1/reports/summary.csv');
    await bad({ registeredFrom: 'yesterday' }, 'REQUEST.VALIDATION_FAILED', 'registeredFrom', '/v1/reports/cases.csv');
    await bad({ limit: '10' }, 'REQUEST.VALIDATION_FAILED', 'limit', '/v1/reports/cases.csv');
  });

  // ---- exports --------------------------------------------------------------------------------

  /** RFC 4180, as a spreadsheet reads it. */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        row.push(cell);
        cell = '';
      } else if (ch === '\r' && text[i + 1] === '\n') {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
        i++;
      } else cell += ch;
    }
    if (cell || row.length) rows.push([...row, cell]);
    return rows;
  }
  const binary = (res: { on: (e: string, cb: (c?: Buffer) => void) => void; setEncoding?: (e: string) => void }, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c?: Buffer) => chunks.push(c!));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  const download = async (path: string, token: string, query: Record<string, string> = {}) => {
    const res = await t.http().get(path).query(query).set(bearer(token)).buffer(true).parse(binary as never).expect(200);
    return { body: res.body as Buffer, headers: res.headers };
  };
  const readXlsx = async (buf: Buffer) => {
    const book = new Workbook();
    await book.xlsx.load(buf as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const rows: unknown[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    return { name: sheet.name, rows };
  };

  it('exports the summary and the trend as CSV (UTF-8 with BOM) and XLSX with the same figures', async () => {
    const s = await summary(tokens.street);
    const csv = await download('/v1/reports/summary.csv', tokens.street, { from: FROM, to: TO });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('统计汇总_清波街道_2026-01-01_2026-11-23.csv')}`);
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csv.body.toString('utf8').slice(1));
    expect(rows[0]).toEqual(['分组', '指标', '代码', '数值']);
    const value = (code: string) => rows.find((r) => r[2] === code)?.[3];
    expect(value('orgUnit')).toBe('清波街道（330102001）');
    expect(value('registered')).toBe(String(s.registered));
    expect(value('concluded.total')).toBe(String(s.concluded.total));
    expect(value('concluded.successRate')).toBe(`${Math.round(s.concluded.successRate * 10000) / 100}%`);
    expect(value('daysToConclusion.medianDays')).toBe(String(s.daysToConclusion.medianDays));
    expect(value('byLevel.village.concluded')).toBe(String(s.concluded.byLevel[0].concluded));
    expect(value('deadlines.overdueCasesNow')).toBe(String(s.deadlines.overdueCasesNow));
    expect(value('satisfaction.rating4')).toBe(String(s.satisfaction.distribution[3].count));
    expect(rows.every((r) => r.length === 4)).toBe(true);

    const xlsx = await download('/v1/reports/summary.xlsx', tokens.street, { from: FROM, to: TO });
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = await readXlsx(xlsx.body);
    expect(book.name).toBe('统计汇总');
    expect(book.rows.length).toBe(rows.length);
    const cell = (code: string) => book.rows.find((r) => r[2] === code)?.[3];
    expect(cell('registered')).toBe(s.registered);
    expect(cell('concluded.successRate')).toBe(s.concluded.successRate);
    expect(cell('satisfaction.average')).toBe(s.satisfaction.average);

    const trend = (await t.http().get('/v1/reports/trend').query({ from: FROM, to: TO }).set(bearer(tokens.street)).expect(200)).body;
    const tcsv = parseCsv((await download('/v1/reports/trend.csv', tokens.street, { from: FROM, to: TO })).body.toString('utf8').slice(1));
    expect(tcsv.length).toBe(trend.months.length + 1);
    expect(tcsv[0].slice(0, 4)).toEqual(['月份', '开始日期', '结束日期', '登记']);
    expect(tcsv.slice(1).map((r) => [r[0], Number(r[3])])).toEqual(trend.months.map((m: { month: string; registered: number }) => [m.month, m.registered]));
    const tx = await readXlsx((await download('/v1/reports/trend.xlsx', tokens.street, { from: FROM, to: TO })).body);
    expect(tx.rows.slice(1).map((r) => [r[0], r[3], r[4]])).toEqual(trend.months.map((m: { month: string; registered: number; concluded: number }) => [m.month, m.registered, m.concluded]));
  });

  it('exports the case list with the list\'s filters, personal data masked, as CSV and XLSX, and audits it', async () => {
    const listAll = async (query: Record<string, string>) => {
      const items: Array<{ number: string; title: string }> = [];
      let cursor: string | undefined;
      do {
        const page = (await t.http().get('/v1/cases').query({ ...query, limit: '2', ...(cursor ? { cursor } : {}) }).set(bearer(tokens.street)).expect(200)).body;
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    };
    const all = await listAll({});
    const csv = await download('/v1/reports/cases.csv', tokens.street);
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.body.toString('utf8');
    const rows = parseCsv(text.slice(1));
    const header = rows[0];
    expect(header).toEqual(['案件编号', '登记时间', '所在单位', '单位代码', '单位层级', '来源渠道', '外部编号', '标题', '纠纷类别', '专门调解路径', '状态', '风险等级', '标的金额（元）', '当事人数', '申请人', '被申请人', '调解结果', '是否超期']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(all.map((c) => c.number));
    // No identifiers: neither the originals nor their masked forms, no phones, no addresses.
    for (const secret of ['11010519491231002X', '110105********002X', '13812345678', '138****5678', '13900001111', '13987654321', '135****0000', '劳动路', '浙江省杭州市上城区****']) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    const byNumber = new Map(rows.slice(1).map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
    const c1 = byNumber.get('TJ-TEST-2026-000001')!;
    expect(c1).toMatchObject({ 标题: '讨薪（联系电话139****4321）', 申请人: '王丽华', 被申请人: '杭州某某建筑劳务有限公司', 所在单位: '清波门社区', 单位层级: '村（社区）', 来源渠道: '网格上报', 纠纷类别: '劳动争议', 状态: '已结案', 调解结果: '达成协议', 是否超期: '否', 登记时间: '2026-01-01 00:00:00' });
    const api = [...byNumber.values()].find((r) => r['标题'] === '楼上装修噪音扰民')!;
    expect(api).toMatchObject({ 申请人: '张秀英', 被申请人: '李建军', 调解结果: '达成协议' });

    // The same filters as the list.
    const filters = { status: 'closed,failed', registeredFrom: '2026-01-01T00:00:00+08:00', orgUnitId: tree.qingbomen.id };
    const filtered = await listAll(filters);
    expect(filtered.length).toBeGreaterThan(2);
    const fcsv = parseCsv((await download('/v1/reports/cases.csv', tokens.street, filters)).body.toString('utf8').slice(1));
    expect(fcsv.slice(1).map((r) => r[0])).toEqual(filtered.map((c) => c.number));

    const xlsx = await download('/v1/reports/cases.xlsx', tokens.street);
    expect(xlsx.headers['content-disposition']).toContain('.xlsx');
    const book = await readXlsx(xlsx.body);
    expect(book.name).toBe('案件清单');
    expect(book.rows[0]).toEqual(header);
    expect(book.rows.slice(1).map((r) => r[0])).toEqual(all.map((c) => c.number));
    const x1 = book.rows.find((r) => r[0] === 'TJ-TEST-2026-000001')!;
    expect(x1[7]).toBe('讨薪（联系电话139****4321）');
    expect(x1[13]).toBe(3);
    expect(JSON.stringify(book.rows)).not.toMatch(/1[3-9]\d{9}|002X|劳动路/);

    const audits = await t.ds.query(`SELECT after FROM audit_events WHERE action = 'report.cases_exported' ORDER BY seq`);
    expect(audits.length).toBe(3);
    expect(audits[1].after).toMatchObject({ format: 'csv', filters: { status: ['closed', 'failed'], orgUnitId: tree.qingbomen.id } });
  });

  it('streams a long case list page by page: every case once, newest first, a few statements per thousand cases', async () => {
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    const unit = (await t.http().post('/v1/org-units').set(bearer(admin)).send({ parentId: tree.hubin.id, code: '330102002003', name: '定安路社区', kind: 'community' }).expect(201)).body;
    await t.ds.query(
      `INSERT INTO cases (number, org_unit_id, channel, title, description, category, track, party_count, risk_level, status, search_text, registered_at, version)
       SELECT 'TJ-BULK-' || lpad(g::text, 6, '0'), $1, 'walk_in', '批量纠纷' || g, '批量', 'neighbour', 'general', 0, 'blue', 'registered', '批量', timestamptz '2026-03-01 08:00+08' + (g % 700) * interval '1 hour', 1
         FROM generate_series(1, 2345) g`,
      [unit.id],
    );
    const { result: csv, statements } = await withStatements(async () => (await download('/v1/reports/cases.csv', tokens.county, { orgUnitId: unit.id })).body as Buffer);
    const rows = parseCsv(csv.toString('utf8').slice(1)).slice(1);
    const expectedOrder = await t.ds.query(`SELECT number FROM cases WHERE org_unit_id = $1 ORDER BY registered_at DESC, id DESC`, [unit.id]);
    expect(rows.map((r) => r[0])).toEqual(expectedOrder.map((r: { number: string }) => r.number));
    // 3 pages of 1,000: per page the list, its parties and (once) its units; plus auth, scope and the audit row.
    expect(statements.length).toBeLessThan(20);
  });

  it('the case list issues the same number of SQL statements for 1 row and for 100', async () => {
    const unit = (await t.http().post('/v1/org-units').set(bearer(await signIn(t, ADMIN.username, ADMIN.password))).send({ parentId: tree.hubin.id, code: '330102002002', name: '涌金门社区', kind: 'community' }).expect(201)).body;
    for (let i = 0; i < 100; i++) await insertCase({ unit: unit.id, at: `2026-09-${String(1 + (i % 28)).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00+08:00`, status: i % 3 ? 'closed' : 'in_mediation', mediation: agreed('2026-10-01T00:00:00+08:00') });
    const counted = async (limit: number) =>
      (
        await withStatements(async () => {
          const page = (await t.http().get('/v1/cases').query({ orgUnitId: unit.id, limit: String(limit) }).set(bearer(tokens.county)).expect(200)).body;
          expect(page.items.length).toBe(limit);
        })
      ).statements;
    // The first request after the unit was created loads the signed-in user and the unit tree
    // (kept in memory afterwards, see ReferenceCache): warm them, then count.
    await counted(1);
    const one = await counted(1);
    const hundred = await counted(100);
    expect(one.length).toBeGreaterThan(0);
    expect(one.some((q) => /FROM "cases"/.test(q))).toBe(true);
    expect(hundred.length).toBe(one.length);
  });
});
