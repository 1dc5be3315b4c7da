/**
 * Period arithmetic (期间计算) over the Chinese business calendar. Pure functions: no clock, no I/O.
 *
 * Dates are local civil dates in Asia/Shanghai as 'YYYY-MM-DD'; instants are JS Dates.
 *
 * A fixed +08:00 offset is used instead of a tz database: China has observed no daylight saving
 * time since 1991, so +08:00 is exact for every instant this system handles, and the result
 * cannot drift with the ICU/tzdata build of the runtime image.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------------------------
// Local-date helpers
// ---------------------------------------------------------------------------------------------

function parseIsoDate(date: string): { y: number; m: number; d: number; day: number } {
  const match = ISO_DATE.exec(date);
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const day = Date.UTC(y, m - 1, d) / DAY_MS;
    // Date.UTC silently normalises 2026-02-30 to March 2; reject instead of guessing.
    if (toIsoDate(day) === date) return { y, m, d, day };
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

/** Day number (days since 1970-01-01) → 'YYYY-MM-DD'. */
function toIsoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function assertInstant(instant: Date, what: string): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`${what} must be a valid Date`);
  }
}

/** The Asia/Shanghai civil date of an instant. */
export function localDateOf(instant: Date): string {
  assertInstant(instant, 'instant');
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 Asia/Shanghai of a civil date, as an instant. */
export function startOfLocalDay(date: string): Date {
  return new Date(parseIsoDate(date).day * DAY_MS - SHANGHAI_OFFSET_MS);
}

export function addDays(date: string, days: number): string {
  return toIsoDate(parseIsoDate(date).day + days);
}

/** b − a in days (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return parseIsoDate(b).day - parseIsoDate(a).day;
}

/**
 * The corresponding date `months` later, or the last day of that month when it has no such day:
 * 民法典 Art.202 (按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日).
 */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parseIsoDate(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12; // 0-based
  const lastDay = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return toIsoDate(Date.UTC(ty, tm, Math.min(d, lastDay)) / DAY_MS);
}

// ---------------------------------------------------------------------------------------------
// Business calendar
// ---------------------------------------------------------------------------------------------

/** One exception to the Mon–Fri week, as published in the annual 国务院办公厅 notice. */
export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'makeup_workday';
  name: string;
}

export type DayReason = 'weekday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface DayInfo {
  working: boolean;
  reason: DayReason;
  name?: string;
  /** false: the date's year has no loaded schedule, so `working` is only the weekday rule. */
  covered: boolean;
}

/**
 * Working days (工作日) = Mon–Fri (国务院关于职工工作时间的规定 Art.3, 7) minus the holiday days off,
 * plus the 调休 make-up working days; everything else is a rest day (DOMAIN.md §2).
 */
export class BusinessCalendar {
  private readonly exceptions = new Map<string, CalendarDay>();
  private readonly years: ReadonlySet<number>;

  constructor(days: readonly CalendarDay[], coveredYears: readonly number[]) {
    for (const year of coveredYears) {
      if (!Number.isInteger(year)) throw new RangeError(`Covered year must be an integer: ${year}`);
    }
    this.years = new Set(coveredYears);
    for (const entry of days) {
      const { y, day } = parseIsoDate(entry.date);
      // Data errors are refused at load time: a wrong notice must not quietly shift deadlines.
      if (!this.years.has(y)) throw new RangeError(`${entry.date} is outside the covered years`);
      if (this.exceptions.has(entry.date)) throw new RangeError(`${entry.date} is listed twice`);
      if (entry.kind === 'makeup_workday' && !isWeekend(day)) {
        throw new RangeError(`${entry.date} is a make-up working day but not a Saturday or Sunday`);
      }
      this.exceptions.set(entry.date, { ...entry });
    }
  }

  /** Whether the schedule for this date's year has been loaded. */
  covers(date: string): boolean {
    return this.years.has(parseIsoDate(date).y);
  }

  /**
   * Outside the covered years this falls back to the plain weekday rule, and says so through
   * `covered: false`; the period functions surface that as `calendarIncomplete`.
   */
  dayInfo(date: string): DayInfo {
    const { y, day } = parseIsoDate(date);
    const covered = this.years.has(y);
    const exception = this.exceptions.get(date);
    if (exception?.kind === 'holiday') return { working: false, reason: 'holiday', name: exception.name, covered };
    if (exception?.kind === 'makeup_workday') {
      return { working: true, reason: 'makeup_workday', name: exception.name, covered };
    }
    if (isWeekend(day)) return { working: false, reason: 'weekend', covered };
    return { working: true, reason: 'weekday', covered };
  }

  isWorkingDay(date: string): boolean {
    return this.dayInfo(date).working;
  }

  isRestDay(date: string): boolean {
    return !this.dayInfo(date).working;
  }
}

function isWeekend(day: number): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

// ---------------------------------------------------------------------------------------------
// Due dates
// ---------------------------------------------------------------------------------------------

export type PeriodUnit = 'calendar_days' | 'working_days' | 'months' | 'hours';

export interface DueInput {
  /** The triggering instant (receipt, acceptance, signature...). */
  start: Date;
  unit: PeriodUnit;
  /** Positive integer number of units. */
  duration: number;
  calendar: BusinessCalendar;
}

export interface SkippedDay {
  date: string;
  reason: 'weekend' | 'holiday';
  name?: string;
}

/** The due time plus the working-out, so a clerk can see why the date is what it is. */
export interface DueResult {
  /**
   * Exclusive bound: the act is on time iff it happens before dueAt. For day-based units this is
   * 00:00 (+08:00) of the day after dueDate: 民法典 Art.203 ¶2 ends the last day at 24:00. The
   * alternative "close of business" cut-off of the same article is an office-hours policy that
   * callers may apply on top; the statutory outer bound is what the clock enforces.
   */
  dueAt: Date;
  /** Last day of the period (local). For hours: the local date of dueAt. */
  dueDate: string;
  /** Local date of the start instant; it is not itself counted. */
  startDate: string;
  unit: PeriodUnit;
  duration: number;
  /** The end date before rolling off rest days (only when a roll happened). */
  rolledFrom?: string;
  /** The rest days skipped at the end (only when a roll happened). */
  rolledOver?: SkippedDay[];
  /** Some day that was consulted lies in a year without a loaded schedule (weekday rule used). */
  calendarIncomplete: boolean;
  /**
   * Set on an extension: the local date the whole period started. An extension is counted from
   * the old last day (its `startDate`), but the clock has been running since this date, and a
   * pause anywhere from here on is a pause of the same period.
   */
  periodStartDate?: string;
}

/**
 * Extends a running period by `duration` units counted from the day after its current last day
 * (one instant before the exclusive bound is still that last day, and the first day is never
 * counted).
 */
export function extendDue(due: DueResult, unit: PeriodUnit, duration: number, calendar: BusinessCalendar): DueResult {
  const from = new Date(due.dueAt.getTime() - 1);
  return { ...computeDue({ start: from, unit, duration, calendar }), periodStartDate: due.periodStartDate ?? due.startDate };
}

/**
 * Statutory rules (DOMAIN.md §2):
 * - The first day is not counted; counting starts the next local date (民法典 Art.201; 民诉法
 *   Art.85 ¶2). The *local* date decides: 23:30 and 00:30 Beijing time start on different days.
 * - calendar_days: end = startDate + N; rest days inside the period are not deducted, but an end
 *   on a rest day moves to the next working day (民法典 Art.203 ¶1; 民诉法 Art.85 ¶3). The statutes
 *   say 法定休假日; ordinary Saturdays and Sundays roll too, as the SPC treats them (DOMAIN.md [S24]).
 * - working_days: the N-th working day after startDate; 调休 make-up days count, holidays don't.
 * - months: corresponding date (clamped to month end, Art.202), then rolled like calendar days.
 * - hours: start + N hours exactly; an hour period starts at the stated time (Art.201 ¶1) and
 *   is not rolled (e.g. 反家暴法 Art.28 72 h protection order: urgency, not office days).
 * A make-up Saturday is a working day, so a period ending on it is not rolled (DOMAIN.md §2
 * assumption; open point 9).
 */
export function computeDue(input: DueInput): DueResult {
  const { start, unit, duration, calendar } = input;
  assertInstant(start, 'start');
  if (!Number.isInteger(duration) || duration <= 0) {
    throw new RangeError(`duration must be a positive integer, got ${duration}`);
  }
  const startDate = localDateOf(start);
  if (unit === 'hours') {
    const dueAt = new Date(start.getTime() + duration * HOUR_MS);
    return { dueAt, dueDate: localDateOf(dueAt), startDate, unit, duration, calendarIncomplete: false };
  }
  const end = endOfDayPeriod(startDate, unit, duration, calendar);
  return { ...end, startDate, unit, duration };
}

type DayUnit = 'calendar_days' | 'working_days' | 'months';

function endOfDayPeriod(
  startDate: string,
  unit: DayUnit,
  n: number,
  calendar: BusinessCalendar,
): Pick<DueResult, 'dueAt' | 'dueDate' | 'rolledFrom' | 'rolledOver' | 'calendarIncomplete'> {
  let incomplete = false;
  const look = (date: string): DayInfo => {
    const info = calendar.dayInfo(date);
    if (!info.covered) incomplete = true;
    return info;
  };

  let end: string;
  if (unit === 'working_days') {
    // n = 0 only arises when resuming a paused clock with nothing left: the resume day itself,
    // or the next working day (see resumeClock).
    end = startDate;
    let counted = 0;
    while (counted < n) {
      end = addDays(end, 1);
      if (look(end).working) counted++;
    }
  } else {
    end = unit === 'months' ? addMonths(startDate, n) : addDays(startDate, n);
  }

  const rolledOver: SkippedDay[] = [];
  const rolledFrom = end;
  for (let info = look(end); !info.working; info = look(end)) {
    const reason = info.reason === 'holiday' ? 'holiday' : 'weekend';
    rolledOver.push(info.name === undefined ? { date: end, reason } : { date: end, reason, name: info.name });
    end = addDays(end, 1);
  }

  return {
    dueAt: startOfLocalDay(addDays(end, 1)),
    dueDate: end,
    ...(rolledOver.length > 0 ? { rolledFrom, rolledOver } : {}),
    calendarIncomplete: incomplete,
  };
}

// ---------------------------------------------------------------------------------------------
// Pausing a clock (suspension, appraisal time excluded, hearing time excluded ...)
// ---------------------------------------------------------------------------------------------

/**
 * A stopped clock: what is left of the period, in a unit that can be counted again from any
 * resume date.
 *
 * Design: pause → remaining → resume, rather than "original start + list of pauses". Exclusion
 * rules are phrased as "the time ... is not counted" (医疗纠纷条例 Art.38 鉴定时间不计入; 在线调解
 * 规则 Art.26; 复核 听证 time, 信访工作条例 Art.36), i.e. the rest of the period runs after the
 * obstacle. A remaining amount composes: a second pause works on the result of the first resume
 * (the DueResult carries everything needed), so any number of pauses is a fold over the stored
 * pause history, and each step is small enough to show a clerk.
 *
 * Day counting: the pause day counts as used (the clock ran that day); the resume day is, like
 * any start day, not counted (民法典 Art.201). Pausing and resuming on the same date therefore
 * changes nothing, and every date after the pause date up to the resume date is added.
 * A month period is cut into days: "one month" has no fixed length once interrupted, so the days
 * left until its corresponding date (before rolling) are carried as calendar days.
 */
export type PausedClock =
  | {
      unit: 'calendar_days' | 'working_days';
      remaining: number;
      pausedAt: Date;
      pausedDate: string;
      calendarIncomplete: boolean;
    }
  | { unit: 'hours'; remainingMs: number; pausedAt: Date; pausedDate: string; calendarIncomplete: false };

export function pauseClock(due: DueResult, pausedAt: Date, calendar: BusinessCalendar): PausedClock {
  assertInstant(pausedAt, 'pausedAt');
  // An expired period cannot be stopped retroactively: that would revive a missed deadline.
  if (pausedAt.getTime() >= due.dueAt.getTime()) {
    throw new RangeError(`Cannot pause at ${pausedAt.toISOString()}: the period expired at ${due.dueAt.toISOString()}`);
  }
  const pausedDate = localDateOf(pausedAt);
  const periodStart = due.periodStartDate ?? due.startDate;
  if (pausedDate < periodStart) {
    throw new RangeError(`Cannot pause on ${pausedDate}: the period starts on ${periodStart}`);
  }
  if (due.unit === 'hours') {
    const remainingMs = due.dueAt.getTime() - pausedAt.getTime();
    return { unit: 'hours', remainingMs, pausedAt, pausedDate, calendarIncomplete: false };
  }
  if (due.unit === 'working_days') {
    // Working days still ahead: those after the pause date up to and including the end date.
    let remaining = 0;
    let incomplete = false;
    for (let d = addDays(pausedDate, 1); d <= due.dueDate; d = addDays(d, 1)) {
      const info = calendar.dayInfo(d);
      if (!info.covered) incomplete = true;
      if (info.working) remaining++;
    }
    const calendarIncomplete = incomplete || due.calendarIncomplete;
    return { unit: 'working_days', remaining, pausedAt, pausedDate, calendarIncomplete };
  }
  // Calendar days and months: days left to the unrolled end date. Paused within the rolled-over
  // rest days the period had nothing left but those rest days, hence the floor at zero.
  const rawEnd = due.rolledFrom ?? due.dueDate;
  const remaining = Math.max(0, daysBetween(pausedDate, rawEnd));
  return { unit: 'calendar_days', remaining, pausedAt, pausedDate, calendarIncomplete: due.calendarIncomplete };
}

/**
 * The new due time when the clock restarts. The result is an ordinary DueResult whose startDate
 * is the resume date and whose duration is the remaining amount (hours may be fractional), so it
 * can be paused again. With nothing left (paused on the last day), the resume day itself is the
 * last day, or the next working day if it is a rest day.
 */
export function resumeClock(paused: PausedClock, resumedAt: Date, calendar: BusinessCalendar): DueResult {
  assertInstant(resumedAt, 'resumedAt');
  if (resumedAt.getTime() < paused.pausedAt.getTime()) {
    throw new RangeError(`resumedAt ${resumedAt.toISOString()} is before pausedAt ${paused.pausedAt.toISOString()}`);
  }
  const startDate = localDateOf(resumedAt);
  if (paused.unit === 'hours') {
    const dueAt = new Date(resumedAt.getTime() + paused.remainingMs);
    return {
      dueAt,
      dueDate: localDateOf(dueAt),
      startDate,
      unit: 'hours',
      duration: paused.remainingMs / HOUR_MS,
      calendarIncomplete: false,
    };
  }
  const end = endOfDayPeriod(startDate, paused.unit, paused.remaining, calendar);
  return {
    ...end,
    startDate,
    unit: paused.unit,
    duration: paused.remaining,
    calendarIncomplete: end.calendarIncomplete || paused.calendarIncomplete,
  };
}
