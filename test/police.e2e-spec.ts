import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp, waitFor } from './support/test-app';
import { FakePartner, ReceivedWebhook } from './support/fake-partner';

/**
 * 警调对接 end to end, with two police stations' systems on 127.0.0.1 that receive our webhooks
 * and check every signature with the official Standard Webhooks library.
 */
describe('police linkage', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  const stations = new FakePartner();
  const station = { qingbo: { id: '', key: '' }, hubin: { id: '', key: '' } };
  let mediatorId = '';

  const as = (username: string) => signIn(t, username, `${username}-Pass-2026`);
  const key = (which: 'qingbo' | 'hubin') => ({ 'X-Api-Key': station[which].key });
  const etagOf = async (token: string, path: string) => (await t.http().get(path).set(bearer(token)).expect(200)).headers.etag as string;
  const caseAction = async (token: string, caseId: string, action: string, body: Record<string, unknown>, status = 200) =>
    t.http().post(`/v1/cases/${caseId}/${action}`).set(bearer(token)).set('If-Match', await etagOf(token, `/v1/cases/${caseId}`)).send(body).expect(status);
  const delivered = async (path: string, type: string, where: (d: Record<string, unknown>) => boolean = () => true): Promise<ReceivedWebhook> =>
    (await waitFor(async () => stations.of(path, type).find((w) => where(w.data)), `${type} at ${path}`, 15_000))!;

  const transfer = (n: number, extra: Record<string, unknown> = {}) => ({
    incidentNumber: `33010220261123${String(n).padStart(4, '0')}`,
    kind: 'public_order',
    incidentAt: '2026-11-22T21:40:00+08:00',
    place: '上城区清波街道劳动路12号3单元楼道',
    officerName: '张警官',
    handling: '民警到场后将双方分开，进行了批评教育，双方同意到街道矛调中心调解。',
    title: '邻里噪音引发口角推搡',
    description: `楼上住户夜间装修噪音扰民，双方发生口角并相互推搡，一方轻微擦伤（第${n}起）。`,
    amount: '800.00',
    parties: [
      { role: 'applicant', kind: 'person', name: `王丽华${n}`, mobile: '13712345678' },
      { role: 'respondent', kind: 'person', name: `赵强${n}` },
    ],
    ...extra,
  });

  beforeAll(async () => {
    await stations.start();
    t = await createTestApp({ APP_ROLE: 'all', DEADLINE_SWEEP_INTERVAL_MS: '600000', WEBHOOK_ALLOW_PRIVATE_ENDPOINTS: 'true', WEBHOOK_RETRY_SCHEDULE: '300ms,600ms', WEBHOOK_TIMEOUT_MS: '1000' });
    t.clock.run();
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    tree = await seedTree(t, admin);
    await tree.user('street.director', '孔德明', ['director'], tree.qingbo.id);
    await tree.user('street.mediator', '李调解', ['mediator'], tree.qingbo.id);
    mediatorId = (await t.ds.query(`SELECT id FROM staff_users WHERE username = 'street.mediator'`))[0].id;
    for (const [which, name, unitId] of [['qingbo', '杭州市公安局上城区分局清波派出所', tree.qingbo.id], ['hubin', '杭州市公安局上城区分局湖滨派出所', tree.hubin.id]] as const) {
      const p = (await t.http().post('/v1/partners').set(bearer(admin)).send({ name, kind: 'police', orgUnitId: unitId }).expect(201)).body;
      station[which].id = p.id;
      station[which].key = (await t.http().post(`/v1/partners/${p.id}/api-keys`).set(bearer(admin)).send({ label: '警调对接' }).expect(201)).body.key;
      const hook = await t.http().put(`/v1/partners/${p.id}/webhook`).set(bearer(admin)).send({ url: stations.url(`/${which}`) }).expect(201);
      stations.receiver(`/${which}`, [hook.body.secret]);
    }
  });
  afterAll(async () => {
    await t?.close();
    await stations.stop();
  });

  it('a transfer retried with the same Idempotency-Key creates one case; another station gets 404', async () => {
    const body = transfer(1);
    const first = await t.http().post('/v1/police-transfers').set(key('qingbo')).set('Idempotency-Key', 'jq-0001').send(body).expect(201);
    expect(first.body).toMatchObject({ incidentNumber: body.incidentNumber, kind: 'public_order', officerName: '张警官', case: { status: 'registered' }, feedback: {}, note: null });
    expect(first.body.place).not.toContain('12号3单元'); // masked
    const retry = await t.http().post('/v1/police-transfers').set(key('qingbo')).set('Idempotency-Key', 'jq-0001').send(body).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(await t.ds.query(`SELECT channel FROM cases WHERE external_ref = $1`, [body.incidentNumber])).toEqual([{ channel: 'police' }]);
    const again = await t.http().post('/v1/police-transfers').set(key('qingbo')).set('Idempotency-Key', 'jq-0001-b').send(body).expect(409);
    expect(again.body).toMatchObject({ code: 'POLICE.TRANSFER_EXISTS', transferId: first.body.id });
    await t.http().post('/v1/police-transfers').set(key('qingbo')).send(transfer(2)).expect(428);
    const future = await t.http().post('/v1/police-transfers').set(key('qingbo')).set('Idempotency-Key', 'jq-future').send(transfer(3, { incidentAt: '2027-01-01T00:00:00+08:00' })).expect(422);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'incidentAt' })]);

    await t.http().get(`/v1/police-transfers/${first.body.id}`).set(key('hubin')).expect(404);
    await t.http().get(`/v1/cases/${first.body.case.id}`).set(key('hubin')).expect(404);
    expect((await t.http().get('/v1/police-transfers').set(key('hubin')).expect(200)).body.items).toEqual([]);
    expect((await t.http().get('/v1/police-transfers').set(key('qingbo')).expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual([first.body.id]);
    // A court's or a grid's key cannot transfer as the police.
    const director = await as('street.director');
    await t.http().post('/v1/police-transfers').set(bearer(director)).set('Idempotency-Key', 'x').send(body).expect(403);
  });

  it('the station hears, signed, that the transfer was accepted and that it closed mediated and performed', async () => {
    const sent = (await t.http().post('/v1/police-transfers').set(key('qingbo')).set('Idempotency-Key', 'jq-0010').send(transfer(10)).expect(201)).body;
    const director = await as('street.director');
    await caseAction(director, sent.case.id, 'triage', { decision: 'accept', category: 'neighbour' });
    const accepted = await delivered('/qingbo', 'case.triaged', (d) => d.caseId === sent.case.id);
    expect(accepted.data).toMatchObject({ decision: 'accept', status: 'accepted', externalRef: sent.incidentNumber, orgUnit: { name: '清波街道' } });

    await caseAction(director, sent.case.id, 'assignment', { mediatorId });
    const mediator = await as('street.mediator');
    const c = (await t.http().get(`/v1/cases/${sent.case.id}`).set(bearer(mediator)).expect(200)).body;
    for (const p of c.parties) await t.http().post(`/v1/cases/${c.id}/consents`).set(bearer(mediator)).send({ partyId: p.id, decision: 'agree', method: 'written' }).expect(201);
    const [applicant, respondent] = c.parties;
    const signedAt = t.clock.now().toISOString();
    const agreed = await caseAction(mediator, c.id, 'agreement', {
      text: '经调解，赵强向王丽华赔礼道歉并赔偿医药费800元，当场付清；双方今后和睦相处。',
      signatures: [{ partyId: applicant.id, signedAt }, { partyId: respondent.id, signedAt }],
      mediatorSignedAt: signedAt,
      obligations: [{ debtorPartyId: respondent.id, creditorPartyId: applicant.id, kind: 'payment', description: '赔偿医药费', amount: '800.00', dueDate: '2026-11-30' }],
    });
    const [obligation] = agreed.body.agreement.obligations;
    await t.http().post(`/v1/obligations/${obligation.id}/settlement`).set(bearer(mediator)).set('If-Match', `"${obligation.version}"`).send({ outcome: 'performed', note: '当场以微信转账付清' }).expect(200);
    const closed = await delivered('/qingbo', 'case.closed', (d) => d.caseId === c.id);
    expect(closed.data).toMatchObject({ how: 'performed', status: 'closed', externalRef: sent.incidentNumber });
    // mediation.concluded came first; the order of delivery is the order of time.
    const concluded = await delivered('/qingbo', 'mediation.concluded', (d) => d.caseId === c.id);
    expect(stations.received.indexOf(concluded)).toBeLessThan(stations.received.indexOf(closed));
    // The station reads the same feedback back, with what it means for its public-order case.
    const read = (await t.http().get(`/v1/police-transfers/${sent.id}`).set(key('qingbo')).expect(200)).body;
    expect(read.feedback).toMatchObject({ acceptedAt: expect.any(String), concluded: { outcome: 'agreement' }, closed: { how: 'performed' } });
    expect(read.note).toContain('不予处罚');
  });

  it('a failed mediation is reported as failed, with the police clock noted', async () => {
    const sent = (await t.http().post('/v1/police-transfers').set(key('qingbo')).set('Idempotency-Key', 'jq-0011').send(transfer(11)).expect(201)).body;
    const director = await as('street.director');
    await caseAction(director, sent.case.id, 'triage', { decision: 'accept', category: 'neighbour' });
    await caseAction(director, sent.case.id, 'assignment', { mediatorId });
    const mediator = await as('street.mediator');
    await caseAction(mediator, sent.case.id, 'failure', { reason: '被申请人拒绝赔偿' });
    await caseAction(mediator, sent.case.id, 'closure', { summary: '调解不成，告知当事人可以向人民法院起诉' });
    const closed = await delivered('/qingbo', 'case.closed', (d) => d.caseId === sent.case.id);
    expect(closed.data).toMatchObject({ how: 'failed' });
    const read = (await t.http().get(`/v1/police-transfers/${sent.id}`).set(key('qingbo')).expect(200)).body;
    expect(read.note).toContain('调解不成之日起计算');
  });

  it('a red risk raised in mediation alarms the station at once; its acknowledgement is on the timeline', async () => {
    const clerk = await as('street.director');
    const c = (await t.http().post('/v1/cases').set(bearer(clerk)).send({
      channel: 'walk_in', title: '宅基地边界纠纷', description: '两户因宅基地边界围墙发生争执，多次协商未果。', registerAnyway: true,
      parties: [{ role: 'applicant', kind: 'person', name: '钱伟民' }, { role: 'respondent', kind: 'person', name: '孙国庆' }],
    }).expect(201)).body;
    const mediator = await as('street.mediator');
    const raised = await t.http().post(`/v1/cases/${c.id}/red-alerts`).set(bearer(mediator)).send({ threat: 'violence', reasons: ['被申请人在调解现场扬言要"让对方全家好看"，情绪激动'] }).expect(201);
    // Only the station whose area covers 清波街道 is alarmed, not 湖滨.
    expect(raised.body).toEqual([expect.objectContaining({ partnerId: station.qingbo.id, raisedBy: '李调解', acknowledgedAt: null })]);
    const alarm = await delivered('/qingbo', 'case.red_risk', (d) => d.caseId === c.id);
    expect(alarm.data).toMatchObject({ alertId: raised.body[0].id, riskLevel: 'red', reasons: ['被申请人在调解现场扬言要"让对方全家好看"，情绪激动'] });
    expect(stations.of('/hubin', 'case.red_risk').filter((w) => w.data.caseId === c.id)).toEqual([]);
    expect((await t.http().get(`/v1/cases/${c.id}`).set(bearer(mediator)).expect(200)).body.riskLevel).toBe('red');

    const alertId = alarm.data.alertId as string;
    await t.http().get(`/v1/red-alerts/${alertId}`).set(key('hubin')).expect(404);
    await t.http().post(`/v1/red-alerts/${alertId}/acknowledgement`).set(key('hubin')).set('Idempotency-Key', 'ack-h').send({ officerName: '周警官', action: '已知悉' }).expect(404);
    const ack = { officerName: '张警官', action: '已派民警上门，对被申请人进行警示谈话并登记在册' };
    const acked = await t.http().post(`/v1/red-alerts/${alertId}/acknowledgement`).set(key('qingbo')).set('Idempotency-Key', 'ack-1').send(ack).expect(200);
    expect(acked.body).toMatchObject({ acknowledgedBy: '张警官', action: ack.action });
    const replay = await t.http().post(`/v1/red-alerts/${alertId}/acknowledgement`).set(key('qingbo')).set('Idempotency-Key', 'ack-1').send(ack).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const twice = await t.http().post(`/v1/red-alerts/${alertId}/acknowledgement`).set(key('qingbo')).set('Idempotency-Key', 'ack-2').send(ack).expect(409);
    expect(twice.body.code).toBe('POLICE.ALERT_ACKNOWLEDGED');

    const director = await as('street.director');
    const timeline = (await t.http().get(`/v1/cases/${c.id}/timeline`).set(bearer(director)).expect(200)).body.items;
    const alertEntry = timeline.find((e: { action: string }) => e.action === 'case.red_risk_alert');
    expect(alertEntry.after).toMatchObject({ raisedBy: '李调解', policeNotified: ['杭州市公安局上城区分局清波派出所'], alertIds: [alertId] });
    const ackEntry = timeline.find((e: { action: string }) => e.action === 'case.red_risk_acknowledged');
    expect(ackEntry.after).toMatchObject({ station: '杭州市公安局上城区分局清波派出所', officer: '张警官', minutesAfterAlert: expect.any(Number) });
    const inbox = (await t.http().get('/v1/notifications').set(bearer(director)).expect(200)).body.items.map((n: { kind: string }) => n.kind);
    expect(inbox).toEqual(expect.arrayContaining(['case.red_risk', 'case.red_risk_acknowledged']));
    expect((await t.http().get(`/v1/cases/${c.id}/red-alerts`).set(bearer(director)).expect(200)).body[0]).toMatchObject({ acknowledgedBy: '张警官' });
    expect(stations.rejected).toEqual([]);
  });
});
