import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A partner's Idempotency-Key and the answer it got. Written in the same transaction as the
 * change it protects, so a retry after a timeout sees either nothing (and redoes the work) or
 * the committed answer — never half of one.
 */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  /** `partner:<id>` or `staff:<id>`: keys are per caller, so two partners may pick the same key. */
  @PrimaryColumn({ type: 'varchar', length: 80 })
  owner: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  key: string;

  @Column({ type: 'varchar', length: 200 })
  route: string;

  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ type: 'integer', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'jsonb', nullable: true })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's insert typing rejects unknown-valued records
  responseBody: Record<string, any> | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Index()
  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;
}
