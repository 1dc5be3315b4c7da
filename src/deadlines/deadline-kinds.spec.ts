import { OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS } from './calendar-data';
import {
  computeKindDue,
  DEADLINE_KIND_IDS,
  DEADLINE_KINDS,
  DeadlineKind,
  ExtensionApproval,
  isDeadlineKind,
  resolvePolicy,
  validateExtension,
} from './deadline-kinds';
import { addDays, BusinessCalendar, PeriodUnit } from './period';

const calendar = new BusinessCalendar(OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS);

/** A Beijing-time instant: '2026-09-24T10:30' → 2026-09-24T10:30:00+08:00. */
const bj = (local: string): Date => new Date(`${local}:00+08:00`);
const weekdayOf = (date: string): string =>
  ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${date}T00:00:00Z`).getUTCDay()];
/** 24:00 Beijing time of a date, computed independently of the code under test. */
const endOfDay = (date: string): Date => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000);
const HAN = /\p{Script=Han}/u;

// ---------------------------------------------------------------------------------------------
// Due dates for every kind, worked out by hand from DOMAIN.md §2:
//   calendar days / months: end = start + N (first day not counted), then roll off rest days;
//   working days: the N-th working day after the start day (make-up days count, holidays don't);
//   a make-up Saturday/Sunday is a working day, so a period ending on one does not roll;
//   hours: exact, never rolled.
// Calendar used (2025/2026 notices): 2025 国庆中秋 Oct 1–8; 2026 元旦 Jan 1–3 (make-up Sun Jan 4),
// 春节 Feb 15–23 (make-up Sat Feb 14, Sat Feb 28), 清明 Apr 4–6, 劳动 May 1–5 (make-up Sat May 9),
// 端午 Jun 19–21, 中秋 Sep 25–27 (make-up Sun Sep 20), 国庆 Oct 1–7 (make-up Sat Oct 10).
// ---------------------------------------------------------------------------------------------

type DayRow = [kind: DeadlineKind, start: string, dueDate: string, weekday: string, rolledFrom: string | undefined];

const DAY_ROWS: DayRow[] = [
  // P1: Jan 31 + 1 month → no Feb 31 → Feb 28 (民法典 Art.202), a 春节 make-up Saturday: no roll.
  ['people_mediation', '2026-01-31T10:00', '2026-02-28', 'Sat', undefined],
  ['people_mediation', '2026-03-20T10:00', '2026-04-20', 'Mon', undefined],
  // P2: Apr 2 + 30 = Sat May 2, inside 劳动节 May 1–5 → Wed May 6.
  ['judicial_confirmation_application', '2026-04-02T15:00', '2026-05-06', 'Wed', '2026-05-02'],
  // P3: Jun 1 + 30 = Jul 1 (June has 30 days).
  ['judicial_confirmation_decision', '2026-06-01T09:00', '2026-07-01', 'Wed', undefined],
  // L1: received Thu Sep 24 + 15 = Fri Oct 9. The 国庆 holiday lies INSIDE the period and is not
  // deducted (DOMAIN.md §2), and Oct 9 is a working day, so nothing rolls.
  ['labor_mediation', '2026-09-24T10:30', '2026-10-09', 'Fri', undefined],
  // L1: received Sep 17 + 15 = Oct 2, inside 国庆 Oct 1–7 → Thu Oct 8.
  ['labor_mediation', '2026-09-17T10:30', '2026-10-08', 'Thu', '2026-10-02'],
  // L1: Sep 10 + 15 = Fri Sep 25 (中秋 Sep 25–27) → Mon Sep 28.
  ['labor_mediation', '2026-09-10T10:30', '2026-09-28', 'Mon', '2026-09-25'],
  // L4: leap day + 12 months → no 2025-02-29 → Feb 28, a Friday working day: no roll.
  ['labor_arbitration_limitation', '2024-02-29T10:00', '2025-02-28', 'Fri', undefined],
  // L4: 2024-01-31 + 12 months = Fri 2025-01-31, inside 2025 春节 Jan 28–Feb 4 → Wed Feb 5.
  ['labor_arbitration_limitation', '2024-01-31T10:00', '2025-02-05', 'Wed', '2025-01-31'],
  // L4: 2025-10-01 + 12 months = 2026-10-01 (国庆) → Oct 8.
  ['labor_arbitration_limitation', '2025-10-01T09:00', '2026-10-08', 'Thu', '2026-10-01'],
  // L5: Thu Feb 12 + 5 = Tue Feb 17 (春节 Feb 15–23) → Tue Feb 24.
  ['labor_arbitration_acceptance', '2026-02-12T10:00', '2026-02-24', 'Tue', '2026-02-17'],
  // L7: Mar 2 + 45 = Apr 16 (29 days to Mar 31, 16 more).
  ['labor_arbitration_award', '2026-03-02T10:00', '2026-04-16', 'Thu', undefined],
  // C1: Fri 2025-12-05 + 30 = Sun 2026-01-04, the 元旦 make-up Sunday: a working day, no roll.
  ['delegated_mediation_prefiling', '2025-12-05T10:00', '2026-01-04', 'Sun', undefined],
  // C2 普通: Apr 20 + 15 = Tue May 5 (劳动节) → Wed May 6.
  ['entrusted_mediation_ordinary', '2026-04-20T10:00', '2026-05-06', 'Wed', '2026-05-05'],
  // C2 简易 across 春节: Tue Feb 10 + 7 = Tue Feb 17 (初一) → first working day Tue Feb 24.
  ['entrusted_mediation_summary', '2026-02-10T10:00', '2026-02-24', 'Tue', '2026-02-17'],
  // C2 简易: Fri Feb 13 + 7 = Fri Feb 20 (春节); the make-up Sat Feb 14 inside changes nothing → Feb 24.
  ['entrusted_mediation_summary', '2026-02-13T10:00', '2026-02-24', 'Tue', '2026-02-20'],
  // C4 assign: Thu Apr 30; May 1–5 off; Wed May 6 (1), Thu 7 (2), Fri 8 (3).
  ['online_mediator_designation', '2026-04-30T10:00', '2026-05-08', 'Fri', undefined],
  // C4 confirm: Thu May 7; Fri 8 (1), make-up Sat 9 (2), Sun off, Mon 11 (3).
  ['online_mediation_acceptance', '2026-05-07T10:00', '2026-05-11', 'Mon', undefined],
  // C4 notify: Wed Jun 17; Thu 18 (1), 端午 Jun 19–21 off, Mon 22 (2), Tue 23 (3).
  ['online_mediation_notify_other_party', '2026-06-17T10:00', '2026-06-23', 'Tue', undefined],
  // X1: Sun Feb 1 + 15 = Mon Feb 16 (除夕, 春节) → Tue Feb 24.
  ['petition_routing', '2026-02-01T10:00', '2026-02-24', 'Tue', '2026-02-16'],
  // X3: Tue 2025-12-30; Wed Dec 31 (1), 元旦 Jan 1–3 off, make-up Sun Jan 4 (2), Mon 5 (3), Tue 6 (4), Wed 7 (5).
  ['petition_jurisdiction_objection', '2025-12-30T10:00', '2026-01-07', 'Wed', undefined],
  // X4: Mar 10 + 60 = May 9 (21 to Mar 31, 30 in April, 9 in May), the 劳动节 make-up Saturday: no roll.
  ['petition_handling', '2026-03-10T10:00', '2026-05-09', 'Sat', undefined],
  // X5: Thu Aug 27 + 30 = Sat Sep 26 (中秋 Sep 25–27) → Mon Sep 28.
  ['petition_review', '2026-08-27T10:00', '2026-09-28', 'Mon', '2026-09-26'],
  // X6: Fri Nov 20 + 30 = Sun Dec 20, an ordinary Sunday (rolled too, DOMAIN.md [S24]) → Mon Dec 21.
  ['petition_re_review', '2026-11-20T10:00', '2026-12-21', 'Mon', '2026-12-20'],
  // M1 30 WD from Mon Sep 14: Sep 15–18 (1–4), make-up Sun Sep 20 (5), Sep 21–24 (6–9), 中秋 off,
  // Sep 28–30 (10–12), 国庆 off, Oct 8–9 (13–14), make-up Sat Oct 10 (15), Oct 12–16 (16–20),
  // Oct 19–23 (21–25), Oct 26–30 (26–30).
  ['medical_committee_mediation', '2026-09-14T10:00', '2026-10-30', 'Fri', undefined],
  // M2 accept 5 WD from Thu Feb 12: Fri 13 (1), make-up Sat 14 (2), 春节 off, Feb 24–26 (3–5).
  ['medical_admin_mediation_acceptance', '2026-02-12T10:00', '2026-02-26', 'Thu', undefined],
  // M2 30 WD from Wed 2025-12-31: 元旦 off, make-up Sun Jan 4 (1), Jan 5–9 (2–6), Jan 12–16 (7–11),
  // Jan 19–23 (12–16), Jan 26–30 (17–21), Feb 2–6 (22–26), Feb 9–12 (27–30).
  ['medical_admin_mediation', '2025-12-31T10:00', '2026-02-12', 'Thu', undefined],
  // PO1 3 WD from Fri Feb 13: make-up Sat Feb 14 counts (1), 春节 Feb 15–23 off, Tue 24 (2), Wed 25 (3).
  ['police_mediation_first_session', '2026-02-13T16:00', '2026-02-25', 'Wed', undefined],
  // PO2: Mon 2025-09-01 + 30 = Oct 1, inside 国庆中秋 Oct 1–8 (2025) → Thu Oct 9.
  ['public_order_case', '2025-09-01T10:00', '2025-10-09', 'Thu', '2025-10-01'],
  // F1: Jan 5 + 30 = Feb 4.
  ['divorce_cooling_off', '2026-01-05T10:00', '2026-02-04', 'Wed', undefined],
  // Triage 1 WD from Wed Sep 30: 国庆 Oct 1–7 off → Thu Oct 8.
  ['triage', '2026-09-30T17:45', '2026-10-08', 'Thu', undefined],
  // Triage 1 WD from Fri Feb 13: the make-up Saturday is the next working day.
  ['triage', '2026-02-13T17:45', '2026-02-14', 'Sat', undefined],
  // First session 3 WD from Thu Jun 18: 端午 Jun 19–21 off, Jun 22–24 (1–3).
  ['first_session', '2026-06-18T10:00', '2026-06-24', 'Wed', undefined],
  // Follow-up 7 days from Wed Sep 30 = Oct 7 (国庆) → Oct 8.
  ['follow_up_visit', '2026-09-30T10:00', '2026-10-08', 'Thu', '2026-10-07'],
];

type HourRow = [kind: DeadlineKind, start: string, dueAt: string, dueDate: string];

const HOUR_ROWS: HourRow[] = [
  // F2 72 h from Fri Apr 3 16:00 ends Mon Apr 6 16:00, on 清明: hour periods never roll.
  ['protection_order', '2026-04-03T16:00', '2026-04-06T16:00', '2026-04-06'],
  ['protection_order', '2026-09-30T20:00', '2026-10-03T20:00', '2026-10-03'],
  // Urgent 24 h inside 国庆 and across midnight of 除夕.
  ['protection_order_urgent', '2026-10-01T09:30', '2026-10-02T09:30', '2026-10-02'],
  ['protection_order_urgent', '2026-02-16T23:30', '2026-02-17T23:30', '2026-02-17'],
];

describe('computeKindDue: every kind with the real 2025/2026 calendar', () => {
  it('the tables cover every kind', () => {
    const covered = new Set([...DAY_ROWS.map((r) => r[0]), ...HOUR_ROWS.map((r) => r[0])]);
    expect([...covered].sort()).toEqual([...DEADLINE_KIND_IDS].sort());
  });

  it.each(DAY_ROWS)('%s from %s → %s (%s), rolled from %s', (kind, start, dueDate, weekday, rolledFrom) => {
    expect(weekdayOf(dueDate)).toBe(weekday); // checks the hand reasoning, not the code
    const r = computeKindDue(kind, bj(start), calendar);
    expect(r.dueDate).toBe(dueDate);
    expect(r.dueAt).toEqual(endOfDay(dueDate));
    expect(r.startDate).toBe(start.slice(0, 10));
    expect(r.rolledFrom).toBe(rolledFrom);
    expect(r.calendarIncomplete).toBe(false);
    expect(r.unit).toBe(DEADLINE_KINDS[kind].unit);
    expect(r.duration).toBe(DEADLINE_KINDS[kind].duration);
    expect(r.policy).toMatchObject({ kind, overridden: false });
    expect(calendar.isWorkingDay(r.dueDate)).toBe(true);
  });

  it.each(HOUR_ROWS)('%s from %s → %s (never rolled)', (kind, start, dueAt, dueDate) => {
    const r = computeKindDue(kind, bj(start), calendar);
    expect(r.dueAt).toEqual(bj(dueAt));
    expect(r.dueDate).toBe(dueDate);
    expect(r.rolledFrom).toBeUndefined();
    expect(r.calendarIncomplete).toBe(false);
    expect(r.policy.unit).toBe('hours');
  });

  it('F2 72 h ends on a holiday and stays there', () => {
    expect(calendar.dayInfo('2026-04-06')).toMatchObject({ working: false, reason: 'holiday', name: '清明节' });
    expect(computeKindDue('protection_order', bj('2026-04-03T16:00'), calendar).dueAt).toEqual(bj('2026-04-06T16:00'));
  });

  it('L1 received Sep 17 rolls over all of 国庆 Oct 2–7 and shows each day skipped', () => {
    const r = computeKindDue('labor_mediation', bj('2026-09-17T10:30'), calendar);
    expect(r.rolledOver).toEqual(
      ['2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].map((date) => ({
        date,
        reason: 'holiday',
        name: '国庆节',
      })),
    );
  });

  it('L1 received Sep 24 (the brief\'s example) ends Fri Oct 9: the holiday is inside the period, nothing rolls', () => {
    const r = computeKindDue('labor_mediation', bj('2026-09-24T10:30'), calendar);
    expect(r).toMatchObject({ dueDate: '2026-10-09', calendarIncomplete: false });
    expect(r.rolledOver).toBeUndefined();
  });

  it('C2 简易 across 春节 skips the seven 春节 days Feb 17–23', () => {
    const r = computeKindDue('entrusted_mediation_summary', bj('2026-02-10T10:00'), calendar);
    expect(r.rolledOver?.map((d) => d.date)).toEqual([
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(r.rolledOver?.every((d) => d.reason === 'holiday' && d.name === '春节')).toBe(true);
  });

  it('P1 one month from Jan 31 ends on the make-up Saturday Feb 28, which is a working day', () => {
    expect(calendar.dayInfo('2026-02-28')).toMatchObject({ working: true, reason: 'makeup_workday' });
    const r = computeKindDue('people_mediation', bj('2026-01-31T10:00'), calendar);
    expect(r).toMatchObject({ dueDate: '2026-02-28', unit: 'months', duration: 1 });
    expect(r.rolledOver).toBeUndefined();
  });

  it('PO1 counts the make-up Saturday Feb 14 as its first working day', () => {
    expect(calendar.dayInfo('2026-02-13')).toMatchObject({ working: true, reason: 'weekday' });
    expect(calendar.dayInfo('2026-02-14')).toMatchObject({ working: true, reason: 'makeup_workday' });
    expect(computeKindDue('police_mediation_first_session', bj('2026-02-13T16:00'), calendar).dueDate).toBe('2026-02-25');
  });

  it('uses the local (Beijing) date of the start: 23:30 and 00:30 start on different days', () => {
    // Thu Sep 24 23:30 → Oct 9; Fri Sep 25 00:30 (UTC still Sep 24) → Oct 10, the make-up Saturday.
    expect(computeKindDue('labor_mediation', bj('2026-09-24T23:30'), calendar).dueDate).toBe('2026-10-09');
    expect(computeKindDue('labor_mediation', bj('2026-09-25T00:30'), calendar).dueDate).toBe('2026-10-10');
  });
});

describe('computeKindDue: calendarIncomplete (period.ts: true only if a day it looked at lies in an unloaded year)', () => {
  it.each<[DeadlineKind, string, string, boolean]>([
    // Months: only the corresponding end date (and any roll) is looked at; 2024 never is.
    ['labor_arbitration_limitation', '2024-02-29T10:00', '2025-02-28', false],
    ['labor_arbitration_limitation', '2024-01-31T10:00', '2025-02-05', false],
    // Calendar days ending in 2024: the end date Wed 2024-12-25 is judged by the weekday rule.
    ['labor_arbitration_acceptance', '2024-12-20T10:00', '2024-12-25', true],
    // Working days through 2024-12-31 (counted by the weekday rule): Dec 31 (1), 元旦 off, Jan 2 (2),
    // Jan 3 (3), Jan 6 (4), Jan 7 (5).
    ['petition_jurisdiction_objection', '2024-12-30T10:00', '2025-01-07', true],
    // Ending in 2027 (not yet published, open point 10): Mon 2027-03-01 by the weekday rule.
    ['labor_arbitration_limitation', '2026-03-01T10:00', '2027-03-01', true],
    // Dec 31 (1), Fri 2027-01-01 counted as a weekday although it will surely be 元旦 (2), Mon Jan 4 (3).
    ['first_session', '2026-12-30T10:00', '2027-01-04', true],
    // Hours never consult the calendar.
    ['protection_order', '2026-12-31T20:00', '2027-01-03', false],
  ])('%s from %s → %s, calendarIncomplete %s', (kind, start, dueDate, incomplete) => {
    const r = computeKindDue(kind, bj(start), calendar);
    expect(r.dueDate).toBe(dueDate);
    expect(r.calendarIncomplete).toBe(incomplete);
  });
});

// ---------------------------------------------------------------------------------------------
// The catalogue itself
// ---------------------------------------------------------------------------------------------

describe('DEADLINE_KINDS', () => {
  it.each<[DeadlineKind, PeriodUnit, number]>([
    ['people_mediation', 'months', 1],
    ['judicial_confirmation_application', 'calendar_days', 30],
    ['judicial_confirmation_decision', 'calendar_days', 30],
    ['labor_mediation', 'calendar_days', 15],
    ['labor_arbitration_limitation', 'months', 12],
    ['labor_arbitration_acceptance', 'calendar_days', 5],
    ['labor_arbitration_award', 'calendar_days', 45],
    ['delegated_mediation_prefiling', 'calendar_days', 30],
    ['entrusted_mediation_ordinary', 'calendar_days', 15],
    ['entrusted_mediation_summary', 'calendar_days', 7],
    ['online_mediator_designation', 'working_days', 3],
    ['online_mediation_acceptance', 'working_days', 3],
    ['online_mediation_notify_other_party', 'working_days', 3],
    ['petition_routing', 'calendar_days', 15],
    ['petition_jurisdiction_objection', 'working_days', 5],
    ['petition_handling', 'calendar_days', 60],
    ['petition_review', 'calendar_days', 30],
    ['petition_re_review', 'calendar_days', 30],
    ['medical_committee_mediation', 'working_days', 30],
    ['medical_admin_mediation_acceptance', 'working_days', 5],
    ['medical_admin_mediation', 'working_days', 30],
    ['police_mediation_first_session', 'working_days', 3],
    ['public_order_case', 'calendar_days', 30],
    ['divorce_cooling_off', 'calendar_days', 30],
    ['protection_order', 'hours', 72],
    ['protection_order_urgent', 'hours', 24],
    ['triage', 'working_days', 1],
    ['first_session', 'working_days', 3],
    ['follow_up_visit', 'calendar_days', 7],
  ])('%s is %s × %i', (kind, unit, duration) => {
    expect(DEADLINE_KINDS[kind]).toMatchObject({ kind, unit, duration });
  });

  it('has exactly the kinds listed above', () => {
    expect(DEADLINE_KIND_IDS).toHaveLength(29);
    expect(Object.keys(DEADLINE_KINDS)).toEqual([...DEADLINE_KIND_IDS]);
  });

  // Independent of the code under test: a working day is at least a day, a month at least 28.
  const MIN_HOURS: Record<string, number> = { hours: 1, calendar_days: 24, working_days: 24, months: 28 * 24 };

  it.each(DEADLINE_KIND_IDS.map((k) => [k]))(
    '%s has a Chinese label, a citation, Chinese texts and reminders shorter than its period',
    (kind) => {
      const p = DEADLINE_KINDS[kind];
      expect(p.kind).toBe(kind);
      expect(kind).toMatch(/^[a-z][a-z0-9_]{1,63}$/); // what CalculateDueDto accepts
      expect(p.label).toMatch(HAN);
      for (const text of [p.legalBasis.text, p.legalBasis.citation, p.trigger, p.onMiss]) expect(text).toMatch(HAN);
      if (p.statutory) {
        expect(p.legalBasis.citation).toMatch(/第[一二三四五六七八九十百千零]+条/);
      } else {
        expect(p.legalBasis.citation).toContain('内部工作目标');
      }
      expect(Number.isInteger(p.duration) && p.duration > 0).toBe(true);
      expect(p.reminderOffsets.length).toBeGreaterThan(0);
      for (const o of p.reminderOffsets) {
        expect(Number.isInteger(o.before) && o.before > 0).toBe(true);
        expect(o.before * MIN_HOURS[o.unit]).toBeLessThan(p.duration * MIN_HOURS[p.unit]);
      }
      const spans = p.reminderOffsets.map((o) => o.before * MIN_HOURS[o.unit]);
      expect(spans).toEqual([...spans].sort((a, b) => b - a)); // furthest reminder first
      if (p.extension?.maxDuration !== undefined) {
        expect(Number.isInteger(p.extension.maxDuration) && p.extension.maxDuration > 0).toBe(true);
      }
      if (p.extension) expect(p.extension.note).toMatch(HAN);
      if (p.unverified !== undefined) expect(p.unverified).toContain('DOMAIN.md');
    },
  );

  it('marks exactly the internal targets as non-statutory', () => {
    expect(DEADLINE_KIND_IDS.filter((k) => !DEADLINE_KINDS[k].statutory)).toEqual([
      'triage',
      'first_session',
      'follow_up_visit',
    ]);
  });

  it('carries an UNVERIFIED note exactly where DOMAIN.md marks one', () => {
    expect(DEADLINE_KIND_IDS.filter((k) => DEADLINE_KINDS[k].unverified !== undefined)).toEqual([
      'people_mediation', // §7 item 2
      'labor_mediation', // extension, §7 item 3
      'labor_arbitration_acceptance', // working days?, §7 item 4
      'entrusted_mediation_ordinary', // SPC 2025 意见 third-party copy, §7 item 7
      'entrusted_mediation_summary',
      'police_mediation_first_session', // [S17] excerpt truncated
      'public_order_case', // 2025 law, §7 item 1
      'follow_up_visit', // 回访 article, §7 item 2
    ]);
  });

  it('is pausable exactly where the law excludes time (suspension, appraisal, hearing)', () => {
    expect(DEADLINE_KIND_IDS.filter((k) => DEADLINE_KINDS[k].pausable)).toEqual([
      'labor_arbitration_limitation',
      'petition_re_review',
      'medical_committee_mediation',
      'medical_admin_mediation',
    ]);
  });

  it.each<[DeadlineKind, number | undefined, string]>([
    ['judicial_confirmation_decision', undefined, 'court_president_approval'],
    ['labor_arbitration_award', 15, 'chair_approval'],
    ['delegated_mediation_prefiling', undefined, 'both_parties_consent'],
    ['entrusted_mediation_ordinary', 30, 'both_parties_consent'],
    ['entrusted_mediation_summary', 30, 'both_parties_consent'],
    ['petition_handling', 30, 'head_approval'],
    ['medical_committee_mediation', undefined, 'both_parties_consent'],
    ['public_order_case', 30, 'higher_authority_approval'],
  ])('%s extends by at most %p with %s', (kind, maxDuration, requires) => {
    expect(DEADLINE_KINDS[kind].extension?.maxDuration).toBe(maxDuration);
    expect(DEADLINE_KINDS[kind].extension?.requires).toBe(requires);
  });

  it.each<[DeadlineKind]>([
    ['labor_mediation'],
    ['judicial_confirmation_application'],
    ['labor_arbitration_limitation'],
    ['protection_order'],
    ['medical_admin_mediation'],
  ])('%s has no extension', (kind) => {
    expect(DEADLINE_KINDS[kind].extension).toBeUndefined();
  });

  it('is deeply frozen', () => {
    expect(Object.isFrozen(DEADLINE_KINDS)).toBe(true);
    expect(Object.isFrozen(DEADLINE_KINDS.labor_mediation)).toBe(true);
    expect(Object.isFrozen(DEADLINE_KINDS.labor_mediation.reminderOffsets[0])).toBe(true);
    expect(() => {
      (DEADLINE_KINDS.labor_mediation as { duration: number }).duration = 30;
    }).toThrow(TypeError);
  });

  it('isDeadlineKind accepts catalogue ids only', () => {
    expect(isDeadlineKind('labor_mediation')).toBe(true);
    expect(isDeadlineKind('toString')).toBe(false);
    expect(isDeadlineKind('labour_mediation')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Overrides
// ---------------------------------------------------------------------------------------------

describe('resolvePolicy', () => {
  it('returns the catalogue entry, not overridden, when there is no override', () => {
    const p = resolvePolicy('labor_mediation');
    expect(p).toMatchObject({
      kind: 'labor_mediation',
      unit: 'calendar_days',
      duration: 15,
      overridden: false,
      catalogueDefault: { unit: 'calendar_days', duration: 15 },
    });
    expect(p.legalBasis.citation).toBe('劳动争议调解仲裁法 第十四条');
  });

  it('applies a provincial override: X1 shortened to 5 working days (浙江省信访条例 Art.20)', () => {
    const p = resolvePolicy('petition_routing', { petition_routing: { duration: 5, unit: 'working_days' } });
    expect(p).toMatchObject({
      unit: 'working_days',
      duration: 5,
      overridden: true,
      catalogueDefault: { unit: 'calendar_days', duration: 15 },
    });
    // Both reminders (3 and 1 days) still fit in 5 working days.
    expect(p.reminderOffsets).toEqual(DEADLINE_KINDS.petition_routing.reminderOffsets);
  });

  it('computes the overridden X1 due date: 5 WD from Tue Sep 29 vs 15 days by statute', () => {
    // Wed Sep 30 (1), 国庆 Oct 1–7 off, Thu Oct 8 (2), Fri Oct 9 (3), make-up Sat Oct 10 (4), Mon Oct 12 (5).
    const zhejiang = { petition_routing: { duration: 5, unit: 'working_days' as const } };
    const local = computeKindDue('petition_routing', bj('2026-09-29T10:00'), calendar, zhejiang);
    expect(local).toMatchObject({ dueDate: '2026-10-12', unit: 'working_days', duration: 5 });
    expect(local.policy.overridden).toBe(true);
    // Statute: Sep 29 + 15 = Wed Oct 14.
    expect(computeKindDue('petition_routing', bj('2026-09-29T10:00'), calendar).dueDate).toBe('2026-10-14');
    // Mon Mar 2: Mar 3–6 (1–4), Mon Mar 9 (5); statute Mar 17.
    expect(computeKindDue('petition_routing', bj('2026-03-02T10:00'), calendar, zhejiang).dueDate).toBe('2026-03-09');
  });

  it('only applies the override of the kind asked for', () => {
    const p = resolvePolicy('labor_mediation', { petition_routing: { duration: 5 } });
    expect(p).toMatchObject({ duration: 15, overridden: false });
  });

  it('an override equal to the statute is not "overridden"', () => {
    expect(resolvePolicy('labor_mediation', { labor_mediation: { duration: 15, unit: 'calendar_days' } }).overridden).toBe(
      false,
    );
  });

  it('may switch L5 to working days (DOMAIN.md §1 footnote) and keeps the statute visible', () => {
    const p = resolvePolicy('labor_arbitration_acceptance', { labor_arbitration_acceptance: { unit: 'working_days' } });
    expect(p).toMatchObject({ unit: 'working_days', duration: 5, overridden: true });
    expect(p.catalogueDefault).toEqual({ unit: 'calendar_days', duration: 5 });
  });

  it('drops reminders that no longer fit a shortened period', () => {
    // X4 reminders are 10 and 3 days before; a 10-day period keeps only the 3-day one.
    const p = resolvePolicy('petition_handling', { petition_handling: { duration: 10 } });
    expect(p.reminderOffsets).toEqual([{ before: 3, unit: 'calendar_days' }]);
    expect(p.extension?.maxDuration).toBe(30);
  });

  it.each<[string, unknown]>([
    ['zero', 0],
    ['negative', -5],
    ['fractional', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a string', '5'],
  ])('refuses a %s duration', (_what, duration) => {
    expect(() => resolvePolicy('petition_routing', { petition_routing: { duration: duration as number } })).toThrow(
      /positive integer/,
    );
  });

  it('refuses an unknown unit', () => {
    expect(() => resolvePolicy('petition_routing', { petition_routing: { unit: 'weeks' as PeriodUnit } })).toThrow(
      /unknown unit/,
    );
  });

  it('refuses to change the unit of a kind whose extension maximum is stated in the statute unit', () => {
    expect(() => resolvePolicy('petition_handling', { petition_handling: { unit: 'working_days' } })).toThrow(
      /cannot change the unit/,
    );
    // Without a maximum (C1) the unit may change.
    expect(
      resolvePolicy('delegated_mediation_prefiling', { delegated_mediation_prefiling: { unit: 'working_days' } }).unit,
    ).toBe('working_days');
  });

  it('refuses an unknown kind', () => {
    expect(() => resolvePolicy('labour_mediation' as DeadlineKind)).toThrow(/Unknown deadline kind/);
    expect(() => resolvePolicy('__proto__' as DeadlineKind)).toThrow(/Unknown deadline kind/);
  });

  it('returns a copy: mutating it leaves the catalogue alone', () => {
    const p = resolvePolicy('labor_mediation');
    p.duration = 1;
    p.reminderOffsets[0].before = 99;
    p.legalBasis.citation = 'x';
    expect(DEADLINE_KINDS.labor_mediation.duration).toBe(15);
    expect(DEADLINE_KINDS.labor_mediation.reminderOffsets[0].before).toBe(3);
    expect(DEADLINE_KINDS.labor_mediation.legalBasis.citation).toBe('劳动争议调解仲裁法 第十四条');
  });

  it('computeKindDue refuses an invalid override instead of computing a wrong deadline', () => {
    expect(() =>
      computeKindDue('labor_mediation', bj('2026-09-24T10:00'), calendar, { labor_mediation: { duration: 0 } }),
    ).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Extensions
// ---------------------------------------------------------------------------------------------

describe('validateExtension', () => {
  const head: ExtensionApproval = { kind: 'head_approval', by: '张主任', reason: '涉及多个部门，情况复杂' };
  const consent: ExtensionApproval = { kind: 'both_parties_consent', by: '申请人李某、被申请人王某', reason: '双方希望继续协商' };
  const x4 = DEADLINE_KINDS.petition_handling;

  it('X4: 60 days, then up to 30 more with the head\'s approval and a reason', () => {
    const r = computeKindDue('petition_handling', bj('2026-03-10T10:00'), calendar);
    expect(r.dueDate).toBe('2026-05-09');
    expect(validateExtension(r.policy, 30, head)).toEqual({ ok: true });
    expect(validateExtension(x4, 1, head)).toEqual({ ok: true });
  });

  it('X4: 31 days is refused (信访工作条例 Art.34: 延长期限不得超过30日)', () => {
    expect(validateExtension(x4, 31, head)).toEqual({
      ok: false,
      reason: '「信访事项办理期限（申诉求决类）」延长期限不得超过30日，申请延长31日',
    });
  });

  it.each<[number, number, boolean]>([
    [0, 30, true],
    [20, 10, true],
    [20, 11, false],
    [30, 1, false],
  ])('X4: %i days already granted, %i more → ok %s (the 30 days are for all extensions together)', (already, n, ok) => {
    const r = validateExtension(x4, n, head, already);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.reason).toBe(`「信访事项办理期限（申诉求决类）」延长期限累计不得超过30日，已延长${already}日，申请再延长${n}日`);
  });

  it('X4: a missing approval is refused', () => {
    const r = validateExtension(x4, 10);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('须经负责人批准');
  });

  it.each<[string, ExtensionApproval, string]>([
    ['the wrong approval kind', consent, '不能以双方当事人同意代替'],
    ['a blank approver', { ...head, by: '  ' }, '须载明批准人'],
    ['a blank reason', { ...head, reason: '' }, '须说明延期理由'],
  ])('X4: %s is refused', (_what, approval, message) => {
    const r = validateExtension(x4, 10, approval);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(message);
  });

  it.each([[0], [-1], [1.5], [Number.NaN]])('refuses a requested duration of %s', (n) => {
    const r = validateExtension(x4, n, head);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('正整数');
  });

  it.each<[DeadlineKind, number, ExtensionApproval, boolean]>([
    // L7: +15 with the chair's approval (劳动争议调解仲裁法 Art.43).
    ['labor_arbitration_award', 15, { kind: 'chair_approval', by: '仲裁委主任', reason: '案情复杂' }, true],
    ['labor_arbitration_award', 16, { kind: 'chair_approval', by: '仲裁委主任', reason: '案情复杂' }, false],
    ['labor_arbitration_award', 10, head, false],
    // C1: no maximum with both parties' consent.
    ['delegated_mediation_prefiling', 365, consent, true],
    ['delegated_mediation_prefiling', 10, head, false],
    // C2: capped at 30 by the SPC 2025 意见.
    ['entrusted_mediation_summary', 30, consent, true],
    ['entrusted_mediation_summary', 31, consent, false],
    // P3: the court president, no maximum.
    ['judicial_confirmation_decision', 60, { kind: 'court_president_approval', by: '院长', reason: '特殊情况' }, true],
    // PO2: +30 with higher approval.
    // 治安管理处罚法 Art.99: the organ above approves; the station's own head cannot.
    ['public_order_case', 30, { kind: 'higher_authority_approval', by: '杭州市公安局 副局长 林志远', reason: '案情重大、复杂' }, true],
    ['public_order_case', 30, { kind: 'head_approval', by: '清波派出所所长', reason: '案情重大' }, false],
    ['public_order_case', 31, { kind: 'higher_authority_approval', by: '杭州市公安局 副局长 林志远', reason: '案情重大' }, false],
    // M1: by agreement, no maximum.
    ['medical_committee_mediation', 20, consent, true],
    // P1 soft target: continue with consent.
    ['people_mediation', 1, consent, true],
    // Internal targets: any approval kind, but who and why are recorded.
    ['triage', 1, { kind: 'none', by: '承办人', reason: '当事人联系不上' }, true],
    ['first_session', 2, head, true],
    ['follow_up_visit', 3, { kind: 'none', by: '承办人', reason: '' }, false],
  ])('%s + %i with %o → ok %s', (kind, n, approval, ok) => {
    expect(validateExtension(DEADLINE_KINDS[kind], n, approval).ok).toBe(ok);
  });

  it('refuses to extend L1, and says the extension rule is unverified', () => {
    const r = validateExtension(DEADLINE_KINDS.labor_mediation, 5, consent);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('「劳动争议调解期限」没有可适用的延期规定');
    expect(!r.ok && r.reason).toContain('未核实');
  });

  it.each<[DeadlineKind]>([['judicial_confirmation_application'], ['protection_order'], ['medical_admin_mediation']])(
    'refuses to extend %s',
    (kind) => {
      expect(validateExtension(DEADLINE_KINDS[kind], 1, head).ok).toBe(false);
    },
  );

  it('every kind with a required approval refuses every other approval kind', () => {
    const kinds = ['head_approval', 'both_parties_consent', 'court_president_approval', 'chair_approval', 'none'] as const;
    for (const id of DEADLINE_KIND_IDS) {
      const rule = DEADLINE_KINDS[id].extension;
      if (!rule || rule.requires === 'none') continue;
      for (const kind of kinds) {
        const r = validateExtension(DEADLINE_KINDS[id], 1, { kind, by: '某人', reason: '理由' });
        expect([id, kind, r.ok]).toEqual([id, kind, kind === rule.requires]);
      }
    }
  });
});

// Keeps the hand reasoning honest: the dates named in the comments above are the kind of day
// the comments say they are.
describe('calendar facts the rows rely on', () => {
  it.each<[string, boolean, string]>([
    ['2026-10-09', true, 'weekday'],
    ['2026-10-10', true, 'makeup_workday'],
    ['2026-01-04', true, 'makeup_workday'],
    ['2026-05-09', true, 'makeup_workday'],
    ['2026-09-20', true, 'makeup_workday'],
    ['2025-02-28', true, 'weekday'],
    ['2025-01-31', false, 'holiday'],
    ['2026-02-16', false, 'holiday'],
    ['2026-09-26', false, 'holiday'],
    ['2026-12-20', false, 'weekend'],
  ])('%s working %s (%s)', (date, working, reason) => {
    expect(calendar.dayInfo(date)).toMatchObject({ working, reason, covered: true });
  });

  it('2026 国庆 is Oct 1–7 and Oct 8 is the first working day after it', () => {
    for (let d = '2026-10-01'; d <= '2026-10-07'; d = addDays(d, 1)) expect(calendar.isRestDay(d)).toBe(true);
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
  });
});
