import { DeadlineScheduler, wakeJobId } from '../src/deadlines/deadline-scheduler';
import { DeadlineWorker } from '../src/deadlines/deadline-worker';
import { DeadlinesService } from '../src/deadlines/deadlines.service';
import { ADMIN, bearer, createTestApp, seedTree, signIn, TEST_START, TestApp, waitFor } from './support/test-app';
import { PrivateRedis, startPrivateRedis } from './support/private-redis';

/**
 * The deadline engine with real BullMQ and a real worker. Time: the test clock is set a second or
 * two before a reminder or due moment and then runs at real speed, so real delayed jobs fire in
 * about a second. Jobs added under an earlier clock are replaced by the admin's rebuild route,
 * exactly what an operator does after the servers' time was corrected.
 */

// A case registered Monday 2026-11-23 09:00 gets the triage target: one working day → ends
// Tuesday 11-24 at 24:00 (2026-11-24T16:00Z), reminder 4 hours before (20:00 = 12:00Z).
const TRIAGE_REMINDER = '2026-11-24T12:00:00.000Z';
const TRIAGE_DUE = '2026-11-24T16:00:00.000Z';
const WORKER_ENV = { APP_ROLE: 'all', DEADLINE_WATCHDOG_MS: '200', DEADLINE_SWEEP_INTERVAL_MS: '600000' };

type Effect = { stage: string; via: string };

async function effectsOf(t: TestApp, deadlineId: string): Promise<Effect[]> {
  return t.ds.query('SELECT stage, via FROM deadline_effects WHERE deadline_id = $1 ORDER BY fired_at', [deadlineId]);
}
async function deadlineOf(t: TestApp, caseId: string): Promise<{ id: string; status: string; next_action_at: Date | null; due_at: Date }> {
  return (await t.ds.query('SELECT id, status, next_action_at, due_at FROM deadlines WHERE case_id = $1', [caseId]))[0];
}
/** Puts the clock just before `at` and lets it run; then the admin rebuilds the schedule under it. */
async function runUpTo(t: TestApp, at: string, leadMs = 1200): Promise<void> {
  t.clock.freeze();
  t.clock.set(new Date(Date.parse(at) - leadMs));
  t.clock.run();
  const admin = await signIn(t, ADMIN.username, ADMIN.password);
  await t.http().post('/v1/deadlines/schedule/rebuild').set(bearer(admin)).expect(200);
}

describe('deadline engine with a running worker', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  let policeKey: string;
  let policeId: string;
  let directorId: string;
  let n = 0;

  const resetClock = () => {
    t.clock.freeze();
    t.clock.set(new Date(Date.parse(TEST_START) + ++n * 1000));
  };
  const clerk = () => signIn(t, 'desk.clerk', 'desk.clerk-Pass-2026');
  const director = () => signIn(t, 'street.director', 'street.director-Pass-2026');
  const registerWalkIn = async (title: string) =>
    (await t.http().post('/v1/cases').set(bearer(await clerk())).send({ channel: 'walk_in', title, description: `${title}，双方多次协商未果。`, parties: [{ role: 'applicant', kind: 'person', name: '曹丽' }], registerAnyway: true }).expect(201)).body;

  beforeAll(async () => {
    t = await createTestApp(WORKER_ENV);
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    tree = await seedTree(t, admin);
    await tree.user('desk.clerk', '杨帆', ['intake_clerk'], tree.qingbo.id);
    await tree.user('street.director', '孔德明', ['director'], tree.qingbo.id);
    directorId = (await t.ds.query(`SELECT id FROM staff_users WHERE username = 'street.director'`))[0].id;
    const p = await t.http().post('/v1/partners').set(bearer(admin)).send({ name: '清波派出所', kind: 'police', orgUnitId: tree.qingbo.id }).expect(201);
    policeId = p.body.id;
    policeKey = (await t.http().post(`/v1/partners/${policeId}/api-keys`).set(bearer(admin)).send({ label: '警务平台' }).expect(201)).body.key;
  });
  afterEach(() => t.clock.freeze());
  afterAll(() => t.close());

  it('reminds before the due time and, at it, marks the miss with every effect', async () => {
    resetClock();
    const c = (
      await t.http().post('/v1/cases').set('X-Api-Key', policeKey).set('Idempotency-Key', 'jq-20261123-0042')
        .send({ externalRef: '330102202611230042', title: '邻里噪音纠纷', description: '楼上住户深夜装修噪音扰民，双方发生口角，民警现场调解未果。', parties: [{ role: 'applicant', kind: 'person', name: '吴丽华' }, { role: 'respondent', kind: 'person', name: '郑国强' }] })
        .expect(201)
    ).body;
    const d = await deadlineOf(t, c.id);
    expect(d.next_action_at!.toISOString()).toBe(TRIAGE_REMINDER);
    // The job was added after the registration committed, for the reminder instant.
    const scheduler = t.app.get(DeadlineScheduler);
    expect(await scheduler.queue.getJob(wakeJobId(d.id, new Date(TRIAGE_REMINDER)))).toBeDefined();

    await runUpTo(t, TRIAGE_REMINDER);
    await waitFor(async () => (await effectsOf(t, d.id)).length === 1, 'the reminder');
    expect(await effectsOf(t, d.id)).toEqual([{ stage: 'remind-0', via: 'job' }]);
    const reminders = await t.ds.query(`SELECT title, body FROM notifications WHERE recipient_id = $1 AND kind = 'deadline.reminder' AND subject_id = $2`, [directorId, c.id]);
    expect(reminders).toHaveLength(1);
    expect(reminders[0].body).toContain('分流研判');
    expect((await deadlineOf(t, c.id)).next_action_at!.toISOString()).toBe(TRIAGE_DUE);

    await runUpTo(t, TRIAGE_DUE);
    await waitFor(async () => (await deadlineOf(t, c.id)).status === 'missed', 'the miss');
    expect(await effectsOf(t, d.id)).toEqual([{ stage: 'remind-0', via: 'job' }, { stage: 'due', via: 'job' }]);
    const dir = await director();
    const kase = (await t.http().get(`/v1/cases/${c.id}`).set(bearer(dir)).expect(200)).body;
    expect(kase.overdue).toBe(true);
    const missed = await t.ds.query(`SELECT kind FROM notifications WHERE recipient_id = $1 AND kind = 'deadline.missed' AND subject_id = $2`, [directorId, c.id]);
    expect(missed).toHaveLength(1);
    const events = await t.ds.query(`SELECT partner_id, payload FROM outbox_events WHERE event_type = 'deadline.missed' AND subject_id = $1`, [c.id]);
    expect(events).toEqual([{ partner_id: policeId, payload: expect.objectContaining({ number: c.number, externalRef: '330102202611230042', deadline: expect.objectContaining({ kind: 'triage', dueAt: '2026-11-25T00:00:00.000+08:00' }) }) }]);
    const timeline = (await t.http().get(`/v1/cases/${c.id}/timeline`).set(bearer(dir)).expect(200)).body.items.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['deadline.reminded', 'deadline.missed']));
    const overdue = (await t.http().get('/v1/deadlines').query({ view: 'overdue' }).set(bearer(dir)).expect(200)).body.items;
    expect(overdue).toEqual(expect.arrayContaining([expect.objectContaining({ id: d.id, status: 'missed' })]));
  });

  it('does nothing for a deadline that was met, even when its job wakes', async () => {
    resetClock();
    const met = await registerWalkIn('物业费纠纷');
    const open = await registerWalkIn('停车位纠纷');
    const dir = await director();
    const read = await t.http().get(`/v1/cases/${met.id}`).set(bearer(dir)).expect(200);
    await t.http().post(`/v1/cases/${met.id}/triage`).set(bearer(dir)).set('If-Match', read.headers.etag).send({ decision: 'accept' }).expect(200);
    const metDeadline = await deadlineOf(t, met.id);
    expect(metDeadline.status).toBe('met');

    await runUpTo(t, TRIAGE_DUE);
    // A wake-up left over for the met deadline (as the one added at registration would be).
    const scheduler = t.app.get(DeadlineScheduler);
    const stale = await scheduler.queue.add('wake', { deadlineId: metDeadline.id, at: TRIAGE_DUE }, { jobId: `stale-${metDeadline.id}` });
    // The unmet case, due at the same instant, is the control: the worker is running.
    await waitFor(async () => (await deadlineOf(t, open.id)).status === 'missed', 'the control deadline to be missed');
    const finished = await waitFor(async () => {
      const job = await scheduler.queue.getJob(stale.id!);
      return job && (await job.isCompleted()) ? job : null;
    }, 'the stale job to run');
    expect(finished!.returnvalue).toMatchObject({ act: 'gone' });
    expect(await effectsOf(t, metDeadline.id)).toEqual([]);
    expect((await deadlineOf(t, met.id)).status).toBe('met');
  });

  it('moves the due time by the paused span: no miss while paused, a new job after resuming', async () => {
    resetClock();
    const c = await registerWalkIn('医疗纠纷');
    const started = await t.ds.transaction((m) => t.app.get(DeadlinesService).start(m, { caseId: c.id, orgUnitId: tree.qingbo.id, kind: 'medical_committee_mediation', startAt: t.clock.now() }));
    const originalDue = started.dueAt.toISOString();
    let dir = await director();
    const before = await t.http().get(`/v1/deadlines/${started.id}`).set(bearer(dir)).expect(200);
    const paused = await t.http().post(`/v1/deadlines/${started.id}/pause`).set(bearer(dir)).set('If-Match', before.headers.etag).send({ reason: '等待医疗损害鉴定结论（鉴定期间不计入调解期限）' }).expect(200);
    expect((await t.ds.query('SELECT next_action_at FROM deadlines WHERE id = $1', [started.id]))[0].next_action_at).toBeNull();

    // Past the original due time, with the worker sweeping: the paused clock is left alone.
    await runUpTo(t, new Date(Date.parse(originalDue) + 86400_000).toISOString());
    const control = await registerWalkIn('装修噪音纠纷');
    await runUpTo(t, new Date(Date.parse(originalDue) + 3 * 86400_000).toISOString());
    await waitFor(async () => (await deadlineOf(t, control.id)).status === 'missed', 'the control deadline to be missed');
    expect((await t.ds.query('SELECT status FROM deadlines WHERE id = $1', [started.id]))[0].status).toBe('paused');
    expect(await effectsOf(t, started.id)).toEqual([]);

    t.clock.freeze();
    dir = await director();
    const resumed = await t.http().post(`/v1/deadlines/${started.id}/resume`).set(bearer(dir)).set('If-Match', paused.headers.etag).send().expect(200);
    expect(Date.parse(resumed.body.dueAt)).toBeGreaterThan(Date.parse(originalDue) + 3 * 86400_000);
    // Reminders are recomputed for the new due time, and a job waits for the first of them.
    const row = (await t.ds.query('SELECT next_action_at, reminders FROM deadlines WHERE id = $1', [started.id]))[0];
    expect(row.reminders.map((r: { stage: string }) => r.stage)).toEqual(['remind-0', 'remind-1']);
    expect(row.next_action_at.toISOString()).toBe(row.reminders[0].at);
    expect(await t.app.get(DeadlineScheduler).queue.getJob(wakeJobId(started.id, row.next_action_at))).toBeDefined();
  });

  it('recomputes a running deadline when a year is corrected, and says so on the timeline', async () => {
    resetClock();
    const c = await registerWalkIn('相邻通行纠纷');
    const d = await deadlineOf(t, c.id);
    expect(d.due_at.toISOString()).toBe(TRIAGE_DUE);
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    const year = (await t.http().get('/v1/calendar/2026').set(bearer(admin)).expect(200)).body;
    // A (fictional) correction: Tuesday 2026-11-24 declared a holiday.
    const days = [...year.days, { date: '2026-11-24', kind: 'holiday', name: '临时调整（测试）' }];
    const res = await t.http().put('/v1/calendar/2026').set(bearer(admin)).send({ source: '更正通知（测试）', days }).expect(200);
    expect(res.body.recomputed.moved).toEqual(expect.arrayContaining([{ deadlineId: d.id, caseId: c.id, before: TRIAGE_DUE, after: '2026-11-25T16:00:00.000Z' }]));
    const moved = await deadlineOf(t, c.id);
    expect(moved.due_at.toISOString()).toBe('2026-11-25T16:00:00.000Z');
    // The new reminder (Wed 20:00) has its job.
    expect(moved.next_action_at!.toISOString()).toBe('2026-11-25T12:00:00.000Z');
    expect(await t.app.get(DeadlineScheduler).queue.getJob(wakeJobId(d.id, moved.next_action_at!))).toBeDefined();
    const timeline = (await t.http().get(`/v1/cases/${c.id}/timeline`).set(bearer(await director())).expect(200)).body.items;
    expect(timeline).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'deadline.recomputed' })]));
    // Restore the official year: the deadline goes back.
    const back = await t.http().put('/v1/calendar/2026').set(bearer(admin)).send({ source: year.source, days: year.days }).expect(200);
    expect(back.body.recomputed.moved).toEqual(expect.arrayContaining([expect.objectContaining({ deadlineId: d.id, after: TRIAGE_DUE })]));
  });

  it('shows the schedule to admins only', async () => {
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    const res = await t.http().get('/v1/deadlines/schedule').set(bearer(admin)).expect(200);
    expect(res.body).toMatchObject({ epoch: expect.any(String), rows: { withoutJob: 0 }, queue: expect.objectContaining({ delayed: expect.any(Number) }) });
    await t.http().get('/v1/deadlines/schedule').set(bearer(await director())).expect(403);
    await t.http().post('/v1/deadlines/schedule/rebuild').set(bearer(await director())).expect(403);
  });

  it('opens Bull Board to an admin in a browser (Basic, then a cookie), and to no one else', async () => {
    const anonymous = await t.http().get('/admin/queues').expect(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm=/);
    expect(anonymous.body.code).toBe('AUTH.UNAUTHENTICATED');
    const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
    const page = await t.http().get('/admin/queues').set('Authorization', basic(ADMIN.username, ADMIN.password)).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    const cookie = (page.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('tj_queues='))!;
    expect(cookie).toMatch(/HttpOnly/);
    const queues = await t.http().get('/admin/queues/api/queues').set('Cookie', cookie.split(';')[0]).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name)).toContain('deadlines');
    await t.http().get('/admin/queues').set('Authorization', basic('street.director', 'street.director-Pass-2026')).expect(403);
    await t.http().get('/admin/queues').set('Authorization', basic(ADMIN.username, 'wrong-password')).expect(401);
  });
});

describe('deadline engine when Redis loses the schedule', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let caseIds: string[] = [];

  beforeAll(async () => {
    redis = await startPrivateRedis();
    t = await createTestApp({ ...WORKER_ENV, REDIS_URL: redis.url });
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    const tree = await seedTree(t, admin);
    const clerk = await tree.user('desk.clerk', '杨帆', ['intake_clerk'], tree.qingbo.id);
    caseIds = [];
    for (const title of ['拖欠工资纠纷', '房屋租赁纠纷', '物业服务纠纷']) {
      t.clock.advance(1000);
      caseIds.push((await t.http().post('/v1/cases').set(bearer(clerk)).send({ channel: 'walk_in', title, description: `${title}，请求调解。`, parties: [{ role: 'applicant', kind: 'person', name: '孙志强' }], registerAnyway: true }).expect(201)).body.id);
    }
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  /** Every pending deadline has its job in Redis, for the instant its row asks for. */
  const allScheduled = async () => {
    const rows: Array<{ id: string; next_action_at: Date }> = await t.ds.query(`SELECT id, next_action_at FROM deadlines WHERE status = 'pending'`);
    const queue = t.app.get(DeadlineScheduler).queue;
    const jobs = await Promise.all(rows.map((r) => queue.getJob(wakeJobId(r.id, r.next_action_at))));
    return rows.length === caseIds.length && jobs.every((j) => j !== undefined);
  };
  const sweepScheduled = async () => (await t.app.get(DeadlineScheduler).queue.getJobSchedulers()).some((s) => s.key === 'deadline-sweep');

  it('restores every pending deadline after a FLUSHALL', async () => {
    expect(await allScheduled()).toBe(true);
    const epoch = await t.app.get(DeadlineScheduler).currentEpoch();
    await redis.flushAll();
    expect(await allScheduled()).toBe(false);
    await waitFor(allScheduled, 'the watchdog to restore the jobs');
    expect(await t.app.get(DeadlineScheduler).currentEpoch()).not.toBe(epoch);
    expect(await waitFor(sweepScheduled, 'the sweep scheduler to be back')).toBe(true);
  });

  it('brings the periodic sweep back when a sweep, not the watchdog, is the first to see the flush', async () => {
    await redis.flushAll();
    await t.app.get(DeadlineWorker).sweep();
    expect(await sweepScheduled()).toBe(true);
    expect(await allScheduled()).toBe(true);
  });

  it('restores them after Redis restarts empty, and still enforces what fell due meanwhile', async () => {
    await redis.restart();
    await waitFor(allScheduled, 'the watchdog to restore the jobs after the restart', 15_000);
    expect(await waitFor(sweepScheduled, 'the sweep scheduler to be back')).toBe(true);
    // Time passed while nobody was looking: the sweep enforces it, no job needed.
    t.clock.set(new Date(Date.parse(TRIAGE_DUE) + 60_000));
    const summary = await t.app.get(DeadlineWorker).sweep();
    expect(summary.acted).toBe(caseIds.length);
    const rows = await t.ds.query(`SELECT d.status, e.via FROM deadlines d JOIN deadline_effects e ON e.deadline_id = d.id AND e.stage = 'due'`);
    expect(rows).toEqual(caseIds.map(() => ({ status: 'missed', via: 'sweep' })));
  });
});

describe('deadline engine with two workers', () => {
  let a: TestApp;
  let b: TestApp;
  const ids: string[] = [];

  beforeAll(async () => {
    a = await createTestApp(WORKER_ENV);
    b = await createTestApp(WORKER_ENV, { share: a });
    const admin = await signIn(a, ADMIN.username, ADMIN.password);
    const tree = await seedTree(a, admin);
    const clerk = await tree.user('desk.clerk', '杨帆', ['intake_clerk'], tree.qingbo.id);
    await tree.user('street.director', '孔德明', ['director'], tree.qingbo.id);
    for (let i = 0; i < 12; i++) {
      a.clock.advance(1000);
      const res = await a.http().post('/v1/cases').set(bearer(clerk)).send({ channel: 'walk_in', title: `邻里纠纷${i + 1}号`, description: '因公共区域使用发生争执，请求调解。', parties: [{ role: 'applicant', kind: 'person', name: '冯海燕' }], registerAnyway: true }).expect(201);
      ids.push(res.body.id);
    }
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const bothUpTo = async (at: string) => {
    for (const x of [a, b]) {
      x.clock.freeze();
      x.clock.set(new Date(Date.parse(at) - 1200));
    }
    a.clock.run();
    b.clock.run();
    await runUpTo(a, at);
    b.clock.set(a.clock.now());
    // Duplicate wake-ups under other ids, and both workers sweeping at once.
    const rows: Array<{ id: string }> = await a.ds.query(`SELECT id FROM deadlines WHERE status = 'pending'`);
    await b.app.get(DeadlineScheduler).queue.addBulk(rows.map((r) => ({ name: 'wake', data: { deadlineId: r.id, at }, opts: { jobId: `dup-${r.id}-${Date.parse(at)}`, delay: 1200 } })));
    setTimeout(() => void Promise.all([a.app.get(DeadlineWorker).sweep(), b.app.get(DeadlineWorker).sweep()]).catch(() => undefined), 1500);
  };
  const count = async (sql: string) => Number((await a.ds.query(sql))[0].n);

  it('produces each reminder and each miss exactly once', async () => {
    await bothUpTo(TRIAGE_REMINDER);
    await waitFor(async () => (await count(`SELECT count(*) AS n FROM deadline_effects WHERE stage = 'remind-0'`)) === ids.length, 'every reminder');
    await bothUpTo(TRIAGE_DUE);
    await waitFor(async () => (await count(`SELECT count(*) AS n FROM deadlines WHERE status = 'missed'`)) === ids.length, 'every miss');
    // Let the duplicate jobs and sweeps finish before counting.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await count(`SELECT count(*) AS n FROM deadline_effects`)).toBe(2 * ids.length);
    expect(await count(`SELECT count(*) AS n FROM notifications WHERE kind = 'deadline.reminder'`)).toBe(ids.length);
    expect(await count(`SELECT count(*) AS n FROM notifications WHERE kind = 'deadline.missed'`)).toBe(ids.length);
    expect(await count(`SELECT count(*) AS n FROM audit_events WHERE action = 'deadline.missed'`)).toBe(ids.length);
  });
});
