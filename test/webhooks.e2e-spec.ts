import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { findFreePort } from '../src/infra/postgres-launcher';
import { OutboxService } from '../src/webhooks/outbox.service';
import { WebhookWorker } from '../src/webhooks/webhook-worker';
import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp, waitFor } from './support/test-app';

/** What the fake partner received, as it arrived. */
interface Received {
  path: string;
  at: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A partner's receiving service on 127.0.0.1. Each path answers from its own script (an HTTP
 * status, or 'hang' to never answer), then 200 once the script runs out. Signatures are checked
 * with the official Standard Webhooks library, never with our own signing code.
 */
class FakeReceiver {
  readonly received: Received[] = [];
  private readonly scripts = new Map<string, Array<number | 'hang'>>();
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  port = 0;

  async start(): Promise<void> {
    this.port = await findFreePort();
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (raw += c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, at: Date.now(), headers: req.headers as Record<string, string>, body: raw });
        const next = this.scripts.get(path)?.shift() ?? 200;
        if (next === 'hang') return; // the socket stays open until our timeout gives up
        res.writeHead(next, { 'content-type': 'text/plain; charset=utf-8' }).end(next === 200 ? 'ok' : '系统维护中');
      });
    });
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', () => r()));
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server?.close(r));
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  script(path: string, answers: Array<number | 'hang'>): void {
    this.scripts.set(path, [...answers]);
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }
}

/** Verifies with the Standard Webhooks library and returns the parsed body. */
const verify = (secret: string, r: Received) => new Webhook(secret).verify(r.body, r.headers) as { type: string; timestamp: string; data: Record<string, unknown> };

describe('webhook delivery to partner systems', () => {
  let t: TestApp;
  let admin: string;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  const receiver = new FakeReceiver();
  let n = 0;

  const etag = async (path: string) => (await t.http().get(path).set(bearer(admin)).expect(200)).headers.etag as string;

  /** A court partner of its own per scenario, so one scenario's queue never waits on another's. */
  async function partner(name: string, path?: string): Promise<{ id: string; secret: string }> {
    const p = (await t.http().post('/v1/partners').set(bearer(admin)).send({ name, kind: 'court', orgUnitId: tree.qingbo.id, externalCode: `J33010${n++}` }).expect(201)).body;
    if (!path) return { id: p.id, secret: '' };
    const hook = await t.http().put(`/v1/partners/${p.id}/webhook`).set(bearer(admin)).send({ url: receiver.url(path) }).expect(201);
    return { id: p.id, secret: hook.body.secret as string };
  }

  const emit = (partnerId: string, payload: Record<string, unknown>, extra: { eventType?: string; targetUrl?: string } = {}) =>
    t.ds.transaction((m) =>
      t.app.get(OutboxService).emit(m, partnerId, { eventType: extra.eventType ?? 'deadline.missed', subjectType: 'case', subjectId: null, payload, targetUrl: extra.targetUrl }),
    );

  const eventsOf = async (partnerId: string, status?: string) =>
    (await t.http().get(`/v1/partners/${partnerId}/webhook/events`).query(status ? { status } : {}).set(bearer(admin)).expect(200)).body.items as Array<Record<string, unknown>>;

  /** Waits until `count` deliveries reached the path, and returns them. */
  const arrivals = async (path: string, count = 1): Promise<Received[]> => {
    await waitFor(async () => receiver.at(path).length >= count, `${count} webhook(s) at ${path}`);
    return receiver.at(path);
  };

  const eventStatus = async (id: string) => (await t.ds.query('SELECT status FROM outbox_events WHERE id = $1', [id]))[0].status as string;

  beforeAll(async () => {
    await receiver.start();
    t = await createTestApp({
      APP_ROLE: 'all',
      DEADLINE_SWEEP_INTERVAL_MS: '600000',
      WEBHOOK_ALLOW_PRIVATE_ENDPOINTS: 'true',
      WEBHOOK_RETRY_SCHEDULE: '200ms,400ms,800ms',
      WEBHOOK_TIMEOUT_MS: '300',
      // Only jobs drive delivery here; the sweep is called by hand where a scenario needs it.
      WEBHOOK_SWEEP_INTERVAL_MS: '600000',
    });
    // Real time flows from here: retries and timeouts are real short delays.
    t.clock.run();
    admin = await signIn(t, ADMIN.username, ADMIN.password);
    tree = await seedTree(t, admin);
  });
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  it('refuses loopback and private endpoints unless configured to allow them', async () => {
    // A second replica of the app with the default setting, on the same database.
    const strict = await createTestApp({}, { share: t });
    try {
      const token = await signIn(strict, ADMIN.username, ADMIN.password);
      const p = await partner('杭州市上城区人民法院（地址校验）');
      const put = (url: string) => strict.http().put(`/v1/partners/${p.id}/webhook`).set(bearer(token)).set('Accept-Language', 'en').send({ url });
      for (const [url, code] of [
        [receiver.url('/hooks'), 'webhookUrl.https_required'],
        [`https://127.0.0.1:${receiver.port}/hooks`, 'webhookUrl.private_address'],
        ['https://localhost/hooks', 'webhookUrl.private_address'],
        ['https://[::ffff:192.168.1.20]/hooks', 'webhookUrl.private_address'],
        ['https://169.254.169.254/latest/meta-data', 'webhookUrl.private_address'],
      ]) {
        const res = await put(url).expect(422);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ code: 'WEBHOOK.ENDPOINT_NOT_ALLOWED', status: 422, errors: [{ field: 'url', code }] });
      }
      const zh = await strict.http().put(`/v1/partners/${p.id}/webhook`).set(bearer(token)).send({ url: `https://127.0.0.1/hooks` }).expect(422);
      expect(zh.body.errors[0].message).toBe('指向内网、本机或保留地址（127.0.0.1），不允许推送');
      await strict.http().get(`/v1/partners/${p.id}/webhook`).set(bearer(token)).expect(404);
    } finally {
      await strict.close();
    }
  });

  it('delivers a real case.red_risk event, signed, to the police station covering the unit', async () => {
    const station = (await t.http().post('/v1/partners').set(bearer(admin)).send({ name: '湖滨派出所', kind: 'police', orgUnitId: tree.hubin.id }).expect(201)).body;
    const hook = await t.http().put(`/v1/partners/${station.id}/webhook`).set(bearer(admin)).send({ url: receiver.url('/police') }).expect(201);
    expect(hook.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(hook.headers.etag).toBe('"1"');
    const clerk = await tree.user('hubin.clerk', '周建华', ['intake_clerk'], tree.hubin.id);
    const kase = (
      await t.http().post('/v1/cases').set(bearer(clerk)).send({
        channel: 'walk_in', title: '讨要工程款', description: '申请人称包工头欠款不还，如果这周再不给钱就从楼上跳下去。',
        parties: [{ role: 'applicant', kind: 'person', name: '郑国强', mobile: '13812345678' }, { role: 'respondent', kind: 'person', name: '钱某' }],
      }).expect(201)
    ).body;
    const [got] = await arrivals('/police');
    const body = verify(hook.body.secret, got);
    const [event] = await eventsOf(station.id);
    expect(got.headers['webhook-id']).toBe(event.id);
    expect(Math.abs(Number(got.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    expect(got.headers['content-type']).toBe('application/json');
    expect(body).toEqual({
      type: 'case.red_risk',
      timestamp: event.occurredAt,
      data: expect.objectContaining({ caseId: kase.id, number: kase.number, riskLevel: 'red', eventId: event.id, subjectType: 'case', subjectId: kase.id, orgUnit: { code: '330102002', name: '湖滨街道' } }),
    });
    // The payload carries no personal data: partners read the case through the API.
    expect(got.body).not.toMatch(/郑国强|13812345678/);
    await waitFor(async () => (await eventStatus(event.id as string)) === 'delivered', 'the event to be marked delivered');
    const [listed] = await eventsOf(station.id);
    expect(listed).toMatchObject({ eventType: 'case.red_risk', status: 'delivered', attempts: 1, lastError: null, deliveredAt: expect.stringMatching(/\+08:00$/) });
  });

  it('retries with backoff, then delivers; a later event waits for the earlier one', async () => {
    const p = await partner('杭州市上城区人民法院（重试）', '/retry');
    receiver.script('/retry', [500, 500]);
    const first = await emit(p.id, { caseId: 'c1', seq: 1 });
    // Emitted while the first is failing: it must not overtake it.
    const second = await emit(p.id, { caseId: 'c2', seq: 2 });
    await waitFor(async () => receiver.at('/retry').length >= 4, 'three attempts and the second event', 10_000);
    const got = receiver.at('/retry');
    expect(got.map((r) => r.headers['webhook-id'])).toEqual([first, first, first, second]);
    got.forEach((r) => verify(p.secret, r));
    const [gap1, gap2] = [got[1].at - got[0].at, got[2].at - got[1].at];
    expect(gap1).toBeGreaterThanOrEqual(180);
    expect(gap2).toBeGreaterThanOrEqual(380);
    expect(gap2).toBeGreaterThan(gap1);
    // Every retry carries the same id and body; only the timestamp and signature may change.
    expect(new Set(got.slice(0, 3).map((r) => r.body)).size).toBe(1);

    await waitFor(async () => (await eventStatus(second)) === 'delivered', 'both delivered');
    const history = (await t.http().get(`/v1/partners/${p.id}/webhook/deliveries`).query({ eventId: first }).set(bearer(admin)).expect(200)).body.items;
    expect(history.map((d: { attempt: number; httpStatus: number; succeeded: boolean }) => [d.attempt, d.httpStatus, d.succeeded])).toEqual([
      [3, 200, true],
      [2, 500, false],
      [1, 500, false],
    ]);
    expect(history[2]).toMatchObject({ eventId: first, eventType: 'deadline.missed', url: receiver.url('/retry'), error: 'HTTP 500: 系统维护中', durationMs: expect.any(Number) });
    expect(new Date(history[0].attemptedAt).getTime()).toBeGreaterThan(new Date(history[1].attemptedAt).getTime());
    const all = (await t.http().get(`/v1/partners/${p.id}/webhook/deliveries`).set(bearer(admin)).expect(200)).body.items;
    expect(all).toHaveLength(4);
  });

  it('gives up after the schedule (dead, audited, admins told), and a replay delivers it once fixed', async () => {
    const p = await partner('杭州市上城区人民法院（无应答）', '/hang');
    receiver.script('/hang', ['hang', 'hang', 'hang', 'hang']);
    const id = await emit(p.id, { caseId: 'c3' });
    await waitFor(async () => (await eventStatus(id)) === 'dead', 'the event to be dead', 10_000);
    expect(receiver.at('/hang')).toHaveLength(4);
    const [dead] = await eventsOf(p.id, 'dead');
    expect(dead).toMatchObject({ id, status: 'dead', attempts: 4, lastError: 'no answer within 300 ms', nextAttemptAt: null });
    const history = (await t.http().get(`/v1/partners/${p.id}/webhook/deliveries`).set(bearer(admin)).expect(200)).body.items;
    expect(history.map((d: { httpStatus: number | null }) => d.httpStatus)).toEqual([null, null, null, null]);
    const audit = await t.ds.query(`SELECT actor_type, after FROM audit_events WHERE action = 'webhook.event_dead' AND subject_id = $1`, [p.id]);
    expect(audit).toEqual([{ actor_type: 'system', after: expect.objectContaining({ eventId: id, attempts: 4, status: 'dead' }) }]);
    const inbox = (await t.http().get('/v1/notifications').set(bearer(admin)).expect(200)).body.items;
    expect(inbox.find((x: { kind: string; subjectId: string }) => x.kind === 'webhook.event_dead' && x.subjectId === p.id)?.title).toContain('推送失败');

    // The receiver is fixed (its script has run out: it answers 200 now).
    const replayed = await t.http().post(`/v1/webhook-events/${id}/replay`).set(bearer(admin)).expect(200);
    expect(replayed.body).toMatchObject({ id, attempts: 0, lastError: null });
    await waitFor(async () => (await eventStatus(id)) === 'delivered', 'the replayed event to be delivered');
    const last = receiver.at('/hang').at(-1)!;
    expect(last.headers['webhook-id']).toBe(id);
    verify(p.secret, last);
    const afterReplay = (await t.http().get(`/v1/partners/${p.id}/webhook/deliveries`).query({ eventId: id }).set(bearer(admin)).expect(200)).body.items;
    expect(afterReplay[0]).toMatchObject({ attempt: 1, httpStatus: 200, succeeded: true });
    expect(afterReplay).toHaveLength(5);
  });

  it('replays every dead event of a partner, in order, once its endpoint is corrected', async () => {
    const closedPort = await findFreePort();
    const p = (await t.http().post('/v1/partners').set(bearer(admin)).send({ name: '杭州市上城区人民法院（地址有误）', kind: 'court', orgUnitId: tree.qingbo.id }).expect(201)).body;
    const hook = await t.http().put(`/v1/partners/${p.id}/webhook`).set(bearer(admin)).send({ url: `http://127.0.0.1:${closedPort}/nobody` }).expect(201);
    const a = await emit(p.id, { caseId: 'c4' });
    const b = await emit(p.id, { caseId: 'c5' });
    await waitFor(async () => (await eventStatus(b)) === 'dead', 'both events to be dead', 10_000);
    expect(await eventStatus(a)).toBe('dead');
    expect((await eventsOf(p.id, 'dead'))[0].lastError).toMatch(/ECONNREFUSED/);

    await t.http().put(`/v1/partners/${p.id}/webhook`).set(bearer(admin)).send({ url: receiver.url('/fixed') }).expect(428);
    const changed = await t.http().put(`/v1/partners/${p.id}/webhook`).set(bearer(admin)).set('If-Match', await etag(`/v1/partners/${p.id}/webhook`)).send({ url: receiver.url('/fixed') }).expect(200);
    expect(changed.body.secret).toBeUndefined();
    expect(changed.body).toMatchObject({ url: receiver.url('/fixed'), version: 2 });
    const res = await t.http().post(`/v1/partners/${p.id}/webhook/replay`).set(bearer(admin)).expect(200);
    expect(res.body).toEqual({ replayed: 2 });
    await waitFor(async () => receiver.at('/fixed').length === 2, 'both replayed events');
    expect(receiver.at('/fixed').map((r) => r.headers['webhook-id'])).toEqual([a, b]);
    receiver.at('/fixed').forEach((r) => verify(hook.body.secret, r));
    expect((await t.http().post(`/v1/partners/${p.id}/webhook/replay`).set(bearer(admin)).expect(200)).body).toEqual({ replayed: 0 });
  });

  it('rotates the secret: during the grace period both secrets sign', async () => {
    const p = await partner('杭州市上城区人民法院（换密钥）', '/rotate');
    const path = `/v1/partners/${p.id}/webhook`;
    await t.http().post(`${path}/secret/rotation`).set(bearer(admin)).expect(428);
    const rotated = await t.http().post(`${path}/secret/rotation`).set(bearer(admin)).set('If-Match', await etag(path)).expect(200);
    const fresh = rotated.body.secret as string;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(p.secret);
    expect(rotated.headers['cache-control']).toBe('no-store');
    const graceEnds = new Date(rotated.body.previousSecretExpiresAt).getTime() - t.clock.now().getTime();
    expect(graceEnds).toBeGreaterThan(23.9 * 3_600_000);
    expect(graceEnds).toBeLessThanOrEqual(24 * 3_600_000);

    const id = await emit(p.id, { caseId: 'c6' });
    const [got] = await arrivals('/rotate');
    expect(got.headers['webhook-id']).toBe(id);
    expect(got.headers['webhook-signature'].split(' ')).toHaveLength(2);
    // A receiver still configured with the old secret, and one already switched, both accept it.
    expect(verify(p.secret, got).data).toMatchObject({ caseId: 'c6' });
    expect(verify(fresh, got).data).toMatchObject({ caseId: 'c6' });
    expect(() => new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').verify(got.body, got.headers)).toThrow(/No matching signature/);
  });

  it('never shows or stores the secret in clear after the response that issued it', async () => {
    const p = await partner('杭州市上城区人民法院（密钥保密）', '/secret');
    const read = await t.http().get(`/v1/partners/${p.id}/webhook`).set(bearer(admin)).expect(200);
    expect(read.body).toEqual({
      partnerId: p.id,
      url: receiver.url('/secret'),
      active: true,
      secretCreatedAt: expect.stringMatching(/\+08:00$/),
      previousSecretExpiresAt: null,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const key = p.secret.slice('whsec_'.length);
    expect(JSON.stringify(read.body)).not.toContain(key);
    const stored = await t.ds.query('SELECT secret_enc FROM webhook_endpoints WHERE partner_id = $1', [p.id]);
    expect(stored[0].secret_enc).not.toContain(key);
    const audit = await t.ds.query(`SELECT action, before, after FROM audit_events WHERE subject_id = $1 AND action LIKE 'webhook%'`, [p.id]);
    expect(audit).toEqual([{ action: 'webhook_endpoint.created', before: null, after: { url: receiver.url('/secret'), active: true, secretIssued: true } }]);
    expect(JSON.stringify(audit)).not.toContain(key);
  });

  it('keeps the events of a partner without an endpoint pending, and sends them once one is set', async () => {
    const p = await partner('杭州市上城区人民法院（未配置）');
    const id = await emit(p.id, { caseId: 'c7' });
    await t.app.get(WebhookWorker).sweep();
    await new Promise((r) => setTimeout(r, 300));
    expect((await t.ds.query('SELECT status, attempts FROM outbox_events WHERE id = $1', [id]))[0]).toEqual({ status: 'pending', attempts: 0 });
    await t.http().get(`/v1/partners/${p.id}/webhook`).set(bearer(admin)).expect(404);
    // A pending event is not replayable: it is retried on schedule.
    const busy = await t.http().post(`/v1/webhook-events/${id}/replay`).set(bearer(admin)).expect(409);
    expect(busy.body.code).toBe('WEBHOOK.EVENT_NOT_REPLAYABLE');

    const hook = await t.http().put(`/v1/partners/${p.id}/webhook`).set(bearer(admin)).send({ url: receiver.url('/late') }).expect(201);
    const [got] = await arrivals('/late');
    expect(got.headers['webhook-id']).toBe(id);
    verify(hook.body.secret, got);
  });

  it('holds the events of a disabled partner until it is enabled again', async () => {
    const p = await partner('杭州市上城区人民法院（停用）', '/disabled');
    const disable = (active: boolean) =>
      etag(`/v1/partners/${p.id}`).then((tag) => t.http().patch(`/v1/partners/${p.id}`).set(bearer(admin)).set('If-Match', tag).send({ active }).expect(200));
    await disable(false);
    const id = await emit(p.id, { caseId: 'c12' });
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.at('/disabled')).toHaveLength(0);
    expect(await eventStatus(id)).toBe('pending');
    await disable(true);
    await t.app.get(WebhookWorker).sweep();
    expect((await arrivals('/disabled'))[0].headers['webhook-id']).toBe(id);
  });

  it('recovers, through the sweep, an event whose job was lost and a lease whose worker died', async () => {
    const p = await partner('杭州市上城区人民法院（恢复）', '/recover');
    // A worker died holding the lease (as long as it lasts, nobody else sends)...
    // (Times come from the app's clock, which this suite set, not from the database server's.)
    const at = (ms: number) => new Date(t.clock.now().getTime() + ms);
    await t.ds.query(`UPDATE webhook_endpoints SET lease_until = $2, lease_token = gen_random_uuid() WHERE partner_id = $1`, [p.id, at(3_600_000)]);
    // ...and Redis lost the event's job (written without one, as after a flush).
    const [{ id }] = await t.ds.query(
      `INSERT INTO outbox_events (event_type, partner_id, subject_type, payload, occurred_at, next_attempt_at) VALUES ('deadline.missed', $1, 'case', '{"caseId":"c13"}', $2, $2) RETURNING id`,
      [p.id, at(0)],
    );
    await t.app.get(WebhookWorker).sweep();
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.at('/recover')).toHaveLength(0);
    // The lease runs out: the next sweep finds the partner's head due and free.
    await t.ds.query(`UPDATE webhook_endpoints SET lease_until = $2 WHERE partner_id = $1`, [p.id, at(-1000)]);
    await t.app.get(WebhookWorker).sweep();
    const [got] = await arrivals('/recover');
    expect(got.headers['webhook-id']).toBe(id);
    expect(verify(p.secret, got).data).toMatchObject({ caseId: 'c13', eventId: id });
  });

  it('delivers to a per-referral callback of the same origin, and refuses any other origin', async () => {
    const p = await partner('杭州市上城区人民法院（回调）', '/court');
    const outbox = t.app.get(OutboxService);
    const check = (partnerId: string, url: string) => t.ds.transaction((m) => outbox.assertCallbackUrl(m, partnerId, url));
    await expect(check(p.id, receiver.url('/court/referrals/r1'))).resolves.toBe(receiver.url('/court/referrals/r1'));
    for (const [url, code] of [
      [`http://localhost:${receiver.port}/court/referrals/r1`, 'callbackUrl.origin_mismatch'],
      [`http://127.0.0.1:${receiver.port + 1}/court`, 'callbackUrl.origin_mismatch'],
      [`https://127.0.0.1:${receiver.port}/court`, 'callbackUrl.origin_mismatch'],
      ['not a url', 'webhookUrl.invalid'],
    ]) {
      await expect(check(p.id, url)).rejects.toMatchObject({ code: 'WEBHOOK.CALLBACK_URL_NOT_ALLOWED', fieldErrors: [{ field: 'callbackUrl', code }] });
    }
    const bare = await partner('杭州市上城区人民法院（无推送地址）');
    await expect(check(bare.id, receiver.url('/court'))).rejects.toMatchObject({ fieldErrors: [{ field: 'callbackUrl', code: 'callbackUrl.no_endpoint' }] });

    const id = await emit(p.id, { caseId: 'c8' }, { targetUrl: receiver.url('/court/referrals/r1') });
    const [got] = await arrivals('/court/referrals/r1');
    expect(got.headers['webhook-id']).toBe(id);
    verify(p.secret, got);
    expect(receiver.at('/court')).toHaveLength(0);
  });

  it('lets a partner system pull its own events, newest first', async () => {
    const mine = await partner('杭州市上城区人民法院（对账）', '/pull');
    const other = await partner('杭州市西湖区人民法院（对账）', '/pull-other');
    const key = (await t.http().post(`/v1/partners/${mine.id}/api-keys`).set(bearer(admin)).send({ label: '对账' }).expect(201)).body.key;
    const e1 = await emit(mine.id, { caseId: 'c9' });
    const e2 = await emit(mine.id, { caseId: 'c10' }, { eventType: 'case.red_risk' });
    await emit(other.id, { caseId: 'c11' });
    await waitFor(async () => (await eventStatus(e2)) === 'delivered', 'both delivered');
    const page = (await t.http().get('/v1/webhook-events').set('X-Api-Key', key).expect(200)).body;
    expect(page.items.map((e: { id: string }) => e.id)).toEqual([e2, e1]);
    expect(page.items[0]).toMatchObject({ eventType: 'case.red_risk', status: 'delivered', data: { caseId: 'c10', eventId: e2 } });
    const filtered = (await t.http().get('/v1/webhook-events').query({ eventType: 'deadline.missed', limit: 1 }).set('X-Api-Key', key).expect(200)).body;
    expect(filtered).toEqual({ items: [expect.objectContaining({ id: e1 })], nextCursor: null });
    const bad = await t.http().get('/v1/webhook-events').query({ status: 'lost' }).set('X-Api-Key', key).expect(400);
    expect(bad.body.errors[0].field).toBe('status');
    // Staff use the admin routes; this one is for partner keys only.
    await t.http().get('/v1/webhook-events').set(bearer(admin)).expect(403);
    // And a partner key cannot reach the admin routes.
    await t.http().get(`/v1/partners/${mine.id}/webhook`).set('X-Api-Key', key).expect(403);
  });
});
