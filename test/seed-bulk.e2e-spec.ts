import { seedBulk } from '../bench/bulk/seed';
import { validateCreditCode, validateResidentId } from '../src/common/identifiers';
import { maskIdNumber, maskMobile } from '../src/common/pii';
import { PiiService } from '../src/common/pii/pii.service';
import { localDateOf } from '../src/deadlines/period';
import { bearer, createTestApp, signIn, TestApp } from './support/test-app';

/**
 * The bulk generator (npm run seed:bulk) writes what the app would: the app signs its staff in,
 * lists and reads its cases, decrypts and matches its identifiers, and numbers the next case
 * after the seeded ones.
 */
describe('bulk seeding', () => {
  let t: TestApp;
  let pii: PiiService;
  const seed = (cases: number, append = false) =>
    seedBulk({ url: t.config.DATABASE_URL!, cases, append, vacuum: false, now: t.clock.now(), chunk: 150, env: { PII_KEY: t.config.PII_KEY, PII_KEY_ID: t.config.PII_KEY_ID, PII_OLD_KEYS: t.config.PII_OLD_KEYS } });

  beforeAll(async () => {
    t = await createTestApp();
    pii = t.app.get(PiiService);
  });
  afterAll(() => t.close());

  it('fills an empty database, and refuses to add to it without append', async () => {
    const r = await seed(400);
    expect(r.rows.cases).toBe(400);
    expect(r.units).toEqual({ county: 1, town: 12, village: 152 });
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM cases`);
    expect(n).toBe(400);
    await expect(seed(10)).rejects.toThrow(/already has 400 cases/);
    const more = await seed(100, true);
    expect(more.rows.cases).toBe(100);
    const [{ n: after }] = await t.ds.query(`SELECT count(*)::int AS n FROM cases`);
    expect(after).toBe(500);
  });

  it('writes consistent rows: parties, one triage clock per case, overdue where a clock was missed, numbers unique', async () => {
    const [row] = await t.ds.query(`
      SELECT (SELECT count(*) FROM cases c WHERE c.party_count <> (SELECT count(*) FROM case_parties p WHERE p.case_id = c.id))::int AS bad_parties,
             (SELECT count(*) FROM cases c WHERE (SELECT count(*) FROM deadlines d WHERE d.case_id = c.id AND d.kind = 'triage') <> 1)::int AS bad_triage,
             (SELECT count(*) FROM deadlines d JOIN cases c ON c.id = d.case_id WHERE d.status = 'missed' AND NOT c.overdue)::int AS missed_not_overdue,
             (SELECT count(*) FROM cases c WHERE c.overdue AND NOT EXISTS (SELECT 1 FROM deadlines d WHERE d.case_id = c.id AND d.status = 'missed'))::int AS overdue_without_miss,
             (SELECT count(*) FROM cases c WHERE c.status IN ('agreement', 'performing') OR c.decision #>> '{mediation,outcome}' = 'agreement')::int AS agreed,
             (SELECT count(*) FROM agreements)::int AS agreements,
             (SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.subject_id = c.id AND a.action = 'case.registered'))::int AS no_timeline,
             (SELECT count(DISTINCT number)::int FROM cases) AS numbers`);
    expect(row).toMatchObject({ bad_parties: 0, bad_triage: 0, missed_not_overdue: 0, overdue_without_miss: 0, no_timeline: 0, numbers: 500 });
    expect(row.agreements).toBe(row.agreed);
  });

  it('stores identifiers as the app does: valid, decryptable, blind-indexed and masked', async () => {
    const parties: Array<Record<string, string | null>> = await t.ds.query(`SELECT id_type, id_number_enc, id_number_index, id_number_masked, mobile_enc, mobile_index, mobile_masked FROM case_parties WHERE id_number_enc IS NOT NULL OR mobile_enc IS NOT NULL LIMIT 300`);
    expect(parties.length).toBeGreaterThan(100);
    const today = localDateOf(t.clock.now());
    for (const p of parties) {
      if (p.id_number_enc) {
        const id = pii.decrypt(p.id_number_enc, 'case_party.id_number');
        expect(p.id_type === 'credit_code' ? validateCreditCode(id) : validateResidentId(id, today)).toMatchObject({ ok: true });
        if (p.id_type === 'credit_code') expect(validateCreditCode(id)).not.toHaveProperty('warning');
        expect(p.id_number_index).toBe(pii.blindIndex(p.id_type!, id));
        expect(p.id_number_masked).toBe(maskIdNumber(p.id_type as 'resident_id', id));
      }
      if (p.mobile_enc) {
        const mobile = pii.decrypt(p.mobile_enc, 'case_party.mobile');
        expect(mobile).toMatch(/^1[3-9]\d{9}$/);
        expect(p.mobile_index).toBe(pii.blindIndex('mobile', mobile));
        expect(p.mobile_masked).toBe(maskMobile(mobile));
      }
    }
  });

  it('is read by the app: the seeded clerk signs in, lists, searches, unmasks, and the next number follows the seeded ones', async () => {
    const [root] = await t.ds.query(`SELECT code FROM org_units WHERE parent_id IS NULL`);
    const clerk = await signIn(t, `clerk-${root.code}-1`, 'Seed-staff-pass-2026');
    const list = (await t.http().get('/v1/cases').query({ limit: 20 }).set(bearer(clerk)).expect(200)).body;
    expect(list.items).toHaveLength(20);
    const found = (await t.http().get('/v1/cases').query({ q: '纠纷' }).set(bearer(clerk)).expect(200)).body.items;
    expect(found.length).toBeGreaterThan(0);
    const [withId] = await t.ds.query(`SELECT c.id AS case_id, p.id AS party_id FROM case_parties p JOIN cases c ON c.id = p.case_id WHERE p.id_type = 'resident_id' AND p.mobile_enc IS NOT NULL LIMIT 1`);
    const unmasked = (await t.http().post(`/v1/cases/${withId.case_id}/parties/${withId.party_id}/unmask`).set(bearer(clerk)).send({ purpose: '核对身份', fields: ['idNumber', 'mobile'] }).expect(200)).body;
    expect(validateResidentId(unmasked.idNumber, localDateOf(t.clock.now()))).toMatchObject({ ok: true });

    const [village] = await t.ds.query(`SELECT u.id, u.code, s.last_value FROM org_units u JOIN case_number_sequences s ON s.unit_code = u.code AND s.year = 2026 WHERE u.level = 'village' ORDER BY s.last_value DESC LIMIT 1`);
    const created = (
      await t.http().post('/v1/cases').set(bearer(clerk)).send({
        channel: 'walk_in', orgUnitId: village.id, title: '邻里噪音纠纷', description: '楼上住户夜间装修噪音扰民，多次协商未果。', registerAnyway: true,
        parties: [{ role: 'applicant', kind: 'person', name: '王丽华', mobile: '13712345678' }, { role: 'respondent', kind: 'person', name: '赵强' }],
      }).expect(201)
    ).body;
    expect(created.number).toBe(`TJ-${village.code}-2026-${String(village.last_value + 1).padStart(6, '0')}`);
  });
});
