import { DeadlinesService } from '../src/deadlines/deadlines.service';
import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp } from './support/test-app';

describe('business calendar and the deadline calculator', () => {
  let t: TestApp;
  let admin: string;
  let clerk: string;
  let director: string;
  let tree: Awaited<ReturnType<typeof seedTree>>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, ADMIN.username, ADMIN.password);
    tree = await seedTree(t, admin);
    clerk = await tree.user('desk.clerk', '杨帆', ['intake_clerk'], tree.qingbo.id);
    director = await tree.user('street.director', '孔德明', ['director'], tree.qingbo.id);
  });
  afterAll(() => t.close());

  const calc = (body: Record<string, unknown>) => t.http().post('/v1/deadlines/calculate').set(bearer(clerk)).send(body);

  it('is seeded with the official 2025 and 2026 schedules', async () => {
    const res = await t.http().get('/v1/calendar/2026').set(bearer(clerk)).expect(200);
    expect(res.body.source).toContain('2026年部分节假日安排');
    expect(res.body.days).toEqual(expect.arrayContaining([
      { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2026-02-14', kind: 'makeup_workday', name: expect.stringContaining('调休') },
      { date: '2026-01-04', kind: 'makeup_workday', name: expect.stringContaining('调休') },
    ]));
    expect(res.body.makeupWorkdayCount).toBe(res.body.days.filter((d: { kind: string }) => d.kind === 'makeup_workday').length);
    expect((await t.http().get('/v1/calendar/2025').set(bearer(clerk)).expect(200)).body.days.length).toBeGreaterThan(20);
  });

  it('says plainly when a year is not loaded yet', async () => {
    const res = await t.http().get('/v1/calendar/2027').set(bearer(clerk)).expect(404);
    expect(res.body).toMatchObject({ code: 'CALENDAR.YEAR_NOT_LOADED', detail: expect.stringContaining('2027') });
  });

  it('rolls a 15-day period that ends in the National Day holiday to the first working day, and says why', async () => {
    const res = await calc({ start: '2026-09-20T10:30:00+08:00', unit: 'calendar_days', duration: 15 }).expect(200);
    expect(res.body).toMatchObject({
      startDate: '2026-09-20', dueDate: '2026-10-08', dueAt: '2026-10-09T00:00:00.000+08:00', rolledFrom: '2026-10-05', calendarIncomplete: false,
      explanation: '自 2026-09-20 次日起算 15 日，本应于 2026-10-05 届满；因国庆节顺延至 2026-10-08（当日 24 时届满）。',
    });
    expect(res.body.rolledOver.map((d: { date: string }) => d.date)).toEqual(['2026-10-05', '2026-10-06', '2026-10-07']);
  });

  it('computes a statutory kind with its legal basis: labor mediation, 15 days (劳动争议调解仲裁法 Art.14)', async () => {
    const res = await calc({ start: '2026-09-20T10:30:00+08:00', kind: 'labor_mediation' }).expect(200);
    expect(res.body).toMatchObject({ dueDate: '2026-10-08', unit: 'calendar_days', duration: 15, policy: { kind: 'labor_mediation', statutory: true } });
    expect(res.body.policy.legalBasis.citation).toContain('劳动争议调解仲裁法');
    const unknown = await calc({ start: '2026-09-20T10:30:00+08:00', kind: 'no_such_kind' }).expect(422);
    expect(unknown.body.code).toBe('DEADLINE.UNKNOWN_KIND');
    const kinds = await t.http().get('/v1/deadlines/kinds').set(bearer(clerk)).expect(200);
    expect(kinds.body.map((k: { kind: string }) => k.kind)).toEqual(expect.arrayContaining(['labor_mediation', 'petition_handling', 'triage']));
  });

  it('counts a make-up Saturday as a working day', async () => {
    // Fri 02-13 start; counting from 02-14 (调休上班), then 02-15..02-23 春节, 02-24, 02-25.
    const res = await calc({ start: '2026-02-13T16:00:00+08:00', unit: 'working_days', duration: 3 }).expect(200);
    expect(res.body.dueDate).toBe('2026-02-25');
  });

  it('flags a period that reaches an unloaded year, and a calendar load moves it', async () => {
    const before = await calc({ start: '2026-12-20T09:00:00+08:00', unit: 'calendar_days', duration: 12 }).expect(200);
    // 12-20 + 12 = 2027-01-01, a Friday: with no 2027 schedule it is taken as a working day.
    expect(before.body).toMatchObject({ dueDate: '2027-01-01', calendarIncomplete: true });
    expect(before.body.explanation).toContain('尚未录入节假日安排');
    const loaded = await t.http().put('/v1/calendar/2027').set(bearer(admin)).send({
      source: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
      days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }],
    }).expect(200);
    expect(loaded.body).toMatchObject({ year: 2027, holidayCount: 1, makeupWorkdayCount: 0 });
    const after = await calc({ start: '2026-12-20T09:00:00+08:00', unit: 'calendar_days', duration: 12 }).expect(200);
    // 元旦 on Friday, then the weekend: rolled to Monday 2027-01-04.
    expect(after.body).toMatchObject({ dueDate: '2027-01-04', rolledFrom: '2027-01-01', calendarIncomplete: false });
    const audit = await t.http().get('/v1/audit-events').query({ action: 'calendar.year_loaded' }).set(bearer(admin)).expect(200);
    expect(audit.body.items[0].after).toMatchObject({ year: 2027, days: 1 });
  });

  it('refuses bad calendar data as a whole, changing nothing', async () => {
    const res = await t.http().put('/v1/calendar/2026').set(bearer(admin)).send({
      source: '错误数据',
      days: [{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }, { date: '2026-10-12', kind: 'makeup_workday', name: '调休上班' }],
    }).expect(422);
    expect(res.body).toMatchObject({ code: 'CALENDAR.INVALID' });
    expect(res.body.errors[0].message).toContain('2026-10-12');
    const still = await t.http().get('/v1/calendar/2026').set(bearer(clerk)).expect(200);
    expect(still.body.days.length).toBeGreaterThan(20);
    const outside = await t.http().put('/v1/calendar/2026').set(bearer(admin)).send({ source: 'x', days: [{ date: '2025-10-01', kind: 'holiday', name: '国庆节' }] }).expect(422);
    expect(outside.body.code).toBe('CALENDAR.INVALID');
  });

  it('lets only admins load a calendar', async () => {
    await t.http().put('/v1/calendar/2028').set(bearer(clerk)).send({ source: 'x', days: [] }).expect(403);
  });

  it('asks for a unit and duration when no kind is given', async () => {
    const res = await calc({ start: '2026-11-23T09:00:00+08:00', duration: 5 }).expect(400);
    expect(res.body.errors[0].field).toBe('unit');
    await calc({ start: 'yesterday', unit: 'calendar_days', duration: 5 }).expect(400);
  });

  describe('deadline records', () => {
    const registerCase = async (title: string) =>
      (await t.http().post('/v1/cases').set(bearer(clerk)).send({ channel: 'walk_in', title, description: `${title}，双方多次协商未果。`, parties: [{ role: 'applicant', kind: 'person', name: '曹丽' }], registerAnyway: true }).expect(201)).body;
    /** Starts a statutory clock the way a later flow (petitions, medical mediation) will. */
    const startKind = async (caseId: string, kind: 'medical_committee_mediation' | 'petition_handling') =>
      t.ds.transaction((m) => t.app.get(DeadlinesService).start(m, { caseId, orgUnitId: tree.qingbo.id, kind, startAt: t.clock.now() }));

    it('starts the triage target at registration, with its computation and basis', async () => {
      const c = await registerCase('相邻排水纠纷');
      const list = (await t.http().get(`/v1/cases/${c.id}/deadlines`).set(bearer(clerk)).expect(200)).body;
      // Registered Monday 2026-11-23 09:00: one working day → Tuesday 11-24, ends at 24:00.
      expect(list).toEqual([expect.objectContaining({ kind: 'triage', status: 'pending', statutory: false, dueAt: '2026-11-25T00:00:00.000+08:00', overdue: false })]);
      expect(list[0].computation.explanation).toContain('2026-11-24');
    });

    it("puts unanswered targets on the director's overdue list, and takes them off once triaged", async () => {
      const c = await registerCase('楼道堆物纠纷');
      const soon = (await t.http().get('/v1/deadlines').query({ view: 'due_soon' }).set(bearer(director)).expect(200)).body.items;
      expect(soon.map((d: { caseId: string }) => d.caseId)).toContain(c.id);
      t.clock.advance(2 * 86400_000);
      try {
        // Two days later: yesterday's tokens have expired, so everyone signs in again.
        const director = await signIn(t, 'street.director', 'street.director-Pass-2026');
        const clerk = await signIn(t, 'desk.clerk', 'desk.clerk-Pass-2026');
        const overdue = (await t.http().get('/v1/deadlines').query({ view: 'overdue' }).set(bearer(director)).expect(200)).body.items;
        expect(overdue.find((d: { caseId: string }) => d.caseId === c.id)).toMatchObject({ kind: 'triage', overdue: true });
        const read = await t.http().get(`/v1/cases/${c.id}`).set(bearer(clerk)).expect(200);
        await t.http().post(`/v1/cases/${c.id}/triage`).set(bearer(clerk)).set('If-Match', read.headers.etag).send({ decision: 'accept', category: 'neighbour' }).expect(200);
        const after = (await t.http().get('/v1/deadlines').query({ view: 'overdue' }).set(bearer(director)).expect(200)).body.items;
        expect(after.map((d: { caseId: string }) => d.caseId)).not.toContain(c.id);
        const mine = (await t.http().get(`/v1/cases/${c.id}/deadlines`).set(bearer(clerk)).expect(200)).body;
        expect(mine[0].status).toBe('met');
      } finally {
        t.clock.advance(-2 * 86400_000);
      }
    });

    it('refuses to stop a clock the law does not let stop', async () => {
      const c = await registerCase('宠物扰民纠纷');
      const d = (await t.http().get(`/v1/cases/${c.id}/deadlines`).set(bearer(clerk)).expect(200)).body[0];
      const res = await t.http().post(`/v1/deadlines/${d.id}/pause`).set(bearer(director)).set('If-Match', `"${d.version}"`).send({ reason: '等待' }).expect(422);
      expect(res.body.code).toBe('DEADLINE.NOT_PAUSABLE');
    });

    it('pauses a medical mediation during an appraisal and gives the time back on resume', async () => {
      const c = await registerCase('医疗纠纷');
      const started = await startKind(c.id, 'medical_committee_mediation');
      const before = (await t.http().get(`/v1/deadlines/${started.id}`).set(bearer(director)).expect(200));
      const paused = await t.http().post(`/v1/deadlines/${started.id}/pause`).set(bearer(director)).set('If-Match', before.headers.etag).send({ reason: '等待医疗损害鉴定结论（鉴定期间不计入调解期限）' }).expect(200);
      expect(paused.body.status).toBe('paused');
      t.clock.advance(10 * 86400_000);
      try {
        const director = await signIn(t, 'street.director', 'street.director-Pass-2026');
        const resumed = await t.http().post(`/v1/deadlines/${started.id}/resume`).set(bearer(director)).set('If-Match', paused.headers.etag).send().expect(200);
        expect(resumed.body.status).toBe('pending');
        expect(new Date(resumed.body.dueAt).getTime()).toBeGreaterThan(new Date(before.body.dueAt).getTime());
        expect(resumed.body.pauses).toEqual([expect.objectContaining({ reason: expect.stringContaining('鉴定'), resumedAt: expect.any(String) })]);
        const timeline = (await t.http().get(`/v1/cases/${c.id}/timeline`).set(bearer(director)).expect(200)).body.items.map((e: { action: string }) => e.action);
        expect(timeline).toEqual(expect.arrayContaining(['deadline.paused', 'deadline.resumed']));
      } finally {
        t.clock.advance(-10 * 86400_000);
      }
    });

    it("extends petition handling by at most 30 days, and only with the head's approval", async () => {
      const c = await registerCase('信访事项');
      const d = await startKind(c.id, 'petition_handling');
      const go = (body: Record<string, unknown>, version: number) => t.http().post(`/v1/deadlines/${d.id}/extend`).set(bearer(director)).set('If-Match', `"${version}"`).send(body);
      const tooLong = await go({ duration: 31, approval: { kind: 'head_approval', by: '区信访局局长 周明', reason: '需调查核实' } }, d.version).expect(422);
      expect(tooLong.body).toMatchObject({ code: 'DEADLINE.EXTENSION_REFUSED' });
      expect(tooLong.body.detail).toContain('30');
      await go({ duration: 30, approval: { kind: 'both_parties_consent', by: '双方', reason: '同意' } }, d.version).expect(422);
      const ok = await go({ duration: 30, approval: { kind: 'head_approval', by: '区信访局局长 周明', reason: '涉及多个部门，需调查核实' } }, d.version).expect(200);
      expect(ok.body.extensions).toEqual([expect.objectContaining({ duration: 30, approval: expect.objectContaining({ by: '区信访局局长 周明' }) })]);
      expect(new Date(ok.body.dueAt).getTime() - d.dueAt.getTime()).toBeGreaterThanOrEqual(30 * 86400_000);
      await go({ duration: 5, approval: { kind: 'head_approval', by: 'x', reason: 'y' } }, d.version).expect(412);
    });
  });
});
