import { createServer, IncomingMessage, Server } from 'node:http';
import { DeadlinesService } from '../src/deadlines/deadlines.service';
import { DeadlineWorker } from '../src/deadlines/deadline-worker';
import { SmsService } from '../src/notifications/sms/sms.service';
import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp, waitFor } from './support/test-app';
import { findFreePort } from '../src/infra/postgres-launcher';

const MOBILE = '13812345678';
const wageCase = {
  channel: 'walk_in',
  title: '农民工讨要拖欠工资',
  description: '申请人在清波街道某工地务工，包工头拖欠三个月工资共计2.4万元，多次讨要未果。',
  amount: '24000.00',
  parties: [
    { role: 'applicant', kind: 'person', name: '张秀英', mobile: MOBILE },
    { role: 'respondent', kind: 'organisation', name: '杭州某某建筑劳务有限公司', idType: 'credit_code', idNumber: '91350100M000100Y43' },
  ],
  registerAnyway: true,
};

describe('labor mediation at day 15: the parties are told by text', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof seedTree>>;

  beforeAll(async () => {
    t = await createTestApp({ APP_ROLE: 'all', DEADLINE_SWEEP_INTERVAL_MS: '600000' });
    tree = await seedTree(t, await signIn(t, ADMIN.username, ADMIN.password));
    await tree.user('desk.clerk', '杨帆', ['intake_clerk'], tree.qingbo.id);
    await tree.user('street.director', '孔德明', ['director'], tree.qingbo.id);
  });
  afterAll(() => t.close());

  it('misses the 15 days, texts the worker the arbitration road, and keeps the text as evidence', async () => {
    const clerk = await signIn(t, 'desk.clerk', 'desk.clerk-Pass-2026');
    const c = (await t.http().post('/v1/cases').set(bearer(clerk)).send(wageCase).expect(201)).body;
    // The labor track starts this when the mediation body receives the application (L1).
    const d = await t.ds.transaction((m) => t.app.get(DeadlinesService).start(m, { caseId: c.id, orgUnitId: tree.qingbo.id, kind: 'labor_mediation', startAt: t.clock.now() }));
    // Received Mon 2026-11-23: 15 days → Tue 12-08, ending at 24:00.
    expect(d.dueAt.toISOString()).toBe('2026-12-08T16:00:00.000Z');

    t.clock.set('2026-12-08T16:00:05.000Z');
    await t.app.get(DeadlineWorker).sweep();
    const director = await signIn(t, 'street.director', 'street.director-Pass-2026');
    const texts = await waitFor(async () => {
      const res = await t.http().get('/v1/sms').query({ caseId: c.id }).set(bearer(director)).expect(200);
      return res.body.items.length === 1 && res.body.items[0].status === 'delivered' ? res.body.items : null;
    }, 'the text to be delivered');
    expect(texts[0]).toMatchObject({ template: 'labor_arbitration_eligible', recipient: '138****5678', provider: 'recording', attempts: 1 });
    expect(texts[0].text).toContain(c.number);
    expect(texts[0].text).toContain('申请仲裁');
    expect(JSON.stringify(texts)).not.toContain(MOBILE);
    const timeline = (await t.http().get(`/v1/cases/${c.id}/timeline`).set(bearer(director)).expect(200)).body.items;
    expect(timeline).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'case.arbitration_eligible', after: expect.objectContaining({ partiesTexted: 1, partiesWithoutMobile: 1 }) })]));
    // Nobody is assigned yet, so the director is the one told to inform the other parties in writing.
    const inbox = (await t.http().get('/v1/notifications').set(bearer(director)).expect(200)).body.items;
    expect(inbox.map((n: { kind: string }) => n.kind)).toContain('case.arbitration_eligible');
  });
});

describe('texts through a real SMS gateway over HTTP', () => {
  let t: TestApp;
  let gateway: Server;
  const received: Array<{ auth: string | undefined; body: { to: string; text: string; reference: string } }> = [];
  let failNext = 1;
  const TOKEN = 'gw-token-0123456789abcdef';

  beforeAll(async () => {
    const port = await findFreePort();
    gateway = createServer((req: IncomingMessage, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        received.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
        if (failNext-- > 0) {
          res.writeHead(500).end('busy');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ messageId: `gw-${received.length}` }));
      });
    });
    await new Promise<void>((r) => gateway.listen(port, '127.0.0.1', () => r()));
    // No worker: the test drives delivery attempts itself instead of waiting out the backoff.
    t = await createTestApp({ SMS_GATEWAY_URL: `http://127.0.0.1:${port}/send`, SMS_GATEWAY_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => gateway.close(r));
  });

  it('retries after a gateway error, then records the delivery receipt', async () => {
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    const tree = await seedTree(t, admin);
    const clerk = await tree.user('desk.clerk', '杨帆', ['intake_clerk'], tree.qingbo.id);
    const c = (await t.http().post('/v1/cases').set(bearer(clerk)).send(wageCase).expect(201)).body;
    const sms = t.app.get(SmsService);
    const row = await t.ds.transaction((m) =>
      sms.send(m, { caseId: c.id, partyId: null, orgUnitId: tree.qingbo.id, mobile: MOBILE, template: 'session_notice', params: { caseNumber: c.number, time: '12月1日（周二）上午9:30', place: '清波街道矛调中心第二调解室', mediatorName: '何建平' } }),
    );

    await expect(sms.deliver(row.id)).rejects.toThrow(/500/);
    let stored = (await t.ds.query('SELECT status, attempts, last_error FROM sms_messages WHERE id = $1', [row.id]))[0];
    expect(stored).toMatchObject({ status: 'queued', attempts: 1, last_error: expect.stringContaining('500') });

    expect(await sms.deliver(row.id)).toBe('sent');
    // A duplicate job for the same message does not text twice.
    expect(await sms.deliver(row.id)).toBe('not-queued');
    expect(received).toHaveLength(2);
    expect(received[1]).toEqual({ auth: `Bearer ${TOKEN}`, body: { to: MOBILE, text: expect.stringContaining('第二调解室'), reference: row.id } });
    expect(received[1].body.text.startsWith('【矛调中心】')).toBe(true);

    await t.http().post('/v1/sms/receipts').set('X-Sms-Gateway-Token', 'wrong-token-0123456789').send({ messageId: 'gw-2', status: 'delivered' }).expect(401);
    const unknown = await t.http().post('/v1/sms/receipts').set('X-Sms-Gateway-Token', TOKEN).send({ messageId: 'gw-999', status: 'delivered' }).expect(404);
    expect(unknown.body.code).toBe('SMS.UNKNOWN_MESSAGE');
    const ok = await t.http().post('/v1/sms/receipts').set('X-Sms-Gateway-Token', TOKEN).send({ messageId: 'gw-2', status: 'delivered' }).expect(200);
    expect(ok.body).toMatchObject({ id: row.id, status: 'delivered', recipient: '138****5678', attempts: 2, provider: 'http' });
    stored = (await t.ds.query('SELECT status, delivered_at FROM sms_messages WHERE id = $1', [row.id]))[0];
    expect(stored.status).toBe('delivered');
    expect(stored.delivered_at).not.toBeNull();
  });
});
