import type { CalendarDay } from './period';

/**
 * Rest-day exceptions for 2025 and 2026, from the 国务院办公厅 notices (DOMAIN.md §2):
 * 2025: gov.cn/zhengce/zhengceku/202411/content_6986383.htm
 * 2026: gov.cn/zhengce/zhengceku/202511/content_7047091.htm (notice of 2025-11-04)
 *
 * The schedule changes every year and is only published each November (全国年节及纪念日放假办法
 * 2024 rev., Art.7 leaves the 调休 pattern to the annual notice), so it is data, not a rule. Only
 * exceptions are listed: weekend days inside a holiday block are listed too, because the notice
 * names them as part of the block and a clerk should see "春节", not "weekend", when a deadline
 * rolls over them. The weekday of every date is asserted in period.spec.ts.
 */
export const OFFICIAL_CALENDAR_YEARS: readonly number[] = [2025, 2026];

const holidays = (name: string, ...dates: string[]): CalendarDay[] =>
  dates.map((date) => ({ date, kind: 'holiday', name }));
const makeup = (name: string, ...dates: string[]): CalendarDay[] =>
  dates.map((date) => ({ date, kind: 'makeup_workday', name: `${name}调休上班` }));

export const OFFICIAL_CALENDAR_2025_2026: readonly CalendarDay[] = [
  // ---- 2025 ----
  ...holidays('元旦', '2025-01-01'), // Wed
  ...makeup('春节', '2025-01-26'), // Sun
  ...holidays(
    '春节',
    '2025-01-28', // Tue, 除夕
    '2025-01-29',
    '2025-01-30',
    '2025-01-31',
    '2025-02-01',
    '2025-02-02',
    '2025-02-03',
    '2025-02-04', // Tue
  ),
  ...makeup('春节', '2025-02-08'), // Sat
  ...holidays('清明节', '2025-04-04', '2025-04-05', '2025-04-06'), // Fri–Sun
  ...makeup('劳动节', '2025-04-27'), // Sun
  ...holidays('劳动节', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05'), // Thu–Mon
  ...holidays('端午节', '2025-05-31', '2025-06-01', '2025-06-02'), // Sat–Mon
  // 2025 中秋 (Oct 6) falls inside the 国庆 week; the notice announces one merged block
  // "国庆节、中秋节 10月1日至8日", so every day carries the merged name.
  ...makeup('国庆节、中秋节', '2025-09-28'), // Sun
  ...holidays(
    '国庆节、中秋节',
    '2025-10-01', // Wed
    '2025-10-02',
    '2025-10-03',
    '2025-10-04',
    '2025-10-05',
    '2025-10-06',
    '2025-10-07',
    '2025-10-08', // Wed
  ),
  ...makeup('国庆节、中秋节', '2025-10-11'), // Sat

  // ---- 2026 ----
  ...holidays('元旦', '2026-01-01', '2026-01-02', '2026-01-03'), // Thu–Sat
  ...makeup('元旦', '2026-01-04'), // Sun
  ...makeup('春节', '2026-02-14'), // Sat
  ...holidays(
    '春节',
    '2026-02-15', // Sun
    '2026-02-16', // Mon, 除夕
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23', // Mon
  ),
  ...makeup('春节', '2026-02-28'), // Sat
  ...holidays('清明节', '2026-04-04', '2026-04-05', '2026-04-06'), // Sat–Mon
  ...holidays('劳动节', '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'), // Fri–Tue
  ...makeup('劳动节', '2026-05-09'), // Sat
  ...holidays('端午节', '2026-06-19', '2026-06-20', '2026-06-21'), // Fri–Sun
  ...makeup('国庆节', '2026-09-20'), // Sun
  ...holidays('中秋节', '2026-09-25', '2026-09-26', '2026-09-27'), // Fri–Sun
  ...holidays(
    '国庆节',
    '2026-10-01', // Thu
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07', // Wed
  ),
  ...makeup('国庆节', '2026-10-10'), // Sat
];
