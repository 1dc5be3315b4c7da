import { Check, Column, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

export const OUTBOX_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * An event owed to a partner system, written in the same transaction as the change that caused
 * it (the outbox pattern): if the change commits, the event exists; if not, neither does. The
 * delivery worker (webhook-delivery.service.ts) sends each partner's events in order.
 */
@Entity('outbox_events')
@Check('outbox_events_status_check', `status IN ('pending', 'delivered', 'dead')`)
@Index(['status', 'occurredAt'])
@Index(['partnerId', 'occurredAt'])
// The head of each partner's queue (the oldest pending event) is what the worker and the sweep ask
// for; pending rows are few compared with the delivered history, so the index stays small.
@Index('outbox_events_pending_head', ['partnerId', 'occurredAt', 'seq'], { where: `status = 'pending'` })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * Insertion order, the tie-break when events share an instant (two events of one transaction
   * carry the same clock reading, and a uuid would order them at random).
   */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq: string;

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
  status: OutboxStatus;

  /** Delivery attempts since the event was emitted or last replayed. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** When a pending event may next be attempted; null once delivered or dead. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastAttemptAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  deliveredAt: Date | null;

  /**
   * Delivered here instead of the endpoint's url (a court's per-referral callback). Checked to
   * share the endpoint's origin when it is set and again at each attempt.
   */
  @Column({ type: 'varchar', length: 2048, nullable: true })
  targetUrl: string | null;
}
