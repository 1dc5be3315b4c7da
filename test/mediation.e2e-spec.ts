import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp } from './support/test-app';

/**
 * The start of every mediation: the director gives the case to a mediator (by hand, or the least
 * loaded of the track, nearest unit first), and each party says whether they agree to mediate.
 */
describe('mediators, assignment and consent', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  const ids: Record<string, string> = {};

  const as = (username: string) => signIn(t, username, `${username}-Pass-2026`);
  const register = async (title: string, extra: Record<string, unknown> = {}) => {
    t.clock.advance(1000);
    const clerk = await as('desk.clerk');
    return (
      await t.http().post('/v1/cases').set(bearer(clerk)).send({
        channel: 'walk_in', title, description: `${title}，双方协商未果，申请调解。`, registerAnyway: true,
        parties: [{ role: 'applicant', kind: 'person', name: '王秀兰', mobile: '13912345678' }, { role: 'respondent', kind: 'organisation', name: '杭州某某餐饮管理有限公司' }],
        ...extra,
      }).expect(201)
    ).body;
  };
  /** Registered in the village (清波门社区), accepted into the labor track. */
  const laborCase = async (title: string) => {
    const c = await register(title, { orgUnitId: tree.qingbomen.id });
    const director = await as('street.director');
    const read = await t.http().get(`/v1/cases/${c.id}`).set(bearer(director)).expect(200);
    await t.http().post(`/v1/cases/${c.id}/triage`).set(bearer(director)).set('If-Match', read.headers.etag).send({ decision: 'accept', category: 'labor', subcategory: 'wage_arrears' }).expect(200);
    return c;
  };
  const assign = async (caseId: string, body: Record<string, unknown>, status = 200) => {
    t.clock.advance(1000);
    const director = await as('street.director');
    const read = await t.http().get(`/v1/cases/${caseId}`).set(bearer(director)).expect(200);
    return t.http().post(`/v1/cases/${caseId}/assignment`).set(bearer(director)).set('If-Match', read.headers.etag).send(body).expect(status);
  };

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    tree = await seedTree(t, admin);
    await tree.user('desk.clerk', '杨帆', ['intake_clerk'], tree.qingbo.id);
    await tree.user('street.director', '孔德明', ['director'], tree.qingbo.id);
    for (const [username, name] of [['he.jianping', '何建平'], ['lu.xiaomei', '陆晓梅'], ['shen.li', '沈丽']]) {
      await tree.user(username, name, ['mediator'], tree.qingbo.id);
      ids[username] = (await t.ds.query('SELECT id FROM staff_users WHERE username = $1', [username]))[0].id;
    }
    const director = await as('street.director');
    const profile = (username: string, body: Record<string, unknown>) => t.http().put(`/v1/mediators/${ids[username]}/profile`).set(bearer(director)).send(body).expect(200);
    await profile('he.jianping', { specialties: ['labor', 'general'], maxOpenCases: 30 });
    await profile('lu.xiaomei', { specialties: ['labor'], maxOpenCases: 2 });
    await profile('shen.li', { specialties: ['family'] });
  });
  afterAll(() => t.close());

  it('lists the mediators of a track with their load, and only real mediators get a profile', async () => {
    const director = await as('street.director');
    const labor = (await t.http().get('/v1/mediators').query({ track: 'labor' }).set(bearer(director)).expect(200)).body;
    expect(labor.map((m: { name: string }) => m.name).sort()).toEqual(['何建平', '陆晓梅']);
    expect(labor.find((m: { name: string }) => m.name === '陆晓梅')).toMatchObject({ specialties: ['labor'], maxOpenCases: 2, accepting: true, openCases: 0 });
    const clerkId = (await t.ds.query(`SELECT id FROM staff_users WHERE username = 'desk.clerk'`))[0].id;
    const res = await t.http().put(`/v1/mediators/${clerkId}/profile`).set(bearer(director)).send({ specialties: ['labor'] }).expect(404);
    expect(res.body.code).toBe('MEDIATION.NOT_A_MEDIATOR');
    const bad = await t.http().put(`/v1/mediators/${ids['he.jianping']}/profile`).set(bearer(director)).send({ specialties: ['criminal'], maxOpenCases: 0 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['maxOpenCases', 'specialties']);
  });

  it('starts the labor clock from the receipt of the application when the case is accepted', async () => {
    const c = await laborCase('餐馆拖欠服务员工资');
    const deadlines = (await t.http().get(`/v1/cases/${c.id}/deadlines`).set(bearer(await as('street.director'))).expect(200)).body;
    const labor = deadlines.find((d: { kind: string }) => d.kind === 'labor_mediation');
    expect(labor).toMatchObject({ status: 'pending', startAt: c.registeredAt, statutory: true });
    // Registered Mon 2026-11-23: 15 days → Tue 12-08, ending at 24:00 (劳动争议调解仲裁法 Art.14).
    expect(labor.dueAt).toBe('2026-12-09T00:00:00.000+08:00');
    expect(deadlines.find((d: { kind: string }) => d.kind === 'triage').status).toBe('met');
  });

  it('spreads automatic assignments by load, in turn among equals, from the town when the village has no mediator', async () => {
    const picked: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const c = await laborCase(`欠薪纠纷${i}号`);
      const res = await assign(c.id, { auto: true });
      expect(res.body.status).toBe('in_mediation');
      expect(res.body.assignments).toEqual([expect.objectContaining({ role: 'lead', how: 'auto', endedAt: null })]);
      picked.push(res.body.assigneeId);
    }
    // Equal loads alternate; 陆晓梅 is full at 2, so once both have 2 the next goes to 何建平 only.
    expect(picked.filter((id) => id === ids['he.jianping'])).toHaveLength(2);
    expect(picked.filter((id) => id === ids['lu.xiaomei'])).toHaveLength(2);
    expect(picked[0]).not.toBe(picked[1]);
    const fifth = await laborCase('欠薪纠纷5号');
    expect((await assign(fifth.id, { auto: true })).body.assigneeId).toBe(ids['he.jianping']);
    const sixth = await laborCase('欠薪纠纷6号');
    const full = await assign(sixth.id, { mediatorId: ids['lu.xiaomei'] }, 409);
    expect(full.body).toMatchObject({ code: 'MEDIATION.MEDIATOR_FULL', detail: expect.stringContaining('陆晓梅') });
    // Nobody for the family track takes a labor case.
    const mediators = (await t.http().get('/v1/mediators').set(bearer(await as('street.director'))).expect(200)).body;
    expect(mediators.find((m: { name: string }) => m.name === '沈丽').openCases).toBe(0);
    expect(mediators.find((m: { name: string }) => m.name === '何建平').openCases).toBe(3);
  });

  it('changes mediator at a party\'s request, with co-mediators, keeping the history', async () => {
    const c = await laborCase('加班费纠纷');
    await assign(c.id, { mediatorId: ids['he.jianping'], coMediatorIds: [ids['shen.li']] });
    const refused = await assign(c.id, { mediatorId: ids['he.jianping'], how: 'party_request', reason: '申请人认为调解员与对方熟识' }, 422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'mediatorId', code: 'sameMediator' });
    const noReason = await assign(c.id, { auto: true, how: 'party_request' }, 422);
    expect(noReason.body.errors[0].field).toBe('reason');
    // 陆晓梅 is full, so the other labor mediator cannot be chosen automatically: said plainly.
    const none = await assign(c.id, { auto: true, how: 'party_request', reason: '申请人认为调解员与对方熟识' }, 409);
    expect(none.body.code).toBe('MEDIATION.NO_MEDIATOR_AVAILABLE');
    const director = await as('street.director');
    await t.http().put(`/v1/mediators/${ids['lu.xiaomei']}/profile`).set(bearer(director)).send({ maxOpenCases: 10 }).expect(200);
    const res = await assign(c.id, { auto: true, how: 'party_request', reason: '申请人认为调解员与对方熟识', coMediatorIds: [ids['shen.li']] });
    expect(res.body.assigneeId).toBe(ids['lu.xiaomei']);
    const history = (await t.http().get(`/v1/cases/${c.id}/assignments`).set(bearer(director)).expect(200)).body;
    expect(history).toEqual([
      expect.objectContaining({ mediatorId: ids['he.jianping'], role: 'lead', endReason: '申请人认为调解员与对方熟识', endedAt: expect.any(String) }),
      expect.objectContaining({ mediatorId: ids['shen.li'], role: 'co', endedAt: null }),
      expect.objectContaining({ mediatorId: ids['lu.xiaomei'], role: 'lead', how: 'auto', endedAt: null }),
    ]);
    const inbox = (await t.http().get('/v1/notifications').set(bearer(await as('lu.xiaomei'))).expect(200)).body.items;
    expect(inbox.map((n: { kind: string }) => n.kind)).toContain('case.assigned');
    // Only a director assigns; an assignment needs the case's ETag.
    const read = await t.http().get(`/v1/cases/${c.id}`).set(bearer(director)).expect(200);
    await t.http().post(`/v1/cases/${c.id}/assignment`).set(bearer(await as('lu.xiaomei'))).set('If-Match', read.headers.etag).send({ auto: true }).expect(403);
    await t.http().post(`/v1/cases/${c.id}/assignment`).set(bearer(director)).send({ auto: true }).expect(428);
  });

  it('records consent, and ends the mediation with the roads open when a party refuses (人民调解法 Art.17)', async () => {
    const c = await laborCase('试用期工资纠纷');
    const assigneeId = (await assign(c.id, { auto: true })).body.assigneeId;
    const mediator = await as(Object.keys(ids).find((u) => ids[u] === assigneeId)!);
    const [applicant, respondent] = c.parties;
    const agreed = await t.http().post(`/v1/cases/${c.id}/consents`).set(bearer(mediator)).send({ partyId: applicant.id, decision: 'agree', method: 'written', note: '在调解申请书上签字' }).expect(201);
    expect(agreed.body).toMatchObject({ allAgreed: false, refused: false });
    expect(agreed.body.parties).toEqual([
      expect.objectContaining({ name: '王秀兰', decision: 'agree', method: 'written' }),
      expect.objectContaining({ name: '杭州某某餐饮管理有限公司', decision: null }),
    ]);
    const unknown = await t.http().post(`/v1/cases/${c.id}/consents`).set(bearer(mediator)).send({ partyId: '00000000-0000-4000-8000-000000000000', decision: 'agree', method: 'oral' }).expect(404);
    expect(unknown.body.code).toBe('CASE.PARTY_NOT_FOUND');
    await t.http().post(`/v1/cases/${c.id}/consents`).set(bearer(mediator)).send({ partyId: respondent.id, decision: 'maybe', method: 'telegram' }).expect(400);

    const refused = await t.http().post(`/v1/cases/${c.id}/consents`).set(bearer(mediator)).send({ partyId: respondent.id, decision: 'refuse', method: 'phone', note: '公司法务表示不同意调解' }).expect(201);
    expect(refused.body).toMatchObject({ refused: true, allAgreed: false });
    const director = await as('street.director');
    const after = (await t.http().get(`/v1/cases/${c.id}`).set(bearer(director)).expect(200)).body;
    expect(after.status).toBe('failed');
    expect(after.decision.mediation).toMatchObject({ outcome: 'consent_refused', basis: '人民调解法 第十七条' });
    expect(after.decision.mediation.roads.map((r: { code: string }) => r.code)).toContain('labor_arbitration');
    const deadlines = (await t.http().get(`/v1/cases/${c.id}/deadlines`).set(bearer(director)).expect(200)).body;
    expect(deadlines.find((d: { kind: string }) => d.kind === 'labor_mediation').status).toBe('cancelled');
    const inbox = (await t.http().get('/v1/notifications').set(bearer(mediator)).expect(200)).body.items;
    expect(inbox.find((n: { kind: string }) => n.kind === 'case.consent_refused').body).toContain('劳动');
    // Nothing more to consent to once the mediation has ended.
    await t.http().post(`/v1/cases/${c.id}/consents`).set(bearer(mediator)).send({ partyId: respondent.id, decision: 'agree', method: 'phone' }).expect(409);
  });
});
