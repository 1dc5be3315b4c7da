import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export const SMS_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

/**
 * A text message to a party, kept with its delivery history as evidence of service (a notice the
 * center must be able to prove it gave: a session time, the arbitration road, a reminder to pay).
 * The number is stored only encrypted; responses and logs carry the masked form.
 */
@Entity('sms_messages')
@Check('sms_messages_status_check', `status IN ('queued', 'sending', 'sent', 'delivered', 'failed')`)
@Index(['caseId', 'queuedAt'])
@Index('sms_messages_pending', ['queuedAt'], { where: `status IN ('queued', 'sending')` })
export class SmsMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ type: 'uuid', nullable: true })
  partyId: string | null;

  @Column({ type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @Column({ type: 'varchar', length: 48 })
  template: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text' })
  recipientEnc: string;

  @Column({ type: 'varchar', length: 20 })
  recipientMasked: string;

  @Column({ type: 'varchar', length: 10 })
  status: SmsStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  provider: string | null;

  @Index()
  @Column({ type: 'varchar', length: 100, nullable: true })
  providerMessageId: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  queuedAt: Date;

  /** A reminder is queued ahead and sent at this moment (the day before a session); null: at once. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  notBefore: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  failedAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
