import { randomUUID } from 'node:crypto';
import { withStatements } from './support/sql-statements';
import { AuditService } from '../src/audit/audit.service';
import { TOKEN_HOLDER_CACHE_TTL_MS } from '../src/auth/users.service';
import { ORG_UNITS_CACHE_TTL_MS } from '../src/org-units/org-units.service';
import { TRIAGE_RULES_CACHE_TTL_MS } from '../src/triage/triage.service';
import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp } from './support/test-app';

/**
 * Registration keeps the calendar, the triage rules, the unit tree and the signed-in user in
 * memory, and writes its rows in few statements. These prove that nobody sees stale data after a
 * change made through the API (at once through the same process, within the caches' lifetime
 * through another), and that the rows written are the rows answered.
 */
describe('registration: caches and statements', () => {
  let t: TestApp;
  let admin: string;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  let clerk: string;

  const teaCase = (orgUnitId?: string) => ({
    channel: 'walk_in',
    title: '买到假茶叶',
    description: '在店里买的龙井是假货，要求退货。',
    parties: [{ role: 'applicant', kind: 'person', name: '许文静', mobile: '13612345678' }, { role: 'respondent', kind: 'organisation', name: '某某茶行' }],
    registerAnyway: true,
    ...(orgUnitId ? { orgUnitId } : {}),
  });
  const register = (token: string, body: Record<string, unknown>, app = t) => {
    app.clock.advance(1000);
    return app.http().post('/v1/cases').set(bearer(token)).send(body);
  };
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, ADMIN.username, ADMIN.password);
    tree = await seedTree(t, admin);
    clerk = await tree.user('cache.clerk', '陈晓燕', ['intake_clerk'], tree.qingbo.id);
  });
  afterAll(() => t?.close());

  it('registers in four statements and answers with the rows as stored', async () => {
    await register(clerk, teaCase()).expect(201);
    const { result: res, statements } = await withStatements(() => register(clerk, teaCase()).expect(201));
    // BEGIN; number + case + parties; audit row + triage deadline; COMMIT. Nothing read back.
    expect(statements).toHaveLength(4);
    expect(statements.filter((s) => /^\s*SELECT/i.test(s))).toEqual([]);
    const read = await t.http().get(`/v1/cases/${res.body.id}`).set(bearer(clerk)).expect(200);
    expect(res.body).toEqual(read.body);
    expect(res.headers.etag).toBe(read.headers.etag);
    const timeline = (await t.http().get(`/v1/cases/${res.body.id}/timeline`).set(bearer(clerk)).expect(200)).body.items;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['case.registered']);
    expect(timeline[0].after).toMatchObject({ number: res.body.number, parties: [{ role: 'applicant', name: '许文静' }, { role: 'respondent', name: '某某茶行' }] });
    const deadlines = (await t.http().get(`/v1/cases/${res.body.id}/deadlines`).set(bearer(clerk)).expect(200)).body;
    expect(deadlines.map((d: { kind: string }) => d.kind)).toEqual(['triage']);
  });

  it('applies a triage rule edit to the very next registration', async () => {
    const before = (await register(clerk, teaCase()).expect(201)).body;
    expect(before.suggestion.matched).not.toContain('茶叶');
    const current = await t.http().get('/v1/triage/rules').set(bearer(admin)).expect(200);
    const rules = current.body.rules;
    await t.http().put('/v1/triage/rules').set(bearer(admin)).set('If-Match', current.headers.etag)
      .send({ ...rules, classification: [...rules.classification, { id: 'custom-tea', category: 'consumer', subcategory: 'product_quality', keywords: ['茶叶'], weight: 10 }] })
      .expect(200);
    const after = (await register(clerk, teaCase()).expect(201)).body;
    expect(after.suggestion).toMatchObject({ category: 'consumer', subcategory: 'product_quality' });
    expect(after.suggestion.matched).toContain('茶叶');
    expect((await t.http().get('/v1/triage/rules').set(bearer(admin)).expect(200)).headers.etag).toBe(`"${Number(current.body.version) + 1}"`);
  });

  it('applies a calendar correction to the very next registration', async () => {
    const dueOf = async (id: string) => (await t.http().get(`/v1/cases/${id}/deadlines`).set(bearer(clerk)).expect(200)).body[0].dueAt;
    // Monday 2026-11-23: triage is due by the end of the next working day, Tuesday.
    const first = (await register(clerk, teaCase()).expect(201)).body;
    expect(await dueOf(first.id)).toBe('2026-11-25T00:00:00.000+08:00');
    const year = (await t.http().get('/v1/calendar/2026').set(bearer(admin)).expect(200)).body;
    await t.http().put('/v1/calendar/2026').set(bearer(admin)).send({ source: '更正通知（测试）', days: [...year.days, { date: '2026-11-24', kind: 'holiday', name: '临时调整（测试）' }] }).expect(200);
    try {
      const second = (await register(clerk, teaCase()).expect(201)).body;
      expect(await dueOf(second.id)).toBe('2026-11-26T00:00:00.000+08:00');
    } finally {
      await t.http().put('/v1/calendar/2026').set(bearer(admin)).send({ source: year.source, days: year.days }).expect(200);
    }
    const third = (await register(clerk, teaCase()).expect(201)).body;
    expect(await dueOf(third.id)).toBe('2026-11-25T00:00:00.000+08:00');
  });

  it('uses a unit created a moment ago at once', async () => {
    const unit = (await t.http().post('/v1/org-units').set(bearer(admin)).send({ parentId: tree.qingbo.id, code: '330102001009', name: '柳浪社区', kind: 'community' }).expect(201)).body;
    expect((await register(clerk, teaCase(unit.id)).expect(201)).body.orgUnitId).toBe(unit.id);
    const local = await tree.user('liulang.clerk', '柳青', ['intake_clerk'], unit.id);
    expect((await t.http().get('/v1/me').set(bearer(local)).expect(200)).body.orgUnit.id).toBe(unit.id);
  });

  it('refuses a unit deactivated a moment ago, and signs its staff out', async () => {
    const unit = tree.qingbomen;
    // Past the copy's lifetime, so the unit is read into memory by the requests below.
    await wait(ORG_UNITS_CACHE_TTL_MS + 100);
    await register(clerk, teaCase(unit.id)).expect(201);
    const local = await tree.user('qingbomen.clerk', '柳青', ['intake_clerk'], unit.id);
    await t.http().get('/v1/me').set(bearer(local)).expect(200);
    const read = await t.http().get(`/v1/org-units/${unit.id}`).set(bearer(admin)).expect(200);
    await t.http().patch(`/v1/org-units/${unit.id}`).set(bearer(admin)).set('If-Match', read.headers.etag).send({ active: false }).expect(200);
    expect((await register(clerk, teaCase(unit.id)).expect(422)).body.code).toBe('ORG_UNIT.INACTIVE');
    expect((await t.http().get('/v1/me').set(bearer(local)).expect(401)).body.code).toBe('AUTH.INVALID_TOKEN');
  });

  it('signs a user out at once when deactivated right after a request', async () => {
    const token = await tree.user('cache.mediator', '蒋勇', ['mediator'], tree.qingbo.id);
    const me = (await t.http().get('/v1/me').set(bearer(token)).expect(200)).body;
    const read = await t.http().get(`/v1/users/${me.id}`).set(bearer(admin)).expect(200);
    await t.http().patch(`/v1/users/${me.id}`).set(bearer(admin)).set('If-Match', read.headers.etag).send({ active: false }).expect(200);
    expect((await t.http().get('/v1/me').set(bearer(token)).expect(401)).body.code).toBe('AUTH.INVALID_TOKEN');
  });

  it('lets another replica see rule edits and deactivations within the cache lifetime', async () => {
    const b = await createTestApp({}, { share: t });
    try {
      b.clock.set(t.clock.now());
      const token = await tree.user('replica.clerk', '杨帆', ['intake_clerk'], tree.qingbo.id);
      const suggest = () => b.http().post('/v1/triage/suggest').set(bearer(token)).send({ title: '宠物寄养纠纷', description: '寄养的猫走丢了，要求赔偿。' }).expect(200);
      // Both are now in B's memory.
      expect((await suggest()).body.classification.matched).not.toContain('寄养');
      const current = await t.http().get('/v1/triage/rules').set(bearer(admin)).expect(200);
      const rules = current.body.rules;
      await t.http().put('/v1/triage/rules').set(bearer(admin)).set('If-Match', current.headers.etag)
        .send({ ...rules, classification: [...rules.classification, { id: 'custom-boarding', category: 'consumer', keywords: ['寄养'], weight: 10 }] })
        .expect(200);
      const me = (await t.http().get('/v1/me').set(bearer(token)).expect(200)).body;
      const read = await t.http().get(`/v1/users/${me.id}`).set(bearer(admin)).expect(200);
      await t.http().patch(`/v1/users/${me.id}`).set(bearer(admin)).set('If-Match', read.headers.etag).send({ active: false }).expect(200);
      await wait(Math.max(TRIAGE_RULES_CACHE_TTL_MS, TOKEN_HOLDER_CACHE_TTL_MS) + 250);
      expect((await b.http().get('/v1/me').set(bearer(token)).expect(401)).body.code).toBe('AUTH.INVALID_TOKEN');
      const suggestion = await b.http().post('/v1/triage/suggest').set(bearer(clerk)).send({ title: '宠物寄养纠纷', description: '寄养的猫走丢了，要求赔偿。' }).expect(200);
      expect(suggestion.body.classification.matched).toContain('寄养');
    } finally {
      await b.close();
    }
  });

  describe('audit rows written with the transaction', () => {
    const rowsOf = async (subjectId: string) =>
      (await t.ds.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY seq`, [subjectId])).map((r: { action: string }) => r.action);
    const entry = (subjectId: string, action: string) => ({ action, subjectType: 'case', subjectId, orgUnitId: tree.root.id });

    it('keeps the order they were recorded in, and writes them on commit', async () => {
      const audit = t.app.get(AuditService);
      const subject = randomUUID();
      await t.ds.transaction(async (m) => {
        await audit.record(m, { actor: 'system' }, entry(subject, 'test.first'));
        await audit.record(m, { actor: 'system' }, entry(subject, 'test.second'));
        await m.query('SELECT 1');
        await audit.record(m, { actor: 'system' }, entry(subject, 'test.third'));
      });
      expect(await rowsOf(subject)).toEqual(['test.first', 'test.second', 'test.third']);
    });

    it('drops them when the transaction, or the savepoint they were recorded in, rolls back', async () => {
      const audit = t.app.get(AuditService);
      const subject = randomUUID();
      await expect(
        t.ds.transaction(async (m) => {
          await audit.record(m, { actor: 'system' }, entry(subject, 'test.rolled_back'));
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await t.ds.transaction(async (m) => {
        await audit.record(m, { actor: 'system' }, entry(subject, 'test.kept_before'));
        await m.transaction(async (inner) => {
          await audit.record(inner, { actor: 'system' }, entry(subject, 'test.savepoint_rolled_back'));
          throw new Error('inner');
        }).catch(() => undefined);
        await audit.record(m, { actor: 'system' }, entry(subject, 'test.kept_after'));
      });
      expect(await rowsOf(subject)).toEqual(['test.kept_before', 'test.kept_after']);
    });
  });
});
