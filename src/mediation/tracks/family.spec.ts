import { OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS } from '../../deadlines/calendar-data';
import { computeKindDue } from '../../deadlines/deadline-kinds';
import { BusinessCalendar } from '../../deadlines/period';
import { RiskLevel } from '../../triage/rules';
import { familyPolicy } from './family';
import { ObligationKind, RoadCode, TrackCaseFacts } from './track-policy';

const calendar = new BusinessCalendar(OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS);
/** A Beijing-time instant: '2026-09-24T10:30' → 2026-09-24T10:30:00+08:00. */
const bj = (local: string): Date => new Date(`${local}:00+08:00`);
const HAN = /\p{Script=Han}/u;

const couple: TrackCaseFacts['parties'] = [
  { role: 'applicant', kind: 'person', idType: 'resident_id' },
  { role: 'respondent', kind: 'person', idType: 'resident_id' },
];
const facts = (subcategory: string, flags: TrackCaseFacts['flags'] = {}): TrackCaseFacts => ({
  category: 'marriage_family',
  subcategory,
  parties: couple,
  flags,
});

const NOW = bj('2026-03-10T09:00');

describe('familyPolicy.mediationDeadline', () => {
  it.each<[string, string, string]>([
    // P1 one month: Sep 1 + 1 month = Thu Oct 1 (国庆 Oct 1–7) → Thu Oct 8.
    ['2026-09-01T09:00', 'people_mediation', '2026-10-08'],
    // Jan 31 + 1 month → no Feb 31 → Feb 28, the 春节 make-up Saturday: a working day, no roll.
    ['2026-01-31T15:00', 'people_mediation', '2026-02-28'],
  ])('accepted %s → %s due %s', (accepted, kind, dueDate) => {
    const k = familyPolicy.mediationDeadline(facts('divorce'));
    expect(k).toBe(kind);
    expect(computeKindDue(k, bj(accepted), calendar).dueDate).toBe(dueDate);
  });
});

describe('familyPolicy.assess', () => {
  type Row = [
    title: string,
    facts: TrackCaseFacts,
    minimumRisk: RiskLevel | null,
    flags: string[],
    guidance: string[],
  ];
  const DV = ['protection_order', 'police_warning_letter', 'dv_safety_first'];
  it.each<Row>([
    // 王某起诉离婚，丈夫酗酒后多次殴打：the DV flag alone makes the case red and brings the
    // protection-order, warning-letter and safety guidance; the status note is always there.
    ['王某离婚，登记为家暴', facts('divorce', { domesticViolence: true }), 'red', ['domestic_violence'], [...DV, 'status_not_confirmable']],
    // Registered under the 家庭暴力 subcategory but nobody ticked the flag: the subcategory is enough.
    ['子类为家庭暴力，未勾选标记', facts('domestic_violence'), 'red', ['domestic_violence'], [...DV, 'status_not_confirmable']],
    // Flag explicitly false, no DV subcategory: no DV rule at all.
    ['普通离婚，无家暴', facts('divorce', { domesticViolence: false }), null, [], ['status_not_confirmable']],
    // 夫妻争夺8岁女儿抚养权: minors → counselling guidance, no risk of its own; custody is a
    // support claim (抚养费), so the no-limitation note too.
    ['抚养权纠纷，涉及未成年子女', facts('custody', { minorsInvolved: true }), null, ['minors'], ['psychological_counselling', 'support_no_limitation', 'status_not_confirmable']],
    // DV and minors together: both flags, red, DV guidance before the counselling.
    ['家暴且有未成年子女', facts('divorce', { domesticViolence: true, minorsInvolved: true }), 'red', ['domestic_violence', 'minors'], [...DV, 'psychological_counselling', 'status_not_confirmable']],
    // 三子女拒付母亲赡养费: support claim, no limitation (民法典 Art.196).
    ['赡养费纠纷', facts('elder_support'), null, [], ['support_no_limitation', 'status_not_confirmable']],
    // 兄妹分遗产: none of the special rules, the status note only.
    ['继承纠纷', facts('inheritance'), null, [], ['status_not_confirmable']],
  ])('%s', (_title, f, minimumRisk, flags, guidance) => {
    const a = familyPolicy.assess(f, NOW, calendar);
    expect(a.minimumRisk).toBe(minimumRisk);
    expect(a.flags).toEqual(flags);
    expect(a.guidance.map((g) => g.code)).toEqual(guidance);
    expect(a.warnings).toEqual([]);
    expect(a.riskReasons.map((r) => r.code)).toEqual(minimumRisk ? ['domestic_violence'] : []);
  });

  it('tells the victim the 72 h / 24 h protection-order rule and the warning letter, with citations', () => {
    const a = familyPolicy.assess(facts('divorce', { domesticViolence: true }), NOW, calendar);
    const order = a.guidance.find((g) => g.code === 'protection_order')!;
    expect(order.text).toContain('72小时');
    expect(order.text).toContain('24小时');
    expect(order.basis).toContain('反家庭暴力法');
    expect(order.basis).toContain('第二十八条');
    expect(a.guidance.find((g) => g.code === 'police_warning_letter')!.basis).toBe('反家庭暴力法 第十六条');
  });

  it('explains that status cannot be confirmed and divorce needs the registry or a court', () => {
    const note = familyPolicy.assess(facts('divorce'), NOW, calendar).guidance.find((g) => g.code === 'status_not_confirmable')!;
    expect(note.basis).toContain('民诉解释 第三百五十五条');
    expect(note.basis).toContain('民法典 第一千零七十六条至第一千零七十九条');
    expect(note.text).toContain('婚姻登记机关');
  });

  it('writes every text in Chinese and cites a basis for every legal guidance', () => {
    const a = familyPolicy.assess(facts('custody', { domesticViolence: true, minorsInvolved: true }), NOW, calendar);
    for (const g of a.guidance) {
      expect(g.text).toMatch(HAN);
      expect(g.basis).toMatch(HAN);
    }
    for (const r of a.riskReasons) expect(r.description).toMatch(HAN);
  });
});

describe('familyPolicy.confirmability', () => {
  type Row = [title: string, terms: ObligationKind[], ok: boolean, confirmable: ObligationKind[], excluded: ObligationKind[]];
  it.each<Row>([
    // 离婚协议中的房产分割和子女抚养费: property and support terms are what a court confirms.
    ['财产分割与抚养费', ['property_transfer', 'support'], true, ['property_transfer', 'support'], []],
    // "双方同意离婚" plus property and support: the status term is excluded (Art.355 (3)), the rest may be confirmed.
    ['离婚约定 + 财产 + 抚养费', ['marriage_status', 'property_transfer', 'support'], false, ['property_transfer', 'support'], ['marriage_status']],
    // 解除收养关系 alone: nothing to confirm.
    ['仅解除收养关系', ['adoption_status'], false, [], ['adoption_status']],
    // 亲子关系 is a status too (Art.355 (3)); the payment beside it can be confirmed.
    ['确认亲子关系 + 抚养费', ['parentage_status', 'support'], false, ['support'], ['parentage_status']],
    // An agreement listing no terms cannot be confirmed.
    ['无条款', [], false, [], []],
    // The same term twice counts once.
    ['重复条款', ['support', 'support'], true, ['support'], []],
  ])('%s', (_title, terms, ok, confirmable, excluded) => {
    const r = familyPolicy.confirmability(terms);
    expect(r).toMatchObject({ ok, confirmable, excluded });
    if (ok) expect(r.reason).toBeUndefined();
    else expect(r.reason).toMatch(HAN);
    if (excluded.length) expect(r.reason).toContain('民诉解释 第三百五十五条');
  });

  it('refuses an unknown term rather than guessing', () => {
    expect(() => familyPolicy.confirmability(['divorce_itself' as ObligationKind])).toThrow(RangeError);
  });
});

describe('familyPolicy.breachRoads', () => {
  // Agreement effective Thu 2026-09-03: + 30 days = Sat Oct 3, inside 国庆 Oct 1–7 → Thu Oct 8;
  // the window closes at 24:00 on Oct 8.
  const effective = bj('2026-09-03T10:00');
  type Row = [title: string, kind: ObligationKind, now: string, confirmed: boolean, roads: RoadCode[]];
  it.each<Row>([
    // 前夫未按期支付抚养费, 17 days in: confirmation still possible, a suit, re-mediation.
    ['抚养费未付，窗口内', 'support', '2026-09-20T10:00', false, ['judicial_confirmation', 'litigation', 're_mediation']],
    // Oct 5: day 30 (Oct 3) has passed, but it fell in the holiday, so the window still runs.
    ['国庆假期中，期满日已顺延', 'support', '2026-10-05T12:00', false, ['judicial_confirmation', 'litigation', 're_mediation']],
    // The last minute of the rolled last day.
    ['顺延后的最后一日 23:59', 'support', '2026-10-08T23:59', false, ['judicial_confirmation', 'litigation', 're_mediation']],
    // 24:00 of Oct 8: the window has closed.
    ['窗口届满后', 'support', '2026-10-09T00:00', false, ['litigation', 're_mediation']],
    // Confirmed by the court: enforcement, not a new suit.
    ['已司法确认', 'property_transfer', '2026-11-20T10:00', true, ['enforcement', 're_mediation']],
    // 一方反悔不去办离婚登记: a status term is never confirmable; the road is a divorce suit.
    ['不去办理离婚登记', 'marriage_status', '2026-09-20T10:00', false, ['litigation', 're_mediation']],
    // Even if the case says "confirmed", the court cannot have confirmed a status term.
    ['身份条款误标为已确认', 'marriage_status', '2026-09-20T10:00', true, ['litigation', 're_mediation']],
    // 约定解除收养后不配合: an adoption suit.
    ['不配合解除收养', 'adoption_status', '2026-09-20T10:00', false, ['litigation', 're_mediation']],
  ])('%s', (_title, obligationKind, now, judiciallyConfirmed, roads) => {
    const r = familyPolicy.breachRoads({ obligationKind, agreementEffectiveAt: effective, now: bj(now), judiciallyConfirmed, calendar });
    expect(r.map((x) => x.code)).toEqual(roads);
    for (const road of r) {
      expect(road.label).toMatch(HAN);
      expect(road.basis).toMatch(HAN);
    }
  });

  it('gives the rolled last day of the confirmation window, and says when it closed', () => {
    const open = familyPolicy.breachRoads({ obligationKind: 'support', agreementEffectiveAt: effective, now: bj('2026-09-20T10:00'), judiciallyConfirmed: false, calendar });
    expect(open[0]).toMatchObject({ code: 'judicial_confirmation', dueDate: '2026-10-08', basis: '人民调解法 第三十三条；民事诉讼法 第二百零五条' });
    const closed = familyPolicy.breachRoads({ obligationKind: 'support', agreementEffectiveAt: effective, now: bj('2026-10-09T00:00'), judiciallyConfirmed: false, calendar });
    expect(closed[0].basis).toBe('人民调解法 第三十二条');
    expect(closed[0].note).toContain('2026-10-08');
  });

  it('sends a divorce-registration breach to a divorce suit (民法典 Art.1079)', () => {
    const [road] = familyPolicy.breachRoads({ obligationKind: 'marriage_status', agreementEffectiveAt: effective, now: bj('2026-09-20T10:00'), judiciallyConfirmed: false, calendar });
    expect(road.label).toContain('离婚诉讼');
    expect(road.basis).toBe('民法典 第一千零七十九条');
  });
});

describe('familyPolicy.failureRoads', () => {
  it.each<[title: string, subcategory: string, basis: string]>([
    // Divorce: a suit (Art.1079), the note also names the registry route.
    ['离婚调解不成', 'divorce', '人民调解法 第二十六条；民法典 第一千零七十九条'],
    // Other family disputes: tell the parties they may sue (人民调解法 Art.26).
    ['赡养调解不成', 'elder_support', '人民调解法 第二十六条'],
  ])('%s', (_title, subcategory, basis) => {
    const roads = familyPolicy.failureRoads(facts(subcategory));
    expect(roads.map((r) => r.code)).toEqual(['litigation']);
    expect(roads[0].basis).toBe(basis);
  });
});
