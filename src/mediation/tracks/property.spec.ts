import { OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS } from '../../deadlines/calendar-data';
import { computeKindDue } from '../../deadlines/deadline-kinds';
import { BusinessCalendar } from '../../deadlines/period';
import { propertyPolicy } from './property';
import { ObligationKind, RoadCode, TrackCaseFacts, TrackOptions } from './track-policy';

const calendar = new BusinessCalendar(OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS);
/** A Beijing-time instant: '2026-09-24T10:30' → 2026-09-24T10:30:00+08:00. */
const bj = (local: string): Date => new Date(`${local}:00+08:00`);
const HAN = /\p{Script=Han}/u;
const NOW = bj('2026-04-15T09:00');

type Party = TrackCaseFacts['parties'][number];
const owner: Party = { role: 'applicant', kind: 'person', idType: 'resident_id' };
const company: Party = { role: 'respondent', kind: 'organisation', idType: 'credit_code' };

/** 某小区业主 v. 某物业服务有限公司. */
const estate = (over: Partial<TrackCaseFacts> = {}): TrackCaseFacts => ({
  category: 'property_management',
  subcategory: 'service_quality',
  parties: [owner, company],
  flags: {},
  households: 1,
  ...over,
});

describe('propertyPolicy.mediationDeadline', () => {
  it.each<[accepted: string, dueDate: string]>([
    // No statutory period for 物业 (DOMAIN.md §4.6): P1, one month. Sep 1 + 1 month = Oct 1 (国庆) → Thu Oct 8.
    ['2026-09-01T14:00', '2026-10-08'],
    // Mar 20 + 1 month = Mon Apr 20, a working day.
    ['2026-03-20T10:00', '2026-04-20'],
  ])('accepted %s → due %s', (accepted, dueDate) => {
    const kind = propertyPolicy.mediationDeadline(estate());
    expect(kind).toBe('people_mediation');
    expect(computeKindDue(kind, bj(accepted), calendar).dueDate).toBe(dueDate);
  });
});

describe('propertyPolicy.assess — group disputes', () => {
  type Row = [title: string, households: number | null, options: TrackOptions | undefined, group: boolean];
  it.each<Row>([
    // 10户业主因电梯长期停运投诉: exactly the default threshold → group, orange.
    ['10户业主电梯停运（等于阈值）', 10, undefined, true],
    // 9 households: one below → not.
    ['9户业主（低于阈值）', 9, undefined, false],
    // 整栋楼120户 refuse the fee increase.
    ['整栋楼120户拒交涨价物业费', 120, undefined, true],
    // Not recorded: no rule.
    ['户数未登记', null, undefined, false],
    // A county that sets 5: exactly 5 → group.
    ['本地阈值5户，5户', 5, { groupHouseholdThreshold: 5 }, true],
    // A county that sets 50: 30 households → not.
    ['本地阈值50户，30户', 30, { groupHouseholdThreshold: 50 }, false],
  ])('%s', (_title, households, options, group) => {
    const a = propertyPolicy.assess(estate({ households }), NOW, calendar, options);
    if (group) {
      expect(a.minimumRisk).toBe('orange');
      expect(a.flags).toEqual(['group']);
      expect(a.riskReasons).toEqual([expect.objectContaining({ code: 'group_property', level: 'orange' })]);
      expect(a.guidance.map((g) => g.code)).toContain('group_representatives');
    } else {
      expect(a.minimumRisk).toBeNull();
      expect(a.flags).toEqual([]);
      expect(a.guidance.map((g) => g.code)).not.toContain('group_representatives');
    }
  });

  it('refuses a zero household threshold', () => {
    expect(() => propertyPolicy.assess(estate(), NOW, calendar, { groupHouseholdThreshold: 0 })).toThrow(RangeError);
  });
});

describe('propertyPolicy.assess — parties and subcategories', () => {
  type Row = [title: string, facts: TrackCaseFacts, guidance: string[]];
  it.each<Row>([
    // The company is registered with its credit code: how it must be represented, nothing missing.
    ['物业公司已登记信用代码', estate(), ['property_company_party']],
    // Company registered without an ID type: also ask for the credit code (needed for confirmation and enforcement).
    ['物业公司未登记信用代码', estate({ parties: [owner, { role: 'respondent', kind: 'organisation', idType: null }] }), ['property_company_party', 'credit_code_missing']],
    // 业主只登记了项目经理个人: no organisation party at all.
    ['只登记了项目经理个人', estate({ parties: [owner, { role: 'respondent', kind: 'person', idType: 'resident_id' }] }), ['property_company_missing']],
    // A law firm as agent is an organisation, but not a party to the dispute.
    ['律所作为代理人不算当事人', estate({ parties: [owner, { role: 'agent', kind: 'organisation', idType: 'credit_code' }] }), ['property_company_missing']],
    // 业主委员会换届纠纷: owners' committee guidance (民法典 Art.277, 280).
    ['业委会换届纠纷', estate({ subcategory: 'owners_committee' }), ['property_company_party', 'owners_committee']],
  ])('%s', (_title, f, guidance) => {
    const a = propertyPolicy.assess(f, NOW, calendar);
    expect(a.guidance.map((g) => g.code)).toEqual(guidance);
    for (const g of a.guidance) expect(g.text).toMatch(HAN);
    expect(a.warnings).toEqual([]);
  });

  it('cites the legal representative rule for the company', () => {
    const g = propertyPolicy.assess(estate(), NOW, calendar).guidance.find((x) => x.code === 'property_company_party')!;
    expect(g.basis).toContain('民法典 第六十一条');
  });
});

describe('propertyPolicy.breachRoads', () => {
  // Agreement effective Fri 2026-01-16: + 30 days = Sun Feb 15, first day of 2026 春节 (Feb 15–23)
  // → Tue Feb 24; the window closes at 24:00 on Feb 24.
  const effective = bj('2026-01-16T16:00');
  type Row = [title: string, kind: ObligationKind, now: string, confirmed: boolean, roads: RoadCode[], dueDate: string | null];
  it.each<Row>([
    // 物业公司未按约维修漏水 (an act), during the Spring Festival: the window has rolled to Feb 24.
    ['春节期间，维修义务未履行', 'act', '2026-02-20T10:00', false, ['judicial_confirmation', 'litigation', 're_mediation'], '2026-02-24'],
    // Last minute of the rolled window.
    ['顺延后的最后一日 23:59', 'payment', '2026-02-24T23:59', false, ['judicial_confirmation', 'litigation', 're_mediation'], '2026-02-24'],
    // Feb 25: closed; sue on the agreement (人民调解法 Art.32) or re-mediate.
    ['窗口届满后，业主未补交物业费', 'payment', '2026-02-25T08:00', false, ['litigation', 're_mediation'], null],
    // 车位归属确认: a real-right confirmation is never confirmable (民诉解释 Art.355 (5)).
    ['车位归属确认', 'right_confirmation', '2026-02-20T10:00', false, ['litigation', 're_mediation'], null],
    // Confirmed: enforcement.
    ['已司法确认的退费协议', 'payment', '2026-06-01T10:00', true, ['enforcement', 're_mediation'], null],
  ])('%s', (_title, obligationKind, now, judiciallyConfirmed, roads, dueDate) => {
    const r = propertyPolicy.breachRoads({ obligationKind, agreementEffectiveAt: effective, now: bj(now), judiciallyConfirmed, calendar });
    expect(r.map((x) => x.code)).toEqual(roads);
    // Jest passes `done` for a missing trailing column, so every row states it (null = no window).
    if (dueDate) expect(r[0].dueDate).toBe(dueDate);
    else expect(r.some((x) => x.code === 'judicial_confirmation')).toBe(false);
    for (const road of r) expect(road.basis).toMatch(HAN);
  });
});

describe('propertyPolicy.failureRoads', () => {
  it('offers litigation and the housing authority / street office', () => {
    const r = propertyPolicy.failureRoads(estate({ subcategory: 'property_fee' }));
    expect(r.map((x) => x.code)).toEqual(['litigation', 'administrative']);
    expect(r[0].basis).toBe('人民调解法 第二十六条');
    expect(r[1].basis).toContain('物业管理条例 第五条');
    expect(r[1].label).toContain('街道');
  });
});
