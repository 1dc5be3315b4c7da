import { OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS } from '../../deadlines/calendar-data';
import { computeKindDue, DeadlineKind } from '../../deadlines/deadline-kinds';
import { BusinessCalendar } from '../../deadlines/period';
import { generalPolicy, isMedical, MEDICAL_SUBCATEGORIES } from './general';
import { ObligationKind, RoadCode, TrackCaseFacts } from './track-policy';

const calendar = new BusinessCalendar(OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS);
/** A Beijing-time instant: '2026-09-24T10:30' → 2026-09-24T10:30:00+08:00. */
const bj = (local: string): Date => new Date(`${local}:00+08:00`);
const HAN = /\p{Script=Han}/u;
const NOW = bj('2026-05-12T09:00');

const dispute = (category: string | null, subcategory: string | null): TrackCaseFacts => ({
  category,
  subcategory,
  parties: [
    { role: 'applicant', kind: 'person', idType: 'resident_id' },
    { role: 'respondent', kind: 'organisation', idType: 'credit_code' },
  ],
  flags: {},
});

describe('generalPolicy.mediationDeadline', () => {
  type Row = [title: string, category: string | null, subcategory: string | null, kind: DeadlineKind];
  it.each<Row>([
    // 手术后神经损伤: a medical dispute → the 医调委's 30 working days (M1).
    ['诊疗损害', 'medical', 'treatment_injury', 'medical_committee_mediation'],
    // The category decides even for the shared `other` subcategory.
    ['医疗纠纷-其他', 'medical', 'other', 'medical_committee_mediation'],
    // Category not yet set, but 误诊 only exists under medical.
    ['仅有子类：误诊', null, 'misdiagnosis', 'medical_committee_mediation'],
    // 楼上装修噪音: ordinary people's mediation, one month.
    ['邻里噪音', 'neighbour', 'noise', 'people_mediation'],
    // `other` alone says nothing about medicine.
    ['消费纠纷-其他', 'consumer', 'other', 'people_mediation'],
    // Nothing classified yet: the general default.
    ['未分类', null, null, 'people_mediation'],
  ])('%s → %s', (_title, category, subcategory, kind) => {
    expect(generalPolicy.mediationDeadline(dispute(category, subcategory))).toBe(kind);
  });

  it.each<[kind: DeadlineKind, accepted: string, dueDate: string]>([
    // M1 across 中秋 and 国庆 2026, counted by hand from Mon Sep 21: Sep 22–24 (1–3), 中秋 Sep 25–27
    // off, Sep 28–30 (4–6), 国庆 Oct 1–7 off, Oct 8–9 (7–8), make-up Sat Oct 10 (9), Oct 12–16
    // (10–14), Oct 19–23 (15–19), Oct 26–30 (20–24), Nov 2–6 (25–29), Mon Nov 9 (30).
    ['medical_committee_mediation', '2026-09-21T10:00', '2026-11-09'],
    // P1: Sep 1 + 1 month = Oct 1 (国庆) → Thu Oct 8.
    ['people_mediation', '2026-09-01T10:00', '2026-10-08'],
  ])('%s accepted %s → due %s', (kind, accepted, dueDate) => {
    expect(computeKindDue(kind, bj(accepted), calendar).dueDate).toBe(dueDate);
  });

  it('derives the medical subcategories from the taxonomy, without the shared `other`', () => {
    expect([...MEDICAL_SUBCATEGORIES].sort()).toEqual(['medical_fee', 'misdiagnosis', 'treatment_injury']);
    expect(isMedical({ category: 'neighbour', subcategory: 'other' })).toBe(false);
  });
});

describe('generalPolicy.assess', () => {
  it.each<[title: string, category: string, subcategory: string, guidance: string[]]>([
    // Medical: how the 医调委 accepts (Art.31), its 30 working days (Art.38), judicial confirmation (Art.39).
    ['医疗收费纠纷', 'medical', 'medical_fee', ['medical_application', 'medical_period', 'medical_judicial_confirmation']],
    // 邻居搭建阻挡采光: nothing track-specific.
    ['采光纠纷', 'neighbour', 'light_ventilation', []],
    // 民间借贷: nothing track-specific.
    ['民间借贷', 'commercial', 'private_loan', []],
  ])('%s', (_title, category, subcategory, guidance) => {
    const a = generalPolicy.assess(dispute(category, subcategory), NOW, calendar);
    expect(a.guidance.map((g) => g.code)).toEqual(guidance);
    expect(a.minimumRisk).toBeNull();
    expect(a.flags).toEqual([]);
    expect(a.warnings).toEqual([]);
    for (const g of a.guidance) {
      expect(g.text).toMatch(HAN);
      expect(g.basis).toContain('医疗纠纷预防和处理条例');
    }
  });
});

describe('generalPolicy.failureRoads', () => {
  type Row = [title: string, category: string, subcategory: string, roads: RoadCode[], adminBasis: string | null];
  it.each<Row>([
    // Medical: litigation, and administrative mediation by the health authority (条例 Art.40).
    ['医疗损害调解不成', 'medical', 'treatment_injury', ['litigation', 'administrative'], '医疗纠纷预防和处理条例 第二十二条、第四十条'],
    // Neighbour dispute: litigation only.
    ['噪音调解不成', 'neighbour', 'noise', ['litigation'], null],
    // Traffic: the traffic police may mediate damages (道路交通安全法 Art.74).
    ['交通事故赔偿调解不成', 'traffic', 'traffic_injury', ['litigation', 'administrative'], '道路交通安全法 第七十四条'],
    // Consumer: complaint to the administration (消费者权益保护法 Art.39).
    ['预付卡退款调解不成', 'consumer', 'prepaid_card', ['litigation', 'administrative'], '消费者权益保护法 第三十九条'],
    // 宅基地 boundary: ownership/use disputes go to the government first (土地管理法 Art.14).
    ['宅基地争议调解不成', 'land', 'homestead', ['litigation', 'administrative'], '土地管理法 第十四条'],
    // Commercial debt: litigation only.
    ['工程款调解不成', 'commercial', 'construction_contract', ['litigation'], null],
  ])('%s', (_title, category, subcategory, roads, adminBasis) => {
    const r = generalPolicy.failureRoads(dispute(category, subcategory));
    expect(r.map((x) => x.code)).toEqual(roads);
    if (adminBasis) expect(r.find((x) => x.code === 'administrative')!.basis).toBe(adminBasis);
    for (const road of r) {
      expect(road.label).toMatch(HAN);
      expect(road.basis).toMatch(HAN);
    }
  });

  it('names land-contract arbitration for 土地承包 disputes', () => {
    const [litigation] = generalPolicy.failureRoads(dispute('land', 'contracted_land'));
    expect(litigation.basis).toContain('农村土地承包经营纠纷调解仲裁法 第四条');
  });
});

describe('generalPolicy.breachRoads', () => {
  // Agreement effective Wed 2026-09-30 (eve of 国庆): + 30 days = Fri Oct 30, a working day, no
  // roll — the holiday lies inside the period and is not deducted. Closes 24:00 Oct 30.
  const effective = bj('2026-09-30T18:00');
  type Row = [title: string, kind: ObligationKind, now: string, confirmed: boolean, roads: RoadCode[]];
  it.each<Row>([
    // 医院未按协议支付赔偿款, 23:00 on the last day: confirmation still open.
    ['医疗赔偿款未付，最后一日', 'payment', '2026-10-30T23:00', false, ['judicial_confirmation', 'litigation', 're_mediation']],
    // Oct 31 00:00: closed.
    ['窗口届满后', 'payment', '2026-10-31T00:00', false, ['litigation', 're_mediation']],
    // 宅基地使用权归属 agreed in mediation: a right confirmation, not confirmable.
    ['宅基地使用权确权', 'right_confirmation', '2026-10-10T10:00', false, ['litigation', 're_mediation']],
    // Confirmed loan repayment: enforcement.
    ['已司法确认的借款协议', 'payment', '2027-01-05T10:00', true, ['enforcement', 're_mediation']],
  ])('%s', (_title, obligationKind, now, judiciallyConfirmed, roads) => {
    const r = generalPolicy.breachRoads({ obligationKind, agreementEffectiveAt: effective, now: bj(now), judiciallyConfirmed, calendar });
    expect(r.map((x) => x.code)).toEqual(roads);
  });

  it('gives Oct 30 as the last day to apply', () => {
    const [jc] = generalPolicy.breachRoads({ obligationKind: 'payment', agreementEffectiveAt: effective, now: bj('2026-10-08T09:00'), judiciallyConfirmed: false, calendar });
    expect(jc).toMatchObject({ code: 'judicial_confirmation', dueDate: '2026-10-30' });
  });
});
