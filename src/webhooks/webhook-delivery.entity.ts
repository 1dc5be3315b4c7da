import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OutboxEventEntity } from './outbox-event.entity';

/**
 * One delivery attempt, kept for the admin's history: what an integration engineer at the court
 * asks first is "what did you send us, when, and what did we answer". Append-only.
 */
@Entity('webhook_deliveries')
@Index(['partnerId', 'attemptedAt'])
@Index(['eventId', 'attempt'])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => OutboxEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: OutboxEventEntity;

  @Column({ type: 'uuid' })
  partnerId: string;

  @Column({ type: 'varchar', length: 64 })
  eventType: string;

  /** 1 for the first attempt; counts again from 1 after a replay. */
  @Column({ type: 'integer' })
  attempt: number;

  @Column({ type: 'timestamptz', precision: 3 })
  attemptedAt: Date;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  /** null when no answer came (timeout, refused connection, blocked address). */
  @Column({ type: 'integer', nullable: true })
  httpStatus: number | null;

  @Column({ type: 'integer' })
  durationMs: number;

  @Column({ type: 'boolean' })
  succeeded: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;
}
