import { DomainError, FieldError } from '../common/errors/domain-error';
import { addDays, startOfLocalDay } from '../deadlines/period';

/** The longest period a report covers: five calendar years, enough for any review a director runs. */
export const MAX_REPORT_DAYS = 1830;

export { isCivilDate } from '../common/http/text-fields';

/**
 * A report period in Asia/Shanghai civil dates, both days included, and the half-open instant
 * range [start, end) that the SQL uses: 2026-01-01..2026-12-31 is 2025-12-31T16:00Z up to
 * 2026-12-31T16:00Z. A half-open range never double-counts a case registered at midnight.
 */
export interface ReportPeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

export function reportPeriod(from: string, to: string, maxDays = MAX_REPORT_DAYS): ReportPeriod {
  const errors: FieldError[] = [];
  if (to < from) errors.push({ field: 'to', code: 'periodOrder', params: { message: `结束日期 ${to} 早于开始日期 ${from}` } });
  const start = startOfLocalDay(from);
  const end = startOfLocalDay(addDays(to, 1));
  const days = Math.round((end.getTime() - start.getTime()) / 86_400_000);
  if (!errors.length && days > maxDays) errors.push({ field: 'to', code: 'periodTooLong', params: { message: `时段为 ${days} 天，最长 ${maxDays} 天` } });
  if (errors.length) throw new DomainError('REPORT.INVALID_PERIOD', { maxDays }, errors);
  return { from, to, start, end };
}

/** One calendar month of a period, clipped to it: the buckets of the monthly trend. */
export interface PeriodMonth {
  /** 'YYYY-MM' */
  month: string;
  from: string;
  to: string;
}

export function monthsOf(period: Pick<ReportPeriod, 'from' | 'to'>): PeriodMonth[] {
  const out: PeriodMonth[] = [];
  let y = Number(period.from.slice(0, 4));
  let m = Number(period.from.slice(5, 7));
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > period.to.slice(0, 7)) break;
    const first = `${month}-01`;
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const last = addDays(next, -1);
    out.push({ month, from: first < period.from ? period.from : first, to: last > period.to ? period.to : last });
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return out;
}
