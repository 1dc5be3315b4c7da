import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per effect that happened: a reminder sent or a miss enforced, for one due time. The
 * primary key is what makes each effect happen exactly once, however many workers, retries and
 * sweeps reach it: the effect's writes share a transaction with this insert, and a second insert
 * of the same key finds the first and does nothing.
 */
@Entity('deadline_effects')
export class DeadlineEffectEntity {
  @PrimaryColumn({ type: 'uuid' })
  deadlineId: string;

  /** `remind-<n>` or `due`. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  stage: string;

  /** The due time the effect belonged to: an extended deadline reminds again for its new date. */
  @PrimaryColumn({ type: 'timestamptz', precision: 3 })
  dueAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  firedAt: Date;

  /** How it was reached: `job` (on time) or `sweep` (a job was lost or a worker was down). */
  @Column({ type: 'varchar', length: 8 })
  via: string;
}
