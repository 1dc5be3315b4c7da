import { OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS } from './calendar-data';
import { explainDue } from './explain';
import { BusinessCalendar, computeDue } from './period';

const calendar = new BusinessCalendar(OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS);
const bj = (local: string) => new Date(`${local}:00+08:00`);

describe('explainDue', () => {
  it.each([
    // 15 days from 09-20 end on 10-05, inside 国庆 (10-01..10-07): rolled to Thursday 10-08.
    ['2026-09-20T10:30', 'calendar_days', 15, '自 2026-09-20 次日起算 15 日，本应于 2026-10-05 届满；因国庆节顺延至 2026-10-08（当日 24 时届满）。'],
    // 15 days from 09-24 end on Friday 10-09, a working day: no roll.
    ['2026-09-24T10:30', 'calendar_days', 15, '自 2026-09-24 次日起算 15 日，至 2026-10-09（当日 24 时届满）。'],
    // 30 days from 2026-11-20 end on Sunday 12-20: rolled over the weekend to Monday 12-21.
    ['2026-11-20T09:00', 'calendar_days', 30, '自 2026-11-20 次日起算 30 日，本应于 2026-12-20 届满；因休息日顺延至 2026-12-21（当日 24 时届满）。'],
    ['2026-11-23T09:00', 'hours', 72, '自 2026-11-23 09:00 起算 72 小时，于 2026-11-26 09:00 届满（按小时计算的期间不因节假日顺延）。'],
  ] as const)('%s + %s %s', (start, unit, duration, text) => {
    const s = bj(start);
    expect(explainDue(computeDue({ start: s, unit, duration, calendar }), s)).toBe(text);
  });

  it('warns when the period reaches a year whose schedule is not loaded', () => {
    const s = bj('2026-12-20T09:00');
    expect(explainDue(computeDue({ start: s, unit: 'calendar_days', duration: 30, calendar }), s)).toContain('尚未录入节假日安排');
  });
});
