import { execFileSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { databaseName } from '../src/database/database-admin';
import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp } from './support/test-app';

const ZHANG_ID = '11010519491231002X';
const ZHANG_MOBILE = '13812345678';
const ZHANG_ADDRESS = '浙江省杭州市上城区清波街道劳动路12号3单元501室';

const wageCase = (over: Record<string, unknown> = {}) => ({
  channel: 'walk_in',
  title: '农民工讨要拖欠工资',
  description: '申请人等12名农民工在清波街道某工地务工，包工头李建军拖欠三个月工资共计8万元，多次讨要未果。',
  amount: '80000.00',
  parties: [
    { role: 'applicant', kind: 'person', name: '张秀英', idType: 'resident_id', idNumber: ZHANG_ID, mobile: ZHANG_MOBILE, address: ZHANG_ADDRESS },
    { role: 'respondent', kind: 'person', name: '李建军', mobile: '+86 139-0000-1111' },
    { role: 'respondent', kind: 'organisation', name: '杭州某某建筑劳务有限公司', idType: 'credit_code', idNumber: '91350100M000100Y43' },
  ],
  ...over,
});

describe('intake and triage', () => {
  let t: TestApp;
  const log = new PassThrough();
  let logText = '';
  let admin: string;
  let tree: Awaited<ReturnType<typeof seedTree>>;
  let clerk: string; // 清波街道 intake clerk
  let hubinClerk: string;
  let countyDirector: string;
  let streetDirector: string;
  const keys: Record<string, string> = {};

  // The test clock stands still unless moved; a second between registrations keeps "newest
  // first" meaningful, as it is with a real clock.
  const register = (token: string, body: Record<string, unknown>) => {
    t.clock.advance(1000);
    return t.http().post('/v1/cases').set(bearer(token)).send(body);
  };
  const partnerPost = (kind: string, body: Record<string, unknown>, key?: string) => {
    t.clock.advance(1000);
    const req = t.http().post('/v1/cases').set('X-Api-Key', keys[kind]);
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const countCases = async () => Number((await t.ds.query('SELECT count(*) AS n FROM cases'))[0].n);
  /** Reads the case for its ETag, as a workbench would, then posts the decision. */
  const triage = async (token: string, id: string, body: Record<string, unknown>, status: number) => {
    const read = await t.http().get(`/v1/cases/${id}`).set(bearer(token)).expect(200);
    return t.http().post(`/v1/cases/${id}/triage`).set(bearer(token)).set('If-Match', read.headers.etag).send(body).expect(status);
  };

  beforeAll(async () => {
    log.on('data', (chunk: Buffer) => (logText += chunk.toString('utf8')));
    t = await createTestApp({ LOG_LEVEL: 'debug' }, { logStream: log });
    admin = await signIn(t, ADMIN.username, ADMIN.password);
    tree = await seedTree(t, admin);
    clerk = await tree.user('qingbo.clerk', '陈晓燕', ['intake_clerk'], tree.qingbo.id);
    hubinClerk = await tree.user('hubin.clerk', '周建华', ['intake_clerk'], tree.hubin.id);
    countyDirector = await tree.user('county.director', '王建国', ['director'], tree.root.id);
    streetDirector = await tree.user('qingbo.director', '刘芳', ['director'], tree.qingbo.id);
    const partners: Array<[string, string, string]> = [
      ['police', '清波派出所', tree.qingbo.id],
      ['court', '杭州市上城区人民法院', tree.root.id],
      ['hotline', '上城区12345政务服务热线', tree.root.id],
      ['grid', '上城区网格化管理平台', tree.root.id],
      ['petition_bureau', '上城区信访局', tree.root.id],
    ];
    for (const [kind, name, orgUnitId] of partners) {
      const p = await t.http().post('/v1/partners').set(bearer(admin)).send({ name, kind, orgUnitId }).expect(201);
      keys[kind] = (await t.http().post(`/v1/partners/${p.body.id}/api-keys`).set(bearer(admin)).send({ label: '测试' }).expect(201)).body.key;
    }
  });
  afterAll(() => t.close());

  describe('registration', () => {
    let wage: { id: string; number: string };

    it('registers a walk-in with Chinese names, masks personal data, numbers it and suggests a track', async () => {
      const res = await register(clerk, wageCase()).expect(201);
      wage = res.body;
      expect(res.body.number).toBe('TJ-330102001-2026-000001');
      expect(res.headers.location).toBe(`/v1/cases/${res.body.id}`);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({
        status: 'registered', statusLabel: '已登记', channel: 'walk_in', orgUnitId: tree.qingbo.id, amount: '80000.00', partyCount: 3,
        suggestion: { category: 'labor', subcategory: 'wage_arrears', track: 'labor' },
        category: null, track: null,
      });
      expect(res.body.riskLevel).toBe('orange');
      expect(res.body.parties[0]).toMatchObject({ name: '张秀英', idType: 'resident_id', idNumber: '110105********002X', mobile: '138****5678', address: '浙江省杭州市上城区清波街道****' });
      expect(res.body.parties[1]).toMatchObject({ name: '李建军', mobile: '139****1111' });
      expect(res.body.parties[2]).toMatchObject({ kind: 'organisation', idType: 'credit_code', warnings: [] });
      expect(JSON.stringify(res.body)).not.toContain(ZHANG_ID);
      expect(JSON.stringify(res.body)).not.toContain(ZHANG_MOBILE);
      expect(JSON.stringify(res.body)).not.toContain('劳动路12号');
    });

    it('numbers cases per unit and year', async () => {
      const res = await register(clerk, { channel: 'phone', title: '物业费争议', description: '业主认为物业公司服务不到位，拒交物业费两年。', parties: [{ role: 'applicant', kind: 'organisation', name: '杭州某物业服务有限公司' }] }).expect(201);
      expect(res.body.number).toBe('TJ-330102001-2026-000002');
      expect(res.body.suggestion).toMatchObject({ category: 'property_management', track: 'property' });
      const other = await register(hubinClerk, { channel: 'online', title: '离婚纠纷', description: '双方因感情不和要求离婚，对孩子抚养权有争议。', parties: [{ role: 'applicant', kind: 'person', name: '孙丽' }] }).expect(201);
      expect(other.body.number).toBe('TJ-330102002-2026-000001');
      expect(other.body.suggestion.track).toBe('family');
    });

    it.each([
      ['a resident ID with a wrong check digit', { idType: 'resident_id', idNumber: '110105194912310021' }, 'parties[0].idNumber', 'resident_id.checksum'],
      ['a resident ID with an impossible birth date', { idType: 'resident_id', idNumber: '110105202302290012' }, 'parties[0].idNumber', 'resident_id.birth_date'],
      ['a credit code with a forbidden letter', { kind: 'organisation', idType: 'credit_code', idNumber: '91350100M000100I43' }, 'parties[0].idNumber', 'credit_code.format'],
      ['a phone that is no mobile number', { mobile: '0571-8888' }, 'parties[0].mobile', 'mobile.format'],
    ])('refuses %s with 422 naming the field, and stores nothing', async (_, party, field, code) => {
      const before = await countCases();
      const body = { channel: 'walk_in', title: '测试', description: '邻居装修噪音扰民。', parties: [{ role: 'applicant', kind: 'person', name: '测试人', ...party }] };
      const res = await register(clerk, body).expect(422);
      expect(res.body).toMatchObject({ code: 'CASE.INVALID_PARTY_DATA', status: 422 });
      expect(res.body.errors).toEqual([expect.objectContaining({ field, code })]);
      expect(res.body.errors[0].message).toMatch(/[\u4e00-\u9fa5]/);
      expect(await countCases()).toBe(before);
    });

    it('accepts an early pilot credit code that fails the checksum, with a warning', async () => {
      const res = await register(clerk, {
        channel: 'walk_in', title: '货款纠纷', description: '供货方催讨货款5万元，采购方称货物有质量问题。',
        parties: [{ role: 'applicant', kind: 'organisation', name: '杭州某贸易有限公司', idType: 'credit_code', idNumber: '91350100M000100Y44' }],
      }).expect(201);
      expect(res.body.parties[0].warnings).toEqual(['credit_code_checksum']);
    });

    it('refuses a registration without an applicant, or a police transfer without its 警情号', async () => {
      const noApplicant = await register(clerk, { channel: 'walk_in', title: '测试', description: '测试', parties: [{ role: 'respondent', kind: 'person', name: '某人' }] }).expect(422);
      expect(noApplicant.body.errors[0].field).toBe('parties');
      const noRef = await register(clerk, { channel: 'police', title: '测试', description: '测试', parties: [{ role: 'applicant', kind: 'person', name: '某人' }] }).expect(422);
      expect(noRef.body.errors[0]).toMatchObject({ field: 'externalRef', code: 'isNotEmpty' });
    });

    it('refuses a possible duplicate at the window, lists the candidates, and registers when told to', async () => {
      const again = wageCase({ description: '张秀英再次来访反映工地欠薪问题，要求尽快解决。' });
      const res = await register(clerk, again).expect(409);
      expect(res.body).toMatchObject({ code: 'CASE.POSSIBLE_DUPLICATE', status: 409 });
      expect(res.body.duplicates).toEqual([expect.objectContaining({ id: wage.id, number: wage.number, reasons: ['same_parties'] })]);
      const forced = await register(clerk, { ...again, registerAnyway: true }).expect(201);
      expect(forced.body.number).toMatch(/^TJ-330102001-2026-/);
    });

    it('finds a near-identical description from other people', async () => {
      const res = await register(clerk, {
        channel: 'phone', title: '欠薪',
        description: '申请人等12名农民工在清波街道某工地务工，包工头李建军拖欠三个月工资共计8万元，多次讨要未果！',
        parties: [{ role: 'applicant', kind: 'person', name: '马大山' }],
      }).expect(409);
      expect(res.body.duplicates.map((d: { id: string }) => d.id)).toContain(wage.id);
      expect(res.body.duplicates.find((d: { id: string }) => d.id === wage.id).reasons).toContain('similar_description');
    });

    it.each([
      ['police', { externalRef: '330102202611230015', title: '邻里纠纷', description: '楼上住户夜间装修噪音扰民，双方发生口角，民警现场劝解后移交人民调解。' }],
      ['court', { externalRef: '（2026）浙0102民诉前调1234号', title: '买卖合同纠纷', description: '原告诉请被告支付货款3万元，法院委派诉前调解。' }],
      ['hotline', { externalRef: '12345-20261123-000778', title: '物业不处理漏水', description: '市民来电反映楼上卫生间漏水，物业公司一直不处理。' }],
      ['grid', { externalRef: 'WG-20261123-0042', title: '宅基地边界纠纷', description: '网格员发现两户村民因宅基地边界发生争执。' }],
      ['petition_bureau', { externalRef: 'XF330102202611230003', title: '信访转调解：赡养纠纷', description: '信访人反映子女不履行赡养义务，经信访局转人民调解。' }],
    ])('registers a %s transfer with its own number, idempotently', async (kind, fields) => {
      const body = { ...fields, parties: [{ role: 'applicant', kind: 'person', name: '吴桂兰', mobile: '13700001234' }, { role: 'respondent', kind: 'person', name: '吴建平' }] };
      const key = `${kind}-${Date.now()}`;
      const first = await partnerPost(kind, body, key).expect(201);
      const channel = { police: 'police', court: 'court', hotline: 'hotline', grid: 'grid', petition_bureau: 'petition' }[kind];
      expect(first.body).toMatchObject({ channel, externalRef: fields.externalRef, status: 'registered' });
      const retry = await partnerPost(kind, body, key).expect(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body.id).toBe(first.body.id);
      expect(Number((await t.ds.query('SELECT count(*) AS n FROM cases WHERE external_ref = $1', [fields.externalRef]))[0].n)).toBe(1);
    });

    it('registers a partner\'s possible duplicate, handing the candidates to triage', async () => {
      const body = {
        externalRef: 'XF330102202611230077', title: '欠薪信访转调解',
        description: '张秀英反映工地包工头李建军拖欠工资，经信访局转人民调解。',
        parties: [
          { role: 'applicant', kind: 'person', name: '张秀英', idType: 'resident_id', idNumber: ZHANG_ID },
          { role: 'respondent', kind: 'person', name: '李建军' },
        ],
      };
      const res = await partnerPost('petition_bureau', body, 'xf-dup-1').expect(201);
      expect(res.body.suggestion.possibleDuplicates).toEqual(expect.arrayContaining([expect.objectContaining({ number: 'TJ-330102001-2026-000001', reasons: ['same_parties'] })]));
    });

    it('refuses the same Idempotency-Key with another body, and a partner POST without a key', async () => {
      const body = { externalRef: '330102202611230099', title: '纠纷', description: '双方因停车位发生争执。', parties: [{ role: 'applicant', kind: 'person', name: '钱伟' }] };
      await partnerPost('police', body, 'police-reuse-1').expect(201);
      const reused = await partnerPost('police', { ...body, title: '另一件事' }, 'police-reuse-1').expect(422);
      expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
      const missing = await partnerPost('police', body).expect(428);
      expect(missing.body.code).toBe('IDEMPOTENCY.KEY_REQUIRED');
    });

    it('creates one case when the same request races itself', async () => {
      const body = { externalRef: '330102202611230123', title: '纠纷', description: '两车剐蹭后就赔偿金额发生争执。', parties: [{ role: 'applicant', kind: 'person', name: '冯磊' }] };
      const results = await Promise.all([1, 2, 3].map(() => partnerPost('police', body, 'police-race-1')));
      const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.id));
      expect(ids.size).toBe(1);
      expect(results.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'IDEMPOTENCY.IN_PROGRESS'))).toBe(true);
      expect(Number((await t.ds.query('SELECT count(*) AS n FROM cases WHERE external_ref = $1', ['330102202611230123']))[0].n)).toBe(1);
    });

    it('raises a red alert to the director at once', async () => {
      const res = await register(clerk, {
        channel: 'walk_in', title: '讨要工程款', description: '申请人称包工头欠款不还，如果这周再不给钱就从楼上跳下去。',
        parties: [{ role: 'applicant', kind: 'person', name: '郑国强' }, { role: 'respondent', kind: 'person', name: '钱某' }],
      }).expect(201);
      expect(res.body.riskLevel).toBe('red');
      expect(res.body.riskReasons.some((r: { level: string }) => r.level === 'red')).toBe(true);
      const inbox = await t.http().get('/v1/notifications').query({ unread: true }).set(bearer(streetDirector)).expect(200);
      const alert = inbox.body.items.find((n: { subjectId: string }) => n.subjectId === res.body.id);
      expect(alert).toMatchObject({ kind: 'case.red_risk', readAt: null });
      expect(alert.title).toContain(res.body.number);
      await t.http().post(`/v1/notifications/${alert.id}/read`).set(bearer(streetDirector)).expect(200);
      const after = await t.http().get('/v1/notifications').query({ unread: true }).set(bearer(streetDirector)).expect(200);
      expect(after.body.items.find((n: { id: string }) => n.id === alert.id)).toBeUndefined();
      const timeline = await t.http().get(`/v1/cases/${res.body.id}/timeline`).set(bearer(clerk)).expect(200);
      expect(timeline.body.items.map((e: { action: string }) => e.action)).toEqual(['case.registered', 'case.red_risk_alert']);
      // 警调对接: the station serving 清波街道 gets the event (queued in the same transaction); the
      // court, whose area also contains the street, does not.
      const events = await t.ds.query(
        `SELECT p.name, o.event_type, o.payload FROM outbox_events o JOIN partners p ON p.id = o.partner_id WHERE o.subject_id = $1`,
        [res.body.id],
      );
      expect(events).toEqual([{ name: '清波派出所', event_type: 'case.red_risk', payload: expect.objectContaining({ number: res.body.number, riskLevel: 'red' }) }]);
      expect(JSON.stringify(events)).not.toContain('郑国强');
    });

    it('tells the police about domestic violence with injury (反家暴法 Art.16: 告诫书)', async () => {
      const res = await register(clerk, {
        channel: 'walk_in', title: '家暴求助', description: '丈夫长期家暴，昨天把我打伤住院，我要离婚。',
        parties: [{ role: 'applicant', kind: 'person', name: '秦梅' }, { role: 'respondent', kind: 'person', name: '许刚' }],
      }).expect(201);
      expect(res.body.riskLevel).toBe('red');
      const events = await t.ds.query(`SELECT 1 FROM outbox_events WHERE subject_id = $1`, [res.body.id]);
      expect(res.body.riskReasons).toEqual([expect.objectContaining({ code: 'domestic_violence_injury', level: 'red', notifyPolice: true })]);
      expect(events.length).toBe(1);
    });
  });

  describe('reading and scope', () => {
    it("gives a clerk of another street 404, while the county director sees both streets", async () => {
      const qingbo = (await t.http().get('/v1/cases').set(bearer(clerk)).expect(200)).body.items;
      const id = qingbo[0].id;
      const res = await t.http().get(`/v1/cases/${id}`).set(bearer(hubinClerk)).expect(404);
      expect(res.body.code).toBe('CASE.NOT_FOUND');
      const hubinList = (await t.http().get('/v1/cases').set(bearer(hubinClerk)).expect(200)).body.items;
      expect(hubinList.every((c: { orgUnitId: string }) => c.orgUnitId === tree.hubin.id)).toBe(true);
      const all = (await t.http().get('/v1/cases').query({ limit: 200 }).set(bearer(countyDirector)).expect(200)).body.items;
      expect(new Set(all.map((c: { orgUnitId: string }) => c.orgUnitId))).toEqual(new Set([tree.qingbo.id, tree.hubin.id, tree.root.id]));
    });

    it('shows a partner only the cases it sent, and not the internal timeline', async () => {
      const list = (await t.http().get('/v1/cases').set('X-Api-Key', keys.hotline).expect(200)).body.items;
      expect(list.length).toBe(1);
      expect(list[0].channel).toBe('hotline');
      await t.http().get(`/v1/cases/${list[0].id}`).set('X-Api-Key', keys.hotline).expect(200);
      await t.http().get(`/v1/cases/${list[0].id}/timeline`).set('X-Api-Key', keys.hotline).expect(403);
      const other = (await t.http().get('/v1/cases').set(bearer(countyDirector)).expect(200)).body.items.find((c: { channel: string }) => c.channel !== 'hotline');
      await t.http().get(`/v1/cases/${other.id}`).set('X-Api-Key', keys.hotline).expect(404);
    });

    it('searches Chinese text through the bigram index, two characters and up', async () => {
      const found = (await t.http().get('/v1/cases').query({ q: '工资' }).set(bearer(countyDirector)).expect(200)).body.items;
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((c: { title: string }) => /工资|工程款|欠薪/.test(c.title))).toBe(true);
      const byName = (await t.http().get('/v1/cases').query({ q: '孙丽' }).set(bearer(countyDirector)).expect(200)).body.items;
      expect(byName.map((c: { title: string }) => c.title)).toEqual(['离婚纠纷']);
      const plan = await t.ds.transaction(async (m) => {
        await m.query('SET LOCAL enable_seqscan = off');
        return m.query(`EXPLAIN SELECT id FROM cases WHERE tj_bigrams(search_text) @> tj_bigrams('工资')`);
      });
      expect(JSON.stringify(plan)).toContain('cases_search_bigrams_idx');
    });

    it('filters by status, channel, risk and registration period', async () => {
      const red = (await t.http().get('/v1/cases').query({ riskLevel: 'red' }).set(bearer(countyDirector)).expect(200)).body.items;
      // Newest first.
      expect(red.map((c: { title: string }) => c.title)).toEqual(['家暴求助', '讨要工程款']);
      const police = (await t.http().get('/v1/cases').query({ channel: 'police', status: 'registered,accepted' }).set(bearer(countyDirector)).expect(200)).body.items;
      expect(police.length).toBeGreaterThanOrEqual(3);
      const none = (await t.http().get('/v1/cases').query({ registeredTo: '2026-01-01T00:00:00+08:00' }).set(bearer(countyDirector)).expect(200)).body.items;
      expect(none).toEqual([]);
      const bad = await t.http().get('/v1/cases').query({ riskLevel: 'purple' }).set(bearer(countyDirector)).expect(400);
      expect(bad.body.errors[0].field).toBe('riskLevel');
    });

    it('reveals a mobile number only with a stated purpose, and records who looked', async () => {
      const c = (await t.http().get('/v1/cases').query({ q: '讨要拖欠工资' }).set(bearer(clerk)).expect(200)).body.items.find((x: { number: string }) => x.number === 'TJ-330102001-2026-000001');
      const detail = (await t.http().get(`/v1/cases/${c.id}`).set(bearer(clerk)).expect(200)).body;
      const zhang = detail.parties[0];
      await t.http().post(`/v1/cases/${c.id}/parties/${zhang.id}/unmask`).set(bearer(clerk)).send({ fields: ['mobile'] }).expect(400);
      const grid = await tree.user('grid.worker', '何军', ['grid_worker'], tree.qingbo.id);
      await t.http().post(`/v1/cases/${c.id}/parties/${zhang.id}/unmask`).set(bearer(grid)).send({ purpose: '想看看', fields: ['mobile'] }).expect(403);
      const res = await t.http().post(`/v1/cases/${c.id}/parties/${zhang.id}/unmask`).set(bearer(clerk)).send({ purpose: '电话通知当事人参加调解', fields: ['mobile', 'idNumber', 'address'] }).expect(200);
      expect(res.body).toEqual({ partyId: zhang.id, mobile: ZHANG_MOBILE, idNumber: ZHANG_ID, address: ZHANG_ADDRESS });
      const timeline = (await t.http().get(`/v1/cases/${c.id}/timeline`).set(bearer(clerk)).expect(200)).body.items;
      const look = timeline.find((e: { action: string }) => e.action === 'case.party_unmasked');
      expect(look).toMatchObject({ actorName: '陈晓燕', after: { purpose: '电话通知当事人参加调解', fields: ['mobile', 'idNumber', 'address'] } });
      expect(JSON.stringify(timeline)).not.toContain(ZHANG_MOBILE);
    });
  });

  describe('triage decisions', () => {
    const newCase = async (token: string, over: Record<string, unknown> = {}) =>
      (await register(token, { channel: 'walk_in', title: '相邻采光纠纷', description: `邻居加盖房屋影响采光，双方多次争吵。${Math.random()}`, parties: [{ role: 'applicant', kind: 'person', name: '褚红梅' }], registerAnyway: true, ...over }).expect(201)).body;

    it('accepts into a track, handing the case to a community, and writes the timeline', async () => {
      const c = await newCase(clerk);
      const res = await triage(clerk, c.id, { decision: 'accept', category: 'neighbour', orgUnitId: tree.qingbomen.id }, 200);
      expect(res.body).toMatchObject({ status: 'accepted', category: 'neighbour', track: 'general', orgUnitId: tree.qingbomen.id, decision: { decision: 'accept', decidedBy: '陈晓燕' } });
      const timeline = (await t.http().get(`/v1/cases/${c.id}/timeline`).set(bearer(clerk)).expect(200)).body.items;
      expect(timeline.map((e: { action: string }) => e.action)).toEqual(['case.registered', 'case.triage.accept']);
      expect(timeline[1].before).toMatchObject({ status: 'registered' });
      expect(timeline[1].after).toMatchObject({ status: 'accepted', track: 'general' });
    });

    it('accepts with the suggested category when none is given', async () => {
      const c = (await register(clerk, wageCase({ registerAnyway: true, parties: [{ role: 'applicant', kind: 'person', name: '卫东' }] })).expect(201)).body;
      const res = await triage(streetDirector, c.id, { decision: 'accept' }, 200);
      expect(res.body).toMatchObject({ category: 'labor', subcategory: 'wage_arrears', track: 'labor' });
    });

    it('refers out only with the road explained', async () => {
      const c = await newCase(clerk);
      const incomplete = await triage(clerk, c.id, { decision: 'refer_out', referredTo: 'court' }, 422);
      expect(incomplete.body.errors[0].field).toBe('road');
      const res = await triage(clerk, c.id, { decision: 'refer_out', referredTo: 'court', road: '请向上城区人民法院起诉。' }, 200);
      expect(res.body).toMatchObject({ status: 'referred_out', decision: { referredTo: 'court', road: '请向上城区人民法院起诉。' } });
    });

    it('rejects (不予受理) with a reason and a road', async () => {
      const c = await newCase(clerk);
      const res = await triage(clerk, c.id, { decision: 'reject', reason: '对方当事人明确拒绝调解（人民调解法第十七条）。', road: '可向人民法院起诉。' }, 200);
      expect(res.body.status).toBe('rejected');
    });

    it('merges a duplicate into an open case', async () => {
      const a = await newCase(clerk);
      const b = await newCase(clerk);
      const res = await triage(clerk, b.id, { decision: 'merge', mergeIntoCaseId: a.id }, 200);
      expect(res.body).toMatchObject({ status: 'merged', mergedIntoId: a.id, decision: { mergedIntoNumber: a.number } });
      expect((await triage(clerk, a.id, { decision: 'merge', mergeIntoCaseId: a.id }, 422)).body.errors[0].field).toBe('mergeIntoCaseId');
    });

    it('escalates a community case to its street (小事不出村、大事不出镇)', async () => {
      const c = await newCase(clerk, { orgUnitId: tree.qingbomen.id });
      expect(c.orgUnitId).toBe(tree.qingbomen.id);
      const res = await triage(clerk, c.id, { decision: 'escalate', reason: '涉及多个社区，需街道协调。' }, 200);
      expect(res.body).toMatchObject({ status: 'registered', orgUnitId: tree.qingbo.id, decision: { fromUnitId: tree.qingbomen.id, toUnitId: tree.qingbo.id } });
      const root = await newCase(countyDirector, { orgUnitId: tree.root.id });
      expect((await triage(countyDirector, root.id, { decision: 'escalate' }, 422)).body.code).toBe('CASE.NO_HIGHER_UNIT');
    });

    it('refuses an illegal transition with 409 naming the current state', async () => {
      const c = await newCase(clerk);
      await triage(clerk, c.id, { decision: 'reject', reason: '不属于调解范围。', road: '请向有关行政机关反映。' }, 200);
      const res = await triage(clerk, c.id, { decision: 'accept' }, 409);
      expect(res.body).toMatchObject({ code: 'CASE.INVALID_TRANSITION', currentStatus: 'rejected' });
      expect(res.body.detail).toContain('不予受理');
    });

    it('requires If-Match and refuses a stale one', async () => {
      const c = await newCase(clerk);
      expect((await t.http().post(`/v1/cases/${c.id}/triage`).set(bearer(clerk)).send({ decision: 'accept' }).expect(428)).body.code).toBe('REQUEST.PRECONDITION_REQUIRED');
      await t.http().post(`/v1/cases/${c.id}/triage`).set(bearer(clerk)).set('If-Match', '"1"').send({ decision: 'accept' }).expect(200);
      expect((await t.http().post(`/v1/cases/${c.id}/triage`).set(bearer(clerk)).set('If-Match', '"1"').send({ decision: 'reject', reason: 'x', road: 'y' }).expect(412)).body.code).toBe('REQUEST.PRECONDITION_FAILED');
    });

    it('keeps mediators and partners out of triage', async () => {
      const c = await newCase(clerk);
      const mediator = await tree.user('qingbo.mediator', '蒋勇', ['mediator'], tree.qingbo.id);
      await triage(mediator, c.id, { decision: 'accept' }, 403);
      await t.http().post(`/v1/cases/${c.id}/triage`).set('X-Api-Key', keys.police).set('If-Match', '"1"').send({ decision: 'accept' }).expect(403);
    });
  });

  describe('triage rules', () => {
    it('lets an admin replace the rules as a new version, validated as a whole', async () => {
      const current = await t.http().get('/v1/triage/rules').set(bearer(admin)).expect(200);
      expect(current.headers.etag).toBe('"0"');
      const rules = current.body.rules;
      const bad = await t.http().put('/v1/triage/rules').set(bearer(admin)).set('If-Match', '"0"').send({ ...rules, classification: [{ id: 'x', category: 'no_such', keywords: [''], weight: 99 }] }).expect(422);
      expect(bad.body.code).toBe('TRIAGE.INVALID_RULES');
      expect(bad.body.errors.length).toBeGreaterThan(0);
      const extra = { id: 'custom-tea', category: 'consumer', keywords: ['茶叶'], weight: 10 };
      const saved = await t.http().put('/v1/triage/rules').set(bearer(admin)).set('If-Match', '"0"').send({ ...rules, classification: [...rules.classification, extra] }).expect(200);
      expect(saved.body.version).toBe(1);
      await t.http().put('/v1/triage/rules').set(bearer(admin)).set('If-Match', '"0"').send(rules).expect(412);
      const suggestion = await t.http().post('/v1/triage/suggest').set(bearer(clerk)).send({ title: '买到假茶叶', description: '在茶叶店买的龙井是假货。' }).expect(200);
      expect(suggestion.body.classification.category).toBe('consumer');
      await t.http().put('/v1/triage/rules').set(bearer(clerk)).set('If-Match', '"1"').send(rules).expect(403);
    });
  });

  describe('personal data never leaves in clear', () => {
    it('a database dump contains no plaintext ID number, mobile or address', () => {
      const url = new URL(process.env.TJ_TEST_TEMPLATE_URL!);
      const dump = execFileSync('pg_dump', ['--data-only', '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username) || 'postgres', databaseName(t.config.DATABASE_URL!)], {
        env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) },
        maxBuffer: 64 * 1024 * 1024,
      }).toString('utf8');
      expect(dump).toContain('张秀英');
      for (const secret of [ZHANG_ID, ZHANG_MOBILE, '13900001111', '13700001234', '劳动路12号']) expect(dump).not.toContain(secret);
    });

    it('the logs contain none either', () => {
      expect(logText).toContain('"path":"/v1/cases"');
      for (const secret of [ZHANG_ID, ZHANG_MOBILE, '13900001111', '劳动路12号']) expect(logText).not.toContain(secret);
    });
  });
});
