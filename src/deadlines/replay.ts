/**
 * Recomputes a running deadline from its history under a (new) calendar: the original period,
 * then each pause, resumption and extension in the order they happened. Used when an admin loads
 * or corrects a year: a stored due time was computed under the calendar of its day, and a newly
 * published holiday can move it. Pure.
 */
import { BusinessCalendar, computeDue, DueResult, extendDue, pauseClock, PausedClock, PeriodUnit, resumeClock } from './period';

export interface DeadlineHistory {
  startAt: Date;
  unit: PeriodUnit;
  duration: number;
  pauses: Array<{ pausedAt: string; resumedAt?: string }>;
  extensions: Array<{ duration: number; at: string }>;
}

export interface Replayed {
  /** The period as it runs now (for a paused row: as it ran when it stopped). */
  due: DueResult;
  /** Where the counting of `due` started: the start, the last resumption or the extended bound. */
  countedFrom: Date;
  /** Set when the last extension produced `due`: the last day it extended. */
  extendedFrom?: string;
  /** Set when the row is paused now. */
  paused?: PausedClock;
}

type Step = { at: number; order: number; apply: (s: Replayed) => Replayed };

/**
 * Throws RangeError when the history no longer fits the calendar (a pause that, under the new
 * calendar, would come after the period ended): the caller keeps the stored figures and reports
 * the row, since rewriting history is a person's decision.
 */
export function replay(h: DeadlineHistory, calendar: BusinessCalendar): Replayed {
  const steps: Step[] = [];
  h.pauses.forEach((p) => {
    steps.push({ at: Date.parse(p.pausedAt), order: 0, apply: (s) => ({ ...s, paused: pauseClock(s.due, new Date(p.pausedAt), calendar) }) });
    if (p.resumedAt) {
      const resumedAt = new Date(p.resumedAt);
      steps.push({
        at: resumedAt.getTime(),
        order: 1,
        apply: (s) => {
          if (!s.paused) throw new RangeError(`Resumption at ${p.resumedAt} without a pause`);
          return { due: resumeClock(s.paused, resumedAt, calendar), countedFrom: resumedAt };
        },
      });
    }
  });
  h.extensions.forEach((e) => {
    steps.push({
      at: Date.parse(e.at),
      order: 2,
      apply: (s) => {
        // As DeadlinesService.extend: counting resumes the day after the current last day.
        return { due: extendDue(s.due, h.unit, e.duration, calendar), countedFrom: new Date(s.due.dueAt.getTime() - 1), extendedFrom: s.due.dueDate };
      },
    });
  });
  steps.sort((a, b) => a.at - b.at || a.order - b.order);
  let state: Replayed = { due: computeDue({ start: h.startAt, unit: h.unit, duration: h.duration, calendar }), countedFrom: h.startAt };
  for (const step of steps) state = step.apply(state);
  return state;
}
