import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/**
 * 吹哨报到: a red-risk alarm sent to one police station, and the station's acknowledgement. Kept
 * per station so the director sees who answered, and how fast, on the case's timeline.
 */
@Entity('red_alerts')
@Index(['partnerId', 'raisedAt'])
export class RedAlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  caseId: string;

  /** The police station alerted. */
  @Column({ type: 'uuid' })
  partnerId: string;

  @Column({ type: 'jsonb' })
  reasons: string[];

  @Column({ type: 'timestamptz', precision: 3 })
  raisedAt: Date;

  /** Who raised it: the triage classifier at registration, or the staff member. */
  @Column({ type: 'varchar', length: 60 })
  raisedBy: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  acknowledgedBy: string | null;

  /** What the station did (出警, 稳控, 约谈...). */
  @Column({ type: 'text', nullable: true })
  action: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
