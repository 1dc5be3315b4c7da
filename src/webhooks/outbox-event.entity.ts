import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An event owed to a partner system, written in the same transaction as the change that caused
 * it (the outbox pattern): if the change commits, the event exists; if not, neither does. The
 * delivery worker (signing, retries, dead letters) reads from here.
 */
@Entity('outbox_events')
@Check('outbox_events_status_check', `status IN ('pending', 'delivered', 'dead')`)
@Index(['status', 'occurredAt'])
@Index(['partnerId', 'occurredAt'])
export class OutboxEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** e.g. `case.red_risk`, `case.registered`, `deadline.missed`. */
  @Column({ type: 'varchar', length: 64 })
  eventType: string;

  @Column({ type: 'uuid' })
  partnerId: string;

  @Column({ type: 'varchar', length: 32 })
  subjectType: string;

  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ type: 'jsonb' })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's insert typing rejects unknown-valued records
  payload: Record<string, any>;

  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status: 'pending' | 'delivered' | 'dead';
}
