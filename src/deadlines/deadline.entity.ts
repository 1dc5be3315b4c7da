import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export const DEADLINE_STATUSES = ['pending', 'paused', 'met', 'missed', 'cancelled'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/**
 * A running time limit. Postgres is the record (DESIGN §4): the due time and the computation
 * that produced it are stored, so a clerk can see why it falls where it falls, and a lost job
 * or a flushed Redis can never lose a deadline.
 */
@Entity('deadlines')
@Check('deadlines_status_check', `status IN ('pending', 'paused', 'met', 'missed', 'cancelled')`)
@Index(['status', 'dueAt'])
@Index(['orgUnitId', 'status', 'dueAt'])
export class DeadlineEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  caseId: string;

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

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
