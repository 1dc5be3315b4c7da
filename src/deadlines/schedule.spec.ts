import { OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS } from './calendar-data';
import type { ReminderOffset } from './deadline-kinds';
import type { ReminderStage } from './deadline.entity';
import { BusinessCalendar } from './period';
import { decide, DUE_STAGE, firstAction, reminderStages, StageDecision } from './schedule';

const calendar = new BusinessCalendar(OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS);

/** A Beijing-time instant: '2026-11-24T20:00' → 2026-11-24T20:00:00+08:00. */
const bj = (local: string): Date => new Date(`${local}:00+08:00`);
const weekdayOf = (date: string): string =>
  ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${date}T00:00:00Z`).getUTCDay()];
/** 24:00 Beijing time of a date, computed independently of the code under test. */
const endOfDay = (date: string): Date => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000);
const hours = (before: number): ReminderOffset => ({ before, unit: 'hours' });
const calendarDays = (before: number): ReminderOffset => ({ before, unit: 'calendar_days' });
const workingDays = (before: number): ReminderOffset => ({ before, unit: 'working_days' });

// ---------------------------------------------------------------------------------------------
// reminderStages, worked out by hand:
//   hours: dueAt − N hours, exactly, whatever the day;
//   calendar_days: 09:00 (+08:00) on lastDay − N, never moved off a rest day;
//   working_days: 09:00 on the N-th working day before lastDay (holidays skipped, 调休 make-up
//   days counted).
// Calendar used (2025/2026 notices): 2025 春节 Jan 28–Feb 4 (make-up Sun Jan 26, Sat Feb 8);
// 2026 中秋 Sep 25–27 (make-up Sun Sep 20), 国庆 Oct 1–7 (make-up Sat Oct 10).
// ---------------------------------------------------------------------------------------------

describe('the weekdays these tests rely on', () => {
  it.each([
    ['2025-01-24', 'Fri'],
    ['2025-01-26', 'Sun'],
    ['2025-01-27', 'Mon'],
    ['2025-02-05', 'Wed'],
    ['2025-02-08', 'Sat'],
    ['2025-02-10', 'Mon'],
    ['2026-09-20', 'Sun'],
    ['2026-09-21', 'Mon'],
    ['2026-09-24', 'Thu'],
    ['2026-10-08', 'Thu'],
    ['2026-10-10', 'Sat'],
    ['2026-10-12', 'Mon'],
    ['2026-11-14', 'Sat'],
    ['2026-11-20', 'Fri'],
    ['2026-11-21', 'Sat'],
    ['2026-11-23', 'Mon'],
    ['2026-11-24', 'Tue'],
  ])('%s is a %s', (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });
});

describe('reminderStages: where each offset lands', () => {
  it.each<[string, string, string, ReminderOffset, string, string]>([
    // Triage received Mon Nov 23 10:00, 1 WD → last day Tue Nov 24, due 24:00 (= Nov 25 00:00).
    // 4 h before the exact due instant: Nov 24 20:00, after office hours: hours are not moved.
    ['hours before a day-based due instant', '2026-11-25T00:00', '2026-11-24', hours(4), '2026-11-23T10:00', '2026-11-24T20:00'],
    // Protection order 72 h from Mar 10 22:30 → due Mar 13 22:30; 24 h before: Mar 12 22:30.
    ['hours before an hour-based due instant', '2026-03-13T22:30', '2026-03-13', hours(24), '2026-03-10T22:30', '2026-03-12T22:30'],
    // Urgent 24 h order from Mon Feb 16 01:15 (除夕) → due Feb 17 01:15; 4 h before: Feb 16 21:15,
    // inside 春节: hour reminders ignore the calendar.
    ['hours inside 春节', '2026-02-17T01:15', '2026-02-17', hours(4), '2026-02-16T01:15', '2026-02-16T21:15'],
    // Last day Tue Nov 24 − 3 = Sat Nov 21, 09:00: a calendar-day reminder is not moved off a weekend.
    ['calendar days onto a Saturday', '2026-11-25T00:00', '2026-11-24', calendarDays(3), '2026-09-25T10:00', '2026-11-21T09:00'],
    // Last day Thu Oct 8 − 3 = Mon Oct 5, inside 国庆: not moved either.
    ['calendar days into 国庆', '2026-10-09T00:00', '2026-10-08', calendarDays(3), '2026-09-01T10:00', '2026-10-05T09:00'],
    // 0 days: 09:00 on the last day itself, still before 24:00.
    ['calendar days, 0 before', '2026-11-25T00:00', '2026-11-24', calendarDays(0), '2026-09-25T10:00', '2026-11-24T09:00'],
    // The working day before Tue Nov 24 is Mon Nov 23.
    ['1 WD, plain week', '2026-11-25T00:00', '2026-11-24', workingDays(1), '2026-11-20T10:00', '2026-11-23T09:00'],
    // Before Mon Nov 23: Sun 22 and Sat 21 are rest days → Fri Nov 20.
    ['1 WD over a weekend', '2026-11-24T00:00', '2026-11-23', workingDays(1), '2026-11-18T10:00', '2026-11-20T09:00'],
    // Before Thu Oct 8: Oct 7 … Oct 1 are 国庆 → Wed Sep 30.
    ['1 WD, the day before is in 国庆', '2026-10-09T00:00', '2026-10-08', workingDays(1), '2026-09-01T10:00', '2026-09-30T09:00'],
    // Before Thu Oct 8: Sep 30 (1), Tue Sep 29 (2).
    ['2 WD over 国庆', '2026-10-09T00:00', '2026-10-08', workingDays(2), '2026-09-01T10:00', '2026-09-29T09:00'],
    // Sep 30 (1), 29 (2), 28 (3), then 中秋 Sep 27, 26, 25 skipped → Thu Sep 24 (4).
    ['4 WD over 国庆 and 中秋', '2026-10-09T00:00', '2026-10-08', workingDays(4), '2026-09-01T10:00', '2026-09-24T09:00'],
    // Before Mon Oct 12: Sun Oct 11 rest, Sat Oct 10 the 国庆 make-up day counts (1).
    ['1 WD onto the make-up Sat Oct 10', '2026-10-13T00:00', '2026-10-12', workingDays(1), '2026-09-01T10:00', '2026-10-10T09:00'],
    // Sat Oct 10 (1), Fri Oct 9 (2).
    ['2 WD through the make-up Saturday', '2026-10-13T00:00', '2026-10-12', workingDays(2), '2026-09-01T10:00', '2026-10-09T09:00'],
    // Before Mon Sep 21: Sun Sep 20 is the 国庆 make-up day (1).
    ['1 WD onto the make-up Sun Sep 20', '2026-09-22T00:00', '2026-09-21', workingDays(1), '2026-09-01T10:00', '2026-09-20T09:00'],
    // 2025 春节: before Wed Feb 5, Feb 4 … Jan 28 are 春节 → Mon Jan 27 (1).
    ['1 WD before 2025 春节', '2025-02-06T00:00', '2025-02-05', workingDays(1), '2025-01-02T10:00', '2025-01-27T09:00'],
    // Jan 27 (1), Sun Jan 26 make-up (2).
    ['2 WD onto the make-up Sun 2025-01-26', '2025-02-06T00:00', '2025-02-05', workingDays(2), '2025-01-02T10:00', '2025-01-26T09:00'],
    // Jan 27 (1), Jan 26 (2), Sat Jan 25 rest, Fri Jan 24 (3).
    ['3 WD before 2025 春节', '2025-02-06T00:00', '2025-02-05', workingDays(3), '2025-01-02T10:00', '2025-01-24T09:00'],
    // Before Mon Feb 10: Sun Feb 9 rest, Sat Feb 8 make-up (1).
    ['1 WD onto the make-up Sat 2025-02-08', '2025-02-11T00:00', '2025-02-10', workingDays(1), '2025-01-02T10:00', '2025-02-08T09:00'],
  ])('%s', (_label, dueAt, lastDay, offset, from, at) => {
    const stages = reminderStages({ dueAt: bj(dueAt), lastDay, offsets: [offset], from: bj(from), calendar });
    expect(stages).toEqual([{ stage: 'remind-0', at: bj(at).toISOString(), before: offset.before, unit: offset.unit }]);
  });

  it('day-based due instants in this table are 24:00 of the last day', () => {
    // Guards the table above: dueAt was written by hand as the next day's 00:00.
    expect(bj('2026-11-25T00:00')).toEqual(endOfDay('2026-11-24'));
    expect(bj('2025-02-06T00:00')).toEqual(endOfDay('2025-02-05'));
  });
});

describe('reminderStages: which reminders are kept', () => {
  // Triage: last day Tue Nov 24, due Nov 25 00:00; 4 h before = Nov 24 20:00.
  const triage = (from: string, offsets: ReminderOffset[] = [hours(4)]) =>
    reminderStages({ dueAt: bj('2026-11-25T00:00'), lastDay: '2026-11-24', offsets, from: bj(from), calendar });

  it.each<[string, string, ReminderOffset[], string[]]>([
    // The reminder is strictly after `from`: kept.
    ['one minute before the reminder', '2026-11-24T19:59', [hours(4)], ['remind-0']],
    // At `from` exactly: it could not come before the clock was set, dropped.
    ['at the reminder instant', '2026-11-24T20:00', [hours(4)], []],
    // Past already (clock set at 21:00, e.g. received late): dropped; the miss is still enforced.
    ['after the reminder instant', '2026-11-24T21:00', [hours(4)], []],
    // 0 h before = the due instant itself: not before dueAt, dropped.
    ['a reminder at the due instant', '2026-11-23T10:00', [hours(0)], []],
    // −1 h = 01:00 on Nov 25, after dueAt: dropped.
    ['a reminder after the due instant', '2026-11-23T10:00', [hours(-1)], []],
    // 1 WD (Mon Nov 23 09:00) is before the triage was received (Nov 23 10:00): dropped; the 4 h
    // reminder keeps its own index.
    ['an earlier offset already past', '2026-11-23T10:00', [workingDays(1), hours(4)], ['remind-1']],
  ])('%s', (_label, from, offsets, stages) => {
    expect(triage(from, offsets).map((s) => s.stage)).toEqual(stages);
  });

  it('drops a 09:00 day reminder that comes after an hour-based due instant', () => {
    // Urgent order due Tue Feb 17 01:15: "0 calendar days before" = Feb 17 09:00, after the due
    // instant → dropped; 1 calendar day = Feb 16 09:00, after the start (01:15) → kept.
    const stages = reminderStages({
      dueAt: bj('2026-02-17T01:15'),
      lastDay: '2026-02-17',
      offsets: [calendarDays(0), calendarDays(1)],
      from: bj('2026-02-16T01:15'),
      calendar,
    });
    expect(stages).toEqual([{ stage: 'remind-1', at: bj('2026-02-16T09:00').toISOString(), before: 1, unit: 'calendar_days' }]);
  });

  it('keeps the offset index in the stage name when an earlier offset is dropped', () => {
    // Petition handling received Fri Sep 25 10:00: Sep 25 + 60 = Tue Nov 24. Reminders 10 and 3
    // calendar days before: Sat Nov 14 09:00 and Sat Nov 21 09:00. Clock (re)set on Mon Nov 16:
    // only the second one is still ahead, and it stays "remind-1".
    const stages = reminderStages({
      dueAt: bj('2026-11-25T00:00'),
      lastDay: '2026-11-24',
      offsets: [calendarDays(10), calendarDays(3)],
      from: bj('2026-11-16T10:00'),
      calendar,
    });
    expect(stages).toEqual([{ stage: 'remind-1', at: bj('2026-11-21T09:00').toISOString(), before: 3, unit: 'calendar_days' }]);
  });

  it('sorts several offsets by instant, whatever their order and unit', () => {
    // Last day Tue Nov 24, due Nov 25 00:00, clock set Fri Sep 25:
    //   remind-0  1 WD   → Mon Nov 23 09:00
    //   remind-1  3 days → Sat Nov 21 09:00
    //   remind-2  4 h    → Tue Nov 24 20:00
    //   remind-3 10 days → Sat Nov 14 09:00
    const stages = reminderStages({
      dueAt: bj('2026-11-25T00:00'),
      lastDay: '2026-11-24',
      offsets: [workingDays(1), calendarDays(3), hours(4), calendarDays(10)],
      from: bj('2026-09-25T10:00'),
      calendar,
    });
    expect(stages).toEqual([
      { stage: 'remind-3', at: bj('2026-11-14T09:00').toISOString(), before: 10, unit: 'calendar_days' },
      { stage: 'remind-1', at: bj('2026-11-21T09:00').toISOString(), before: 3, unit: 'calendar_days' },
      { stage: 'remind-0', at: bj('2026-11-23T09:00').toISOString(), before: 1, unit: 'working_days' },
      { stage: 'remind-2', at: bj('2026-11-24T20:00').toISOString(), before: 4, unit: 'hours' },
    ]);
  });

  it('returns nothing for no offsets', () => {
    expect(triage('2026-11-23T10:00', [])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// decide: petition handling due Tue Nov 24 (24:00 = Nov 25 00:00), reminders 10 and 3 calendar
// days before the last day: Sat Nov 14 09:00 and Sat Nov 21 09:00.
// ---------------------------------------------------------------------------------------------

describe('decide', () => {
  const dueAt = bj('2026-11-25T00:00');
  const r0: ReminderStage = { stage: 'remind-0', at: bj('2026-11-14T09:00').toISOString(), before: 10, unit: 'calendar_days' };
  const r1: ReminderStage = { stage: 'remind-1', at: bj('2026-11-21T09:00').toISOString(), before: 3, unit: 'calendar_days' };
  const reminders = [r0, r1];

  it('names the due stage "due"', () => {
    expect(DUE_STAGE).toBe('due');
  });

  it.each<[string, string, string[], StageDecision]>([
    // Nothing has come yet: look again at the first reminder.
    ['before any reminder', '2026-11-14T08:59', [], { act: 'none', next: bj('2026-11-14T09:00') }],
    // The reminder's instant itself counts as come (<=); next is the second reminder.
    ['at reminder 0', '2026-11-14T09:00', [], { act: 'remind', stage: r0, next: bj('2026-11-21T09:00') }],
    ['after reminder 0, not sent', '2026-11-16T10:00', [], { act: 'remind', stage: r0, next: bj('2026-11-21T09:00') }],
    // Reminder 0 sent: nothing until reminder 1.
    ['after reminder 0, sent', '2026-11-16T10:00', ['remind-0'], { act: 'none', next: bj('2026-11-21T09:00') }],
    // A worker was down over both: only the latest is sent (one message, not two); next is the due.
    ['both passed, none sent', '2026-11-23T10:00', [], { act: 'remind', stage: r1, next: dueAt }],
    // The earlier one was sent but the later one has come since: send the later one.
    ['both passed, only reminder 0 sent', '2026-11-23T10:00', ['remind-0'], { act: 'remind', stage: r1, next: dueAt }],
    // The latest was sent: nothing until the due instant (reminder 0 is never sent late).
    ['both passed, latest sent', '2026-11-23T10:00', ['remind-1'], { act: 'none', next: dueAt }],
    ['both passed, both sent', '2026-11-24T23:59', ['remind-0', 'remind-1'], { act: 'none', next: dueAt }],
    // At the due instant (24:00 of the last day) the period has run out: the miss, reminders moot.
    ['at the due instant', '2026-11-25T00:00', [], { act: 'miss', next: null }],
    ['after the due instant, reminders sent', '2026-11-26T10:00', ['remind-0', 'remind-1'], { act: 'miss', next: null }],
    // The miss was already recorded: nothing left, ever.
    ['after the due instant, miss recorded', '2026-11-26T10:00', ['due'], { act: 'none', next: null }],
    ['at the due instant, miss recorded', '2026-11-25T00:00', ['remind-1', 'due'], { act: 'none', next: null }],
  ])('%s', (_label, now, done, decision) => {
    expect(decide({ dueAt, reminders, done: new Set(done), now: bj(now) })).toEqual(decision);
  });

  it.each<[string, string, StageDecision]>([
    // No reminders (all dropped, or none in the policy): wait for the due instant.
    ['before the due instant', '2026-11-16T10:00', { act: 'none', next: dueAt }],
    ['at the due instant', '2026-11-25T00:00', { act: 'miss', next: null }],
  ])('without reminders, %s', (_label, now, decision) => {
    expect(decide({ dueAt, reminders: [], done: new Set(), now: bj(now) })).toEqual(decision);
  });
});

describe('firstAction', () => {
  const dueAt = bj('2026-11-25T00:00');
  it.each<[string, ReminderStage[], Date]>([
    // The earliest reminder (the list is sorted by reminderStages).
    [
      'the first reminder',
      [
        { stage: 'remind-0', at: bj('2026-11-14T09:00').toISOString(), before: 10, unit: 'calendar_days' },
        { stage: 'remind-1', at: bj('2026-11-21T09:00').toISOString(), before: 3, unit: 'calendar_days' },
      ],
      bj('2026-11-14T09:00'),
    ],
    // No reminder: the due instant itself.
    ['the due instant', [], dueAt],
  ])('is %s', (_label, reminders, at) => {
    expect(firstAction(dueAt, reminders)).toEqual(at);
  });
});
