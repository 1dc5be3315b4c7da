import { OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS } from './calendar-data';
import { BusinessCalendar, CalendarDay, computeDue, pauseClock, PeriodUnit, resumeClock } from './period';
import { DeadlineHistory, replay } from './replay';

const calendar = new BusinessCalendar(OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS);

/** A Beijing-time instant: '2026-09-29T10:00' → 2026-09-29T10:00:00+08:00. */
const bj = (local: string): Date => new Date(`${local}:00+08:00`);
/** The ISO string a deadline row stores for a Beijing-time instant. */
const iso = (local: string): string => bj(local).toISOString();
const weekdayOf = (date: string): string =>
  ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${date}T00:00:00Z`).getUTCDay()];
/** 24:00 Beijing time of a date, computed independently of the code under test. */
const endOfDay = (date: string): Date => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000);
/** Where an extension counts from: one instant before the old bound (as DeadlinesService.extend). */
const justBefore = (date: string): Date => new Date(endOfDay(date).getTime() - 1);

const history = (start: string, unit: PeriodUnit, duration: number, more: Partial<DeadlineHistory> = {}): DeadlineHistory => ({
  startAt: bj(start),
  unit,
  duration,
  pauses: [],
  extensions: [],
  ...more,
});

// A synthetic 2027 schedule (the real one is published in November 2026): 春节 Sat Feb 6 – Fri Feb 12.
const SPRING_FESTIVAL_2027: CalendarDay[] = ['06', '07', '08', '09', '10', '11', '12'].map((d) => ({
  date: `2027-02-${d}`,
  kind: 'holiday',
  name: '春节',
}));
const calendarWith2027 = new BusinessCalendar([...OFFICIAL_CALENDAR_2025_2026, ...SPRING_FESTIVAL_2027], [...OFFICIAL_CALENDAR_YEARS, 2027]);

describe('the weekdays these tests rely on', () => {
  it.each([
    ['2026-03-02', 'Mon'],
    ['2026-03-21', 'Sat'],
    ['2026-03-23', 'Mon'],
    ['2026-03-26', 'Thu'],
    ['2026-03-31', 'Tue'],
    ['2026-04-02', 'Thu'],
    ['2026-05-09', 'Sat'],
    ['2026-06-08', 'Mon'],
    ['2026-09-14', 'Mon'],
    ['2026-09-28', 'Mon'],
    ['2026-10-10', 'Sat'],
    ['2026-10-13', 'Tue'],
    ['2027-01-25', 'Mon'],
    ['2027-02-06', 'Sat'],
    ['2027-02-12', 'Fri'],
    ['2027-02-15', 'Mon'],
    ['2027-02-17', 'Wed'],
    ['2027-02-22', 'Mon'],
    ['2027-02-24', 'Wed'],
  ])('%s is a %s', (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });
});

describe('replay: no history', () => {
  it.each<[string, PeriodUnit, number, string]>([
    // Mon Sep 28: 29 (1), 30 (2), Oct 1–7 国庆, 8 (3), 9 (4), Sat 10 make-up (5), 12–16 (6–10), 19–23 (11–15).
    ['2026-09-28T10:00', 'working_days', 15, '2026-10-23'],
    // Mar 10 + 60 = Sat May 9, the 劳动节 make-up day: no roll.
    ['2026-03-10T10:00', 'calendar_days', 60, '2026-05-09'],
  ])('%s, %s %i: computeDue itself', (start, unit, duration, dueDate) => {
    const h = history(start, unit, duration);
    const r = replay(h, calendar);
    expect(r).toEqual({ due: computeDue({ start: bj(start), unit, duration, calendar }), countedFrom: bj(start) });
    expect(r.due.dueDate).toBe(dueDate);
    expect(r.due.dueAt).toEqual(endOfDay(dueDate));
    expect(r.paused).toBeUndefined();
    expect(r.extendedFrom).toBeUndefined();
  });
});

describe('replay: pauses', () => {
  // 15 WD from Mon Sep 14: 15–18 (1–4), Sat 19 rest, Sun 20 make-up (5), 21–24 (6–9), 中秋 25–27,
  // 28–30 (10–12), 国庆 Oct 1–7, 8 (13), 9 (14), Sat Oct 10 make-up (15) → Oct 10.
  const start = '2026-09-14T10:00';

  it('pause and resume over 国庆 (working days)', () => {
    // Paused Tue Sep 29: left = Sep 30, Oct 8, 9, 10 = 4 WD. Resumed Thu Oct 8 09:00 (not counted):
    // Fri Oct 9 (1), Sat Oct 10 make-up (2), Sun 11 rest, Mon 12 (3), Tue 13 (4) → Oct 13.
    const h = history(start, 'working_days', 15, { pauses: [{ pausedAt: iso('2026-09-29T10:00'), resumedAt: iso('2026-10-08T09:00') }] });
    const r = replay(h, calendar);
    expect(r.due).toMatchObject({ dueDate: '2026-10-13', startDate: '2026-10-08', unit: 'working_days', duration: 4, calendarIncomplete: false });
    expect(r.due.dueAt).toEqual(endOfDay('2026-10-13'));
    expect(r.countedFrom).toEqual(bj('2026-10-08T09:00'));
    expect(r.paused).toBeUndefined();

    // The same steps by hand.
    const original = computeDue({ start: bj(start), unit: 'working_days', duration: 15, calendar });
    expect(original.dueDate).toBe('2026-10-10');
    const byHand = resumeClock(pauseClock(original, bj('2026-09-29T10:00'), calendar), bj('2026-10-08T09:00'), calendar);
    expect(r.due).toEqual(byHand);
  });

  it('a history still paused returns the stopped clock', () => {
    // Paused Tue Sep 29, not resumed: Sep 30, Oct 8, 9, 10 left = 4 WD; the due is the original.
    const h = history(start, 'working_days', 15, { pauses: [{ pausedAt: iso('2026-09-29T10:00') }] });
    const r = replay(h, calendar);
    expect(r.paused).toEqual({
      unit: 'working_days',
      remaining: 4,
      pausedAt: bj('2026-09-29T10:00'),
      pausedDate: '2026-09-29',
      calendarIncomplete: false,
    });
    expect(r.due.dueDate).toBe('2026-10-10');
    expect(r.countedFrom).toEqual(bj(start));
  });

  it('a resumed pause followed by a second, open pause', () => {
    // Resumed as above → Oct 13. Paused again Mon Oct 12: left = Tue Oct 13 = 1 WD.
    const h = history(start, 'working_days', 15, {
      pauses: [{ pausedAt: iso('2026-09-29T10:00'), resumedAt: iso('2026-10-08T09:00') }, { pausedAt: iso('2026-10-12T15:00') }],
    });
    const r = replay(h, calendar);
    expect(r.paused).toMatchObject({ unit: 'working_days', remaining: 1, pausedDate: '2026-10-12' });
    expect(r.due.dueDate).toBe('2026-10-13');
    expect(r.countedFrom).toEqual(bj('2026-10-08T09:00'));
  });
});

describe('replay: extensions', () => {
  it.each<[string, string, number, string, string, number, string, string]>([
    // Petition handling: Mar 10 + 60 = Sat May 9 (make-up day). +30 counted from May 10:
    // May 9 + 30 = Jun 8 (22 days to May 31, 8 more), a Monday.
    ['from a make-up Saturday', '2026-03-10T10:00', 60, '2026-05-09', '2026-05-06T10:00', 30, '2026-06-08', '2026-06-08'],
    // Jan 19 + 30 = Feb 18 (春节) → Tue Feb 24. The extension counts from the rolled last day:
    // Feb 24 + 30 = Mar 26 (4 days to Feb 28, 26 more), a Thursday.
    ['from a rolled last day', '2026-01-19T09:00', 30, '2026-02-24', '2026-02-20T10:00', 30, '2026-03-26', '2026-03-26'],
    // Sep 10 + 15 = Fri Sep 25 (中秋) → Mon Sep 28. +5: Sep 28 + 5 = Oct 3 (国庆) → Thu Oct 8: the
    // extended end rolls like any other.
    ['ending inside 国庆', '2026-09-10T10:00', 15, '2026-09-28', '2026-09-28T10:00', 5, '2026-10-08', '2026-10-03'],
  ])('%s', (_label, start, duration, lastDay, at, extension, dueDate, unrolled) => {
    const h = history(start, 'calendar_days', duration, { extensions: [{ duration: extension, at: iso(at) }] });
    const r = replay(h, calendar);
    expect(r.extendedFrom).toBe(lastDay);
    expect(r.countedFrom).toEqual(justBefore(lastDay));
    expect(r.due).toMatchObject({ dueDate, startDate: lastDay, unit: 'calendar_days', duration: extension });
    expect(r.due.rolledFrom ?? r.due.dueDate).toBe(unrolled);
    expect(r.due.dueAt).toEqual(endOfDay(dueDate));
  });

  it('two extensions in a row count from each other', () => {
    // Mar 10 + 60 = May 9; +30 → Jun 8; +10 from Jun 8 → Jun 18 (Thu; 端午 is Jun 19–21).
    const h = history('2026-03-10T10:00', 'calendar_days', 60, {
      extensions: [
        { duration: 10, at: iso('2026-06-01T10:00') },
        { duration: 30, at: iso('2026-05-06T10:00') },
      ],
    });
    const r = replay(h, calendar);
    expect(r.due.dueDate).toBe('2026-06-18');
    expect(r.extendedFrom).toBe('2026-06-08');
  });
});

describe('replay: a pause after an early extension', () => {
  it('pauses the extended period before the old last day (regression)', () => {
    // 15 days from Mar 2 → Tue Mar 17; extended by 10 on Mar 4 → Fri Mar 27. Paused Mar 5, 22
    // days left (Mar 5 → Mar 27); resumed Mon Mar 9: Mar 9 + 22 = Tue Mar 31.
    const h = history('2026-03-02T10:00', 'calendar_days', 15, {
      extensions: [{ duration: 10, at: iso('2026-03-04T10:00') }],
      pauses: [{ pausedAt: iso('2026-03-05T15:00'), resumedAt: iso('2026-03-09T09:00') }],
    });
    const r = replay(h, calendar);
    expect(r.due.dueDate).toBe('2026-03-31');
    expect(r.due.dueAt).toEqual(endOfDay('2026-03-31'));
  });

  it('still refuses a pause dated before the period itself started', () => {
    const extended = replay(history('2026-03-02T10:00', 'calendar_days', 15, { extensions: [{ duration: 10, at: iso('2026-03-04T10:00') }] }), calendar);
    expect(extended.due.periodStartDate).toBe('2026-03-02');
    expect(() => pauseClock(extended.due, bj('2026-03-01T10:00'), calendar)).toThrow(/the period starts on 2026-03-02/);
  });
});

describe('replay: steps apply in time order', () => {
  // Mon Mar 2 + 15 = Mar 17. Paused Thu Mar 5 15:00: 17 − 5 = 12 left. Resumed Mon Mar 9 09:00:
  // Mar 9 + 12 = Sat Mar 21 → Mon Mar 23.
  const firstPause = { pausedAt: iso('2026-03-05T15:00'), resumedAt: iso('2026-03-09T09:00') };

  it.each<[string, DeadlineHistory['pauses'], DeadlineHistory['extensions'], string, string | undefined, Date]>([
    // Extension after the resumption: Mar 23 + 10 = Thu Apr 2.
    ['pause, then extension', [firstPause], [{ duration: 10, at: iso('2026-03-20T10:00') }], '2026-04-02', '2026-03-23', justBefore('2026-03-23')],
    // Extension on Mon Mar 16: Mar 17 + 10 = Fri Mar 27. Paused Fri Mar 20, which only the extension
    // allows (the original period ended at 24:00 Mar 17): 27 − 20 = 7 left. Resumed Tue Mar 24:
    // Mar 24 + 7 = Tue Mar 31. The resumption produced the due, so no extendedFrom.
    [
      'extension, then a pause inside the extended time',
      [{ pausedAt: iso('2026-03-20T10:00'), resumedAt: iso('2026-03-24T09:00') }],
      [{ duration: 10, at: iso('2026-03-16T10:00') }],
      '2026-03-31',
      undefined,
      bj('2026-03-24T09:00'),
    ],
    // Extension recorded at the very instant of the resumption: the resumption comes first
    // (otherwise the resumption would overwrite it) → as "pause, then extension": Apr 2.
    ['extension at the resumption instant', [firstPause], [{ duration: 10, at: iso('2026-03-09T09:00') }], '2026-04-02', '2026-03-23', justBefore('2026-03-23')],
    // Pauses stored out of order: first → Mar 23 (rolled from Sat Mar 21). Paused Fri Mar 20:
    // 21 − 20 = 1 left. Resumed Wed Mar 25: Thu Mar 26.
    [
      'pauses listed out of order',
      [{ pausedAt: iso('2026-03-20T10:00'), resumedAt: iso('2026-03-25T09:00') }, firstPause],
      [],
      '2026-03-26',
      undefined,
      bj('2026-03-25T09:00'),
    ],
  ])('%s', (_label, pauses, extensions, dueDate, extendedFrom, countedFrom) => {
    const r = replay(history('2026-03-02T10:00', 'calendar_days', 15, { pauses, extensions }), calendar);
    expect(r.due.dueDate).toBe(dueDate);
    expect(r.due.dueAt).toEqual(endOfDay(dueDate));
    expect(r.extendedFrom).toBe(extendedFrom);
    expect(r.countedFrom).toEqual(countedFrom);
    expect(r.paused).toBeUndefined();
  });
});

describe('replay: histories that no longer fit', () => {
  it.each<[string, DeadlineHistory['pauses'], RegExp]>([
    // Mar 2 + 15 → due 24:00 Mar 17; a pause on Mar 18 comes after the period ended.
    ['a pause after the end', [{ pausedAt: iso('2026-03-18T10:00') }], /expired/],
    // Resumed before it was paused: the resumption sorts first and finds no pause.
    ['a resumption before its pause', [{ pausedAt: iso('2026-03-05T10:00'), resumedAt: iso('2026-03-04T10:00') }], /without a pause/],
  ])('throws RangeError for %s', (_label, pauses, message) => {
    const h = history('2026-03-02T10:00', 'calendar_days', 15, { pauses });
    expect(() => replay(h, calendar)).toThrow(RangeError);
    expect(() => replay(h, calendar)).toThrow(message);
  });
});

describe('replay: a newly published year moves the due date', () => {
  // 15 WD from Mon 2027-01-25, paused Wed Jan 27, resumed Fri Jan 29.
  const h = history('2027-01-25T10:00', 'working_days', 15, {
    pauses: [{ pausedAt: iso('2027-01-27T10:00'), resumedAt: iso('2027-01-29T10:00') }],
  });

  it.each<[string, BusinessCalendar, string, string, boolean]>([
    // Weekday rule only. Original: Jan 26–29 (1–4), Feb 1–5 (5–9), 8–12 (10–14), Mon 15 (15).
    // Paused Jan 27: Jan 28, 29, Feb 1–5, 8–12, 15 = 13 left. Resumed Jan 29: Feb 1–5 (1–5),
    // 8–12 (6–10), 15, 16, 17 (11–13) → Wed Feb 17; flagged incomplete.
    ['without 2027', calendar, '2027-02-15', '2027-02-17', true],
    // 春节 Feb 6–12. Original: Jan 26–29 (1–4), Feb 1–5 (5–9), 15–19 (10–14), Mon 22 (15).
    // Paused Jan 27: Jan 28, 29, Feb 1–5, 15–19, 22 = 13 left. Resumed Jan 29: Feb 1–5 (1–5),
    // 15–19 (6–10), 22, 23, 24 (11–13) → Wed Feb 24.
    ['with 2027 春节', calendarWith2027, '2027-02-22', '2027-02-24', false],
  ])('%s', (_label, cal, originalDue, dueDate, incomplete) => {
    expect(computeDue({ start: h.startAt, unit: 'working_days', duration: 15, calendar: cal }).dueDate).toBe(originalDue);
    const r = replay(h, cal);
    expect(r.due).toMatchObject({ dueDate, duration: 13, calendarIncomplete: incomplete });
    expect(r.due.dueAt).toEqual(endOfDay(dueDate));
  });

  it('the published holiday makes the due date later', () => {
    expect(replay(h, calendarWith2027).due.dueAt.getTime()).toBeGreaterThan(replay(h, calendar).due.dueAt.getTime());
  });

  it('a pause that fits only one calendar: RangeError under the other', () => {
    // 15 WD from Jan 25 without resumption, paused Wed Feb 17. With 春节 the period runs to Feb 22:
    // Feb 18, 19, 22 left = 3. Without it the period ended at 24:00 Feb 15: the pause comes too late.
    const paused = history('2027-01-25T10:00', 'working_days', 15, { pauses: [{ pausedAt: iso('2027-02-17T10:00') }] });
    expect(replay(paused, calendarWith2027).paused).toMatchObject({ unit: 'working_days', remaining: 3, pausedDate: '2027-02-17' });
    expect(() => replay(paused, calendar)).toThrow(RangeError);
  });
});
