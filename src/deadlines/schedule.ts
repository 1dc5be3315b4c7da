/**
 * When a running deadline asks for something: its reminder instants and its due moment. Pure (no
 * I/O, no clock): the scheduler turns these instants into delayed jobs, and the effect handler
 * re-derives them from the row to decide what, if anything, is due now.
 */
import type { ReminderOffset } from './deadline-kinds';
import type { ReminderStage } from './deadline.entity';
import { addDays, BusinessCalendar, startOfLocalDay } from './period';

const HOUR_MS = 3_600_000;
/** Day-based reminders arrive at the start of the office day (09:00 Beijing time), not at midnight. */
const OFFICE_OPENS_MS = 9 * HOUR_MS;

export const DUE_STAGE = 'due';

/**
 * The reminder instants for a due time, latest offset last. `lastDay` is the period's last day
 * (local): a day-based reminder "1 working day before" is 09:00 on the working day before it.
 * Hour offsets count back from the exact due instant. Reminders already past at `from` (the
 * moment the clock was set) are dropped: a reminder that can no longer come before the event it
 * announces is noise, and the miss itself is still enforced.
 */
export function reminderStages(args: { dueAt: Date; lastDay: string; offsets: ReminderOffset[]; from: Date; calendar: BusinessCalendar }): ReminderStage[] {
  const { dueAt, lastDay, offsets, from, calendar } = args;
  const stages: ReminderStage[] = [];
  offsets.forEach((offset, n) => {
    const at = reminderInstant(dueAt, lastDay, offset, calendar);
    if (at.getTime() > from.getTime() && at.getTime() < dueAt.getTime()) {
      stages.push({ stage: `remind-${n}`, at: at.toISOString(), before: offset.before, unit: offset.unit });
    }
  });
  return stages.sort((a, b) => a.at.localeCompare(b.at));
}

export function reminderInstant(dueAt: Date, lastDay: string, offset: ReminderOffset, calendar: BusinessCalendar): Date {
  switch (offset.unit) {
    case 'hours':
      return new Date(dueAt.getTime() - offset.before * HOUR_MS);
    case 'calendar_days':
      return new Date(startOfLocalDay(addDays(lastDay, -offset.before)).getTime() + OFFICE_OPENS_MS);
    case 'working_days': {
      let day = lastDay;
      let left = offset.before;
      while (left > 0) {
        day = addDays(day, -1);
        if (calendar.isWorkingDay(day)) left--;
      }
      return new Date(startOfLocalDay(day).getTime() + OFFICE_OPENS_MS);
    }
  }
}

export type StageDecision =
  | { act: 'none'; next: Date | null }
  | { act: 'remind'; stage: ReminderStage; next: Date }
  | { act: 'miss'; next: null };

/**
 * What a pending deadline calls for at `now`, given the stages already done for its current due
 * time. Past the due moment only the miss matters (reminders for it are moot). Before it, only
 * the latest reminder whose time has come is sent: two overdue reminders (a worker was down)
 * become one message, not two. `next` is when to look again.
 */
export function decide(args: { dueAt: Date; reminders: ReminderStage[]; done: ReadonlySet<string>; now: Date }): StageDecision {
  const { dueAt, reminders, done, now } = args;
  if (now.getTime() >= dueAt.getTime()) return done.has(DUE_STAGE) ? { act: 'none', next: null } : { act: 'miss', next: null };
  const passed = reminders.filter((r) => new Date(r.at).getTime() <= now.getTime());
  const upcoming = reminders.find((r) => new Date(r.at).getTime() > now.getTime());
  const next = upcoming ? new Date(upcoming.at) : dueAt;
  const latest = passed[passed.length - 1];
  if (latest && !done.has(latest.stage)) return { act: 'remind', stage: latest, next };
  return { act: 'none', next };
}

/** The first instant at or after which the row wants attention. */
export function firstAction(dueAt: Date, reminders: ReminderStage[]): Date {
  return reminders.length ? new Date(reminders[0].at) : dueAt;
}
