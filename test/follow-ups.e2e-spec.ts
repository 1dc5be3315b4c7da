import { FollowUpsService } from '../src/mediation/follow-ups.service';
import { CaseEntity } from '../src/cases/case.entity';
import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp } from './support/test-app';

interface Visit {
  id: string;
  caseId: string;
  caseNumber: string;
  caseStatus: string;
  afterDays: number;
  dueOn: string;
  status: string;
  satisfaction: number | null;
  relapse: boolean | null;
  action: string | null;
  version: number;
}

/**
 * 回访 and 评价督导: visits after a mediation has ended, the reminder on the day, and what a
 * result sets off (nothing, the director's attention, or the case reopened). The cases reach
 * `failed` by the refusal road (人民调解法 Art.17), which needs no agreement routes.
 */
describe('follow-up visits and the supervision they feed', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  const ids: Record<string, string> = {};
  /** Cases by role in the story: A (7 and 30 days), B (poor rating), C (relapse), D (never visited). */
  const cases: Record<string, { id: string; number: string; parties: Array<{ id: string; name: string }> }> = {};
  const visits: Record<string, Visit> = {};

  const as = (username: string) => signIn(t, username, `${username}-Pass-2026`);
  const beijing = (local: string) => t.clock.set(new Date(`${local}+08:00`));

  /** Registered in 清波门社区, accepted, given to 何建平 (unless `assign` is false), then refused by the respondent: failed. */
  const refusedCase = async (title: string, assign = true) => {
    t.clock.advance(1000);
    const clerk = await as('desk.clerk');
    const c = (
      await t.http().post('/v1/cases').set(bearer(clerk)).send({
        channel: 'walk_in', title, description: `${title}，双方协商未果，申请调解。`, registerAnyway: true, orgUnitId: tree.qingbomen.id,
        parties: [{ role: 'applicant', kind: 'person', name: '王秀兰', mobile: '13912345678' }, { role: 'respondent', kind: 'organisation', name: '杭州某某餐饮管理有限公司' }],
      }).expect(201)
    ).body;
    const director = await as('street.director');
    let read = await t.http().get(`/v1/cases/${c.id}`).set(bearer(director)).expect(200);
    await t.http().post(`/v1/cases/${c.id}/triage`).set(bearer(director)).set('If-Match', read.headers.etag).send({ decision: 'accept', category: 'labor', subcategory: 'wage_arrears' }).expect(200);
    if (assign) {
      read = await t.http().get(`/v1/cases/${c.id}`).set(bearer(director)).expect(200);
      await t.http().post(`/v1/cases/${c.id}/assignment`).set(bearer(director)).set('If-Match', read.headers.etag).send({ mediatorId: ids['he.jianping'] }).expect(200);
    }
    const respondent = c.parties.find((p: { role: string }) => p.role === 'respondent');
    await t.http().post(`/v1/cases/${c.id}/consents`).set(bearer(director)).send({ partyId: respondent.id, decision: 'refuse', method: 'phone', note: '公司法务表示不同意调解' }).expect(201);
    expect((await t.http().get(`/v1/cases/${c.id}`).set(bearer(director)).expect(200)).body.status).toBe('failed');
    return c as { id: string; number: string; parties: Array<{ id: string; name: string; role: string }> };
  };
  const schedule = async (caseId: string, body: Record<string, unknown>, status = 201, username = 'he.jianping') =>
    t.http().post(`/v1/cases/${caseId}/follow-ups`).set(bearer(await as(username))).send(body).expect(status);
  const record = async (visit: Visit, body: Record<string, unknown>, status = 200, ifMatch: string | null = `"${visit.version}"`, username = 'he.jianping') => {
    const req = t.http().post(`/v1/follow-ups/${visit.id}/result`).set(bearer(await as(username)));
    if (ifMatch) req.set('If-Match', ifMatch);
    return req.send(body).expect(status);
  };
  const list = async (view: string, username = 'street.director', query: Record<string, unknown> = {}) =>
    (await t.http().get('/v1/follow-ups').query({ view, ...query }).set(bearer(await as(username))).expect(200)).body as { items: Visit[]; nextCursor: string | null };
  const inbox = async (username: string) => (await t.http().get('/v1/notifications').set(bearer(await as(username))).expect(200)).body.items as Array<{ kind: string; title: string; body: string; subjectType: string; subjectId: string; createdAt: string }>;
  const timeline = async (caseId: string) => (await t.http().get(`/v1/cases/${caseId}/timeline`).set(bearer(await as('street.director'))).expect(200)).body.items as Array<{ action: string; after: Record<string, unknown> }>;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    tree = await seedTree(t, admin);
    await tree.user('desk.clerk', '杨帆', ['intake_clerk'], tree.qingbo.id);
    await tree.user('street.director', '孔德明', ['director'], tree.qingbo.id);
    await tree.user('he.jianping', '何建平', ['mediator'], tree.qingbo.id);
    await tree.user('street.leader', '周国强', ['leader'], tree.qingbo.id);
    await tree.user('hubin.director', '钱立群', ['director'], tree.hubin.id);
    ids['he.jianping'] = (await t.ds.query(`SELECT id FROM staff_users WHERE username = 'he.jianping'`))[0].id;
    ids['street.director'] = (await t.ds.query(`SELECT id FROM staff_users WHERE username = 'street.director'`))[0].id;
    await t.http().put(`/v1/mediators/${ids['he.jianping']}/profile`).set(bearer(await as('street.director'))).send({ specialties: ['labor', 'general'], maxOpenCases: 30 }).expect(200);
    cases.A = await refusedCase('餐馆拖欠服务员工资');
    cases.B = await refusedCase('超市拖欠促销员工资');
    cases.C = await refusedCase('物业公司拖欠保洁员工资');
    cases.D = await refusedCase('装修公司拖欠工人工资');
  });
  afterAll(() => t.close());

  it('schedules visits by hand 7 and 30 days ahead, once, only after the mediation has ended', async () => {
    // Monday 2026-11-23, Beijing.
    const week = await schedule(cases.A.id, { afterDays: 7 });
    expect(week.body).toMatchObject({ caseId: cases.A.id, caseNumber: cases.A.number, caseStatus: 'failed', afterDays: 7, dueOn: '2026-11-30', status: 'scheduled', satisfaction: null, action: null, version: 1 });
    expect(week.headers.etag).toBe('"1"');
    const month = await schedule(cases.A.id, { afterDays: 30 }, 201, 'street.director');
    expect(month.body).toMatchObject({ afterDays: 30, dueOn: '2026-12-23', status: 'scheduled' });
    // Asked again for the same day: the visit already planned comes back, nothing is added.
    const again = await schedule(cases.A.id, { dueOn: '2026-11-30' }, 200);
    expect(again.body.id).toBe(week.body.id);
    visits.A7 = week.body;
    visits.A30 = month.body;

    const listed = (await t.http().get(`/v1/cases/${cases.A.id}/follow-ups`).set(bearer(await as('desk.clerk'))).expect(200)).body as Visit[];
    expect(listed.map((v) => [v.afterDays, v.dueOn])).toEqual([[7, '2026-11-30'], [30, '2026-12-23']]);
    expect((await timeline(cases.A.id)).filter((e) => e.action === 'follow_up.scheduled').map((e) => e.after)).toEqual([
      expect.objectContaining({ how: 'manual', from: '2026-11-23', visits: [{ id: week.body.id, afterDays: 7, dueOn: '2026-11-30' }], partiesTexted: 1 }),
      expect.objectContaining({ how: 'manual', visits: [expect.objectContaining({ afterDays: 30, dueOn: '2026-12-23' })] }),
    ]);
    // The applicant is told by text, written now and sent at 09:00 on each day.
    const texts = await t.ds.query(`SELECT template, status, not_before, text FROM sms_messages WHERE case_id = $1 AND template = 'follow_up_visit' ORDER BY not_before`, [cases.A.id]);
    expect(texts.map((s: { not_before: Date }) => s.not_before.toISOString())).toEqual(['2026-11-30T01:00:00.000Z', '2026-12-23T01:00:00.000Z']);
    expect(texts[0]).toMatchObject({ status: 'queued', text: expect.stringContaining(`（${cases.A.number}）进行回访`) });

    for (const key of ['B', 'C', 'D']) visits[key] = (await schedule(cases[key].id, { afterDays: 7 })).body;

    // By date, after today and within a year; one of the two, not both and not neither.
    const bad = async (body: Record<string, unknown>, status: number, field: string) => {
      const res = await schedule(cases.A.id, body, status);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      return res.body;
    };
    expect((await bad({ dueOn: '2026-11-23' }, 422, 'dueOn')).code).toBe('FOLLOW_UP.INVALID_SCHEDULE');
    await bad({ dueOn: '2026-02-30' }, 422, 'dueOn');
    await bad({ afterDays: 7, dueOn: '2026-12-01' }, 422, 'dueOn');
    await bad({}, 422, 'afterDays');
    await bad({ afterDays: 0 }, 400, 'afterDays');
    await bad({ dueOn: '30/11/2026' }, 400, 'dueOn');

    // Only once the mediation has ended, and only by a mediator or a director.
    const open = await t.http().post('/v1/cases').set(bearer(await as('desk.clerk'))).send({
      channel: 'walk_in', title: '邻里漏水纠纷', description: '楼上漏水导致楼下天花板受损，双方协商未果。', registerAnyway: true,
      parties: [{ role: 'applicant', kind: 'person', name: '李建国' }, { role: 'respondent', kind: 'person', name: '赵明' }],
    }).expect(201);
    const early = await schedule(open.body.id, { afterDays: 7 }, 409);
    expect(early.body).toMatchObject({ code: 'CASE.INVALID_TRANSITION', currentStatus: 'registered' });
    await schedule(cases.A.id, { afterDays: 14 }, 403, 'desk.clerk');
  });

  it('lists nothing due today, keeps the reminder hidden, and hides everything from another street', async () => {
    expect((await list('due')).items).toEqual([]);
    expect((await list('overdue')).items).toEqual([]);
    expect((await inbox('he.jianping')).filter((n) => n.kind === 'follow_up.due')).toEqual([]);

    const hubin = await as('hubin.director');
    expect((await t.http().get(`/v1/cases/${cases.A.id}/follow-ups`).set(bearer(hubin)).expect(404)).body.code).toBe('CASE.NOT_FOUND');
    expect((await t.http().get(`/v1/follow-ups/${visits.A7.id}`).set(bearer(hubin)).expect(404)).body.code).toBe('FOLLOW_UP.NOT_FOUND');
    expect((await t.http().get('/v1/follow-ups').query({ view: 'due', orgUnitId: tree.qingbo.id }).set(bearer(hubin)).expect(404)).body.code).toBe('ORG_UNIT.NOT_FOUND');
    await t.http().post(`/v1/follow-ups/${visits.A7.id}/result`).set(bearer(hubin)).set('If-Match', '"1"').send({ status: 'done', method: 'phone', satisfaction: 5, relapse: false }).expect(404);
    expect((await t.http().post(`/v1/cases/${cases.A.id}/follow-ups`).set(bearer(hubin)).send({ afterDays: 7 }).expect(404)).body.code).toBe('CASE.NOT_FOUND');
    // The clerk does not run the supervision lists.
    await t.http().get('/v1/follow-ups').query({ view: 'due' }).set(bearer(await as('desk.clerk'))).expect(403);
    await t.http().get('/v1/follow-ups').query({ view: 'soon' }).set(bearer(await as('street.director'))).expect(400);
  });

  it('shows the visits due on the day, oldest first page by page, and the reminder from 09:00', async () => {
    beijing('2026-11-30T08:59:00');
    const due = await list('due', 'street.leader');
    expect(due.items.map((v) => v.id).sort()).toEqual([visits.A7.id, visits.B.id, visits.C.id, visits.D.id].sort());
    expect(due.items.find((v) => v.id === visits.A7.id)).toMatchObject({ caseNumber: cases.A.number, dueOn: '2026-11-30', afterDays: 7 });
    expect((await list('overdue')).items).toEqual([]);
    // The village alone, page by page.
    const first = await list('due', 'he.jianping', { limit: 3, orgUnitId: tree.qingbomen.id });
    expect(first.items).toHaveLength(3);
    const rest = await list('due', 'he.jianping', { limit: 3, orgUnitId: tree.qingbomen.id, cursor: first.nextCursor });
    expect([...first.items, ...rest.items].map((v) => v.id).sort()).toEqual(due.items.map((v) => v.id).sort());
    expect(rest.nextCursor).toBeNull();
    // A minute before nine the reminder is not there yet.
    expect((await inbox('he.jianping')).filter((n) => n.kind === 'follow_up.due')).toEqual([]);

    beijing('2026-11-30T09:00:05');
    const reminders = (await inbox('he.jianping')).filter((n) => n.kind === 'follow_up.due');
    expect(reminders).toHaveLength(4);
    expect(reminders.find((n) => n.subjectId === visits.A7.id)).toMatchObject({ subjectType: 'follow_up', title: `今日回访：${cases.A.number} 餐馆拖欠服务员工资`, createdAt: '2026-11-30T09:00:00.000+08:00' });
  });

  it('records a satisfied visit: nothing more happens, and a visit is recorded once', async () => {
    const applicant = cases.A.parties[0];
    const res = await record(visits.A7, { status: 'done', method: 'phone', partyId: applicant.id, satisfaction: 5, relapse: false, notes: '被申请人已按协议支付全部工资，申请人表示满意' });
    expect(res.body).toMatchObject({ status: 'done', method: 'phone', partyId: applicant.id, satisfaction: 5, relapse: false, action: 'none', visitedById: ids['he.jianping'], visitedAt: '2026-11-30T09:00:05.000+08:00', caseStatus: 'failed', version: 2 });
    expect(res.headers.etag).toBe('"2"');
    expect((await list('due')).items.map((v) => v.id)).not.toContain(visits.A7.id);
    const again = await record(visits.A7, { status: 'done', method: 'phone', satisfaction: 4, relapse: false }, 409, '"2"');
    expect(again.body.code).toBe('FOLLOW_UP.INVALID_STATE');
    expect((await inbox('street.director')).filter((n) => n.kind.startsWith('follow_up.') || n.kind === 'case.reopened')).toEqual([]);
    expect((await timeline(cases.A.id)).find((e) => e.action === 'follow_up.recorded')?.after).toMatchObject({ visitId: visits.A7.id, status: 'done', satisfaction: 5, action: 'none', party: '王秀兰' });

    // The month visit made early: its reminder and text for 12-23 are withdrawn.
    const month = await record(visits.A30, { status: 'done', method: 'visit', satisfaction: 4, relapse: false });
    expect(month.body).toMatchObject({ status: 'done', action: 'none' });
    expect(await t.ds.query(`SELECT 1 FROM notifications WHERE subject_id = $1`, [visits.A30.id])).toEqual([]);
    expect((await t.ds.query(`SELECT not_before FROM sms_messages WHERE case_id = $1 AND template = 'follow_up_visit'`, [cases.A.id])).map((s: { not_before: Date }) => s.not_before.toISOString())).toEqual(['2026-11-30T01:00:00.000Z']);
  });

  it('refuses a bad result naming the field, a stale or missing If-Match, and a stranger to the case', async () => {
    const fields = async (body: Record<string, unknown>) => (await record(visits.B, body, 400)).body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    expect(await fields({ status: 'done', method: 'phone', satisfaction: 6, relapse: false })).toEqual(['satisfaction:max']);
    expect(await fields({ status: 'done', method: 'phone', relapse: false })).toEqual(['satisfaction:isDefined']);
    expect(await fields({ status: 'done', method: 'phone', satisfaction: 3 })).toEqual(['relapse:isDefined']);
    expect(await fields({ status: 'missed', method: 'phone', satisfaction: 3 })).toEqual(['satisfaction:notApplicable']);
    expect(await fields({ status: 'done', method: 'wechat', satisfaction: 3, relapse: false })).toEqual(['method:isIn']);
    const message = (await record(visits.B, { status: 'done', method: 'phone', relapse: false }, 400)).body.errors[0].message;
    expect(message).toBe('必填');

    const stale = await record(visits.B, { status: 'done', method: 'phone', satisfaction: 3, relapse: false }, 412, '"7"');
    expect(stale.body).toMatchObject({ code: 'REQUEST.PRECONDITION_FAILED', detail: expect.stringContaining('"1"') });
    await record(visits.B, { status: 'done', method: 'phone', satisfaction: 3, relapse: false }, 428, null);
    const stranger = await record(visits.B, { status: 'done', method: 'phone', partyId: cases.A.parties[0].id, satisfaction: 3, relapse: false }, 404);
    expect(stranger.body).toMatchObject({ code: 'CASE.PARTY_NOT_FOUND', errors: [expect.objectContaining({ field: 'partyId' })] });
    await record(visits.B, { status: 'done', method: 'phone', satisfaction: 3, relapse: false }, 403, '"1"', 'desk.clerk');
    // Nothing was written by any of these.
    expect((await t.http().get(`/v1/follow-ups/${visits.B.id}`).set(bearer(await as('street.director'))).expect(200)).body).toMatchObject({ status: 'scheduled', version: 1 });
  });

  it('takes a poor rating to the director (评价督导)', async () => {
    const res = await record(visits.B, { status: 'done', method: 'visit', partyId: cases.B.parties[0].id, satisfaction: 1, relapse: false, notes: '申请人认为调解员偏袒对方' });
    expect(res.body).toMatchObject({ status: 'done', satisfaction: 1, action: 'escalated', caseStatus: 'failed' });
    const alert = (await inbox('street.director')).filter((n) => n.kind === 'follow_up.poor_rating');
    expect(alert).toEqual([expect.objectContaining({ subjectType: 'case', subjectId: cases.B.id, title: `回访评价较差：${cases.B.number} 超市拖欠促销员工资` })]);
    expect(alert[0].body).toContain('王秀兰对调解工作的满意度为 1 分');
    expect(alert[0].body).toContain('申请人认为调解员偏袒对方');
    expect((await timeline(cases.B.id)).find((e) => e.action === 'follow_up.recorded')?.after).toMatchObject({ action: 'escalated', notified: ['孔德明'] });
  });

  it('reopens the case for mediation when the dispute has flared up again', async () => {
    const res = await record(visits.C, { status: 'done', method: 'visit', satisfaction: 3, relapse: true, notes: '被申请人未按承诺支付工资，双方再次发生争执' });
    expect(res.body).toMatchObject({ relapse: true, action: 'reopened', caseStatus: 'in_mediation' });
    const director = await as('street.director');
    const kase = await t.http().get(`/v1/cases/${cases.C.id}`).set(bearer(director)).expect(200);
    expect(kase.body).toMatchObject({ status: 'in_mediation', assigneeId: ids['he.jianping'] });
    const events = await timeline(cases.C.id);
    expect(events.map((e) => e.action).slice(-2)).toEqual(['follow_up.recorded', 'case.reopened']);
    expect(events.at(-1)!.after).toMatchObject({ status: 'in_mediation', reason: 'follow_up_relapse', followUpId: visits.C.id });
    for (const who of ['street.director', 'he.jianping']) {
      const told = (await inbox(who)).find((n) => n.kind === 'case.reopened');
      expect(told).toMatchObject({ subjectId: cases.C.id, body: expect.stringContaining('恢复为“调解中”') });
    }
    // Back in mediation, the director may assign again; a visit cannot be planned for it now.
    await t.http().post(`/v1/cases/${cases.C.id}/assignment`).set(bearer(director)).set('If-Match', kase.headers.etag).send({ mediatorId: ids['he.jianping'] }).expect(200);
    await schedule(cases.C.id, { afterDays: 7 }, 409);
  });

  it('lists a visit not made on its day as overdue, and records a visit that reached nobody', async () => {
    beijing('2026-12-01T10:00:00');
    expect((await list('due')).items).toEqual([]);
    const overdue = await list('overdue', 'he.jianping');
    expect(overdue.items.map((v) => v.id)).toEqual([visits.D.id]);
    const missed = await record(visits.D, { status: 'missed', method: 'phone', notes: '连续三天拨打电话均无人接听' });
    expect(missed.body).toMatchObject({ status: 'missed', satisfaction: null, relapse: null, action: 'none', notes: '连续三天拨打电话均无人接听' });
    expect((await list('overdue')).items).toEqual([]);
  });

  it('plans the configured visits (7 and 30 days) from an outcome, once, reminding the directors of a case without a mediator', async () => {
    const kase = await refusedCase('快递站拖欠分拣员工资', false);
    const service = t.app.get(FollowUpsService);
    // 00:30 on 11-21 in Beijing is still 11-20 in UTC: the days count from the Beijing date.
    const from = new Date('2026-11-21T00:30:00+08:00');
    const plan = () => t.ds.transaction(async (m) => service.schedule(m, await m.findOneByOrFail(CaseEntity, { id: kase.id }), from, { actor: 'system' }));
    const created = await plan();
    expect(created.map((v) => [v.afterDays, v.dueOn, v.status])).toEqual([[7, '2026-11-28', 'scheduled'], [30, '2026-12-21', 'scheduled']]);
    expect(await plan()).toEqual([]);
    const rows = (await t.http().get(`/v1/cases/${kase.id}/follow-ups`).set(bearer(await as('street.director'))).expect(200)).body as Visit[];
    expect(rows.map((v) => v.afterDays)).toEqual([7, 30]);
    // No mediator on the case: the directors of the nearest unit with one (the street) are reminded at 09:00 on each day.
    const reminders = await t.ds.query(`SELECT recipient_id, visible_at FROM notifications WHERE kind = 'follow_up.due' AND subject_id = ANY($1::uuid[]) ORDER BY visible_at`, [created.map((v) => v.id)]);
    expect(reminders.map((r: { recipient_id: string; visible_at: Date }) => [r.recipient_id, r.visible_at.toISOString()])).toEqual([
      [ids['street.director'], '2026-11-28T01:00:00.000Z'],
      [ids['street.director'], '2026-12-21T01:00:00.000Z'],
    ]);
    const audit = (await timeline(kase.id)).filter((e) => e.action === 'follow_up.scheduled');
    expect(audit).toEqual([expect.objectContaining({ after: expect.objectContaining({ how: 'auto', from: '2026-11-21' }) })]);
    // 11-28 has passed (now 12-01): the 7-day visit is overdue.
    expect((await list('overdue')).items.map((v) => v.id)).toEqual([created[0].id]);
  });
});
