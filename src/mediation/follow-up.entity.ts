import { Check, Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

export const FOLLOW_UP_STATUSES = ['scheduled', 'done', 'missed'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/**
 * 回访: after an agreement or a closure, the center calls back to learn whether the agreement is
 * kept and how the parties rate the work (评价督导). A poor rating or a relapse goes to the director.
 */
@Entity('follow_up_visits')
@Check('follow_up_visits_status_check', `status IN ('scheduled', 'done', 'missed')`)
@Check('follow_up_visits_satisfaction_check', 'satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5')
@Index(['caseId', 'dueOn'])
@Index(['dueOn'], { where: `status = 'scheduled'` })
export class FollowUpVisitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'uuid' })
  orgUnitId: string;

  /** Days after the agreement or closure it was planned for (7, 30...). */
  @Column({ type: 'integer' })
  afterDays: number;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'varchar', length: 10 })
  status: FollowUpStatus;

  @Column({ type: 'varchar', length: 10, nullable: true })
  method: 'phone' | 'visit' | 'sms' | 'online' | null;

  @Column({ type: 'uuid', nullable: true })
  partyId: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  visitedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  visitedById: string | null;

  /** 1 (very dissatisfied) to 5 (very satisfied). */
  @Column({ type: 'smallint', nullable: true })
  satisfaction: number | null;

  /** The dispute has flared up again or the agreement is not being kept. */
  @Column({ type: 'boolean', nullable: true })
  relapse: boolean | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** What the visit triggered: escalated to the director, or the case reopened. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  action: 'none' | 'escalated' | 'reopened' | null;

  @VersionColumn()
  version: number;
}
