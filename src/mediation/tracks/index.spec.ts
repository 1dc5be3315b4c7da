import { OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS } from '../../deadlines/calendar-data';
import { BusinessCalendar } from '../../deadlines/period';
import { RiskLevel } from '../../triage/rules';
import { Category, CATEGORY_CODES, Track, TRACKS } from '../../triage/taxonomy';
import { policyFor, policyForCategory, TRACK_POLICIES } from './index';
import { confirmationWindow, instantOfLocalDate, maxRiskLevel, resolveTrackOptions } from './track-policy';

const calendar = new BusinessCalendar(OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS);
const bj = (local: string): Date => new Date(`${local}:00+08:00`);

describe('registry', () => {
  // Written out by hand from DESIGN.md §3 (family / labor / property / general), not read from the
  // taxonomy, so a category moved to another track shows up here.
  const EXPECTED: Array<[Category, Track]> = [
    ['marriage_family', 'family'], // 婚姻家庭
    ['labor', 'labor'], // 劳动争议/欠薪/工伤
    ['property_management', 'property'], // 物业
    ['neighbour', 'general'], // 邻里
    ['medical', 'general'], // 医疗 (general track, medical deadline)
    ['consumer', 'general'], // 消费
    ['traffic', 'general'], // 交通事故
    ['commercial', 'general'], // 合同/借贷
    ['land', 'general'], // 土地/宅基地/山林
    ['other', 'general'], // 其他
  ];

  it('covers every taxonomy category', () => {
    expect(EXPECTED.map(([c]) => c).sort()).toEqual([...CATEGORY_CODES].sort());
  });

  it.each(EXPECTED)('category %s → %s policy', (category, track) => {
    expect(policyForCategory(category).track).toBe(track);
    expect(policyForCategory(category)).toBe(TRACK_POLICIES[track]);
  });

  it.each([...TRACKS])('track %s has a policy of that track with a Chinese label', (track) => {
    expect(policyFor(track).track).toBe(track);
    expect(policyFor(track).label).toMatch(/\p{Script=Han}/u);
  });

  it('refuses an unknown track or category', () => {
    expect(() => policyFor('criminal' as Track)).toThrow(RangeError);
    expect(() => policyForCategory('criminal' as Category)).toThrow(RangeError);
  });

  it('hands out frozen policies', () => {
    expect(Object.isFrozen(TRACK_POLICIES)).toBe(true);
    for (const track of TRACKS) expect(Object.isFrozen(TRACK_POLICIES[track])).toBe(true);
  });
});

describe('maxRiskLevel', () => {
  it.each<[levels: Array<RiskLevel | null>, expected: RiskLevel | null]>([
    // Red beats everything.
    [['yellow', 'red', 'orange'], 'red'],
    // The track's orange raises a blue case.
    [['blue', 'orange'], 'orange'],
    // A track with no requirement (null) never lowers the case's level.
    [['yellow', null], 'yellow'],
    // Nothing at all.
    [[null], null],
  ])('%j → %s', (levels, expected) => {
    expect(maxRiskLevel(...levels)).toBe(expected);
  });
});

describe('resolveTrackOptions', () => {
  it('applies the defaults (10 workers, 10 households, 30 days)', () => {
    expect(resolveTrackOptions()).toEqual({ collectiveThreshold: 10, groupHouseholdThreshold: 10, limitationWarningDays: 30 });
  });

  it.each([
    // Zero would make every dispute collective.
    [{ collectiveThreshold: 0 }],
    // Negative days make no sense.
    [{ limitationWarningDays: -5 }],
    // Households are whole.
    [{ groupHouseholdThreshold: 9.5 }],
  ])('refuses %j', (options) => {
    expect(() => resolveTrackOptions(options)).toThrow(RangeError);
  });
});

describe('shared date helpers', () => {
  it.each<[date: string, iso: string]>([
    // Noon Beijing time = 04:00 UTC the same day.
    ['2025-01-31', '2025-01-31T04:00:00.000Z'],
    ['2026-10-01', '2026-10-01T04:00:00.000Z'],
  ])('instantOfLocalDate(%s) is Beijing noon', (date, iso) => {
    expect(instantOfLocalDate(date).toISOString()).toBe(iso);
  });

  it('refuses a date that does not exist', () => {
    expect(() => instantOfLocalDate('2026-02-30')).toThrow(RangeError);
  });

  it.each<[effective: string, dueDate: string]>([
    // Thu Sep 3 + 30 = Sat Oct 3 (国庆 Oct 1–7) → Thu Oct 8.
    ['2026-09-03T10:00', '2026-10-08'],
    // Agreement signed 23:30 on Oct 31 2025 Beijing time (15:30 UTC): the local date counts; + 30 = Sun Nov 30 → Mon Dec 1.
    ['2025-10-31T23:30', '2025-12-01'],
  ])('confirmation window from %s ends %s', (effective, dueDate) => {
    expect(confirmationWindow(bj(effective), calendar).dueDate).toBe(dueDate);
  });

  it('honours a deployment override of the confirmation window', () => {
    // A (hypothetical) 20-day internal window: Sep 3 + 20 = Wed Sep 23, a working day.
    expect(confirmationWindow(bj('2026-09-03T10:00'), calendar, { judicial_confirmation_application: { duration: 20 } }).dueDate).toBe('2026-09-23');
  });
});
