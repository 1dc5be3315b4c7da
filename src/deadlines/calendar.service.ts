import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager, Raw } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/errors/domain-error';
import { AfterCommit } from '../database/after-commit';
import { ReferenceCache } from '../database/reference-cache';
import { OFFICIAL_CALENDAR_2025_2026, OFFICIAL_CALENDAR_YEARS } from './calendar-data';
import { CalendarDayEntity, CalendarYearEntity } from './calendar.entity';
import { BusinessCalendar, CalendarDay } from './period';

const OFFICIAL_SOURCES: Record<number, string> = {
  2025: '国务院办公厅关于2025年部分节假日安排的通知（2024年11月12日）',
  2026: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
};
const CALENDAR_SEED_LOCK = 482_203_303;
/** How long another process may go on using a calendar after a year was loaded through this one. */
export const CALENDAR_CACHE_TTL_MS = 2000;

@Injectable()
export class CalendarService implements OnApplicationBootstrap {
  private readonly cache: ReferenceCache<BusinessCalendar>;

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    afterCommit: AfterCommit,
  ) {
    this.cache = new ReferenceCache('calendar', CALENDAR_CACHE_TTL_MS, afterCommit, async (m) => {
      const years = await m.getRepository(CalendarYearEntity).find();
      const days = await m.getRepository(CalendarDayEntity).find({ order: { date: 'ASC' } });
      return new BusinessCalendar(days, years.map((y) => y.year));
    });
  }

  /** Seeds the official years that are missing; a year an admin loaded or corrected is never overwritten. */
  async onApplicationBootstrap(): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [CALENDAR_SEED_LOCK]);
      this.cache.changed(m);
      const present = new Set((await m.find(CalendarYearEntity)).map((y) => y.year));
      for (const year of OFFICIAL_CALENDAR_YEARS.filter((y) => !present.has(y))) {
        await m.insert(CalendarYearEntity, { year, source: OFFICIAL_SOURCES[year] ?? 'built-in', loadedById: null });
        const days = OFFICIAL_CALENDAR_2025_2026.filter((d) => d.date.startsWith(`${year}-`));
        if (days.length) await m.insert(CalendarDayEntity, days.map((d) => ({ ...d })));
      }
    });
  }

  /**
   * The calendar in force, kept in memory (every deadline start reads it): a year loaded through
   * this process is used from the next request on (and at once inside the loading transaction);
   * one loaded through another process within CALENDAR_CACHE_TTL_MS.
   */
  async calendar(m: EntityManager = this.ds.manager): Promise<BusinessCalendar> {
    return this.cache.get(m);
  }

  async year(year: number): Promise<{ year: CalendarYearEntity | null; days: CalendarDayEntity[] }> {
    const [row, days] = await Promise.all([
      this.ds.getRepository(CalendarYearEntity).findOneBy({ year }),
      this.ds.getRepository(CalendarDayEntity).find({ where: { date: Raw((d) => `extract(year from ${d}) = :year`, { year }) }, order: { date: 'ASC' } }),
    ]);
    return { year: row, days };
  }

  /**
   * Loads or corrects a whole year, inside the caller's transaction (DeadlinesService recomputes
   * the running deadlines in the same one). The data is checked with the same rules the arithmetic uses
   * (a make-up day must fall on a weekend, no date twice, all inside the year) before anything is
   * replaced, so a typo in a notice cannot half-load.
   */
  async replaceYear(m: EntityManager, year: number, source: string, days: CalendarDay[], actorId: string, ctx: AuditContext, orgUnitId: string): Promise<{ year: CalendarYearEntity; days: CalendarDayEntity[] }> {
    try {
      new BusinessCalendar(days, [year]);
    } catch (e) {
      throw new DomainError('CALENDAR.INVALID', { year }, [{ field: 'days', code: 'invalidCalendar', params: { message: (e as Error).message } }]);
    }
    const inYear = Raw((d) => `extract(year from ${d}) = :year`, { year });
    this.cache.changed(m);
    const before = await m.count(CalendarDayEntity, { where: { date: inYear } });
    await m.delete(CalendarDayEntity, { date: inYear });
    if (days.length) await m.insert(CalendarDayEntity, days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })));
    await m.upsert(CalendarYearEntity, { year, source, loadedById: actorId }, ['year']);
    await this.audit.record(m, ctx, { action: 'calendar.year_loaded', subjectType: 'calendar_year', subjectId: null, orgUnitId, before: { year, days: before }, after: { year, source, days: days.length } });
    return {
      year: await m.findOneByOrFail(CalendarYearEntity, { year }),
      days: await m.find(CalendarDayEntity, { where: { date: inYear }, order: { date: 'ASC' } }),
    };
  }
}
