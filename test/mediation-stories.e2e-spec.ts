import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp } from './support/test-app';

/**
 * One story per track, through the HTTP API as the desk, the director and the mediator use it:
 * from an accepted case to its outcome, with the law's clocks moving as they should.
 */
describe('mediation stories', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof seedTree>>;

  const as = (username: string) => signIn(t, username, `${username}-Pass-2026`);
  const etag = async (token: string, caseId: string) => (await t.http().get(`/v1/cases/${caseId}`).set(bearer(token)).expect(200)).headers.etag as string;
  const post = async (token: string, path: string, caseId: string, body: Record<string, unknown>, status = 200) =>
    t.http().post(path).set(bearer(token)).set('If-Match', await etag(token, caseId)).send(body).expect(status);
  const deadline = async (token: string, caseId: string, kind: string) =>
    (await t.http().get(`/v1/cases/${caseId}/deadlines`).set(bearer(token)).expect(200)).body.find((d: { kind: string }) => d.kind === kind);

  /** Registered at the desk, accepted into the category's track, assigned automatically, both parties consenting. */
  async function openCase(title: string, category: string, subcategory: string, parties: Array<Record<string, unknown>>) {
    t.clock.advance(60_000);
    const clerk = await as('desk.clerk');
    const c = (await t.http().post('/v1/cases').set(bearer(clerk)).send({ channel: 'walk_in', title, description: `${title}，双方协商未果，申请调解。`, registerAnyway: true, parties }).expect(201)).body;
    const director = await as('street.director');
    await post(director, `/v1/cases/${c.id}/triage`, c.id, { decision: 'accept', category, subcategory });
    const assigned = await post(director, `/v1/cases/${c.id}/assignment`, c.id, { auto: true });
    const mediatorName = Object.entries(MEDIATORS).find(([, v]) => v.id === assigned.body.assigneeId)![0];
    const mediator = await as(mediatorName);
    for (const p of c.parties) {
      await t.http().post(`/v1/cases/${c.id}/consents`).set(bearer(mediator)).send({ partyId: p.id, decision: 'agree', method: 'written' }).expect(201);
    }
    return { c, mediator, mediatorName, director, applicant: c.parties[0], respondent: c.parties[1] };
  }

  const MEDIATORS: Record<string, { name: string; specialties: string[]; id?: string }> = {
    'labor.he': { name: '何建平', specialties: ['labor'] },
    'family.shen': { name: '沈丽', specialties: ['family'] },
    'general.zhou': { name: '周文彬', specialties: ['general', 'property'] },
  };

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    tree = await seedTree(t, admin);
    await tree.user('desk.clerk', '杨帆', ['intake_clerk'], tree.qingbo.id);
    await tree.user('street.director', '孔德明', ['director'], tree.qingbo.id);
    await tree.user('hubin.director', '钱伟', ['director'], tree.hubin.id);
    const director = await as('street.director');
    for (const [username, m] of Object.entries(MEDIATORS)) {
      await tree.user(username, m.name, ['mediator'], tree.qingbo.id);
      m.id = (await t.ds.query('SELECT id FROM staff_users WHERE username = $1', [username]))[0].id;
      await t.http().put(`/v1/mediators/${m.id}/profile`).set(bearer(director)).send({ specialties: m.specialties }).expect(200);
    }
  });
  afterAll(() => t.close());

  it('labor: an agreement with two obligations, one performed and one breached, opens the roads on breach', async () => {
    const { c, mediator, mediatorName, applicant, respondent } = await openCase('餐馆拖欠厨师工资', 'labor', 'wage_arrears', [
      { role: 'applicant', kind: 'person', name: '张秀英', mobile: '13812345678' },
      { role: 'respondent', kind: 'organisation', name: '杭州某某餐饮管理有限公司', mobile: '13987654321' },
    ]);
    // Labor mediation has no extension in the statute: refused with the reason.
    const ext = await post(mediator, `/v1/cases/${c.id}/extension`, c.id, { duration: 5, reason: '双方同意继续', consents: [{ partyId: applicant.id, method: 'written' }, { partyId: respondent.id, method: 'written' }] }, 422);
    expect(ext.body.code).toBe('DEADLINE.EXTENSION_REFUSED');

    t.clock.set('2026-11-25T03:00:00.000Z'); // Wednesday 11:00, after the signing
    const m2 = await as(mediatorName);
    const unsigned = await post(m2, `/v1/cases/${c.id}/agreement`, c.id, {
      text: '经调解，双方自愿达成如下协议：一、被申请人于2026年12月15日前支付申请人工资24000元；二、被申请人于2026年12月31日前为申请人开具离职证明。',
      signatures: [{ partyId: applicant.id, signedAt: '2026-11-25T10:00:00+08:00' }],
      mediatorSignedAt: '2026-11-25T10:10:00+08:00',
      obligations: [],
    }, 422);
    expect(unsigned.body.errors[0]).toMatchObject({ field: 'signatures', code: 'allPartiesSign' });
    const agreed = await post(m2, `/v1/cases/${c.id}/agreement`, c.id, {
      text: '经调解，双方自愿达成如下协议：一、被申请人于2026年12月15日前支付申请人工资24000元；二、被申请人于2026年12月31日前为申请人开具离职证明。',
      signatures: [{ partyId: applicant.id, signedAt: '2026-11-25T10:00:00+08:00' }, { partyId: respondent.id, signedAt: '2026-11-25T10:05:00+08:00' }],
      mediatorSignedAt: '2026-11-25T10:10:00+08:00',
      obligations: [
        { debtorPartyId: respondent.id, creditorPartyId: applicant.id, kind: 'wage', description: '支付拖欠工资', amount: '24000.00', dueDate: '2026-12-15' },
        { debtorPartyId: respondent.id, creditorPartyId: applicant.id, kind: 'act', description: '开具离职证明', dueDate: '2026-12-31' },
      ],
    });
    expect(agreed.body.case.status).toBe('performing');
    expect(agreed.body.agreement).toMatchObject({ confirmable: true, effectiveAt: '2026-11-25T10:10:00.000+08:00' });
    const [wage, act] = agreed.body.agreement.obligations;
    expect(wage).toMatchObject({ amount: '24000.00', status: 'pending' });
    // The mediation clock is met; the 30-day window to apply for judicial confirmation runs from the effect.
    expect((await deadline(m2, c.id, 'labor_mediation')).status).toBe('met');
    const jc = await deadline(m2, c.id, 'judicial_confirmation_application');
    expect(jc).toMatchObject({ status: 'pending', dueAt: '2026-12-26T00:00:00.000+08:00' });
    // A text to the debtor three days before the wage falls due, at 09:00.
    const texts = await t.ds.query(`SELECT template, not_before FROM sms_messages WHERE case_id = $1 AND template = 'obligation_reminder' ORDER BY not_before`, [c.id]);
    expect(texts.map((x: { not_before: Date }) => x.not_before.toISOString())).toEqual(['2026-12-12T01:00:00.000Z', '2026-12-28T01:00:00.000Z']);
    // Follow-up visits 7 and 30 days after the agreement took effect (11-25).
    const visits = (await t.http().get(`/v1/cases/${c.id}/follow-ups`).set(bearer(m2)).expect(200)).body;
    expect(visits.map((v: { dueOn: string }) => v.dueOn)).toEqual(['2026-12-02', '2026-12-25']);

    t.clock.set('2026-12-14T02:00:00.000Z');
    const m3 = await as(mediatorName);
    const inbox = (await t.http().get('/v1/notifications').set(bearer(m3)).expect(200)).body.items;
    expect(inbox.map((n: { kind: string }) => n.kind)).toContain('obligation.due');
    const paid = await t.http().post(`/v1/obligations/${wage.id}/settlement`).set(bearer(m3)).set('If-Match', `"${wage.version}"`).send({ outcome: 'performed', note: '申请人确认已收到转账24000元' }).expect(200);
    expect(paid.body).toMatchObject({ obligation: { status: 'performed' }, caseStatus: 'performing' });
    await t.http().post(`/v1/obligations/${wage.id}/settlement`).set(bearer(m3)).set('If-Match', paid.headers.etag).send({ outcome: 'breached', note: '误操作' }).expect(409);

    t.clock.set('2027-01-04T02:00:00.000Z');
    const m4 = await as(mediatorName);
    const breached = await t.http().post(`/v1/obligations/${act.id}/settlement`).set(bearer(m4)).set('If-Match', `"${act.version}"`).send({ outcome: 'breached', note: '逾期未开具离职证明，经电话催告仍未履行' }).expect(200);
    const roads = breached.body.obligation.roads.map((r: { code: string }) => r.code);
    expect(roads).toContain('labor_arbitration');
    expect(roads).not.toContain('payment_order'); // a certificate is not money (劳动争议调解仲裁法 Art.16)
    const timeline = (await t.http().get(`/v1/cases/${c.id}/timeline`).set(bearer(m4)).expect(200)).body.items.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['case.agreement_recorded', 'obligation.performed', 'agreement.breached']));
    t.clock.set('2026-11-25T02:00:00.000Z');
  });

  it('general (medical): suspension stops the 30 working days, resumption gives them back, an extension needs both parties', async () => {
    t.clock.set('2026-11-25T02:00:00.000Z');
    const { c, mediator, mediatorName, applicant, respondent } = await openCase('诊疗损害赔偿纠纷', 'medical', 'treatment_injury', [
      { role: 'applicant', kind: 'person', name: '陈建国' },
      { role: 'respondent', kind: 'organisation', name: '杭州市某某医院' },
    ]);
    const before = await deadline(mediator, c.id, 'medical_committee_mediation');
    expect(before.status).toBe('pending');
    const suspended = await post(mediator, `/v1/cases/${c.id}/suspension`, c.id, { reason: '等待医疗损害鉴定结论' });
    expect(suspended.body.case.status).toBe('suspended');
    expect(suspended.body.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['medical_committee_mediation']);
    t.clock.advance(14 * 86400_000); // two weeks of appraisal: ten working days not counted
    const m2 = await as(mediatorName);
    const resumed = await post(m2, `/v1/cases/${c.id}/resumption`, c.id, {});
    expect(resumed.body.case.status).toBe('in_mediation');
    const after = await deadline(m2, c.id, 'medical_committee_mediation');
    expect(Date.parse(after.dueAt) - Date.parse(before.dueAt)).toBeGreaterThanOrEqual(14 * 86400_000);

    const missing = await post(m2, `/v1/cases/${c.id}/extension`, c.id, { duration: 10, reason: '双方同意延长', consents: [{ partyId: applicant.id, method: 'written' }] }, 422);
    expect(missing.body).toMatchObject({ code: 'MEDIATION.CONSENT_REQUIRED', detail: expect.stringContaining('杭州市某某医院') });
    const extended = await post(m2, `/v1/cases/${c.id}/extension`, c.id, { duration: 10, reason: '双方对赔偿数额差距缩小，同意延长', consents: [{ partyId: applicant.id, method: 'written' }, { partyId: respondent.id, method: 'phone' }] });
    const ext = extended.body.deadlines[0];
    expect(Date.parse(ext.dueAt)).toBeGreaterThan(Date.parse(after.dueAt));
    expect(ext.extensions[0].approval).toMatchObject({ kind: 'both_parties_consent', by: '陈建国（书面）、杭州市某某医院（电话）' });
  });

  it('family: marriage status stays out of judicial confirmation, the property terms go in; a withdrawal ends another case', async () => {
    t.clock.set('2026-11-25T03:00:00.000Z');
    const { c, mediator, applicant, respondent } = await openCase('离婚财产分割纠纷', 'marriage_family', 'divorce', [
      { role: 'applicant', kind: 'person', name: '林小红' },
      { role: 'respondent', kind: 'person', name: '赵志刚' },
    ]);
    const agreed = await post(mediator, `/v1/cases/${c.id}/agreement`, c.id, {
      text: '一、双方同意协议离婚，于2026年12月10日前共同到婚姻登记机关办理；二、位于上城区的住房归林小红所有，林小红于2026年12月31日前补偿赵志刚30万元。',
      signatures: [{ partyId: applicant.id, signedAt: '2026-11-25T10:00:00+08:00' }, { partyId: respondent.id, signedAt: '2026-11-25T10:01:00+08:00' }],
      mediatorSignedAt: '2026-11-25T10:02:00+08:00',
      obligations: [
        { debtorPartyId: applicant.id, kind: 'marriage_status', description: '共同办理离婚登记', dueDate: '2026-12-10' },
        { debtorPartyId: applicant.id, creditorPartyId: respondent.id, kind: 'payment', description: '支付房屋折价补偿款', amount: '300000.00', dueDate: '2026-12-31' },
      ],
    });
    const decision = (await t.http().get(`/v1/cases/${c.id}`).set(bearer(mediator)).expect(200)).body.decision.mediation;
    expect(decision.confirmability).toMatchObject({ ok: false, excluded: ['marriage_status'], confirmable: ['payment'] });
    expect(agreed.body.agreement.confirmable).toBe(true);

    const other = await openCase('赡养费纠纷', 'marriage_family', 'elder_support', [
      { role: 'applicant', kind: 'person', name: '林桂芳' },
      { role: 'respondent', kind: 'person', name: '林建军' },
    ]);
    const withdrawn = await post(other.mediator, `/v1/cases/${other.c.id}/withdrawal`, other.c.id, { partyId: other.applicant.id, reason: '子女已自行商定轮流赡养' });
    expect(withdrawn.body.case.status).toBe('withdrawn');
    expect((await deadline(other.mediator, other.c.id, 'people_mediation')).status).toBe('cancelled');
    const closed = await post(other.mediator, `/v1/cases/${other.c.id}/closure`, other.c.id, { summary: '申请人撤回，结案。' });
    expect(closed.body.case.status).toBe('closed');
  });

  it('property: a failed mediation lists the roads left and is closed; changes out of turn are refused', async () => {
    t.clock.set('2026-11-25T02:00:00.000Z');
    const { c, mediator, mediatorName } = await openCase('物业费及漏水维修纠纷', 'property_management', 'repair_leak', [
      { role: 'applicant', kind: 'organisation', name: '杭州某某物业服务有限公司', idType: 'credit_code', idNumber: '91350100M000100Y43' },
      { role: 'respondent', kind: 'person', name: '吴海波' },
    ]);
    await post(mediator, `/v1/cases/${c.id}/closure`, c.id, { summary: '结案' }, 409);
    const failed = await post(mediator, `/v1/cases/${c.id}/failure`, c.id, { reason: '业主坚持先维修后缴费，物业坚持先缴费，经三次调解未能达成一致' });
    expect(failed.body.case.status).toBe('failed');
    expect(failed.body.roads.map((r: { code: string }) => r.code)).toContain('litigation');
    expect((await deadline(mediator, c.id, 'people_mediation')).status).toBe('cancelled');
    await t.http().post(`/v1/cases/${c.id}/failure`).set(bearer(mediator)).set('If-Match', '"1"').send({ reason: '重复提交' }).expect(412);
    const closed = await post(mediator, `/v1/cases/${c.id}/closure`, c.id, { summary: '调解不成，已告知当事人可向人民法院起诉或向住建部门投诉。' });
    expect(closed.body.case.status).toBe('closed');
    // The follow-up visit a week later: a poor rating goes to the director (评价督导).
    const visits = (await t.http().get(`/v1/cases/${c.id}/follow-ups`).set(bearer(mediator)).expect(200)).body;
    expect(visits.map((v: { afterDays: number }) => v.afterDays)).toEqual([7, 30]);
    t.clock.set('2026-12-02T03:00:00.000Z');
    const m2 = await as(mediatorName);
    const visited = await t.http().post(`/v1/follow-ups/${visits[0].id}/result`).set(bearer(m2)).set('If-Match', `"${visits[0].version}"`)
      .send({ status: 'done', method: 'phone', partyId: c.parties[1].id, satisfaction: 2, relapse: false, notes: '业主认为调解员未到现场查看漏水情况' }).expect(200);
    expect(visited.body).toMatchObject({ action: 'escalated' });
    const inbox = (await t.http().get('/v1/notifications').set(bearer(await as('street.director'))).expect(200)).body.items;
    expect(inbox.find((n: { kind: string; subjectId: string }) => n.kind === 'follow_up.poor_rating' && n.subjectId === c.id)).toBeDefined();
    // A user of another street sees nothing of it.
    t.clock.set('2026-11-25T03:00:00.000Z');
    const other = await as('hubin.director');
    await t.http().post(`/v1/cases/${c.id}/failure`).set(bearer(other)).set('If-Match', '"1"').send({ reason: '越权' }).expect(404);
  });

  it('labor: the arbitration limitation is counted from when the worker knew, and warned about as it runs out', async () => {
    t.clock.set('2026-11-25T03:00:00.000Z');
    const clerk = await as('desk.clerk');
    const c = (await t.http().post('/v1/cases').set(bearer(clerk)).send({
      channel: 'walk_in', title: '十二名工人讨要工资', description: '工地十二名工人被拖欠工资，今年1月15日起即未足额发放。', registerAnyway: true,
      parties: [{ role: 'applicant', kind: 'person', name: '马国强' }, { role: 'respondent', kind: 'organisation', name: '杭州某某建设工程有限公司' }],
    }).expect(201)).body;
    const director = await as('street.director');
    await post(director, `/v1/cases/${c.id}/triage`, c.id, { decision: 'accept', category: 'labor', subcategory: 'wage_arrears', trackFacts: { knewOfInfringementOn: '2026-01-15', employmentEnded: true, workerCount: 12 } });
    const now = (await t.http().get(`/v1/cases/${c.id}/track`).set(bearer(director)).expect(200)).body;
    expect(now).toMatchObject({ track: 'labor', mediationDeadline: 'labor_mediation', facts: { workerCount: 12 } });
    // Ten or more workers: a collective dispute, orange at least.
    expect(now.assessment.flags).toContain('collective');
    expect((await t.http().get(`/v1/cases/${c.id}`).set(bearer(director)).expect(200)).body.riskLevel).toMatch(/orange|red/);
    // One year from 2026-01-15 ends Fri 2027-01-15: 51 days left on 11-25, no warning yet.
    expect(now.assessment.warnings.map((w: { code: string }) => w.code)).not.toContain('arbitration_limitation_expiring');
    t.clock.set('2026-12-26T03:00:00.000Z');
    const later = (await t.http().get(`/v1/cases/${c.id}/track`).set(bearer(await as('street.director'))).expect(200)).body;
    expect(later.assessment.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'arbitration_limitation_expiring', dueDate: '2027-01-15', daysLeft: 20 })]));
  });

  it('family: a domestic-violence fact makes the case red, alerts the director and gives protection-order guidance', async () => {
    t.clock.set('2026-11-25T03:00:00.000Z');
    const { c, mediator } = await openCase('夫妻矛盾纠纷', 'marriage_family', 'divorce', [
      { role: 'applicant', kind: 'person', name: '孙丽娟' },
      { role: 'respondent', kind: 'person', name: '郑强' },
    ]);
    const read = await t.http().get(`/v1/cases/${c.id}/track`).set(bearer(mediator)).expect(200);
    const res = await t.http().put(`/v1/cases/${c.id}/track-facts`).set(bearer(mediator)).set('If-Match', read.headers.etag).send({ domesticViolence: true, minorsInvolved: true }).expect(200);
    expect(res.body.assessment.minimumRisk).toBe('red');
    const texts = res.body.assessment.guidance.map((g: { text: string }) => g.text).join('\n');
    expect(texts).toContain('人身安全保护令');
    expect(texts).toMatch(/72\s*小时/);
    const director = await as('street.director');
    expect((await t.http().get(`/v1/cases/${c.id}`).set(bearer(director)).expect(200)).body.riskLevel).toBe('red');
    const inbox = (await t.http().get('/v1/notifications').set(bearer(director)).expect(200)).body.items;
    expect(inbox.find((n: { kind: string; subjectId: string }) => n.kind === 'case.red_risk' && n.subjectId === c.id)).toBeDefined();
    const bad = await t.http().put(`/v1/cases/${c.id}/track-facts`).set(bearer(mediator)).set('If-Match', res.headers.etag).send({ knewOfInfringementOn: '15/01/2026', workerCount: 0 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['knewOfInfringementOn', 'workerCount']);
  });
});
