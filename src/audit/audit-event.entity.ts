import { Check, Column, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change, written in the same transaction as the change itself. Rows are never updated or
 * deleted (a trigger in the migration refuses it): this is the evidence of who did what.
 * before/after hold personal data only masked.
 */
@Entity('audit_events')
@Check('audit_events_actor_type_check', `actor_type IN ('staff', 'partner', 'system')`)
@Index(['subjectType', 'subjectId', 'occurredAt'])
@Index(['actorId', 'occurredAt'])
@Index(['occurredAt'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * Insertion order. Several events of one request share a millisecond (and tests freeze the
   * clock), so a case's timeline is ordered by this, not by time or the random id.
   */
  @Index({ unique: true })
  @Generated('increment')
  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 10 })
  actorType: 'staff' | 'partner' | 'system';

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 100 })
  actorName: string;

  /** e.g. `user.created`, `api_key.revoked`, `org_unit.updated`. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 32 })
  subjectType: string;

  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  /** The unit the subject belongs to, so auditors see only their own subtree. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's insert typing rejects unknown-valued records
  before: Record<string, any> | null;

  @Column({ type: 'jsonb', nullable: true })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  after: Record<string, any> | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  requestId: string | null;
}
