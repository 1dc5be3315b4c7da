import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export const DEADLINE_STATUSES = ['pending', 'paused', 'met', 'missed', 'cancelled'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export interface ReminderStage {
  /** `remind-<n>`: n-th offset of the policy. */
  stage: string;
  at: string;
  before: number;
  unit: 'hours' | 'calendar_days' | 'working_days';
}

/** What a clock runs on: a dispute case, or a petition (信访事项, which is not a case). */
export type DeadlineSubject = { caseId: string } | { petitionId: string };

/** The audit subject (timeline) a deadline belongs to. */
export function deadlineSubject(d: Pick<DeadlineEntity, 'caseId' | 'petitionId'>): { subjectType: 'case' | 'petition'; subjectId: string | null } {
  return d.petitionId ? { subjectType: 'petition', subjectId: d.petitionId } : { subjectType: 'case', subjectId: d.caseId };
}

/**
 * A running time limit. Postgres is the record (DESIGN §4): the due time and the computation
 * that produced it are stored, so a clerk can see why it falls where it falls, and a lost job
 * or a flushed Redis can never lose a deadline.
 */
@Entity('deadlines')
@Check('deadlines_status_check', `status IN ('pending', 'paused', 'met', 'missed', 'cancelled')`)
// A clock runs on a case or on a petition (信访事项), never on both or neither.
@Check('deadlines_subject_check', `(case_id IS NULL) <> (petition_id IS NULL)`)
@Index(['status', 'dueAt'])
@Index(['orgUnitId', 'status', 'dueAt'])
@Index('deadlines_next_action', ['nextActionAt'], { where: `status = 'pending'` })
// The overdue list's order, written by hand (migration OverdueListIndex): the schema diff leaves it alone.
@Index('deadlines_overdue_due_idx', { synchronize: false })
export class DeadlineEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The case the clock runs on; null when it runs on a petition. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  /** The petition (信访事项) the clock runs on; null when it runs on a case. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  petitionId: string | null;

  @Column({ type: 'uuid' })
  orgUnitId: string;

  @Column({ type: 'varchar', length: 64 })
  kind: string;

  @Column({ type: 'varchar', length: 100 })
  label: string;

  @Column({ type: 'boolean' })
  statutory: boolean;

  @Column({ type: 'jsonb' })
  legalBasis: { text: string; citation: string };

  @Column({ type: 'timestamptz', precision: 3 })
  startAt: Date;

  @Column({ type: 'varchar', length: 16 })
  unit: string;

  @Column({ type: 'integer' })
  duration: number;

  @Column({ type: 'timestamptz', precision: 3 })
  dueAt: Date;

  /** The DueResult (dates as ISO strings) and its plain-language explanation. */
  @Column({ type: 'jsonb' })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's insert typing rejects unknown-valued records
  computation: Record<string, any>;

  @Column({ type: 'varchar', length: 10 })
  status: DeadlineStatus;

  /** While paused: what is left of the period (period.ts PausedClock, dates as ISO strings). */
  @Column({ type: 'jsonb', nullable: true })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  pausedClock: Record<string, any> | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  pauses: Array<{ pausedAt: string; resumedAt?: string; reason: string; by: string }>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  extensions: Array<{ duration: number; approval: { kind: string; by: string; reason: string }; recordedBy: string; at: string; dueBefore: string; dueAfter: string }>;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  /** The reminder instants for the current due time (recomputed whenever it moves). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  reminders: ReminderStage[];

  /**
   * The next instant at which the row asks for something (a reminder or the miss); null once
   * closed. The sweep acts on rows whose instant has passed, whatever happened to their jobs.
   */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  nextActionAt: Date | null;

  /**
   * The Redis schedule generation that holds this row's jobs. A flushed or empty-restarted Redis
   * gets a new generation, so every row whose value differs is known to have no job.
   */
  @Column({ type: 'varchar', length: 40, nullable: true })
  jobEpoch: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
