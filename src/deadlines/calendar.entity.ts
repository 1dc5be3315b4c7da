import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A year of the business calendar as the State Council published it (国务院办公厅 notice, each
 * November). Only years listed here count as known: a deadline that reaches into an unknown
 * year is computed by the weekday rule and flagged, never silently trusted.
 */
@Entity('calendar_years')
export class CalendarYearEntity {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  /** Where the dates come from, e.g. 国办发明电〔2025〕7号. */
  @Column({ type: 'varchar', length: 200 })
  source: string;

  @Column({ type: 'uuid', nullable: true })
  loadedById: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  loadedAt: Date;
}

/** The exceptions only: holidays off and 调休 make-up working days; every other day follows Mon–Fri. */
@Entity('calendar_days')
@Check('calendar_days_kind_check', `kind IN ('holiday', 'makeup_workday')`)
export class CalendarDayEntity {
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 16 })
  kind: 'holiday' | 'makeup_workday';

  @Column({ type: 'varchar', length: 40 })
  name: string;
}
