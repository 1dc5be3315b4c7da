import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

export const TRANSFER_KINDS = ['dispute', 'public_order'] as const;
/**
 * dispute: not a public-order violation, the parties are sent to people's mediation (程序规定
 * Art.178 ¶2; 人民调解法 Art.18). public_order: a minor public-order case arising from a civil
 * dispute whose parties chose people's mediation; performed, the police may decide not to punish
 * (程序规定 Art.186; 治安管理处罚法 2025).
 */
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export interface TransferFeedback {
  acceptedAt?: string;
  concluded?: { outcome: string; at: string; reason?: string };
  closed?: { how: string; at: string; summary?: string };
}

/** 警调对接: a dispute a police station hands to the center, under its incident number (警情号). */
@Entity('police_transfers')
@Check('police_transfers_kind_check', `kind IN ('dispute', 'public_order')`)
@Index(['partnerId', 'incidentNumber'], { unique: true })
@Index(['partnerId', 'createdAt'])
export class PoliceTransferEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  caseId: string;

  /** The station that sent it: the only partner that may read it. */
  @Column({ type: 'uuid' })
  partnerId: string;

  @Column({ type: 'varchar', length: 64 })
  incidentNumber: string;

  @Column({ type: 'varchar', length: 16 })
  kind: TransferKind;

  @Column({ type: 'timestamptz', precision: 3 })
  incidentAt: Date;

  /** Where it happened can identify a home: stored encrypted, shown masked. */
  @Column({ type: 'text', nullable: true })
  placeEnc: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  placeMasked: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  officerName: string | null;

  /** What the officers did on the scene (现场处置情况). */
  @Column({ type: 'text' })
  handling: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  feedback: TransferFeedback;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
