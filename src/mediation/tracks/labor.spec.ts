import { OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS } from '../../deadlines/calendar-data';
import { computeKindDue } from '../../deadlines/deadline-kinds';
import { BusinessCalendar } from '../../deadlines/period';
import { laborPolicy } from './labor';
import { ObligationKind, RoadCode, TrackCaseFacts, TrackOptions } from './track-policy';

const calendar = new BusinessCalendar(OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS);
/** A Beijing-time instant: '2026-09-24T10:30' → 2026-09-24T10:30:00+08:00. */
const bj = (local: string): Date => new Date(`${local}:00+08:00`);
const HAN = /\p{Script=Han}/u;

/** 某建筑劳务公司 and its workers. */
const labor = (over: Partial<TrackCaseFacts> = {}): TrackCaseFacts => ({
  category: 'labor',
  subcategory: 'contract_termination',
  parties: [
    { role: 'applicant', kind: 'person', idType: 'resident_id' },
    { role: 'respondent', kind: 'organisation', idType: 'credit_code' },
  ],
  flags: {},
  workerCount: 1,
  knewOfInfringementOn: null,
  employmentEnded: true,
  ...over,
});

describe('laborPolicy.mediationDeadline', () => {
  it.each<[received: string, dueDate: string]>([
    // L1: received Thu Sep 17 + 15 = Fri Oct 2, inside 国庆 Oct 1–7 → Thu Oct 8.
    ['2026-09-17T10:30', '2026-10-08'],
    // L1: received Thu Sep 24 + 15 = Fri Oct 9; the holiday lies inside the period and is not deducted.
    ['2026-09-24T10:30', '2026-10-09'],
  ])('received %s → due %s (15 days from receipt)', (received, dueDate) => {
    const kind = laborPolicy.mediationDeadline(labor());
    expect(kind).toBe('labor_mediation');
    expect(computeKindDue(kind, bj(received), calendar).dueDate).toBe(dueDate);
  });
});

describe('laborPolicy.assess — collective disputes (劳动争议调解仲裁法 Art.7)', () => {
  type Row = [title: string, workerCount: number | null, options: TrackOptions | undefined, collective: boolean];
  it.each<Row>([
    // 10名农民工讨薪: exactly at the default threshold of ten → collective.
    ['10名农民工讨薪（等于阈值）', 10, undefined, true],
    // 9 workers: one below → not collective.
    ['9名工人（低于阈值）', 9, undefined, false],
    // 38 workers of a closed factory.
    ['工厂停产38名工人', 38, undefined, true],
    // Head count not recorded: no rule fires.
    ['人数未登记', null, undefined, false],
    // A county that sets 5: exactly 5 → collective.
    ['本地阈值5人，5名工人', 5, { collectiveThreshold: 5 }, true],
    // Same county, 4 workers → not.
    ['本地阈值5人，4名工人', 4, { collectiveThreshold: 5 }, false],
    // A county that raises it to 15: 12 workers → not.
    ['本地阈值15人，12名工人', 12, { collectiveThreshold: 15 }, false],
  ])('%s', (_title, workerCount, options, collective) => {
    const a = laborPolicy.assess(labor({ workerCount }), bj('2026-03-10T09:00'), calendar, options);
    if (collective) {
      expect(a.minimumRisk).toBe('orange');
      expect(a.flags).toContain('collective');
      expect(a.riskReasons).toEqual([expect.objectContaining({ code: 'collective_labor', level: 'orange' })]);
      expect(a.guidance.find((g) => g.code === 'collective_representatives')?.basis).toBe('劳动争议调解仲裁法 第七条');
    } else {
      expect(a.minimumRisk).toBeNull();
      expect(a.flags).not.toContain('collective');
      expect(a.riskReasons).toEqual([]);
    }
  });

  it.each([0, -1, 2.5])('refuses a nonsensical threshold %s', (collectiveThreshold) => {
    expect(() => laborPolicy.assess(labor(), bj('2026-03-10T09:00'), calendar, { collectiveThreshold })).toThrow(RangeError);
  });
});

describe('laborPolicy.assess — arbitration limitation (L4, Art.27)', () => {
  type Row = [
    title: string,
    facts: Partial<TrackCaseFacts>,
    now: string,
    options: TrackOptions | undefined,
    warning: { code: string; dueDate: string; daysLeft: number } | null,
    guidance: string[],
  ];
  // Expected dates by hand (12 months, corresponding date, then roll off rest days):
  //  knew 2024-01-31 → Fri 2025-01-31, inside 2025 春节 Jan 28–Feb 4 → Wed 2025-02-05.
  //  knew 2025-10-01 → Thu 2026-10-01, inside 2026 国庆 Oct 1–7 → Thu 2026-10-08.
  //  knew 2025-03-15 → Sun 2026-03-15 → Mon 2026-03-16.
  //  knew 2024-02-29 → no 2025-02-29 → Fri 2025-02-28, a working day.
  it.each<Row>([
    // Spring Festival: Jan 20 → Feb 5 = 11 + 5 = 16 days left: warn.
    ['春节前：时效将于顺延后的2月5日届满', { knewOfInfringementOn: '2024-01-31' }, '2025-01-20T10:00', undefined, { code: 'arbitration_limitation_expiring', dueDate: '2025-02-05', daysLeft: 16 }, []],
    // During the holiday, after the unrolled end (Jan 31): not expired thanks to the roll, 2 days left.
    ['春节假期中：原届满日已过但已顺延', { knewOfInfringementOn: '2024-01-31' }, '2025-02-03T15:00', undefined, { code: 'arbitration_limitation_expiring', dueDate: '2025-02-05', daysLeft: 2 }, []],
    // Last minute of the last day: still running, 0 days left.
    ['顺延后的最后一日 23:59', { knewOfInfringementOn: '2024-01-31' }, '2025-02-05T23:59', undefined, { code: 'arbitration_limitation_expiring', dueDate: '2025-02-05', daysLeft: 0 }, []],
    // 24:00 of Feb 5 has passed: expired, the other side may raise the limitation defence.
    ['届满次日零时：已超过仲裁时效', { knewOfInfringementOn: '2024-01-31' }, '2025-02-06T00:00', undefined, { code: 'arbitration_limitation_expired', dueDate: '2025-02-05', daysLeft: -1 }, []],
    // Leap day + 12 months → Feb 28 2025; on Jun 1: 93 days past (31 + 30 + 31 + 1).
    ['闰日起算，早已届满', { knewOfInfringementOn: '2024-02-29' }, '2025-06-01T09:00', undefined, { code: 'arbitration_limitation_expired', dueDate: '2025-02-28', daysLeft: -93 }, []],
    // National Day 2026: Sep 8 → Oct 8 = 22 + 8 = 30 days left, exactly the threshold: no warning, info guidance.
    ['国庆：剩余30日（等于阈值，不预警）', { knewOfInfringementOn: '2025-10-01' }, '2026-09-08T09:00', undefined, null, ['arbitration_limitation']],
    // One day later, 29 days left: below the threshold → warn.
    ['国庆：剩余29日（低于阈值，预警）', { knewOfInfringementOn: '2025-10-01' }, '2026-09-09T09:00', undefined, { code: 'arbitration_limitation_expiring', dueDate: '2026-10-08', daysLeft: 29 }, []],
    // A deployment that warns 31 days ahead: 30 left is now fewer than 31 → warn.
    ['本地预警31日：剩余30日即预警', { knewOfInfringementOn: '2025-10-01' }, '2026-09-08T09:00', { limitationWarningDays: 31 }, { code: 'arbitration_limitation_expiring', dueDate: '2026-10-08', daysLeft: 30 }, []],
    // 在职期间被拖欠工资: no limitation while employed (Art.27 ¶4) → guidance, never a countdown, however old.
    ['在职欠薪：不受一年时效限制', { subcategory: 'wage_arrears', employmentEnded: false, knewOfInfringementOn: '2024-01-31' }, '2025-06-01T09:00', undefined, null, ['wage_arrears_no_limitation']],
    // 离职后讨薪: one year from the end of employment; Mar 1 → Mar 16 = 15 days left.
    ['离职后欠薪：自离职之日起一年', { subcategory: 'wage_arrears', employmentEnded: true, knewOfInfringementOn: '2025-03-15' }, '2026-03-01T09:00', undefined, { code: 'arbitration_limitation_expiring', dueDate: '2026-03-16', daysLeft: 15 }, ['wage_arrears_after_termination']],
    // Employment status unknown: compute the countdown (the safe side) and ask to verify.
    ['欠薪但未登记是否在职', { subcategory: 'wage_arrears', employmentEnded: null, knewOfInfringementOn: '2025-03-15' }, '2026-03-01T09:00', undefined, { code: 'arbitration_limitation_expiring', dueDate: '2026-03-16', daysLeft: 15 }, ['employment_status_unknown']],
    // Start date not recorded: nothing to compute, ask for it.
    ['未登记知道权利被侵害之日', { knewOfInfringementOn: null }, '2026-03-01T09:00', undefined, null, ['limitation_start_unknown']],
    // Far from the end (Mar 16 2026 from Apr 1 2025): info guidance only.
    ['时效充裕', { knewOfInfringementOn: '2025-03-15' }, '2025-04-01T09:00', undefined, null, ['arbitration_limitation']],
  ])('%s', (_title, over, now, options, warning, guidance) => {
    const a = laborPolicy.assess(labor(over), bj(now), calendar, options);
    expect(a.guidance.map((g) => g.code)).toEqual(guidance);
    if (warning) {
      expect(a.warnings).toHaveLength(1);
      expect(a.warnings[0]).toMatchObject({ ...warning, basis: '劳动争议调解仲裁法 第二十七条' });
      expect(a.warnings[0].text).toContain(warning.dueDate);
    } else {
      expect(a.warnings).toEqual([]);
    }
    // The limitation never raises the risk by itself.
    expect(a.minimumRisk).toBeNull();
  });

  it('says an expired limitation may meet the limitation defence, and shows the holiday roll', () => {
    const [w] = laborPolicy.assess(labor({ knewOfInfringementOn: '2024-01-31' }), bj('2025-02-06T00:00'), calendar).warnings;
    expect(w.text).toContain('时效抗辩');
    expect(w.text).toContain('2025-01-31');
  });

  it('cites Art.27 ¶4 for wage arrears during employment', () => {
    const a = laborPolicy.assess(labor({ subcategory: 'wage_arrears', employmentEnded: false }), bj('2026-03-01T09:00'), calendar);
    expect(a.guidance[0].basis).toBe('劳动争议调解仲裁法 第二十七条第四款');
  });

  it('refuses an impossible date', () => {
    expect(() => laborPolicy.assess(labor({ knewOfInfringementOn: '2025-02-30' }), bj('2026-03-01T09:00'), calendar)).toThrow(RangeError);
  });

  it('combines a collective dispute with a running limitation', () => {
    const a = laborPolicy.assess(labor({ subcategory: 'wage_arrears', employmentEnded: true, workerCount: 12, knewOfInfringementOn: '2025-03-15' }), bj('2026-03-01T09:00'), calendar);
    expect(a.minimumRisk).toBe('orange');
    expect(a.flags).toEqual(['collective']);
    expect(a.warnings.map((w) => w.code)).toEqual(['arbitration_limitation_expiring']);
    for (const g of [...a.guidance, ...a.warnings]) expect(g.text).toMatch(HAN);
  });
});

describe('laborPolicy.breachRoads', () => {
  // Agreement effective Thu 2026-09-03: + 30 days = Sat Oct 3 (国庆 Oct 1–7) → Thu Oct 8; closes 24:00 Oct 8.
  const effective = bj('2026-09-03T10:00');
  type Row = [title: string, kind: ObligationKind, now: string, confirmed: boolean, roads: RoadCode[]];
  it.each<Row>([
    // 公司未按协议支付欠薪: arbitration always, a payment order for wages (Art.16), confirmation
    // while the window is open, a direct suit for a wage-only agreement, re-mediation.
    ['欠薪未付，确认窗口内', 'wage', '2026-09-20T10:00', false, ['labor_arbitration', 'payment_order', 'judicial_confirmation', 'litigation', 're_mediation']],
    // During the holiday after the unrolled day 30 (Oct 3): the window still runs.
    ['国庆假期中，窗口已顺延', 'wage', '2026-10-05T12:00', false, ['labor_arbitration', 'payment_order', 'judicial_confirmation', 'litigation', 're_mediation']],
    // Last minute of Oct 8.
    ['顺延后的最后一日 23:59', 'wage', '2026-10-08T23:59', false, ['labor_arbitration', 'payment_order', 'judicial_confirmation', 'litigation', 're_mediation']],
    // 00:00 Oct 9: window closed; arbitration, payment order and the suit remain.
    ['确认窗口届满后', 'wage', '2026-10-09T00:00', false, ['labor_arbitration', 'payment_order', 'litigation', 're_mediation']],
    // 工伤医疗费: payment order (Art.16); the suit only after the payment order is ended.
    ['工伤医疗费未付', 'work_injury_compensation', '2026-09-20T10:00', false, ['labor_arbitration', 'payment_order', 'judicial_confirmation', 'litigation', 're_mediation']],
    // 经济补偿金 outside the window.
    ['经济补偿金未付，窗口已过', 'economic_compensation', '2026-10-20T10:00', false, ['labor_arbitration', 'payment_order', 'litigation', 're_mediation']],
    // 未出具离职证明 (an act): no payment order, and no direct suit (仲裁前置).
    ['未出具离职证明', 'act', '2026-09-20T10:00', false, ['labor_arbitration', 'judicial_confirmation', 're_mediation']],
    // Same, window closed: arbitration and re-mediation only.
    ['未出具离职证明，窗口已过', 'act', '2026-10-20T10:00', false, ['labor_arbitration', 're_mediation']],
    // A generic payment that is none of the Art.16 items (e.g. 返还押金): no payment order.
    ['返还押金', 'payment', '2026-09-20T10:00', false, ['labor_arbitration', 'judicial_confirmation', 're_mediation']],
    // Confirmed by the court: the ruling is enforceable, so enforcement replaces arbitration.
    ['已司法确认的欠薪协议', 'wage', '2026-11-20T10:00', true, ['enforcement', 're_mediation']],
  ])('%s', (_title, obligationKind, now, judiciallyConfirmed, roads) => {
    const r = laborPolicy.breachRoads({ obligationKind, agreementEffectiveAt: effective, now: bj(now), judiciallyConfirmed, calendar });
    expect(r.map((x) => x.code)).toEqual(roads);
    for (const road of r) {
      expect(road.label).toMatch(HAN);
      expect(road.basis).toMatch(HAN);
    }
  });

  it('cites Art.15 for arbitration, Art.16 for the payment order and the window end for confirmation', () => {
    const r = laborPolicy.breachRoads({ obligationKind: 'wage', agreementEffectiveAt: effective, now: bj('2026-09-20T10:00'), judiciallyConfirmed: false, calendar });
    const by = (code: RoadCode) => r.find((x) => x.code === code)!;
    expect(by('labor_arbitration').basis).toBe('劳动争议调解仲裁法 第十五条');
    expect(by('payment_order').basis).toBe('劳动争议调解仲裁法 第十六条');
    expect(by('judicial_confirmation').dueDate).toBe('2026-10-08');
    expect(by('litigation').basis).toBe('劳动争议解释（一） 第五十一条第二款');
  });

  it('sends the other payment-order kinds to court only after the payment order ends', () => {
    const r = laborPolicy.breachRoads({ obligationKind: 'work_injury_compensation', agreementEffectiveAt: effective, now: bj('2026-09-20T10:00'), judiciallyConfirmed: false, calendar });
    expect(r.find((x) => x.code === 'litigation')!.basis).toBe('劳动争议解释（一） 第十三条');
  });
});

describe('laborPolicy.failureRoads', () => {
  it.each<[title: string, subcategory: string, roads: RoadCode[]]>([
    // 欠薪调解不成: arbitration first (Art.14 ¶3), a complaint to the labor authority (Art.9), court after the award.
    ['欠薪调解不成', 'wage_arrears', ['labor_arbitration', 'administrative', 'litigation']],
    // 工伤赔偿调解不成: Art.9 covers work-injury medical costs too.
    ['工伤赔偿调解不成', 'work_injury', ['labor_arbitration', 'administrative', 'litigation']],
    // 社保争议: not an Art.9 arrears item → arbitration, then court.
    ['社保争议调解不成', 'social_insurance', ['labor_arbitration', 'litigation']],
  ])('%s', (_title, subcategory, roads) => {
    const r = laborPolicy.failureRoads(labor({ subcategory }));
    expect(r.map((x) => x.code)).toEqual(roads);
    expect(r[0].basis).toBe('劳动争议调解仲裁法 第十四条第三款');
  });
});

describe('laborPolicy.confirmability', () => {
  it.each<[title: string, terms: ObligationKind[], ok: boolean]>([
    // 欠薪 + 经济补偿: money terms, confirmable (民事诉讼法 Art.205: any lawfully established mediation body).
    ['欠薪与经济补偿', ['wage', 'economic_compensation'], true],
    // A term confirming ownership of a dormitory flat is a real-right confirmation (Art.355 (5)).
    ['确认宿舍房屋归属', ['right_confirmation', 'wage'], false],
  ])('%s', (_title, terms, ok) => {
    expect(laborPolicy.confirmability(terms).ok).toBe(ok);
  });
});
