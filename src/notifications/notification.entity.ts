import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An in-app message to a staff member (a red-risk alert, later reminders and escalations). */
@Entity('notifications')
@Index(['recipientId', 'visibleAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  recipientId: string;

  /** e.g. `case.red_risk`. */
  @Column({ type: 'varchar', length: 48 })
  kind: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  subjectType: string | null;

  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /**
   * When the message shows (and how the inbox sorts). A reminder written ahead (the day before a
   * session, before an obligation falls due) is simply dated then: no job is needed for an in-app
   * message to appear later, and a cancelled session deletes its unseen reminders.
   */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  visibleAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readAt: Date | null;
}
