import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import type { CaseStatus } from './case-status';
import { CasePartyEntity } from './case-party.entity';

export const CHANNELS = ['walk_in', 'phone', 'online', 'grid', 'hotline', 'police', 'court', 'petition'] as const;
export type Channel = (typeof CHANNELS)[number];
export const RISK_LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface RiskReason {
  code: string;
  level: RiskLevel;
  description: string;
  evidence?: string;
}

/** The triage officer's decision and the road explained to the party. */
export interface TriageDecision {
  decision: 'accept' | 'refer_out' | 'reject' | 'merge' | 'escalate';
  reason?: string;
  referredTo?: string;
  road?: string;
  mergedIntoNumber?: string;
  fromUnitId?: string;
  decidedById: string;
  decidedAt: string;
}

/** 一案一码: one registration per dispute, whatever door it came through. */
export interface TrackFacts {
  domesticViolence?: boolean;
  minorsInvolved?: boolean;
  workerCount?: number;
  knewOfInfringementOn?: string;
  employmentEnded?: boolean;
  households?: number;
}

@Entity('cases')
@Check('cases_channel_check', `channel IN ('walk_in', 'phone', 'online', 'grid', 'hotline', 'police', 'court', 'petition')`)
@Check('cases_risk_check', `risk_level IN ('red', 'orange', 'yellow', 'blue')`)
@Check('cases_status_check', `status IN ('registered', 'accepted', 'in_mediation', 'suspended', 'agreement', 'performing', 'failed', 'withdrawn', 'referred_out', 'rejected', 'merged', 'closed')`)
@Check('cases_amount_check', `amount_fen IS NULL OR amount_fen >= 0`)
@Index(['orgUnitId', 'status', 'registeredAt'])
@Index('cases_search_bigrams_idx', { synchronize: false })
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** e.g. TJ-330102001-2026-000123: the unit that registered it, the year, a per-unit sequence. */
  @Column({ type: 'varchar', length: 40, unique: true })
  number: string;

  @Column({ type: 'uuid' })
  orgUnitId: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: OrgUnitEntity;

  @Column({ type: 'varchar', length: 12 })
  channel: Channel;

  /** 警情号, court case number, 信访件号, 12345 ticket or grid event number. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  externalRef: string | null;

  /** The partner system that sent it, if any: it may read the case and its status. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  sourcePartnerId: string | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  category: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  subcategory: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  track: string | null;

  /** Money in fen (分) as bigint: never a float. */
  @Column({ type: 'bigint', nullable: true })
  amountFen: string | null;

  @Column({ type: 'integer' })
  partyCount: number;

  @Index()
  @Column({ type: 'varchar', length: 6 })
  riskLevel: RiskLevel;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  riskReasons: RiskReason[];

  /** What the classifier suggested at registration, kept beside what triage decided. */
  @Column({ type: 'jsonb', nullable: true })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's insert typing rejects unknown-valued records
  suggestion: Record<string, any> | null;

  @Column({ type: 'varchar', length: 16 })
  status: CaseStatus;

  @Column({ type: 'jsonb', nullable: true })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  decision: Record<string, any> | null;

  /**
   * decision.mediation.outcome and the instant the mediation concluded, copied by the database
   * (trigger cases_report_facts, migration CaseReportFacts) so the reports read them from an
   * index instead of parsing every case's jsonb. Never written or read by the application.
   */
  @Column({ type: 'varchar', length: 32, nullable: true, select: false, insert: false, update: false })
  mediationOutcome?: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true, select: false, insert: false, update: false })
  concludedAt?: Date | null;

  @Column({ type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  /**
   * Facts the track's policy reads that registration does not collect: when the worker learned of
   * the infringement (the labor arbitration limitation runs from it), whether employment has
   * ended, workers or households on the applicant side, domestic violence, minors involved.
   */
  @Column({ type: 'jsonb', nullable: true })
  trackFacts: TrackFacts | null;

  /**
   * The clock the mediation runs under when an outside body set it: a court's delegation (30 days)
   * or entrustment (15 or 7 days), counted from the mediator's signature for the court's
   * materials (特邀调解规定 Art.27). Null: the track's own clock, started at acceptance.
   */
  @Column({ type: 'varchar', length: 40, nullable: true })
  mediationClock: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ type: 'boolean', default: false })
  overdue: boolean;

  @Column({ type: 'integer', default: 0 })
  priorVisits: number;

  /** Title, description and party names, searched through a bigram index (see the migration). */
  @Column({ type: 'text' })
  searchText: string;

  @Column({ type: 'uuid', nullable: true })
  registeredById: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  registeredAt: Date;

  @OneToMany(() => CasePartyEntity, (p) => p.case)
  parties?: CasePartyEntity[];

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
