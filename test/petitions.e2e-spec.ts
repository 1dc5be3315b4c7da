import { PassThrough } from 'node:stream';
import { residentIdCheckChar } from '../src/common/identifiers';
import { DeadlineEffectsService } from '../src/deadlines/deadline-effects.service';
import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp } from './support/test-app';

/** A valid 居民身份证 number for a birth date and sequence (GB 11643 check character). */
const residentId = (birth: string, seq: string) => {
  const first17 = `330102${birth}${seq}`;
  return first17 + residentIdCheckChar(first17);
};

const ZHOU = { name: '周桂兰', idNumber: residentId('19560312', '024'), mobile: '13857101234', address: '浙江省杭州市上城区清波街道河坊街88号2单元301室' };
const ZHENG = { name: '郑海涛', idNumber: residentId('19710605', '113'), mobile: '13957102345' };
const SECRETS = [ZHOU.idNumber, ZHOU.mobile, '2单元301室', ZHENG.idNumber, ZHENG.mobile];

const DEMOLITION = '信访人反映：清波街道办事处将其位于河坊街88号的自建杂物间认定为违法建筑并作出限期拆除决定，信访人认为该杂物间建于1985年、有村集体批准，认定错误，要求撤销限期拆除决定并赔偿损失。';
const notice = (servedOn: string, text = '您反映的事项已收悉，现将处理途径和程序告知如下。', method = 'post') => ({ servedOn, method, text });
const local = (date: string) => `${date}T00:00:00.000+08:00`;

interface DeadlineView {
  id: string;
  kind: string;
  status: string;
  dueAt: string;
  computation: { dueDate: string; rolledFrom?: string; rolledOver?: Array<{ date: string }> };
  reminders: Array<{ at: string }>;
  extensions: unknown[];
}

/**
 * 信访 through the HTTP API, as the petition officer, the director and the leader use it, over the
 * 2026 autumn holidays (DOMAIN.md §2): 中秋 Sep 25–27 and 国庆 Oct 1–7 off, make-up working days
 * Sun Sep 20 and Sat Oct 10. Every due date below is counted by hand: the first day is not
 * counted, a calendar-day period ending on a rest day runs to the next working day, and the
 * deadline's bound (dueAt) is 24:00 of its last day.
 */
describe('petitions (信访)', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  const log = new PassThrough();
  let logText = '';
  const ids: Record<string, string> = {};

  const as = (username: string) => signIn(t, username, `${username}-Pass-2026`);
  /** Moves the clock and signs in again (tokens live 30 minutes). */
  const at = async (iso: string, username = 'xf.officer') => {
    t.clock.set(iso);
    return as(username);
  };
  const read = async (token: string, id: string) => t.http().get(`/v1/petitions/${id}`).set(bearer(token)).expect(200);
  const act = async (token: string, id: string, action: string, body: Record<string, unknown>, status = 200) =>
    t.http().post(`/v1/petitions/${id}/${action}`).set(bearer(token)).set('If-Match', (await read(token, id)).headers.etag).send(body).expect(status);
  const register = (token: string, body: Record<string, unknown>, status = 201) => t.http().post('/v1/petitions').set(bearer(token)).send(body).expect(status);
  const clock = (body: { deadlines: DeadlineView[] }, kind: string) => body.deadlines.find((d) => d.kind === kind)!;
  const inbox = async (token: string) => (await t.http().get('/v1/notifications').set(bearer(token)).expect(200)).body.items as Array<{ kind: string; subjectType: string; subjectId: string; body: string }>;
  const noSecrets = (body: unknown) => {
    const text = JSON.stringify(body);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  };

  beforeAll(async () => {
    log.on('data', (chunk: Buffer) => (logText += chunk.toString('utf8')));
    t = await createTestApp({ LOG_LEVEL: 'debug' }, { logStream: log });
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    tree = await seedTree(t, admin);
    await tree.user('xf.officer', '吴倩', ['petition_officer'], tree.qingbo.id);
    await tree.user('county.officer', '林晓东', ['petition_officer'], tree.root.id);
    await tree.user('hubin.officer', '钱芳', ['petition_officer'], tree.hubin.id);
    await tree.user('street.director', '孔德明', ['director'], tree.qingbo.id);
    await tree.user('street.leader', '陈建华', ['leader'], tree.qingbo.id);
    await tree.user('hubin.leader', '赵立新', ['leader'], tree.hubin.id);
    for (const u of ['street.leader', 'hubin.leader', 'xf.officer']) ids[u] = (await t.ds.query('SELECT id FROM staff_users WHERE username = $1', [u]))[0].id;
  });
  afterAll(() => t.close());

  it('a claim from receipt to finality: routing, acceptance, an approved extension, reply, 复查 and 复核, with every clock over the holidays', async () => {
    // Mon 06-29 the letter arrives; Tue 06-30 the officer registers it.
    let officer = await at('2026-06-30T02:00:00.000Z');
    const created = await register(officer, {
      form: 'letter', receivedOn: '2026-06-29', title: '反映清波街道拆除违建认定错误', content: DEMOLITION, concernedOrgan: '清波街道办事处',
      petitioners: [{ name: ZHOU.name, idNumber: ZHOU.idNumber, mobile: ZHOU.mobile, address: ZHOU.address }],
    });
    const a = created.body;
    ids.a = a.id;
    expect(a).toMatchObject({ status: 'received', statusLabel: '已登记', form: 'letter', formLabel: '来信', repeat: false, overdue: false, category: null, officerId: ids['xf.officer'] });
    expect(a.number).toMatch(/^XF-330102001-2026-\d{6}$/);
    expect(created.headers.location).toBe(`/v1/petitions/${a.id}`);
    expect(a.petitioners).toEqual([expect.objectContaining({ name: '周桂兰', idType: 'resident_id', idNumber: `330102********${ZHOU.idNumber.slice(-4)}`, mobile: '138****1234' })]);
    noSecrets(a);
    // X1: received Mon 06-29 → 15 days → Tue 07-14 (a working day).
    expect(clock(a, 'petition_routing')).toMatchObject({
      status: 'pending', dueAt: local('2026-07-15'), petitionId: a.id, caseId: null, statutory: true,
      legalBasis: { citation: expect.stringContaining('信访工作条例 第二十二条') }, computation: expect.objectContaining({ dueDate: '2026-07-14' }),
    });

    // Fri 07-03: accepted as a claim; X4 counts 60 days from acceptance → Tue 09-01.
    officer = await at('2026-07-03T02:00:00.000Z');
    await t.http().post(`/v1/petitions/${a.id}/acceptance`).set(bearer(officer)).send({ category: 'claim', acceptedOn: '2026-07-03', notice: notice('2026-07-03') }).expect(428);
    const accepted = (await act(officer, a.id, 'acceptance', { category: 'claim', acceptedOn: '2026-07-03', notice: notice('2026-07-03', '您反映的拆违认定问题已于2026年7月3日受理，本机关将在六十日内办结并出具信访处理意见书。') })).body;
    expect(accepted).toMatchObject({ status: 'accepted', category: 'claim', categoryLabel: '申诉求决类', acceptedOn: '2026-07-03', routing: { decision: 'accept', notice: { servedOn: '2026-07-03', method: 'post' } } });
    expect(clock(accepted, 'petition_routing').status).toBe('met');
    expect(clock(accepted, 'petition_handling')).toMatchObject({ status: 'pending', dueAt: local('2026-09-02'), legalBasis: { citation: expect.stringContaining('第三十四条') } });
    await act(officer, a.id, 'review-request', { requestedOn: '2026-07-03', organ: '上城区人民政府', grounds: '不服' }, 409);

    // Mon 08-24: the extension. Without the head's approval, with the wrong one, or over 30 days: refused.
    officer = await at('2026-08-24T02:00:00.000Z');
    const head = { kind: 'head_approval', by: '清波街道办事处主任 周明', reason: '涉及规划、城管多个部门，需调取1985年建房审批档案' };
    const unapproved = await act(officer, a.id, 'extension', { duration: 30, petitionerNotifiedOn: '2026-08-24' }, 422);
    expect(unapproved.body).toMatchObject({ code: 'DEADLINE.EXTENSION_REFUSED', detail: expect.stringContaining('须经负责人批准') });
    const consent = await act(officer, a.id, 'extension', { duration: 30, approval: { ...head, kind: 'both_parties_consent' }, petitionerNotifiedOn: '2026-08-24' }, 422);
    expect(consent.body.detail).toContain('不能以双方当事人同意代替');
    expect((await act(officer, a.id, 'extension', { duration: 31, approval: head, petitionerNotifiedOn: '2026-08-24' }, 422)).body.detail).toContain('不得超过30日');
    // Approved: 30 days from the last day Tue 09-01 → Thu 10-01, inside 国庆 (10-01..10-07 off) → Thu 10-08.
    const extended = (await act(officer, a.id, 'extension', { duration: 30, approval: head, petitionerNotifiedOn: '2026-08-24' })).body;
    const handling = clock(extended, 'petition_handling');
    expect(handling).toMatchObject({ status: 'pending', dueAt: local('2026-10-09'), computation: expect.objectContaining({ dueDate: '2026-10-08', rolledFrom: '2026-10-01' }) });
    expect(handling.computation.rolledOver!.map((d: { date: string }) => d.date)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(handling.extensions).toEqual([expect.objectContaining({ duration: 30, approval: expect.objectContaining({ kind: 'head_approval', by: head.by }) })]);
    expect(extended.extensions).toEqual([{ duration: 30, approvedBy: head.by, reason: head.reason, petitionerNotifiedOn: '2026-08-24', dueBefore: local('2026-09-02'), dueAfter: local('2026-10-09') }]);
    // The thirty days are for all extensions together.
    expect((await act(officer, a.id, 'extension', { duration: 1, approval: head, petitionerNotifiedOn: '2026-08-24' }, 422)).body.detail).toContain('累计不得超过30日');

    // Thu 09-03: the written decision, sent by post; Fri 09-04 the petitioner signs for it.
    officer = await at('2026-09-03T02:00:00.000Z');
    const replied = (await act(officer, a.id, 'reply', { result: 'not_supported', summary: '经调查，该杂物间未取得规划许可，认定为违法建筑事实清楚，限期拆除决定并无不当，对信访人的请求不予支持。', issuedOn: '2026-09-03' })).body;
    expect(replied).toMatchObject({ status: 'replied', reply: { result: 'not_supported', resultLabel: '不予支持', organ: '清波街道', deliveredOn: null }, windows: {} });
    expect(clock(replied, 'petition_handling').status).toBe('met');
    officer = await at('2026-09-04T08:00:00.000Z');
    const delivered = (await act(officer, a.id, 'delivery', { stage: 'reply', deliveredOn: '2026-09-04' })).body;
    // 复查 window: 30 days from Fri 09-04 → Sun 10-04, inside 国庆 → Thu 10-08.
    expect(delivered.windows.review).toEqual({ stage: 'review', receivedOn: '2026-09-04', lastDay: '2026-10-08', rolledFrom: '2026-10-04', basis: '信访工作条例 第三十五条', open: true });
    const rated = (await act(officer, a.id, 'evaluations', { stage: 'reply', rating: 'dissatisfied', note: '信访人认为未考虑其提交的建房审批材料' })).body;
    expect(rated.reply.evaluation).toMatchObject({ rating: 'dissatisfied', ratingLabel: '不满意' });
    const early = await act(officer, a.id, 'closure', { summary: '办结' }, 422);
    expect(early.body).toMatchObject({ code: 'PETITION.NOT_CLOSABLE', detail: expect.stringContaining('2026-10-08') });

    // Thu 10-08, the first working day after 国庆 and the window's last day: on time. X5: 30 days → Sat 11-07 → Mon 11-09.
    officer = await at('2026-10-08T02:00:00.000Z');
    const review = (await act(officer, a.id, 'review-request', { requestedOn: '2026-10-08', organ: '杭州市上城区人民政府', grounds: '信访人认为处理意见未考虑1985年村集体建房批准材料' })).body;
    expect(review).toMatchObject({ status: 'under_review', review: { requestedOn: '2026-10-08', windowLastDay: '2026-10-08' } });
    expect(clock(review, 'petition_review')).toMatchObject({ status: 'pending', dueAt: local('2026-11-10'), computation: expect.objectContaining({ dueDate: '2026-11-09', rolledFrom: '2026-11-07' }), legalBasis: { citation: expect.stringContaining('第三十五条') } });

    // Fri 10-30 the review opinion; Mon 11-02 received. 复核 window: 30 days → Wed 12-02.
    officer = await at('2026-10-30T02:00:00.000Z');
    const reviewed = (await act(officer, a.id, 'review-reply', { result: 'not_supported', summary: '经复查，原处理意见认定事实清楚、适用依据正确，予以维持。', issuedOn: '2026-10-30' })).body;
    expect(reviewed).toMatchObject({ status: 'reviewed', review: { reply: { organ: '杭州市上城区人民政府', resultLabel: '不予支持' } } });
    expect(clock(reviewed, 'petition_review').status).toBe('met');
    officer = await at('2026-11-02T02:00:00.000Z');
    expect((await act(officer, a.id, 'delivery', { stage: 'review', deliveredOn: '2026-11-02' })).body.windows.reReview).toEqual({ stage: 're_review', receivedOn: '2026-11-02', lastDay: '2026-12-02', basis: '信访工作条例 第三十六条第一款', open: true });

    // Wed 11-11 复核 requested; X6: 30 days → Fri 12-11.
    officer = await at('2026-11-11T02:00:00.000Z');
    const reReview = (await act(officer, a.id, 're-review-request', { requestedOn: '2026-11-11', organ: '杭州市人民政府', grounds: '信访人认为复查未听取其陈述' })).body;
    expect(clock(reReview, 'petition_re_review')).toMatchObject({ status: 'pending', dueAt: local('2026-12-12'), computation: expect.objectContaining({ dueDate: '2026-12-11' }), legalBasis: { citation: expect.stringContaining('第三十六条') } });

    // Mon 12-07: the 复核意见 (issued Fri 12-04, received today). Final (X7).
    officer = await at('2026-12-07T02:00:00.000Z');
    const final = (await act(officer, a.id, 're-review-reply', { result: 'not_supported', summary: '经复核，复查意见认定事实清楚，予以维持。本复核意见为终结意见。', issuedOn: '2026-12-04', deliveredOn: '2026-12-07' })).body;
    expect(final).toMatchObject({ status: 'final', statusLabel: '复核终结', reReview: { reply: { deliveredOn: '2026-12-07', organ: '杭州市人民政府' } } });
    expect(final.deadlines.map((d: { kind: string; status: string }) => [d.kind, d.status])).toEqual([
      ['petition_routing', 'met'], ['petition_handling', 'met'], ['petition_review', 'met'], ['petition_re_review', 'met'],
    ]);
    await act(officer, a.id, 'evaluations', { stage: 're_review', rating: 'dissatisfied' });
    const again = await act(officer, a.id, 'review-request', { requestedOn: '2026-12-07', organ: '杭州市人民政府', grounds: '仍不服' }, 409);
    expect(again.body).toMatchObject({ code: 'PETITION.INVALID_TRANSITION', currentStatus: 'final' });
    noSecrets(final);

    const timeline = (await t.http().get(`/v1/petitions/${a.id}/timeline`).set(bearer(officer)).expect(200)).body.items.map((e: { action: string }) => e.action);
    expect(timeline).toEqual([
      'petition.registered', 'petition.accepted', 'deadline.extended', 'petition.extended', 'petition.replied', 'petition.answer_delivered', 'petition.evaluated',
      'petition.review_requested', 'petition.reviewed', 'petition.answer_delivered', 'petition.re_review_requested', 'petition.re_reviewed', 'petition.evaluated',
    ]);
  });

  it('after 复核 the same matter is not accepted again (Art.36 ¶3), unless the officer records new facts or reasons', async () => {
    const officer = await at('2026-12-14T02:00:00.000Z');
    const number = (await read(officer, ids.a)).body.number;
    const repeat = {
      form: 'visit', receivedOn: '2026-12-14', title: '再次反映清波街道拆违认定错误', concernedOrgan: '清波街道办事处',
      content: `${DEMOLITION}信访人表示不服复核意见。`, petitioners: [{ name: '周桂兰', mobile: ZHOU.mobile }],
    };
    const refused = await register(officer, repeat, 422);
    expect(refused.body).toMatchObject({ code: 'PETITION.FINAL_NOT_ACCEPTED', rule: { code: 'final', basis: '信访工作条例 第三十六条第三款' }, repeatOf: [expect.objectContaining({ number, status: 'final' })] });
    expect(refused.body.detail).toContain(number);
    expect(refused.body.detail).toContain('信访工作条例 第三十六条第三款');
    // A county officer is refused as well: final means final everywhere.
    await register(await as('county.officer'), repeat, 422);

    const reopened = (await register(officer, { ...repeat, newFactsOrReasons: '信访人提交了2026年11月新取得的村集体1985年建房审批原件，系复核时未提交的新证据。' })).body;
    expect(reopened).toMatchObject({ status: 'received', repeat: true, repeatRule: { code: 'final', refused: false, earlierNumber: number, newFactsOrReasons: expect.stringContaining('新证据') } });
    const timeline = (await t.http().get(`/v1/petitions/${reopened.id}/timeline`).set(bearer(officer)).expect(200)).body.items;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['petition.registered', 'petition.final_matter_reopened']);
    expect(timeline[1].after).toMatchObject({ earlierNumber: number, basis: '信访工作条例 第三十六条第三款' });
  });

  it('refuses a 复查 requested after the thirty days, naming the rule; a higher organ gets the in-progress rule (Art.19 ¶3)', async () => {
    let officer = await at('2026-06-30T03:00:00.000Z');
    const content = '信访人反映上城区城市管理局在其经营的早餐店门前违规设置停车收费泊位，影响经营，要求撤销泊位。';
    const b = (await register(officer, { form: 'letter', receivedOn: '2026-06-29', title: '反映门前违规设置收费泊位', content, concernedOrgan: '上城区城市管理局', petitioners: [ZHENG] })).body;
    ids.b = b.id;
    officer = await at('2026-07-03T03:00:00.000Z');
    await act(officer, b.id, 'acceptance', { category: 'claim', acceptedOn: '2026-07-03', notice: notice('2026-07-03') });

    // Fri 07-10: the same petitioner takes the same matter to the county: accepted below and in handling.
    const county = await at('2026-07-10T02:00:00.000Z', 'county.officer');
    const higher = (await register(county, { form: 'visit', receivedOn: '2026-07-10', title: '到区里反映门前收费泊位', content: `${content}街道未解决。`, concernedOrgan: '上城区城市管理局', petitioners: [{ name: '郑海涛', mobile: ZHENG.mobile }] })).body;
    expect(higher).toMatchObject({ repeat: true, repeatOf: [expect.objectContaining({ number: b.number, status: 'accepted', higherOrgan: true })], repeatRule: { code: 'in_progress', basis: '信访工作条例 第十九条第三款' } });
    expect(higher.repeatRule.guidance).toContain('上级机关不予受理');
    const declined = (await act(county, higher.id, 'non-acceptance', { reason: '同一信访事项已由清波街道受理、正在办理。', notice: notice('2026-07-10', '您反映的事项已由清波街道办事处受理、正在办理，请等待办理结果。', 'in_person') })).body;
    expect(declined).toMatchObject({ status: 'declined', routing: { decision: 'decline', basis: '信访工作条例 第十九条第三款' } });

    // The written decision reaches the petitioner on Fri 09-04; the window's last day is Thu 10-08 (国庆).
    officer = await at('2026-09-04T03:00:00.000Z');
    await act(officer, b.id, 'reply', { result: 'explain', summary: '该泊位系经交警部门同意设置，已向信访人解释说明。', issuedOn: '2026-09-04', deliveredOn: '2026-09-04' });
    officer = await at('2026-10-09T02:00:00.000Z');
    const late = await act(officer, b.id, 'review-request', { requestedOn: '2026-10-09', organ: '杭州市上城区人民政府', grounds: '不服解释' }, 422);
    expect(late.body).toMatchObject({
      code: 'PETITION.REQUEST_TOO_LATE', window: { lastDay: '2026-10-08', basis: '信访工作条例 第三十五条' },
      errors: [expect.objectContaining({ field: 'requestedOn', code: 'windowClosed' })],
    });
    expect(late.body.detail).toBe('信访人于 2026-09-04 收到信访处理意见，请求复查的期限已于 2026-10-08 届满（信访工作条例 第三十五条），2026-10-09 提出的请求不予受理。');
    const en = await t.http().post(`/v1/petitions/${b.id}/review-request`).set(bearer(officer)).set('Accept-Language', 'en').set('If-Match', (await read(officer, b.id)).headers.etag).send({ requestedOn: '2026-10-09', organ: '杭州市上城区人民政府', grounds: '不服解释' }).expect(422);
    expect(en.body.detail).toContain('ended on 2026-10-08');
    expect((await read(officer, b.id)).body.status).toBe('replied');
    // With the window passed the claim may be closed.
    expect((await act(officer, b.id, 'closure', { summary: '复查期限届满，信访人未请求复查，事项办结。' })).body.status).toBe('closed');
  });

  it('routes within fifteen days of receipt, whatever the holidays: make-up days do not roll, rest days do', async () => {
    const officer = await at('2026-09-28T02:00:00.000Z'); // Mon after 中秋
    const cases: Array<[string, string, string, string, string | undefined]> = [
      // [form, received, last day, dueAt day, rolled from]
      ['online', '2026-09-05', '2026-09-20', '2026-09-21', undefined], // Sun 09-20 is a make-up working day
      ['visit', '2026-09-10', '2026-09-28', '2026-09-29', '2026-09-25'], // Fri 09-25 中秋 → Mon 09-28
      ['letter', '2026-09-16', '2026-10-08', '2026-10-09', '2026-10-01'], // Thu 10-01 国庆 → Thu 10-08
      ['phone', '2026-09-25', '2026-10-10', '2026-10-11', undefined], // Sat 10-10 is a make-up working day
    ];
    for (const [i, [form, receivedOn, lastDay, dueDay, rolledFrom]] of cases.entries()) {
      t.clock.advance(1000);
      const p = (await register(officer, {
        form, receivedOn, title: `反映小区问题（${i + 1}）`, content: `第${i + 1}件：信访人反映清波门小区${['电梯长期停运', '法院判决执行不到位', '垃圾清运不及时', '路灯损坏无人维修'][i]}，要求有关部门处理。`,
        concernedOrgan: ['杭州某某物业服务有限公司', '杭州市上城区人民法院', '清波街道城管中队', '清波门社区居委会'][i], petitioners: [{ name: `居民${i + 1}`, mobile: `1370000000${i}` }],
      })).body;
      ids[`c${i + 1}`] = p.id;
      const d = clock(p, 'petition_routing');
      expect([receivedOn, d.dueAt, d.computation.dueDate, d.computation.rolledFrom]).toEqual([receivedOn, local(dueDay), lastDay, rolledFrom]);
    }
    // Computed from the record: the first is overdue before any worker has looked at it.
    const overdue = (await t.http().get('/v1/petitions').query({ overdue: true }).set(bearer(officer)).expect(200)).body.items.map((p: { id: string }) => p.id);
    expect(overdue).toEqual([ids.c1]);
    const soon = (await t.http().get('/v1/petitions').query({ dueWithinDays: 2 }).set(bearer(officer)).expect(200)).body.items.map((p: { id: string }) => p.id);
    expect(soon).toEqual([ids.c2]);
  });

  it('diverts a 涉法涉诉 claim to the 政法 department with a written notice (诉访分离)', async () => {
    const officer = await at('2026-09-28T03:00:00.000Z');
    const wrongRoad = await act(officer, ids.c2, 'diversion', { category: 'claim', road: 'discipline_inspection', organ: '区纪委监委', notice: notice('2026-09-28') }, 422);
    expect(wrongRoad.body.errors).toEqual([expect.objectContaining({ field: 'road', code: 'roadNotForCategory' })]);
    const text = '您反映的事项属于对人民法院生效判决执行不服，依照《信访工作条例》第二十二条第二款，已转同级政法部门依法处理；您也可以依法向人民法院提出执行异议。';
    const diverted = (await act(officer, ids.c2, 'diversion', { category: 'claim', road: 'political_legal', organ: '中共杭州市上城区委政法委员会', reason: '对法院执行不服，属涉法涉诉事项', notice: notice('2026-09-28', text, 'in_person') })).body;
    expect(diverted).toMatchObject({
      status: 'diverted', statusLabel: '已导入法定途径', category: 'claim',
      routing: { decision: 'divert', road: 'political_legal', organ: '中共杭州市上城区委政法委员会', basis: expect.stringContaining('第二十二条第二款'), notice: { servedOn: '2026-09-28', method: 'in_person', text } },
    });
    expect(clock(diverted, 'petition_routing').status).toBe('met');
    await act(officer, ids.c2, 'acceptance', { category: 'claim', acceptedOn: '2026-09-28', notice: notice('2026-09-28') }, 409);
    // An accusation cannot be accepted here: it goes to the discipline bodies (Art.30).
    const accusation = await act(officer, ids.c3, 'acceptance', { category: 'accusation', acceptedOn: '2026-09-28', notice: notice('2026-09-28') }, 422);
    expect(accusation.body.errors[0]).toMatchObject({ field: 'category', code: 'accusationToDiscipline' });
  });

  it('backlog and 领导包案: a missed clock marks the petition overdue; the leader a director assigns sees it and hears its reminders', async () => {
    const officer = await at('2026-09-28T04:00:00.000Z');
    const effects = t.app.get(DeadlineEffectsService);
    const routing = clock((await read(officer, ids.c1)).body, 'petition_routing');
    expect(await effects.advance(routing.id, 'sweep')).toMatchObject({ act: 'miss' });
    const c1 = (await read(officer, ids.c1)).body;
    expect(c1).toMatchObject({ overdue: true });
    expect(clock(c1, 'petition_routing').status).toBe('missed');
    expect((await inbox(officer)).find((n) => n.kind === 'deadline.missed' && n.subjectId === ids.c1)).toMatchObject({ subjectType: 'petition', body: expect.stringContaining(c1.number) });

    const director = await as('street.director');
    const backlog = (await t.http().get('/v1/petitions').query({ backlog: true }).set(bearer(director)).expect(200)).body.items.map((p: { id: string }) => p.id);
    expect(backlog).toContain(ids.c1);
    await act(officer, ids.c1, 'leader-assignment', { leaderId: ids['street.leader'], reason: '超期积案' }, 403);
    const elsewhere = await act(director, ids.c1, 'leader-assignment', { leaderId: ids['hubin.leader'], reason: '超期积案' }, 422);
    expect(elsewhere.body.code).toBe('PETITION.NOT_A_LEADER');
    const led = (await act(director, ids.c1, 'leader-assignment', { leaderId: ids['street.leader'], reason: '超期未转送的积案，由街道党工委副书记包案化解' })).body;
    expect(led).toMatchObject({ leaderId: ids['street.leader'], leaderAssignment: { leaderName: '陈建华', assignedBy: '孔德明' } });
    await act(director, ids.c3, 'leader-assignment', { leaderId: ids['street.leader'], reason: '涉及多户居民，领导包案' });

    const leader = await as('street.leader');
    const mine = (await t.http().get('/v1/petitions').query({ leader: 'me' }).set(bearer(leader)).expect(200)).body.items;
    expect(mine.map((p: { id: string }) => p.id).sort()).toEqual([ids.c1, ids.c3].sort());
    expect(mine.find((p: { id: string }) => p.id === ids.c1)).toMatchObject({ overdue: true, leaderId: ids['street.leader'] });
    expect((await inbox(leader)).filter((n) => n.kind === 'petition.leader_assigned').map((n) => n.subjectId).sort()).toEqual([ids.c1, ids.c3].sort());

    // Wed 10-07 10:00, one day before the last day (Thu 10-08) of the third petition's routing clock: the reminder goes to the officer and the leader.
    t.clock.set('2026-10-07T02:00:00.000Z');
    const c3Routing = clock((await read(await as('xf.officer'), ids.c3)).body, 'petition_routing');
    expect(c3Routing.reminders.map((r) => r.at)).toEqual(['2026-10-05T09:00:00.000+08:00', '2026-10-07T09:00:00.000+08:00']);
    expect(await effects.advance(c3Routing.id, 'sweep')).toMatchObject({ act: 'remind' });
    for (const who of ['street.leader', 'xf.officer']) {
      expect((await inbox(await as(who))).find((n) => n.kind === 'deadline.reminder' && n.subjectId === ids.c3)).toMatchObject({ subjectType: 'petition', body: expect.stringContaining('信访事项') });
    }
    // A leader works the petitions in their charge, not the others in view.
    t.clock.set('2026-10-07T03:00:00.000Z');
    const leaderNow = await as('street.leader');
    await act(leaderNow, ids.c4, 'acceptance', { category: 'suggestion', acceptedOn: '2026-10-07', notice: notice('2026-10-07') }, 403);
    expect((await act(leaderNow, ids.c3, 'acceptance', { category: 'suggestion', acceptedOn: '2026-10-07', notice: notice('2026-10-07', '您对垃圾清运的建议已收悉，街道将研究改进并予以回复。') })).body).toMatchObject({ status: 'accepted', category: 'suggestion', deadlines: [expect.objectContaining({ kind: 'petition_routing', status: 'met' })] });
    const timeline = (await t.http().get(`/v1/petitions/${ids.c3}/timeline`).set(bearer(await as('street.leader'))).expect(200)).body.items.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(['petition.registered', 'petition.leader_assigned', 'deadline.reminded', 'petition.accepted']);
  });

  it('信访转调解: the petition opens a dispute case with its number as the external reference', async () => {
    const officer = await at('2026-10-12T02:00:00.000Z');
    const p = (await register(officer, {
      form: 'visit', receivedOn: '2026-10-12', title: '邻居排水管漏水纠纷', content: '信访人反映楼上住户排水管长期漏水，渗入其卫生间，多次协商未果，要求有关部门协调处理。',
      concernedOrgan: '清波门社区居委会', petitioners: [{ name: '冯丽', mobile: '13600001111', idNumber: residentId('19800101', '046') }],
    })).body;
    const opened = (await act(officer, p.id, 'mediation', { title: '邻里排水管漏水纠纷（信访转调解）', respondents: [{ role: 'respondent', kind: 'person', name: '蒋伟' }] })).body;
    expect(opened).toMatchObject({ status: 'diverted', routing: { decision: 'mediation', road: 'people_mediation', basis: '信访工作条例 第三十七条' }, linkedCase: { number: expect.stringMatching(/^TJ-330102001-2026-/), status: 'registered' } });
    const kase = (await t.http().get(`/v1/cases/${opened.caseId}`).set(bearer(officer)).expect(200)).body;
    expect(kase).toMatchObject({ channel: 'petition', externalRef: p.number, title: '邻里排水管漏水纠纷（信访转调解）' });
    expect(kase.parties.map((x: { role: string; name: string; mobile: string | null }) => [x.role, x.name, x.mobile])).toEqual([['applicant', '冯丽', '136****1111'], ['respondent', '蒋伟', null]]);
    await act(officer, p.id, 'mediation', {}, 409);
  });

  it('group visits elect at most five representatives; identifiers are checked; lists search Chinese text and stay in scope', async () => {
    const officer = await at('2026-10-12T03:00:00.000Z');
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `业主代表${i + 1}` }));
    const group = { form: 'visit', receivedOn: '2026-10-12', title: '小区业主集体反映维修资金问题', content: '清波门小区业主集体来访，反映物业公司未经业主大会表决动用专项维修资金。', concernedOrgan: '杭州某某物业服务有限公司', groupVisit: true, headcount: 23 };
    const tooMany = await register(officer, { ...group, petitioners: six }, 422);
    expect(tooMany.body).toMatchObject({ code: 'PETITION.INVALID_REGISTRATION', errors: [expect.objectContaining({ field: 'petitioners', code: 'representativesMax', message: expect.stringContaining('不超过 5 人') })] });
    const ok = (await register(officer, { ...group, petitioners: six.slice(0, 5) })).body;
    expect(ok).toMatchObject({ groupVisit: true, headcount: 23, petitionerCount: 5 });
    const letter = await register(officer, { ...group, form: 'letter', petitioners: six.slice(0, 2) }, 422);
    expect(letter.body.errors[0]).toMatchObject({ field: 'groupVisit' });
    const badId = await register(officer, { ...group, groupVisit: false, headcount: undefined, petitioners: [{ name: '王某', idNumber: '330102195603120241', mobile: '12345' }] }, 422);
    expect(badId.body.code).toBe('PETITION.INVALID_PETITIONER_DATA');
    expect(badId.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['petitioners[0].idNumber', 'petitioners[0].mobile']);
    await register(officer, { ...group, groupVisit: false, headcount: undefined, petitioners: [{ name: '王某' }], caseId: '6a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' }, 404);

    const search = async (query: Record<string, unknown>) => (await t.http().get('/v1/petitions').query(query).set(bearer(officer)).expect(200)).body.items.map((p: { id: string }) => p.id);
    expect(await search({ q: '违建' })).toContain(ids.a);
    expect(await search({ q: '违建' })).not.toContain(ids.b);
    expect(await search({ organ: '城市管理' })).toEqual([ids.b]);
    expect(await search({ status: 'final' })).toEqual([ids.a]);
    expect(await search({ q: '泊位', status: 'closed' })).toEqual([ids.b]);
    // Another street's officer sees none of it.
    const hubin = await as('hubin.officer');
    await t.http().get(`/v1/petitions/${ids.a}`).set(bearer(hubin)).expect(404);
    expect((await t.http().get('/v1/petitions').set(bearer(hubin)).expect(200)).body.items).toEqual([]);
    // Nor may a mediation clerk register petitions.
    await register(await as('street.director'), { ...group, petitioners: six.slice(0, 1) }, 403);
  });

  it('keeps personal data out of every list, timeline and log line', async () => {
    const officer = await as('xf.officer');
    noSecrets((await t.http().get('/v1/petitions').query({ limit: 200 }).set(bearer(officer)).expect(200)).body);
    for (const id of [ids.a, ids.b]) noSecrets((await t.http().get(`/v1/petitions/${id}/timeline`).set(bearer(officer)).expect(200)).body);
    expect(logText).toContain('"path":"/v1/petitions"');
    for (const secret of SECRETS) expect(logText).not.toContain(secret);
  });

  it("the director's report counts petitions accepted and handling clocks answered on time, as the rows do", async () => {
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    const report = (await t.http().get('/v1/reports/summary').query({ from: '2026-01-01', to: '2026-12-31' }).set(bearer(admin)).expect(200)).body.petitions;
    const petitions: Array<{ accepted_on: string | null }> = await t.ds.query(`SELECT accepted_on::text FROM petitions`);
    const clocks: Array<{ status: string; closed_at: Date | null; due_at: Date }> = await t.ds.query(`SELECT status, closed_at, due_at FROM deadlines WHERE petition_id IS NOT NULL AND kind = 'petition_handling'`);
    const inYear = (d: Date | null) => !!d && d >= new Date('2025-12-31T16:00:00Z') && d < new Date('2026-12-31T16:00:00Z');
    const ended = clocks.filter((c) => (c.status === 'met' || c.status === 'missed') && inYear(c.closed_at));
    const onTime = ended.filter((c) => c.status === 'met' && c.closed_at! <= c.due_at).length;
    const accepted = petitions.filter((p) => p.accepted_on && p.accepted_on.startsWith('2026')).length;
    expect(accepted).toBeGreaterThan(0);
    expect(ended.length).toBeGreaterThan(onTime); // the backlog story missed one
    expect(onTime).toBeGreaterThan(0); // the main story answered inside its approved extension
    expect(report).toEqual({ accepted, answered: ended.length, answeredOnTime: onTime, onTimeRate: Math.round((onTime / ended.length) * 10_000) / 10_000 });
  });

});
