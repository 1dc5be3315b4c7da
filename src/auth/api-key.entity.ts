import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PartnerEntity } from './partner.entity';

/**
 * A partner's API key. Only a SHA-256 of the secret is kept: keys are 256-bit random values,
 * so a fast hash is enough (no dictionary to attack), and checking it on every request stays
 * cheap, unlike a password hash.
 */
@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  partnerId: string;

  @ManyToOne(() => PartnerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_id' })
  partner?: PartnerEntity;

  @Column({ type: 'varchar', length: 100 })
  label: string;

  /** The public part shown in lists and logs, e.g. `tjk_3f9a2c1b`; unique, used for lookup. */
  @Column({ type: 'varchar', length: 16, unique: true })
  prefix: string;

  @Column({ type: 'varchar', length: 64 })
  secretHash: string;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedById: string | null;
}
