import { OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS } from './calendar-data';
import {
  addDays,
  addMonths,
  BusinessCalendar,
  CalendarDay,
  computeDue,
  DueResult,
  pauseClock,
  PeriodUnit,
  resumeClock,
} from './period';

const calendar = new BusinessCalendar(OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS);

/** A Beijing-time instant: '2026-09-28T10:00' → 2026-09-28T10:00:00+08:00. */
const bj = (local: string): Date => new Date(`${local}:00+08:00`);
const weekdayOf = (date: string): string =>
  ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${date}T00:00:00Z`).getUTCDay()];
/** 24:00 Beijing time of a date, computed independently of the code under test. */
const endOfDay = (date: string): Date => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000);
const due = (start: string, unit: PeriodUnit, duration: number): DueResult =>
  computeDue({ start: bj(start), unit, duration, calendar });

describe('OFFICIAL_CALENDAR_2025_2026 (DOMAIN.md §2)', () => {
  // Every weekday DOMAIN.md states, checked against the real calendar.
  it.each([
    ['2025-01-26', 'Sun', 'makeup_workday', '春节调休上班'],
    ['2025-02-08', 'Sat', 'makeup_workday', '春节调休上班'],
    ['2025-04-27', 'Sun', 'makeup_workday', '劳动节调休上班'],
    ['2025-09-28', 'Sun', 'makeup_workday', '国庆节、中秋节调休上班'],
    ['2025-10-11', 'Sat', 'makeup_workday', '国庆节、中秋节调休上班'],
    ['2026-01-04', 'Sun', 'makeup_workday', '元旦调休上班'],
    ['2026-02-14', 'Sat', 'makeup_workday', '春节调休上班'],
    ['2026-02-28', 'Sat', 'makeup_workday', '春节调休上班'],
    ['2026-05-09', 'Sat', 'makeup_workday', '劳动节调休上班'],
    ['2026-09-20', 'Sun', 'makeup_workday', '国庆节调休上班'],
    ['2026-10-10', 'Sat', 'makeup_workday', '国庆节调休上班'],
    ['2025-01-01', 'Wed', 'holiday', '元旦'],
    ['2025-01-28', 'Tue', 'holiday', '春节'],
    ['2025-02-04', 'Tue', 'holiday', '春节'],
    ['2025-05-05', 'Mon', 'holiday', '劳动节'],
    ['2025-06-02', 'Mon', 'holiday', '端午节'],
    ['2025-10-08', 'Wed', 'holiday', '国庆节、中秋节'],
    ['2026-01-03', 'Sat', 'holiday', '元旦'],
    ['2026-02-15', 'Sun', 'holiday', '春节'],
    ['2026-02-23', 'Mon', 'holiday', '春节'],
    ['2026-04-06', 'Mon', 'holiday', '清明节'],
    ['2026-05-05', 'Tue', 'holiday', '劳动节'],
    ['2026-06-19', 'Fri', 'holiday', '端午节'],
    ['2026-09-25', 'Fri', 'holiday', '中秋节'],
    ['2026-10-07', 'Wed', 'holiday', '国庆节'],
  ])('%s is a %s, %s %s', (date, weekday, kind, name) => {
    expect(weekdayOf(date)).toBe(weekday);
    expect(OFFICIAL_CALENDAR_2025_2026.filter((d) => d.date === date)).toEqual([{ date, kind, name }]);
  });

  it.each([
    // 2025: 元旦1 + 春节8 + 清明3 + 劳动5 + 端午3 + 国庆中秋8; make-up Jan 26, Feb 8, Apr 27, Sep 28, Oct 11.
    ['2025', 'holiday', 28],
    ['2025', 'makeup_workday', 5],
    // 2026: 元旦3 + 春节9 + 清明3 + 劳动5 + 端午3 + 中秋3 + 国庆7; make-up Jan 4, Feb 14, Feb 28, May 9, Sep 20, Oct 10.
    ['2026', 'holiday', 33],
    ['2026', 'makeup_workday', 6],
  ])('%s has the expected number of %s days', (year, kind, count) => {
    expect(OFFICIAL_CALENDAR_2025_2026.filter((d) => d.date.startsWith(year) && d.kind === kind)).toHaveLength(count);
  });

  it('never has more than 6 consecutive working days (放假办法 Art.7: a typo in the data would break this)', () => {
    let run = 0;
    let longest = 0;
    for (let d = '2025-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      run = calendar.isWorkingDay(d) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    expect(longest).toBe(6);
  });
});

describe('BusinessCalendar', () => {
  it.each([
    ['2026-02-14', { working: true, reason: 'makeup_workday', name: '春节调休上班', covered: true }],
    ['2026-02-16', { working: false, reason: 'holiday', name: '春节', covered: true }],
    // A Saturday inside a holiday block is reported as the holiday, which is what a clerk expects.
    ['2026-02-21', { working: false, reason: 'holiday', name: '春节', covered: true }],
    ['2025-10-06', { working: false, reason: 'holiday', name: '国庆节、中秋节', covered: true }],
    ['2026-03-07', { working: false, reason: 'weekend', covered: true }],
    ['2026-03-09', { working: true, reason: 'weekday', covered: true }],
    // 2027 is not published (open point 10): weekday rule, flagged as not covered.
    ['2027-01-01', { working: true, reason: 'weekday', covered: false }],
    ['2027-01-02', { working: false, reason: 'weekend', covered: false }],
  ])('dayInfo(%s)', (date, info) => {
    expect(calendar.dayInfo(date)).toEqual(info);
    expect(calendar.isWorkingDay(date)).toBe(info.working);
    expect(calendar.isRestDay(date)).toBe(!info.working);
  });

  it.each([
    ['2025-06-01', true],
    ['2026-12-31', true],
    ['2024-12-31', false],
    ['2027-01-01', false],
  ])('covers(%s) = %s', (date, covered) => {
    expect(calendar.covers(date)).toBe(covered);
  });

  it.each<[string, CalendarDay[], number[], RegExp]>([
    ['a make-up day on a weekday', [{ date: '2026-03-04', kind: 'makeup_workday', name: 'x' }], [2026], /not a Saturday/],
    ['a day outside the covered years', [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }], [2026], /outside/],
    [
      'a date listed twice',
      [
        { date: '2026-01-01', kind: 'holiday', name: '元旦' },
        { date: '2026-01-01', kind: 'holiday', name: '元旦' },
      ],
      [2026],
      /twice/,
    ],
    ['an impossible date', [{ date: '2026-02-30', kind: 'holiday', name: 'x' }], [2026], /Not a calendar date/],
  ])('refuses %s', (_label, days, years, error) => {
    expect(() => new BusinessCalendar(days, years)).toThrow(error);
  });

  it('refuses malformed date queries instead of guessing', () => {
    expect(() => calendar.dayInfo('2026-2-3')).toThrow(RangeError);
    expect(() => calendar.covers('2025-02-29')).toThrow(RangeError);
  });
});

describe('computeDue: calendar days (民法典 Art.201, 203)', () => {
  it.each<[string, string, number, string, string | undefined, string[]]>([
    // L1 labor mediation, received Mon 2026-09-28: 28 + 15 = Oct 13 (Tue). 国庆 Oct 1–7 lies inside
    // the period and is not deducted.
    ['L1 over 国庆', '2026-09-28T10:00', 15, '2026-10-13', undefined, []],
    // Sep 20 + 15 = Oct 5 (国庆) → Oct 5, 6, 7 skipped → Thu Oct 8.
    ['ends inside 国庆', '2026-09-20T09:00', 15, '2026-10-08', '2026-10-05', ['2026-10-05', '2026-10-06', '2026-10-07']],
    // Sep 25 + 15 = Sat Oct 10, a make-up working day: no roll (open point 9).
    ['ends on make-up Sat Oct 10', '2026-09-25T15:00', 15, '2026-10-10', undefined, []],
    // Thu Jun 4 + 30 = Sat Jul 4 → Sat, Sun skipped → Mon Jul 6.
    ['ends on a Saturday', '2026-06-04T11:00', 30, '2026-07-06', '2026-07-04', ['2026-07-04', '2026-07-05']],
    // Jan 19 + 30 = Feb 18 (春节 Feb 15–23) → Feb 18..23 skipped → Tue Feb 24.
    [
      'ends inside 春节',
      '2026-01-19T09:00',
      30,
      '2026-02-24',
      '2026-02-18',
      ['2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'],
    ],
    // C2 简易程序: Sat Feb 7 + 7 = Sat Feb 14, make-up day: no roll.
    ['7 days ending on make-up Sat Feb 14', '2026-02-07T10:00', 7, '2026-02-14', undefined, []],
    // Across the year: Dec 2 + 30 = Jan 1 (元旦 Jan 1–3) → Sun Jan 4, a make-up working day.
    ['rolls onto make-up Sun Jan 4', '2025-12-02T10:00', 30, '2026-01-04', '2026-01-01', ['2026-01-01', '2026-01-02', '2026-01-03']],
    // 2025: Sun Sep 28 + 5 = Oct 3 (国庆中秋 Oct 1–8) → Thu Oct 9.
    [
      'ends inside 2025 国庆中秋',
      '2025-09-28T10:00',
      5,
      '2025-10-09',
      '2025-10-03',
      ['2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'],
    ],
  ])('%s: %s + %i days → %s', (_label, start, n, dueDate, rolledFrom, skipped) => {
    const r = due(start, 'calendar_days', n);
    expect(r.dueDate).toBe(dueDate);
    expect(r.rolledFrom).toBe(rolledFrom);
    expect((r.rolledOver ?? []).map((d) => d.date)).toEqual(skipped);
    expect(r.dueAt).toEqual(endOfDay(dueDate));
    expect(r.calendarIncomplete).toBe(false);
  });

  it('keeps the working-out: start, unit, duration, and named skipped days', () => {
    expect(due('2026-01-19T09:00', 'calendar_days', 30)).toEqual({
      // 24:00 of Feb 24 local = 00:00 Feb 25 +08:00 = Feb 24 16:00Z.
      dueAt: new Date('2026-02-24T16:00:00.000Z'),
      dueDate: '2026-02-24',
      startDate: '2026-01-19',
      unit: 'calendar_days',
      duration: 30,
      rolledFrom: '2026-02-18',
      rolledOver: ['18', '19', '20', '21', '22', '23'].map((d) => ({ date: `2026-02-${d}`, reason: 'holiday', name: '春节' })),
      calendarIncomplete: false,
    });
    expect(due('2026-06-04T11:00', 'calendar_days', 30).rolledOver).toEqual([
      { date: '2026-07-04', reason: 'weekend' },
      { date: '2026-07-05', reason: 'weekend' },
    ]);
  });

  // The local date decides the first day, not the UTC date: all three instants below are on
  // UTC date 2026-03-01 or 03-02, but the Beijing dates differ.
  it.each([
    ['2026-03-02T23:30', '2026-03-02', '2026-03-09'], // = 2026-03-02T15:30Z
    ['2026-03-03T00:30', '2026-03-03', '2026-03-10'], // = 2026-03-02T16:30Z, local next day
    ['2026-03-02T07:30', '2026-03-02', '2026-03-09'], // = 2026-03-01T23:30Z
  ])('start %s (Beijing) counts from the day after %s', (start, startDate, dueDate) => {
    const r = due(start, 'calendar_days', 7);
    expect(r.startDate).toBe(startDate);
    expect(r.dueDate).toBe(dueDate);
  });
});

describe('computeDue: working days (DOMAIN.md §2 工作日)', () => {
  it.each([
    // C4, Fri Feb 13: Sat 14 make-up (1), 15–23 春节, Tue 24 (2), Wed 25 (3).
    ['2026-02-13T16:00', 3, '2026-02-25'],
    // Thu Feb 12: Fri 13 (1), Sat 14 make-up (2), Tue 24 (3).
    ['2026-02-12T16:00', 3, '2026-02-24'],
    // Fri 2025-04-25: Sat 26 rest, Sun 27 make-up (1), 28 (2), 29 (3), 30 (4), May 1–5 劳动节, Tue May 6 (5).
    ['2025-04-25T10:00', 5, '2025-05-06'],
    // Mon Sep 28: 29 (1), 30 (2), Oct 1–7 国庆, 8 (3), 9 (4), Sat 10 make-up (5), 12–16 (6–10),
    // 19–23 (11–15).
    ['2026-09-28T10:00', 15, '2026-10-23'],
    // Starting on a Saturday: Sun 8 rest, Mon 9 (1) … Fri 13 (5).
    ['2026-03-07T10:00', 5, '2026-03-13'],
    // Wed 2025-12-31: Jan 1–3 元旦, Sun Jan 4 make-up (1).
    ['2025-12-31T10:00', 1, '2026-01-04'],
    // M1 30 WD from Thu Apr 30: May 1–5 off; May 6–8 (1–3), Sat 9 make-up (4), 11–15 (5–9),
    // 18–22 (10–14), 25–29 (15–19), Jun 1–5 (20–24), 8–12 (25–29), Mon Jun 15 (30).
    ['2026-04-30T10:00', 30, '2026-06-15'],
  ])('%s + %i WD → %s', (start, n, dueDate) => {
    const r = due(start, 'working_days', n);
    expect(r.dueDate).toBe(dueDate);
    expect(r.rolledFrom).toBeUndefined();
    expect(r.dueAt).toEqual(endOfDay(dueDate));
    expect(r.calendarIncomplete).toBe(false);
  });
});

describe('computeDue: months (民法典 Art.202)', () => {
  it.each<[string, number, string, string | undefined]>([
    // Jan 31 + 1 month: no Feb 31 → Feb 28, which in 2026 is a make-up Saturday: no roll.
    ['2026-01-31T10:00', 1, '2026-02-28', undefined],
    // Aug 31 + 1 month → Sep 30 (Tue).
    ['2025-08-31T10:00', 1, '2025-09-30', undefined],
    ['2025-01-31T10:00', 1, '2025-02-28', undefined], // Fri
    // Sep 1 + 1 month = Oct 1, 2025 国庆中秋 Oct 1–8 → Thu Oct 9.
    ['2025-09-01T10:00', 1, '2025-10-09', '2025-10-01'],
    // P1 one month: Sep 7 → Oct 7 (国庆) → Thu Oct 8.
    ['2026-09-07T10:00', 1, '2026-10-08', '2026-10-07'],
    // Apr 30 → Sat May 30 → Mon Jun 1.
    ['2026-04-30T10:00', 1, '2026-06-01', '2026-05-30'],
    // Leap day + 12 months → 2025-02-28 (Fri); 2024 itself is never consulted.
    ['2024-02-29T10:00', 12, '2025-02-28', undefined],
  ])('%s + %i months → %s', (start, n, dueDate, rolledFrom) => {
    const r = due(start, 'months', n);
    expect(r.dueDate).toBe(dueDate);
    expect(r.rolledFrom).toBe(rolledFrom);
    expect(r.calendarIncomplete).toBe(false);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-11-15', 2, '2027-01-15'],
    ['2025-05-31', 13, '2026-06-30'],
  ])('addMonths(%s, %i) = %s', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });
});

describe('computeDue: hours (民法典 Art.201 ¶2)', () => {
  it.each([
    // F2 72 h across midnight.
    ['2026-03-10T22:30', 72, '2026-03-13T22:30', '2026-03-13'],
    // Ends on a 国庆 holiday: hour periods are not rolled.
    ['2026-09-30T20:00', 72, '2026-10-03T20:00', '2026-10-03'],
    // Urgent 24 h inside 春节.
    ['2026-02-16T01:15', 24, '2026-02-17T01:15', '2026-02-17'],
  ])('%s + %i h → %s', (start, n, dueAt, dueDate) => {
    const r = due(start, 'hours', n);
    expect(r.dueAt).toEqual(bj(dueAt));
    expect(r.dueDate).toBe(dueDate);
    expect(r.rolledFrom).toBeUndefined();
    expect(r.calendarIncomplete).toBe(false);
  });
});

describe('computeDue: years without a schedule (open point 10)', () => {
  it.each<[string, PeriodUnit, number, string, boolean]>([
    // Dec 20 + 30 = Tue 2027-01-19; 2027 元旦 unknown.
    ['2026-12-20T10:00', 'calendar_days', 30, '2027-01-19', true],
    // Tue Dec 29: 30 (1), 31 (2), Fri 2027-01-01 counted by the weekday rule (3), Mon 4 (4), Tue 5 (5).
    ['2026-12-29T10:00', 'working_days', 5, '2027-01-05', true],
    ['2026-12-15T10:00', 'months', 1, '2027-01-15', true],
    // Thu Nov 26 + 30 = Sat Dec 26 → Mon Dec 28: only 2026 consulted.
    ['2026-11-26T10:00', 'calendar_days', 30, '2026-12-28', false],
    // Hour periods never consult the calendar.
    ['2026-12-31T12:00', 'hours', 72, '2027-01-03', false],
    // Starting in 2024 is fine: the start day is not counted, so it is not consulted.
    // Dec 27 + 5 = Jan 1 2025 (元旦) → Thu Jan 2.
    ['2024-12-27T10:00', 'calendar_days', 5, '2025-01-02', false],
  ])('%s %s %i → %s, calendarIncomplete %s', (start, unit, n, dueDate, incomplete) => {
    const r = due(start, unit, n);
    expect(r.dueDate).toBe(dueDate);
    expect(r.calendarIncomplete).toBe(incomplete);
  });
});

describe('computeDue: input checks', () => {
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses duration %p', (duration) => {
    expect(() => computeDue({ start: bj('2026-03-02T10:00'), unit: 'calendar_days', duration, calendar })).toThrow(RangeError);
  });

  it('refuses an invalid start instant', () => {
    expect(() => computeDue({ start: new Date('nope'), unit: 'hours', duration: 1, calendar })).toThrow(RangeError);
  });
});

describe('pauseClock / resumeClock', () => {
  it.each<[string, string, PeriodUnit, number, string, string, string, number, string]>([
    // Mon Mar 2 + 15 = Mar 17. Paused Mar 5: 17 − 5 = 12 left. Resumed Mon Mar 9: 9 + 12 = Sat Mar 21
    // → Mon Mar 23 (Mar 6–9 added, i.e. 4 days).
    ['calendar days', '2026-03-02T10:00', 'calendar_days', 15, '2026-03-05T15:00', '2026-03-09T09:00', '2026-03-17', 12, '2026-03-23'],
    // Paused and resumed the same day: nothing changes.
    ['same-day pause', '2026-03-02T10:00', 'calendar_days', 15, '2026-03-05T10:00', '2026-03-05T16:00', '2026-03-17', 12, '2026-03-17'],
    // Paused on the last day: 0 left → the resume day (Thu Mar 19) is the last day.
    ['paused on the last day', '2026-03-02T10:00', 'calendar_days', 15, '2026-03-17T18:00', '2026-03-19T09:00', '2026-03-17', 0, '2026-03-19'],
    // Thu Sep 10 + 15 = Fri Sep 25 (中秋) → Mon Sep 28. Paused Mon Sep 21: 25 − 21 = 4 left (the
    // unrolled end). Resumed Wed Sep 30: Oct 4 (国庆) → Thu Oct 8.
    ['calendar days over holidays', '2026-09-10T10:00', 'calendar_days', 15, '2026-09-21T10:00', '2026-09-30T10:00', '2026-09-28', 4, '2026-10-08'],
    // Thu Jun 4 + 30 = Sat Jul 4 → Mon Jul 6. Paused Sun Jul 5, inside the rolled-over weekend:
    // nothing left but rest days → 0; resumed Tue Jul 7 → Jul 7.
    ['paused in the rolled-over tail', '2026-06-04T11:00', 'calendar_days', 30, '2026-07-05T10:00', '2026-07-07T10:00', '2026-07-06', 0, '2026-07-07'],
    // 5 WD from Mon Mar 2 → Mon Mar 9. Paused Wed Mar 4: Mar 5, 6, 9 left = 3. Resumed Mon Mar 16:
    // 17, 18, 19 → Thu Mar 19.
    ['working days', '2026-03-02T10:00', 'working_days', 5, '2026-03-04T11:00', '2026-03-16T09:00', '2026-03-09', 3, '2026-03-19'],
    // Paused on the last WD (Mon Mar 9): 0 left; resumed Sat Mar 14 → next working day Mon Mar 16.
    ['WD paused on the last day', '2026-03-02T10:00', 'working_days', 5, '2026-03-09T10:00', '2026-03-14T10:00', '2026-03-09', 0, '2026-03-16'],
    // 3 WD from Fri Feb 13 → Feb 25. Paused Sat Feb 14 (make-up, used): Feb 24, 25 left = 2.
    // Resumed Wed Feb 25: Thu 26 (1), Fri 27 (2) → Feb 27.
    ['WD over 春节', '2026-02-13T16:00', 'working_days', 3, '2026-02-14T10:00', '2026-02-25T10:00', '2026-02-25', 2, '2026-02-27'],
    // P1 one month from Mar 10 → Fri Apr 10. Paused Mar 20: Apr 10 − Mar 20 = 21 calendar days left.
    // Resumed Mar 30: Mar 30 + 21 = Mon Apr 20.
    ['months become calendar days', '2026-03-10T10:00', 'months', 1, '2026-03-20T10:00', '2026-03-30T10:00', '2026-04-10', 21, '2026-04-20'],
  ])('%s', (_label, start, unit, n, pausedAt, resumedAt, originalDue, remaining, newDue) => {
    const original = due(start, unit, n);
    expect(original.dueDate).toBe(originalDue);
    const paused = pauseClock(original, bj(pausedAt), calendar);
    expect(paused).toMatchObject({ remaining, pausedDate: pausedAt.slice(0, 10) });
    const resumed = resumeClock(paused, bj(resumedAt), calendar);
    expect(resumed).toMatchObject({
      dueDate: newDue,
      startDate: resumedAt.slice(0, 10),
      unit: unit === 'months' ? 'calendar_days' : unit,
      duration: remaining,
      calendarIncomplete: false,
    });
    expect(resumed.dueAt).toEqual(endOfDay(newDue));
  });

  it('hours: resumes with the exact time left', () => {
    // 72 h from Mar 10 22:30 → Mar 13 22:30. Paused Mar 11 10:30: 60 h left. Resumed Mar 12 08:00
    // → Mar 14 20:00.
    const paused = pauseClock(due('2026-03-10T22:30', 'hours', 72), bj('2026-03-11T10:30'), calendar);
    expect(paused).toMatchObject({ unit: 'hours', remainingMs: 60 * 3_600_000 });
    const resumed = resumeClock(paused, bj('2026-03-12T08:00'), calendar);
    expect(resumed).toMatchObject({ dueAt: bj('2026-03-14T20:00'), dueDate: '2026-03-14', unit: 'hours', duration: 60 });
  });

  it('chains: a second pause works on the result of the first resume', () => {
    const first = resumeClock(
      pauseClock(due('2026-03-02T10:00', 'calendar_days', 15), bj('2026-03-05T15:00'), calendar),
      bj('2026-03-09T09:00'),
      calendar,
    );
    expect(first).toMatchObject({ dueDate: '2026-03-23', rolledFrom: '2026-03-21' });
    // Paused Fri Mar 20: unrolled end Mar 21 − Mar 20 = 1 left. Resumed Wed Mar 25 → Thu Mar 26.
    const second = resumeClock(pauseClock(first, bj('2026-03-20T10:00'), calendar), bj('2026-03-25T09:00'), calendar);
    expect(second).toMatchObject({ dueDate: '2026-03-26', duration: 1 });
  });

  it('flags a resumed period that runs into an unpublished year', () => {
    // 5 WD from Mon Dec 21 → Mon Dec 28. Paused Tue Dec 22: 23, 24, 25, 28 left = 4. Resumed Wed Dec 30:
    // Thu 31 (1), Fri 2027-01-01 by weekday rule (2), Mon Jan 4 (3), Tue Jan 5 (4).
    const original = due('2026-12-21T10:00', 'working_days', 5);
    expect(original).toMatchObject({ dueDate: '2026-12-28', calendarIncomplete: false });
    const resumed = resumeClock(pauseClock(original, bj('2026-12-22T10:00'), calendar), bj('2026-12-30T10:00'), calendar);
    expect(resumed).toMatchObject({ dueDate: '2027-01-05', duration: 4, calendarIncomplete: true });
  });

  it.each([
    ['at the due instant', '2026-03-18T00:00', undefined, /expired/],
    ['after the due instant', '2026-03-20T10:00', undefined, /expired/],
    ['before the period started', '2026-03-01T10:00', undefined, /starts on/],
    ['resumed before paused', '2026-03-05T10:00', '2026-03-05T09:00', /before pausedAt/],
  ])('refuses a pause %s', (_label, pausedAt, resumedAt, error) => {
    const original = due('2026-03-02T10:00', 'calendar_days', 15); // due end of Mar 17
    expect(() => {
      const paused = pauseClock(original, bj(pausedAt), calendar);
      resumeClock(paused, bj(resumedAt ?? pausedAt), calendar);
    }).toThrow(error);
  });
});
