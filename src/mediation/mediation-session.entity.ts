import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export const SESSION_METHODS = ['in_person', 'video', 'phone'] as const;
export type SessionMethod = (typeof SESSION_METHODS)[number];
export const SESSION_STATUSES = ['scheduled', 'held', 'missed', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface SessionParticipant {
  /** A party of the case, or a staff member (mediator, co-mediator, invited expert). */
  partyId?: string;
  staffUserId?: string;
  name: string;
  role: string;
  /** Filled when the session is recorded. */
  attended?: boolean;
}

/** A mediation meeting (调解会): when, where or how, who; afterwards what happened (笔录). */
@Entity('mediation_sessions')
@Check('mediation_sessions_status_check', `status IN ('scheduled', 'held', 'missed', 'cancelled')`)
@Check('mediation_sessions_method_check', `method IN ('in_person', 'video', 'phone')`)
@Index(['caseId', 'scheduledAt'])
@Index(['scheduledAt'], { where: `status = 'scheduled'` })
export class MediationSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'uuid' })
  orgUnitId: string;

  @Column({ type: 'timestamptz', precision: 3 })
  scheduledAt: Date;

  @Column({ type: 'integer', default: 60 })
  durationMinutes: number;

  @Column({ type: 'varchar', length: 10 })
  method: SessionMethod;

  /** A room (第二调解室), an address for a site visit, or the video-meeting link's description. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  place: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  participants: SessionParticipant[];

  @Column({ type: 'varchar', length: 10 })
  status: SessionStatus;

  /** 调解笔录: what was said and done. */
  @Column({ type: 'text', nullable: true })
  minutes: string | null;

  /** progress 有进展 / agreement 达成一致 / no_agreement 未达成一致. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  result: string | null;

  /** Why a session did not take place (a party did not come, the mediator was ill). */
  @Column({ type: 'text', nullable: true })
  missedReason: string | null;

  @Column({ type: 'uuid' })
  createdById: string;

  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
