import { DomainError } from '../common/errors/domain-error';
import { isCivilDate, MAX_REPORT_DAYS, monthsOf, reportPeriod } from './report-period';

describe('report periods', () => {
  it('accepts real calendar dates only', () => {
    expect(isCivilDate('2026-02-28')).toBe(true);
    expect(isCivilDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-01', '20260101', '2026-01-01T00:00:00Z', '', null, 20260101]) expect(isCivilDate(bad)).toBe(false);
  });

  it('turns civil dates into a half-open Beijing-time range, both days included', () => {
    const p = reportPeriod('2026-01-01', '2026-12-31');
    expect(p.start.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    const day = reportPeriod('2026-11-23', '2026-11-23');
    expect(day.end.getTime() - day.start.getTime()).toBe(86_400_000);
  });

  it('refuses a reversed or too long period, naming the field', () => {
    const reversed = (() => { try { reportPeriod('2026-12-31', '2026-01-01'); } catch (e) { return e as DomainError; } })();
    expect(reversed).toMatchObject({ code: 'REPORT.INVALID_PERIOD', status: 400, fieldErrors: [{ field: 'to', code: 'periodOrder' }] });
    expect(() => reportPeriod('2020-01-01', '2026-01-01')).toThrow(DomainError);
    expect(() => reportPeriod('2026-01-01', '2026-01-01', 1)).not.toThrow();
    expect(MAX_REPORT_DAYS).toBeGreaterThanOrEqual(3 * 366);
  });

  it('lists every calendar month of the period, clipped to it', () => {
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-10' })).toEqual([
      { month: '2025-11', from: '2025-11-15', to: '2025-11-30' },
      { month: '2025-12', from: '2025-12-01', to: '2025-12-31' },
      { month: '2026-01', from: '2026-01-01', to: '2026-01-31' },
      { month: '2026-02', from: '2026-02-01', to: '2026-02-10' },
    ]);
    expect(monthsOf({ from: '2028-02-01', to: '2028-02-29' })).toEqual([{ month: '2028-02', from: '2028-02-01', to: '2028-02-29' }]);
  });
});
