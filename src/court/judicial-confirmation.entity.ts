import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

export const CONFIRMATION_STATUSES = ['applied', 'accepted', 'confirmed', 'rejected'] as const;
export type ConfirmationStatus = (typeof CONFIRMATION_STATUSES)[number];

export interface ConfirmationRoad {
  code: string;
  label: string;
  basis: string;
}

/**
 * 司法确认: the parties jointly ask a court to confirm their agreement within 30 days of its effect
 * (人民调解法 Art.33; 民诉法 Art.205). Confirmed, it can be enforced; rejected, the parties may
 * change it by mediation, make a new one, or sue (民诉法 Art.206). One open application per agreement.
 */
@Entity('judicial_confirmations')
@Check('judicial_confirmations_status_check', `status IN ('applied', 'accepted', 'confirmed', 'rejected')`)
@Index('judicial_confirmations_one_open_idx', ['agreementId'], { unique: true, where: `status <> 'rejected'` })
@Index(['partnerId', 'createdAt'])
export class JudicialConfirmationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'uuid' })
  agreementId: string;

  /** The court, when it is a partner system (it can then read this and post the ruling). */
  @Column({ type: 'uuid', nullable: true })
  partnerId: string | null;

  @Column({ type: 'varchar', length: 100 })
  courtName: string;

  @Column({ type: 'date' })
  appliedOn: string;

  /** The parties who applied together (all applicants and respondents). */
  @Column({ type: 'jsonb' })
  applicants: Array<{ partyId: string; name: string; role: string }>;

  @Column({ type: 'varchar', length: 10 })
  status: ConfirmationStatus;

  /** 立案: the court's 30 days to decide run from here (民诉法 Art.187). */
  @Column({ type: 'date', nullable: true })
  filedOn: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  courtCaseNumber: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  rulingNumber: string | null;

  @Column({ type: 'date', nullable: true })
  ruledOn: string | null;

  @Column({ type: 'text', nullable: true })
  rulingReasons: string | null;

  /** On rejection, what the parties may do next. */
  @Column({ type: 'jsonb', nullable: true })
  roads: ConfirmationRoad[] | null;

  @Column({ type: 'uuid' })
  recordedById: string;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
