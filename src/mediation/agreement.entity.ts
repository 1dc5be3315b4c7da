import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { ObligationKind } from './tracks/track-policy';

/**
 * 调解协议书. Takes effect when the parties and the mediator have signed and the committee has
 * sealed it (人民调解法 Art.29); from then the 30-day window for judicial confirmation runs.
 */
@Entity('agreements')
export class AgreementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  caseId: string;

  /** The agreed text as signed. */
  @Column({ type: 'text' })
  text: string;

  /** Who signed, and when (parties, mediator). */
  @Column({ type: 'jsonb' })
  signatures: Array<{ partyId?: string; staffUserId?: string; name: string; signedAt: string }>;

  @Column({ type: 'timestamptz', precision: 3 })
  effectiveAt: Date;

  /** Terms a court may confirm (民诉解释 Art.355), as judged when recorded. */
  @Column({ type: 'boolean' })
  confirmable: boolean;

  @Column({ type: 'uuid' })
  recordedById: string;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

export const OBLIGATION_STATUSES = ['pending', 'performed', 'breached'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/** One thing a party owes under the agreement: who, what, how much, by when. */
@Entity('obligations')
@Check('obligations_status_check', `status IN ('pending', 'performed', 'breached')`)
@Index(['caseId'])
@Index(['dueDate'], { where: `status = 'pending'` })
export class ObligationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agreementId: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'uuid' })
  debtorPartyId: string;

  @Column({ type: 'uuid', nullable: true })
  creditorPartyId: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind: ObligationKind;

  @Column({ type: 'varchar', length: 500 })
  description: string;

  @Column({ type: 'bigint', nullable: true })
  amountFen: string | null;

  /** The last day to perform (local date). */
  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'varchar', length: 10 })
  status: ObligationStatus;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  settledAt: Date | null;

  /** How it was performed, or what the breach was (recorded by the party's report or the mediator). */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** On breach: the roads the law opened, as computed then. */
  @Column({ type: 'jsonb', nullable: true })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's insert typing rejects unknown-valued records
  roads: Record<string, any>[] | null;

  @VersionColumn()
  version: number;
}
