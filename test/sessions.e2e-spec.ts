import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp } from './support/test-app';

/**
 * Mediation sessions (调解会): scheduled with a notice text now, a reminder text the day before at
 * 09:00 and an in-app reminder to the mediators 24 h ahead; recorded afterwards (held with the
 * minutes, or missed with the reason); cancelled with the unsent reminders withdrawn.
 */
describe('mediation sessions', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  const ids: Record<string, string> = {};
  let c: { id: string; number: string; parties: Array<{ id: string; name: string }> };
  let applicant: { id: string };
  let respondent: { id: string };
  const session: Record<string, string> = {};

  const as = (username: string) => signIn(t, username, `${username}-Pass-2026`);
  const register = async (title: string) => {
    t.clock.advance(1000);
    const clerk = await as('desk.clerk');
    return (
      await t.http().post('/v1/cases').set(bearer(clerk)).send({
        channel: 'walk_in', title, description: `${title}，双方协商未果，申请调解。`, registerAnyway: true, orgUnitId: tree.qingbomen.id,
        parties: [{ role: 'applicant', kind: 'person', name: '王秀兰', mobile: '13912345678' }, { role: 'respondent', kind: 'organisation', name: '杭州某某餐饮管理有限公司' }],
      }).expect(201)
    ).body;
  };
  /** Registered in 清波门社区 and accepted into the labor track by the street's director. */
  const laborCase = async (title: string) => {
    const registered = await register(title);
    const director = await as('street.director');
    const read = await t.http().get(`/v1/cases/${registered.id}`).set(bearer(director)).expect(200);
    await t.http().post(`/v1/cases/${registered.id}/triage`).set(bearer(director)).set('If-Match', read.headers.etag).send({ decision: 'accept', category: 'labor', subcategory: 'wage_arrears' }).expect(200);
    return registered;
  };
  const assign = async (caseId: string, body: Record<string, unknown>) => {
    t.clock.advance(1000);
    const director = await as('street.director');
    const read = await t.http().get(`/v1/cases/${caseId}`).set(bearer(director)).expect(200);
    return t.http().post(`/v1/cases/${caseId}/assignment`).set(bearer(director)).set('If-Match', read.headers.etag).send(body).expect(200);
  };
  const schedule = async (body: Record<string, unknown>, status = 201, username = 'he.jianping', caseId = c.id) =>
    t.http().post(`/v1/cases/${caseId}/sessions`).set(bearer(await as(username))).send(body).expect(status);
  const kinds = async (username: string) => (await t.http().get('/v1/notifications').set(bearer(await as(username))).expect(200)).body.items as Array<{ kind: string; title: string; subjectId: string }>;
  const timeline = async (caseId: string) => (await t.http().get(`/v1/cases/${caseId}/timeline`).set(bearer(await as('street.director'))).expect(200)).body.items as Array<{ action: string; after: Record<string, unknown> }>;
  const agenda = async (username: string, query: Record<string, string> = {}) =>
    (await t.http().get('/v1/mediators/me/sessions').query(query).set(bearer(await as(username))).expect(200)).body as Array<{ id: string; caseNumber: string; scheduledAt: string }>;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    tree = await seedTree(t, admin);
    await tree.user('desk.clerk', '杨帆', ['intake_clerk'], tree.qingbo.id);
    await tree.user('street.director', '孔德明', ['director'], tree.qingbo.id);
    await tree.user('lake.director', '湖滨主任', ['director'], tree.hubin.id);
    for (const [username, name] of [['he.jianping', '何建平'], ['lu.xiaomei', '陆晓梅'], ['shen.li', '沈丽']]) {
      await tree.user(username, name, ['mediator'], tree.qingbo.id);
      ids[username] = (await t.ds.query('SELECT id FROM staff_users WHERE username = $1', [username]))[0].id;
    }
    const director = await as('street.director');
    for (const username of ['he.jianping', 'lu.xiaomei']) {
      await t.http().put(`/v1/mediators/${ids[username]}/profile`).set(bearer(director)).send({ specialties: ['labor'] }).expect(200);
    }
    c = await laborCase('餐馆拖欠服务员工资');
    [applicant, respondent] = c.parties;
    await assign(c.id, { mediatorId: ids['he.jianping'], coMediatorIds: [ids['lu.xiaomei']] });
  });
  afterAll(() => t.close());

  it('schedules a session: the notice text now, the reminder text for 09:00 the day before, the mediators\' reminder 24 h ahead', async () => {
    // Monday 2026-11-23 09:00; the session is on Wednesday afternoon.
    const res = await schedule({ scheduledAt: '2026-11-25T14:30:00+08:00', durationMinutes: 90, method: 'in_person', place: '第二调解室' });
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`/v1/sessions/${res.body.id}`);
    session.held = res.body.id;
    expect(res.body).toMatchObject({ caseId: c.id, status: 'scheduled', method: 'in_person', place: '第二调解室', scheduledAt: '2026-11-25T14:30:00.000+08:00', endsAt: '2026-11-25T16:00:00.000+08:00', version: 1, createdById: ids['he.jianping'] });
    expect(res.body.participants).toEqual([
      { partyId: applicant.id, name: '王秀兰', role: 'applicant' },
      { partyId: respondent.id, name: '杭州某某餐饮管理有限公司', role: 'respondent' },
      { staffUserId: ids['he.jianping'], name: '何建平', role: 'mediator' },
      { staffUserId: ids['lu.xiaomei'], name: '陆晓梅', role: 'co_mediator' },
    ]);
    // Only the applicant left a mobile: a notice now and a reminder on Tuesday at 09:00.
    expect(res.body.texts).toEqual([
      { id: expect.any(String), partyId: applicant.id, template: 'session_notice', recipient: '139****5678', notBefore: null },
      { id: expect.any(String), partyId: applicant.id, template: 'session_reminder', recipient: '139****5678', notBefore: '2026-11-24T09:00:00.000+08:00' },
    ]);

    const sms = (await t.http().get('/v1/sms').query({ caseId: c.id }).set(bearer(await as('he.jianping'))).expect(200)).body.items;
    const notice = sms.find((s: { template: string }) => s.template === 'session_notice');
    expect(notice).toMatchObject({ recipient: '139****5678', status: 'queued', partyId: applicant.id });
    expect(notice.text).toContain(c.number);
    expect(notice.text).toContain('11月25日（周三）14:30在第二调解室调解');
    expect(notice.text).toContain('何建平');
    expect(sms.map((s: { template: string }) => s.template).sort()).toEqual(['session_notice', 'session_reminder']);
    expect(JSON.stringify(sms)).not.toContain('13912345678');
    const rows = await t.ds.query(`SELECT template, not_before FROM sms_messages WHERE case_id = $1 ORDER BY template`, [c.id]);
    expect(rows).toEqual([
      { template: 'session_notice', not_before: null },
      { template: 'session_reminder', not_before: new Date('2026-11-24T01:00:00.000Z') },
    ]);

    // The mediators' reminder is written now and shows from Tuesday 14:30.
    expect((await kinds('he.jianping')).map((n) => n.kind)).not.toContain('session.reminder');
    const reminders = await t.ds.query(`SELECT recipient_id, visible_at FROM notifications WHERE kind = 'session.reminder' AND subject_id = $1 ORDER BY recipient_id`, [session.held]);
    expect(reminders.map((r: { recipient_id: string }) => r.recipient_id).sort()).toEqual([ids['he.jianping'], ids['lu.xiaomei']].sort());
    expect(reminders.every((r: { visible_at: Date }) => r.visible_at.toISOString() === '2026-11-24T06:30:00.000Z')).toBe(true);
    expect((await timeline(c.id)).find((e) => e.action === 'session.scheduled')?.after).toMatchObject({ sessionId: session.held, scheduledAt: '2026-11-25T14:30:00.000+08:00', place: '第二调解室' });

    t.clock.set('2026-11-24T06:31:00.000Z'); // Tuesday 14:31
    for (const username of ['he.jianping', 'lu.xiaomei']) {
      const reminder = (await kinds(username)).find((n) => n.kind === 'session.reminder');
      expect(reminder).toMatchObject({ subjectId: session.held, title: `调解会提醒：11月25日（周三）14:30 ${c.number}` });
    }
    const list = (await t.http().get(`/v1/cases/${c.id}/sessions`).set(bearer(await as('street.director'))).expect(200)).body;
    expect(list.map((s: { id: string }) => s.id)).toEqual([session.held]);
  });

  it('refuses a time in the past or without its offset, an in-person session without a place, overlaps, other parties, and a case not in mediation', async () => {
    const past = await schedule({ scheduledAt: '2026-11-24T10:00:00+08:00', method: 'in_person', place: '第二调解室' }, 422);
    expect(past.body.code).toBe('SESSION.INVALID');
    expect(past.body.errors).toEqual([expect.objectContaining({ field: 'scheduledAt', code: 'inThePast' })]);
    const local = await schedule({ scheduledAt: '2026-11-26T10:00:00', method: 'phone' }, 422);
    expect(local.body.errors).toEqual([expect.objectContaining({ field: 'scheduledAt', code: 'timeWithOffset' })]);
    const noPlace = await schedule({ scheduledAt: '2026-11-26T10:00:00+08:00', method: 'in_person' }, 422);
    expect(noPlace.body.errors).toEqual([{ field: 'place', code: 'placeRequired', message: '现场调解须写明地点：调解室或地址' }]);
    const overlap = await schedule({ scheduledAt: '2026-11-25T15:00:00+08:00', method: 'in_person', place: '第一调解室' }, 422);
    expect(overlap.body.errors).toEqual([expect.objectContaining({ field: 'scheduledAt', code: 'overlaps' })]);
    const stranger = await schedule({ scheduledAt: '2026-11-26T10:00:00+08:00', method: 'phone', participantPartyIds: ['00000000-0000-4000-8000-000000000000'] }, 422);
    expect(stranger.body.errors).toEqual([expect.objectContaining({ field: 'participantPartyIds[0]', code: 'unknownParty' })]);
    const shape = await schedule({ scheduledAt: 'next tuesday', durationMinutes: 600, method: 'teleport' }, 400);
    expect(shape.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['durationMinutes', 'method', 'scheduledAt']);
    await schedule({ scheduledAt: '2026-11-26T10:00:00+08:00', method: 'phone' }, 403, 'desk.clerk');

    const accepted = await laborCase('未分派的欠薪纠纷');
    const early = await schedule({ scheduledAt: '2026-11-26T10:00:00+08:00', method: 'phone' }, 409, 'street.director', accepted.id);
    expect(early.body).toMatchObject({ code: 'CASE.INVALID_TRANSITION', currentStatus: 'accepted' });
    expect(early.body.detail).toContain('安排调解会');
    // Nothing was saved by any of these.
    expect((await t.ds.query('SELECT count(*)::int AS n FROM mediation_sessions'))[0].n).toBe(1);
  });

  it('records a held session with its minutes once it has started, and refuses a stale If-Match', async () => {
    const mediator = await as('he.jianping');
    const read = await t.http().get(`/v1/sessions/${session.held}`).set(bearer(mediator)).expect(200);
    expect(read.headers.etag).toBe('"1"');
    const minutes = '申请人陈述被拖欠工资三个月共计2.4万元；被申请人代理人未到场。调解员向申请人释明劳动争议调解程序。';
    const held = { status: 'held', minutes, result: 'progress', attendance: [{ partyId: respondent.id, attended: false }] };
    const early = await t.http().post(`/v1/sessions/${session.held}/record`).set(bearer(mediator)).set('If-Match', '"1"').send(held).expect(409);
    expect(early.body).toMatchObject({ code: 'SESSION.NOT_STARTED', detail: expect.stringContaining('11月25日（周三）14:30') });

    t.clock.set('2026-11-25T08:00:00.000Z'); // Wednesday 16:00
    const again = await as('he.jianping');
    await t.http().post(`/v1/sessions/${session.held}/record`).set(bearer(again)).send(held).expect(428);
    const stale = await t.http().post(`/v1/sessions/${session.held}/record`).set(bearer(again)).set('If-Match', '"0"').send(held).expect(412);
    expect(stale.body.code).toBe('REQUEST.PRECONDITION_FAILED');
    const noMinutes = await t.http().post(`/v1/sessions/${session.held}/record`).set(bearer(again)).set('If-Match', '"1"').send({ status: 'held', result: 'progress' }).expect(422);
    expect(noMinutes.body.errors).toEqual([expect.objectContaining({ field: 'minutes', code: 'minutesRequired' })]);

    const res = await t.http().post(`/v1/sessions/${session.held}/record`).set(bearer(again)).set('If-Match', '"1"').send(held).expect(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({ status: 'held', minutes, result: 'progress', missedReason: null, recordedById: ids['he.jianping'], version: 2 });
    expect(res.body.participants.map((p: { name: string; attended: boolean }) => [p.name, p.attended])).toEqual([['王秀兰', true], ['杭州某某餐饮管理有限公司', false], ['何建平', true], ['陆晓梅', true]]);
    const twice = await t.http().post(`/v1/sessions/${session.held}/record`).set(bearer(again)).set('If-Match', '"2"').send(held).expect(409);
    expect(twice.body.code).toBe('SESSION.INVALID_STATE');
    expect((await timeline(c.id)).find((e) => e.action === 'session.held')?.after).toMatchObject({ sessionId: session.held, result: 'progress', absent: ['杭州某某餐饮管理有限公司'] });
  });

  it('records a missed session with its reason; a session tomorrow morning gets no reminder text already past', async () => {
    // Wednesday 16:00: Thursday 10:00's reminder moment (Wednesday 09:00) has passed.
    const res = await schedule({ scheduledAt: '2026-11-26T10:00:00+08:00', durationMinutes: 30, method: 'phone', participantPartyIds: [applicant.id] });
    session.missed = res.body.id;
    expect(res.body.texts.map((x: { template: string }) => x.template)).toEqual(['session_notice']);
    expect(res.body.place).toBeNull();
    expect(res.body.participants.map((p: { name: string }) => p.name)).toEqual(['王秀兰', '何建平', '陆晓梅']);

    t.clock.set('2026-11-26T02:40:00.000Z'); // Thursday 10:40
    const mediator = await as('he.jianping');
    const noReason = await t.http().post(`/v1/sessions/${session.missed}/record`).set(bearer(mediator)).set('If-Match', '"1"').send({ status: 'missed' }).expect(422);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'missedReason' })]);
    const missed = await t.http().post(`/v1/sessions/${session.missed}/record`).set(bearer(mediator)).set('If-Match', '"1"').send({ status: 'missed', missedReason: '申请人电话关机，未能接通' }).expect(200);
    expect(missed.body).toMatchObject({ status: 'missed', missedReason: '申请人电话关机，未能接通', minutes: null, result: null });
    expect((await timeline(c.id)).find((e) => e.action === 'session.missed')?.after).toMatchObject({ sessionId: session.missed, missedReason: '申请人电话关机，未能接通' });
  });

  it('cancels a session: withdraws the unsent reminder text and the unread reminders, and tells the party', async () => {
    const res = await schedule({ scheduledAt: '2026-11-30T09:30:00+08:00', method: 'video', place: '腾讯会议 123-456-789' });
    session.cancelled = res.body.id;
    const reminder = res.body.texts.find((x: { template: string }) => x.template === 'session_reminder');
    expect(reminder.notBefore).toBe('2026-11-29T09:00:00.000+08:00');
    const mediator = await as('he.jianping');
    const body = { reason: '申请人住院治疗，申请改期' };
    await t.http().post(`/v1/sessions/${session.cancelled}/cancel`).set(bearer(mediator)).set('If-Match', '"0"').send(body).expect(412);
    expect(await t.ds.query('SELECT status FROM sms_messages WHERE id = $1', [reminder.id])).toEqual([{ status: 'queued' }]);

    const cancelled = await t.http().post(`/v1/sessions/${session.cancelled}/cancel`).set(bearer(mediator)).set('If-Match', '"1"').send(body).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', missedReason: '申请人住院治疗，申请改期', withdrawnTextIds: [reminder.id], remindersDeleted: 2, version: 2 });
    expect(cancelled.body.texts).toEqual([expect.objectContaining({ template: 'session_cancelled', recipient: '139****5678', partyId: applicant.id })]);
    expect(await t.ds.query('SELECT id FROM sms_messages WHERE id = $1', [reminder.id])).toEqual([]);
    expect(await t.ds.query(`SELECT id FROM notifications WHERE kind = 'session.reminder' AND subject_id = $1`, [session.cancelled])).toEqual([]);
    // The first session's reminder texts and notices are untouched.
    const sms = (await t.http().get('/v1/sms').query({ caseId: c.id }).set(bearer(mediator)).expect(200)).body.items;
    expect(sms.filter((s: { template: string }) => s.template === 'session_reminder')).toHaveLength(1);
    expect(sms.find((s: { template: string }) => s.template === 'session_cancelled').text).toContain('原定于11月30日（周一）09:30的调解已取消');
    expect((await kinds('lu.xiaomei')).find((n) => n.kind === 'session.cancelled')).toMatchObject({ subjectId: session.cancelled });
    expect((await timeline(c.id)).find((e) => e.action === 'session.cancelled')?.after).toMatchObject({ reason: '申请人住院治疗，申请改期', textsWithdrawn: [reminder.id], remindersDeleted: 2 });

    const twice = await t.http().post(`/v1/sessions/${session.cancelled}/cancel`).set(bearer(mediator)).set('If-Match', '"2"').send(body).expect(409);
    expect(twice.body.code).toBe('SESSION.INVALID_STATE');
    await t.http().post(`/v1/sessions/${session.cancelled}/cancel`).set(bearer(mediator)).set('If-Match', '"2"').send({ reason: '  ' }).expect(400);
  });

  it('gives each mediator an agenda of the sessions still ahead, soonest first', async () => {
    // Thursday 10:40.
    session.now = (await schedule({ scheduledAt: '2026-11-26T11:00:00+08:00', method: 'in_person', place: '第一调解室' })).body.id;
    session.next = (await schedule({ scheduledAt: '2026-12-02T14:00:00+08:00', method: 'in_person', place: '第二调解室' })).body.id;
    const invited = await schedule({
      scheduledAt: '2026-12-03T09:30:00+08:00', method: 'in_person', place: '第二调解室',
      extraParticipants: [{ staffUserId: ids['shen.li'], role: '特邀调解员' }, { name: '周律师', role: '法律顾问' }],
    });
    session.invited = invited.body.id;
    expect(invited.body.participants.slice(-2)).toEqual([{ staffUserId: ids['shen.li'], name: '沈丽', role: '特邀调解员' }, { name: '周律师', role: '法律顾问' }]);

    t.clock.set('2026-11-26T03:10:00.000Z'); // Thursday 11:10: the 11:00 session has started
    const started = await t.http().post(`/v1/sessions/${session.now}/cancel`).set(bearer(await as('he.jianping'))).set('If-Match', '"1"').send({ reason: '改期' }).expect(409);
    expect(started.body.code).toBe('SESSION.ALREADY_STARTED');

    // Held, missed, cancelled and started sessions are not on it; the co-mediator and the invited see theirs.
    const mine = await agenda('he.jianping');
    expect(mine.map((s) => s.id)).toEqual([session.next, session.invited]);
    expect(mine[0]).toMatchObject({ caseNumber: c.number, caseTitle: '餐馆拖欠服务员工资', scheduledAt: '2026-12-02T14:00:00.000+08:00', status: 'scheduled' });
    expect((await agenda('lu.xiaomei')).map((s) => s.id)).toEqual([session.next, session.invited]);
    expect((await agenda('shen.li')).map((s) => s.id)).toEqual([session.invited]);
    expect((await agenda('he.jianping', { from: '2026-12-02', to: '2026-12-03' })).map((s) => s.id)).toEqual([session.next]);
    // From this morning: the one that started and still has to be recorded is listed too.
    expect((await agenda('he.jianping', { from: '2026-11-26' })).map((s) => s.id)).toEqual([session.now, session.next]);
    const bad = await t.http().get('/v1/mediators/me/sessions').query({ from: '2026-12-03', to: '2026-12-02' }).set(bearer(await as('he.jianping'))).expect(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'to', code: 'afterFrom' })]);

    const all = (await t.http().get(`/v1/cases/${c.id}/sessions`).set(bearer(await as('street.director'))).expect(200)).body;
    expect(all.map((s: { status: string }) => s.status)).toEqual(['held', 'missed', 'scheduled', 'cancelled', 'scheduled', 'scheduled']);
  });

  it('shows nothing to a director of another unit', async () => {
    const lake = await as('lake.director');
    expect((await t.http().get(`/v1/cases/${c.id}/sessions`).set(bearer(lake)).expect(404)).body.code).toBe('CASE.NOT_FOUND');
    expect((await t.http().get(`/v1/sessions/${session.next}`).set(bearer(lake)).expect(404)).body.code).toBe('SESSION.NOT_FOUND');
    expect((await t.http().post(`/v1/sessions/${session.now}/record`).set(bearer(lake)).set('If-Match', '"1"').send({ status: 'missed', missedReason: '未到场' }).expect(404)).body.code).toBe('SESSION.NOT_FOUND');
    expect((await t.http().post(`/v1/sessions/${session.next}/cancel`).set(bearer(lake)).set('If-Match', '"1"').send({ reason: '改期' }).expect(404)).body.code).toBe('SESSION.NOT_FOUND');
    expect((await schedule({ scheduledAt: '2026-12-04T09:30:00+08:00', method: 'phone' }, 404, 'lake.director')).body.code).toBe('CASE.NOT_FOUND');
    expect(await agenda('lake.director')).toEqual([]);
    // Untouched by those attempts.
    const next = await t.http().get(`/v1/sessions/${session.next}`).set(bearer(await as('street.director'))).expect(200);
    expect(next.body).toMatchObject({ status: 'scheduled', version: 1 });
  });
});
