import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

export const REFERRAL_KINDS = ['delegated', 'entrusted'] as const;
/** 委派调解 (pre-filing, the court has not registered the case) or 委托调解 (post-filing, registered first). */
export type ReferralKind = (typeof REFERRAL_KINDS)[number];
export const COURT_PROCEDURES = ['ordinary', 'summary'] as const;
/** 普通程序 (15 days) or 简易程序 (7 days): sets an entrusted mediation's clock. */
export type CourtProcedure = (typeof COURT_PROCEDURES)[number];
export const REFERRAL_STATUSES = ['awaiting_materials', 'mediating', 'agreement', 'failed', 'materials_returned'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export interface ReferralMaterial {
  name: string;
  copies: number;
  pages?: number;
}

/** What the center reports back to the court (特邀调解规定 Art.19–21, 26). */
export interface ReferralResult {
  outcome: 'agreement' | 'failed';
  concludedAt: string;
  agreementId?: string;
  reason?: string;
  roads?: string[];
  /** 委派: served on the parties and filed with the court (备案); 委托: sent for a 调解书 or 撤诉. */
  courtAction: string;
}

/**
 * 诉调对接, incoming: a court delegates (委派) or entrusts (委托) a dispute to the center. The
 * mediation clock runs from the mediator's signature for the court's materials, not from the day
 * the referral arrived (特邀调解规定 Art.27), so a referral can wait for its materials.
 */
@Entity('court_referrals')
@Check('court_referrals_kind_check', `kind IN ('delegated', 'entrusted')`)
@Check('court_referrals_procedure_check', `(kind = 'entrusted') = (procedure IS NOT NULL)`)
@Check('court_referrals_status_check', `status IN ('awaiting_materials', 'mediating', 'agreement', 'failed', 'materials_returned')`)
@Index(['partnerId', 'createdAt'])
// One referral per court case number and court: a retry under a new key must not open a second case.
@Index(['partnerId', 'courtCaseNumber'], { unique: true })
export class CourtReferralEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  caseId: string;

  /** The court partner that sent it: the only partner that may read it. */
  @Column({ type: 'uuid' })
  partnerId: string;

  @Column({ type: 'varchar', length: 10 })
  kind: ReferralKind;

  @Column({ type: 'varchar', length: 10, nullable: true })
  procedure: CourtProcedure | null;

  /** e.g. （2026）浙0102民诉前调1234号 for a delegation, （2026）浙0102民初5678号 once registered. */
  @Column({ type: 'varchar', length: 64 })
  courtCaseNumber: string;

  /** The deadline kind the referral sets (C1/C2), fixed at intake. */
  @Column({ type: 'varchar', length: 40 })
  deadlineKind: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  judgeName: string | null;

  /** 诉讼请求 as the court received them. */
  @Column({ type: 'text' })
  claims: string;

  @Column({ type: 'jsonb' })
  materials: ReferralMaterial[];

  /** Where this referral's events go; same origin as the court's webhook endpoint. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  callbackUrl: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: ReferralStatus;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  materialsSignedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  materialsSignedById: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  materialsSignedBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  deadlineId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  result: ReferralResult | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  materialsReturnedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  materialsReturned: ReferralMaterial[] | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
