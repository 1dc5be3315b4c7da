import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { PartnerEntity } from '../auth/partner.entity';

/**
 * Where a partner system receives its events, and the secrets they are signed with. One per
 * partner: a court or a police station runs one receiving service, and per-partner ordering is
 * enforced through this row's lease.
 */
@Entity('webhook_endpoints')
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('webhook_endpoints_partner_unique', { unique: true })
  @Column({ type: 'uuid' })
  partnerId: string;

  @ManyToOne(() => PartnerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_id' })
  partner?: PartnerEntity;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  /** false: events keep accumulating as pending and are delivered, in order, once it is true again. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** `whsec_…`, encrypted like personal data (PiiService, context webhook.secret): a dump alone cannot forge events. */
  @Column({ type: 'text' })
  secretEnc: string;

  @Column({ type: 'timestamptz', precision: 3 })
  secretCreatedAt: Date;

  /** The secret before the last rotation, still signing alongside until previousSecretExpiresAt. */
  @Column({ type: 'text', nullable: true })
  previousSecretEnc: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  previousSecretExpiresAt: Date | null;

  /**
   * The delivery lease: the worker holding it is the only one sending this partner's events, which
   * is what keeps them in order across processes. Written by plain SQL, so it moves neither the
   * version (the admin's ETag) nor updatedAt.
   */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'uuid', nullable: true })
  leaseToken: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
