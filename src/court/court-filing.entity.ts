import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

export const FILING_REASONS = ['mediation_failed', 'agreement_breached'] as const;
export type FilingReason = (typeof FILING_REASONS)[number];
export const FILING_STATUSES = ['sent', 'received', 'registered', 'returned'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

/**
 * 诉调对接, outgoing: after a failed mediation or a broken agreement the center sends the dispute
 * to a court with a referral package, and follows it until the court registers it (立案, with its
 * case number) or returns it. At most one referral of a case is open at a time.
 */
@Entity('court_filings')
@Check('court_filings_reason_check', `reason IN ('mediation_failed', 'agreement_breached')`)
@Check('court_filings_status_check', `status IN ('sent', 'received', 'registered', 'returned')`)
@Index('court_filings_one_open_idx', ['caseId'], { unique: true, where: `status <> 'returned'` })
@Index(['partnerId', 'sentAt'])
export class CourtFilingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  /** The court partner it went to. */
  @Column({ type: 'uuid' })
  partnerId: string;

  @Column({ type: 'varchar', length: 20 })
  reason: FilingReason;

  /** Summary, parties (identifiers masked), claims, failure or breach record, documents list. */
  @Column({ type: 'jsonb' })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's insert typing rejects unknown-valued records
  package: Record<string, any>;

  @Column({ type: 'varchar', length: 12 })
  status: FilingStatus;

  @Column({ type: 'timestamptz', precision: 3 })
  sentAt: Date;

  @Column({ type: 'uuid' })
  sentById: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  receivedAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  courtCaseNumber: string | null;

  @Column({ type: 'date', nullable: true })
  registeredOn: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  returnedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  returnReason: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
