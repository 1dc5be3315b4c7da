import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp, waitFor } from './support/test-app';
import { FakePartner, ReceivedWebhook } from './support/fake-partner';
import { WEBHOOK_EVENTS } from '../src/webhooks/event-catalogue';

/**
 * 诉调对接 end to end, with two courts' systems on 127.0.0.1 that receive our webhooks and check
 * every signature with the official Standard Webhooks library.
 */
describe('court referrals, filings and judicial confirmation', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  const courts = new FakePartner();
  const court = { a: { id: '', key: '', secret: '' }, b: { id: '', key: '', secret: '' } };
  let mediatorId = '';

  const as = (username: string) => signIn(t, username, `${username}-Pass-2026`);
  const courtCall = (which: 'a' | 'b') => ({ 'X-Api-Key': court[which].key });
  const etagOf = async (token: string, path: string) => (await t.http().get(path).set(bearer(token)).expect(200)).headers.etag as string;
  const caseAction = async (token: string, caseId: string, action: string, body: Record<string, unknown>, status = 200) =>
    t.http().post(`/v1/cases/${caseId}/${action}`).set(bearer(token)).set('If-Match', await etagOf(token, `/v1/cases/${caseId}`)).send(body).expect(status);

  const referral = (n: number, extra: Record<string, unknown> = {}) => ({
    kind: 'delegated',
    courtCaseNumber: `（2026）浙0102民诉前调${1000 + n}号`,
    title: '装修合同款纠纷',
    description: `原告为被告住宅提供装修服务，工程于2026年8月完工，被告以墙面开裂为由拒付尾款（第${n}号）。`,
    claims: '判令被告支付装修尾款人民币38,000元及逾期付款利息',
    amount: '38000.00',
    parties: [
      { role: 'applicant', kind: 'person', name: `李明${n}`, mobile: '13906541234', idNumber: '11010519491231002X' },
      { role: 'respondent', kind: 'person', name: `王建国${n}` },
    ],
    materials: [{ name: '民事起诉状', copies: 1, pages: 4 }, { name: '装修合同', copies: 1 }, { name: '结算单及照片', copies: 1, pages: 12 }],
    judgeName: '陈法官',
    ...extra,
  });

  /** Triage accepts, the director assigns the mediator, both parties consent. */
  async function toMediation(caseId: string) {
    const director = await as('street.director');
    await caseAction(director, caseId, 'triage', { decision: 'accept', category: 'commercial', subcategory: 'construction_contract' });
    await caseAction(director, caseId, 'assignment', { mediatorId });
    const mediator = await as('court.mediator');
    const c = (await t.http().get(`/v1/cases/${caseId}`).set(bearer(mediator)).expect(200)).body;
    for (const p of c.parties) await t.http().post(`/v1/cases/${caseId}/consents`).set(bearer(mediator)).send({ partyId: p.id, decision: 'agree', method: 'written' }).expect(201);
    return { mediator, director, parties: c.parties as Array<{ id: string; role: string }> };
  }

  const signMaterials = async (token: string, referralId: string, body: Record<string, unknown> = {}) =>
    t.http().post(`/v1/court-referrals/${referralId}/materials-receipt`).set(bearer(token)).set('If-Match', await etagOf(token, `/v1/court-referrals/${referralId}`)).send(body).expect(200);

  const delivered = async (path: string, type: string, where: (d: Record<string, unknown>) => boolean = () => true): Promise<ReceivedWebhook> =>
    (await waitFor(async () => courts.of(path, type).find((w) => where(w.data)), `${type} at ${path}`, 15_000))!;

  beforeAll(async () => {
    await courts.start();
    t = await createTestApp({
      APP_ROLE: 'all',
      DEADLINE_SWEEP_INTERVAL_MS: '600000',
      WEBHOOK_ALLOW_PRIVATE_ENDPOINTS: 'true',
      WEBHOOK_RETRY_SCHEDULE: '300ms,600ms',
      WEBHOOK_TIMEOUT_MS: '400',
    });
    // Real time flows from here on: webhook retries and timeouts are real short delays.
    t.clock.run();
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    tree = await seedTree(t, admin);
    await tree.user('street.director', '孔德明', ['director'], tree.qingbo.id);
    await tree.user('court.mediator', '李调解', ['mediator'], tree.qingbo.id);
    mediatorId = (await t.ds.query(`SELECT id FROM staff_users WHERE username = 'court.mediator'`))[0].id;
    for (const [which, name, path] of [['a', '杭州市上城区人民法院', '/court-a'], ['b', '杭州市西湖区人民法院', '/court-b']] as const) {
      const p = (await t.http().post('/v1/partners').set(bearer(admin)).send({ name, kind: 'court', orgUnitId: tree.qingbo.id }).expect(201)).body;
      court[which].id = p.id;
      court[which].key = (await t.http().post(`/v1/partners/${p.id}/api-keys`).set(bearer(admin)).send({ label: '诉调对接平台' }).expect(201)).body.key;
      const hook = await t.http().put(`/v1/partners/${p.id}/webhook`).set(bearer(admin)).send({ url: courts.url(path) }).expect((r) => expect([200, 201]).toContain(r.status));
      court[which].secret = hook.body.secret;
      courts.receiver(path, [court[which].secret]);
    }
  });
  afterAll(async () => {
    await t?.close();
    await courts.stop();
  });

  it('a delegated referral retried with the same Idempotency-Key creates one case; another court gets 404', async () => {
    const body = referral(1);
    const first = await t.http().post('/v1/court-referrals').set(courtCall('a')).set('Idempotency-Key', 'ref-1001').send(body).expect(201);
    expect(first.body).toMatchObject({ kind: 'delegated', status: 'awaiting_materials', courtCaseNumber: body.courtCaseNumber, deadline: null, case: { status: 'registered' } });
    const retry = await t.http().post('/v1/court-referrals').set(courtCall('a')).set('Idempotency-Key', 'ref-1001').send(body).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    const cases = await t.ds.query(`SELECT id, channel, source_partner_id FROM cases WHERE external_ref = $1`, [body.courtCaseNumber]);
    expect(cases).toEqual([{ id: first.body.case.id, channel: 'court', source_partner_id: court.a.id }]);
    // The same court case under a new key is a mistake the court should hear about, not a second case.
    const again = await t.http().post('/v1/court-referrals').set(courtCall('a')).set('Idempotency-Key', 'ref-1001-bis').send(body).expect(409);
    expect(again.body).toMatchObject({ code: 'COURT.REFERRAL_EXISTS', referralId: first.body.id });
    // A delegation has no trial procedure; an entrustment must name one.
    const bad = await t.http().post('/v1/court-referrals').set(courtCall('a')).set('Idempotency-Key', 'ref-bad').send(referral(99, { kind: 'entrusted' })).expect(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'procedure' })]);
    expect(await t.ds.query(`SELECT 1 FROM cases WHERE external_ref LIKE '%1099号'`)).toEqual([]);

    await t.http().get(`/v1/court-referrals/${first.body.id}`).set(courtCall('b')).expect(404);
    await t.http().get(`/v1/cases/${first.body.case.id}`).set(courtCall('b')).expect(404);
    expect((await t.http().get('/v1/court-referrals').set(courtCall('b')).expect(200)).body.items).toEqual([]);
    const own = await t.http().get(`/v1/court-referrals/${first.body.id}`).set(courtCall('a')).expect(200);
    expect(own.body.case.number).toBe(first.body.case.number);
    // Only a court's key may refer; staff use the case registration.
    const director = await as('street.director');
    await t.http().post('/v1/court-referrals').set(bearer(director)).set('Idempotency-Key', 'x').send(body).expect(403);
  });

  it('the 30-day clock starts when the mediator signs for the materials, not at intake or triage', async () => {
    const ref = (await t.http().post('/v1/court-referrals').set(courtCall('a')).set('Idempotency-Key', 'ref-1002').send(referral(2)).expect(201)).body;
    await toMediation(ref.case.id);
    const director = await as('street.director');
    const before = (await t.http().get(`/v1/cases/${ref.case.id}/deadlines`).set(bearer(director)).expect(200)).body.map((d: { kind: string }) => d.kind);
    expect(before).toEqual(['triage']); // no people_mediation clock: the court's clock replaces it
    const triaged = await delivered('/court-a', 'case.triaged', (d) => d.caseId === ref.case.id);
    expect(triaged.data).toMatchObject({ decision: 'accept', externalRef: '（2026）浙0102民诉前调1002号', status: 'accepted' });

    t.clock.set('2026-11-25T02:00:00.000Z'); // Wednesday 10:00
    const mediator = await as('court.mediator');
    const signed = await signMaterials(mediator, ref.id, { note: '起诉状、合同、结算单共 3 份，已核对无误' });
    // Signed Wed 11-25: counting starts the next day, 30 days → Fri 12-25, ending at 24:00.
    expect(signed.body).toMatchObject({ status: 'mediating', materialsSignedBy: '李调解', deadline: { kind: 'delegated_mediation_prefiling', dueAt: '2026-12-26T00:00:00.000+08:00', status: 'pending' } });
    expect(signed.body.materialsSignedAt).toMatch(/^2026-11-25T10:00/);
    const hook = await delivered('/court-a', 'referral.materials_signed', (d) => d.referralId === ref.id);
    expect(hook.data).toMatchObject({ courtCaseNumber: '（2026）浙0102民诉前调1002号', deadlineKind: 'delegated_mediation_prefiling', mediationDueAt: '2026-12-25T16:00:00.000Z', caseNumber: ref.case.number });
    const twice = await t.http().post(`/v1/court-referrals/${ref.id}/materials-receipt`).set(bearer(mediator)).set('If-Match', await etagOf(mediator, `/v1/court-referrals/${ref.id}`)).send({}).expect(409);
    expect(twice.body.code).toBe('COURT.MATERIALS_ALREADY_SIGNED');
  });

  it('a failure report reaches the court through a receiver that answers 500 twice, in order of time; the materials go back', async () => {
    const ref = (await t.http().post('/v1/court-referrals').set(courtCall('a')).set('Idempotency-Key', 'ref-1003').send(referral(3)).expect(201)).body;
    const { mediator } = await toMediation(ref.case.id);
    await signMaterials(mediator, ref.id);
    await delivered('/court-a', 'referral.materials_signed', (d) => d.referralId === ref.id);

    courts.receiver('/court-a', [court.a.secret]).failNext = 2;
    await caseAction(mediator, ref.case.id, 'failure', { reason: '被告坚持质量问题未整改完毕前不付款，双方分歧较大' });
    // mediation.concluded is written first; the receiver fails it twice and it is retried until accepted.
    const concluded = await delivered('/court-a', 'mediation.concluded', (d) => d.caseId === ref.case.id);
    const attempts = courts.received.filter((w) => w.id === concluded.id);
    expect(attempts.map((w) => w.answered)).toEqual([500, 500, 200]);
    // Retried with growing gaps (300 ms, then 600 ms), never early.
    expect(attempts[1].receivedAt - attempts[0].receivedAt).toBeGreaterThanOrEqual(250);
    expect(attempts[2].receivedAt - attempts[1].receivedAt).toBeGreaterThanOrEqual(500);
    // The failure report, written in the same transaction just after, waits its turn: order of time.
    const result = await delivered('/court-a', 'referral.result', (d) => d.referralId === ref.id);
    expect(courts.received.indexOf(result)).toBeGreaterThan(courts.received.indexOf(concluded));
    expect(courts.received.filter((w) => w.id === result.id).map((w) => w.answered)).toEqual([200]);
    expect(result.data).toMatchObject({ outcome: 'failed', reason: '被告坚持质量问题未整改完毕前不付款，双方分歧较大', materialsToReturn: [expect.objectContaining({ name: '民事起诉状' }), expect.anything(), expect.anything()] });
    expect(String(result.data.courtAction)).toContain('登记立案');

    const returned = await t.http().post(`/v1/court-referrals/${ref.id}/materials-return`).set(bearer(mediator)).set('If-Match', await etagOf(mediator, `/v1/court-referrals/${ref.id}`)).send({ note: '由法院立案庭王书记员签收' }).expect(200);
    expect(returned.body).toMatchObject({ status: 'materials_returned', result: { outcome: 'failed' } });
    expect(returned.body.materialsReturned).toHaveLength(3);
    const back = await delivered('/court-a', 'referral.materials_returned', (d) => d.referralId === ref.id);
    expect(back.data).toMatchObject({ notReturned: [] });
    const history = (await t.http().get(`/v1/partners/${court.a.id}/webhook/deliveries`).set(bearer(await signIn(t, ADMIN.username, ADMIN.password))).expect(200)).body.items;
    expect(history.filter((d: { eventId: string }) => d.eventId === concluded.id)).toHaveLength(3);
  });

  it('an agreement reaches the court, and the judicial-confirmation window, application and ruling work end to end', async () => {
    const ref = (await t.http().post('/v1/court-referrals').set(courtCall('a')).set('Idempotency-Key', 'ref-5678').send(referral(4, { kind: 'entrusted', procedure: 'summary', courtCaseNumber: '（2026）浙0102民初5678号' })).expect(201)).body;
    const { mediator, parties } = await toMediation(ref.case.id);
    const signed = await signMaterials(mediator, ref.id);
    // 简易程序: 7 days from Wed 11-25 → Wed 12-02.
    expect(signed.body.deadline).toMatchObject({ kind: 'entrusted_mediation_summary', dueAt: '2026-12-03T00:00:00.000+08:00' });
    const [applicant, respondent] = [parties.find((p) => p.role === 'applicant')!, parties.find((p) => p.role === 'respondent')!];
    t.clock.set('2026-11-26T06:00:00.000Z');
    const agreed = await caseAction(await as('court.mediator'), ref.case.id, 'agreement', {
      text: '经调解，双方自愿达成如下协议：被告于2026年12月20日前向原告支付装修尾款30,000元，原告放弃其余诉讼请求。',
      signatures: [{ partyId: applicant.id, signedAt: '2026-11-26T13:00:00+08:00' }, { partyId: respondent.id, signedAt: '2026-11-26T13:05:00+08:00' }],
      mediatorSignedAt: '2026-11-26T13:10:00+08:00',
      obligations: [{ debtorPartyId: respondent.id, creditorPartyId: applicant.id, kind: 'payment', description: '支付装修尾款', amount: '30000.00', dueDate: '2026-12-20' }],
    });
    expect(agreed.body.case.status).toBe('performing');
    const result = await delivered('/court-a', 'referral.result', (d) => d.referralId === ref.id);
    expect(result.data).toMatchObject({ outcome: 'agreement', courtCaseNumber: '（2026）浙0102民初5678号' });
    expect(String(result.data.courtAction)).toContain('调解书');
    // The court reads the agreement itself through the API (the webhook carries no personal data).
    const read = (await t.http().get(`/v1/court-referrals/${ref.id}`).set(courtCall('a')).expect(200)).body;
    expect(read.result.agreement).toMatchObject({ confirmable: true, obligations: [expect.objectContaining({ amount: '30000.00', dueDate: '2026-12-20' })] });
    expect(read.deadline.status).toBe('met');

    // The window: 30 days from the agreement's effect (Thu 11-26) → Sat 12-26, rolled to Mon 12-28.
    const windowOf = async () => (await t.http().get(`/v1/cases/${ref.case.id}/judicial-confirmations`).set(bearer(await as('court.mediator'))).expect(200)).body.window;
    expect(await windowOf()).toMatchObject({ kind: 'judicial_confirmation_application', status: 'pending', dueAt: '2026-12-29T00:00:00.000+08:00' });
    t.clock.set('2026-12-30T02:00:00.000Z');
    const late = await t.http().post(`/v1/cases/${ref.case.id}/judicial-confirmations`).set(bearer(await as('court.mediator'))).send({ courtPartnerId: court.a.id, appliedOn: '2026-12-29', partyIds: [applicant.id, respondent.id] }).expect(422);
    expect(late.body).toMatchObject({ code: 'COURT.CONFIRMATION_WINDOW_CLOSED' });
    expect(late.body.detail).toContain('2026-12-28');
    const alone = await t.http().post(`/v1/cases/${ref.case.id}/judicial-confirmations`).set(bearer(await as('court.mediator'))).send({ courtPartnerId: court.a.id, appliedOn: '2026-11-27', partyIds: [applicant.id, applicant.id] }).expect(422);
    expect(alone.body.errors).toEqual([expect.objectContaining({ field: 'partyIds', code: 'jointApplication' })]);
    // Recorded late, but the parties applied on 11-27, inside the window.
    const applied = await t.http().post(`/v1/cases/${ref.case.id}/judicial-confirmations`).set(bearer(await as('court.mediator'))).send({ courtPartnerId: court.a.id, appliedOn: '2026-11-27', partyIds: [applicant.id, respondent.id] }).expect(201);
    expect(applied.body).toMatchObject({ status: 'applied', courtName: '杭州市上城区人民法院', enforceable: false, window: { status: 'met' } });
    const jcId = applied.body.id;
    await delivered('/court-a', 'judicial_confirmation.applied', (d) => d.confirmationId === jcId);
    await t.http().get(`/v1/judicial-confirmations/${jcId}`).set(courtCall('b')).expect(404);

    const acceptance = { filedOn: '2026-11-30', courtCaseNumber: '（2026）浙0102民特123号' };
    const filed = await t.http().post(`/v1/judicial-confirmations/${jcId}/acceptance`).set(courtCall('a')).set('Idempotency-Key', 'jc-accept-1').send(acceptance).expect(200);
    expect(filed.body).toMatchObject({ status: 'accepted', decisionDeadline: { kind: 'judicial_confirmation_decision', dueAt: '2026-12-31T00:00:00.000+08:00' } });
    const replay = await t.http().post(`/v1/judicial-confirmations/${jcId}/acceptance`).set(courtCall('a')).set('Idempotency-Key', 'jc-accept-1').send(acceptance).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    await t.http().post(`/v1/judicial-confirmations/${jcId}/ruling`).set(courtCall('b')).set('Idempotency-Key', 'jc-rule-b').send({ result: 'confirmed', rulingNumber: 'x', ruledOn: '2026-12-29' }).expect(404);
    const ruled = await t.http().post(`/v1/judicial-confirmations/${jcId}/ruling`).set(courtCall('a')).set('Idempotency-Key', 'jc-rule-1').send({ result: 'confirmed', rulingNumber: '（2026）浙0102民特123号', ruledOn: '2026-12-29' }).expect(200);
    expect(ruled.body).toMatchObject({ status: 'confirmed', enforceable: true, decisionDeadline: { status: 'met' }, roads: [expect.objectContaining({ code: 'enforcement' })] });
    const inbox = (await t.http().get('/v1/notifications').set(bearer(await as('court.mediator'))).expect(200)).body.items;
    expect(inbox.map((n: { kind: string }) => n.kind)).toContain('judicial_confirmation.ruled');

    // A confirmed agreement broken: the breach is reported to the court that sent the case.
    const obligation = read.result.agreement.obligations[0];
    const breach = await t.http().post(`/v1/obligations/${obligation.id}/settlement`).set(bearer(await as('court.mediator'))).set('If-Match', `"${obligation.version}"`).send({ outcome: 'breached', note: '逾期未付，电话催告无果' }).expect(200);
    expect(breach.body.obligation.roads.map((r: { code: string }) => r.code)).toContain('enforcement');
    await delivered('/court-a', 'agreement.breached', (d) => d.caseId === ref.case.id);
    const timeline = (await t.http().get(`/v1/cases/${ref.case.id}/timeline`).set(bearer(await as('street.director'))).expect(200)).body.items.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['court_referral.received', 'court_referral.materials_signed', 'court_referral.result_sent', 'judicial_confirmation.applied', 'judicial_confirmation.accepted', 'judicial_confirmation.confirmed']));
  });

  it('a failed case goes to court with its package; the court receives, registers, and nobody else sees it', async () => {
    const ref = (await t.http().post('/v1/court-referrals').set(courtCall('a')).set('Idempotency-Key', 'ref-1005').send(referral(5)).expect(201)).body;
    const { mediator } = await toMediation(ref.case.id);
    await caseAction(mediator, ref.case.id, 'failure', { reason: '双方对质量问题分歧较大' });
    const director = await as('street.director');
    const noBreach = await caseAction(director, ref.case.id, 'court-filings', { courtPartnerId: court.a.id, reason: 'agreement_breached', claims: ['判令被告支付装修尾款38,000元'], documents: [] }, 422);
    expect(noBreach.body.errors).toEqual([expect.objectContaining({ field: 'reason', code: 'noBreach' })]);
    const sent = await caseAction(director, ref.case.id, 'court-filings', { courtPartnerId: court.a.id, reason: 'mediation_failed', claims: ['判令被告支付装修尾款38,000元'], documents: [{ name: '调解笔录', copies: 1 }] }, 201);
    expect(sent.body).toMatchObject({ status: 'sent', court: { name: '杭州市上城区人民法院' }, package: { claims: ['判令被告支付装修尾款38,000元'], mediation: { outcome: 'failed' } } });
    // Identifiers travel masked.
    expect(sent.body.package.parties[0]).toMatchObject({ name: '李明5', idNumber: '110105********002X', mobile: '139****1234' });
    expect(JSON.stringify(sent.body)).not.toContain('13906541234');
    const hook = await delivered('/court-a', 'case.referred', (d) => d.filingId === sent.body.id);
    expect(hook.data).toMatchObject({ reason: 'mediation_failed', status: 'referred_out' });

    await t.http().get(`/v1/court-filings/${sent.body.id}`).set(courtCall('b')).expect(404);
    await t.http().post(`/v1/court-filings/${sent.body.id}/receipt`).set(courtCall('b')).set('Idempotency-Key', 'f-b').send({}).expect(404);
    await t.http().post(`/v1/court-filings/${sent.body.id}/receipt`).set(courtCall('a')).set('Idempotency-Key', 'f-1').send({}).expect(200);
    const registered = await t.http().post(`/v1/court-filings/${sent.body.id}/registration`).set(courtCall('a')).set('Idempotency-Key', 'f-2').send({ courtCaseNumber: '（2026）浙0102民初9001号', registeredOn: '2026-12-30' }).expect(200);
    expect(registered.body).toMatchObject({ status: 'registered', courtCaseNumber: '（2026）浙0102民初9001号' });
    const refused = await t.http().post(`/v1/court-filings/${sent.body.id}/return`).set(courtCall('a')).set('Idempotency-Key', 'f-3').send({ reason: '已立案，不能退回' }).expect(409);
    expect(refused.body.code).toBe('COURT.FILING_STATE');
    const timeline = (await t.http().get(`/v1/cases/${ref.case.id}/timeline`).set(bearer(director)).expect(200)).body.items.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['case.referred_to_court', 'court_filing.received', 'court_filing.registered']));
    expect((await t.http().get(`/v1/cases/${ref.case.id}`).set(bearer(director)).expect(200)).body.status).toBe('referred_out');
  });

  it('a court receiver that never answers ends in the dead-letter state and is delivered on replay', async () => {
    const receiver = courts.receiver('/court-b', [court.b.secret]);
    receiver.hang = true;
    const ref = (await t.http().post('/v1/court-referrals').set(courtCall('b')).set('Idempotency-Key', 'xh-1').send(referral(6, { courtCaseNumber: '（2026）浙0106民诉前调0006号' })).expect(201)).body;
    await caseAction(await as('street.director'), ref.case.id, 'triage', { decision: 'accept', category: 'commercial', subcategory: 'construction_contract' });
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    const dead = await waitFor(async () => {
      const items = (await t.http().get(`/v1/partners/${court.b.id}/webhook/events`).query({ status: 'dead' }).set(bearer(admin)).expect(200)).body.items;
      return items.find((e: { subjectId: string; eventType: string }) => e.subjectId === ref.case.id && e.eventType === 'case.triaged');
    }, 'the event to be dead', 15_000);
    // Three attempts (the first and two retries), each cut off by the timeout.
    expect(courts.received.filter((w) => w.id === dead.id).map((w) => w.answered)).toEqual(['hung', 'hung', 'hung']);
    receiver.hang = false;
    await t.http().post(`/v1/webhook-events/${dead.id}/replay`).set(bearer(admin)).expect((r) => expect([200, 202]).toContain(r.status));
    const arrived = await waitFor(async () => courts.received.find((w) => w.id === dead.id && w.answered === 200), 'the replayed event');
    expect(arrived!.data).toMatchObject({ caseId: ref.case.id });
    expect(courts.rejected).toEqual([]);
    // Every event a court received is documented in the OpenAPI webhooks section.
    const documented = Object.keys(WEBHOOK_EVENTS);
    expect([...new Set(courts.received.map((w) => w.type))].filter((type) => !documented.includes(type))).toEqual([]);
  });
});
