import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp } from './support/test-app';

describe('business calendar and the deadline calculator', () => {
  let t: TestApp;
  let admin: string;
  let clerk: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, ADMIN.username, ADMIN.password);
    const tree = await seedTree(t, admin);
    clerk = await tree.user('desk.clerk', '杨帆', ['intake_clerk'], tree.qingbo.id);
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
});
