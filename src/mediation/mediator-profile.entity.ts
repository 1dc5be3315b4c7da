import { Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Track } from '../triage/taxonomy';

/**
 * What assignment needs to know about a mediator beyond the staff account: the tracks they are
 * trained for, how many open cases they can carry, and whether they take new ones (leave,
 * training). `lastAssignedAt` breaks ties between equally loaded mediators in turn.
 */
@Entity('mediator_profiles')
export class MediatorProfileEntity {
  @PrimaryColumn({ type: 'uuid' })
  staffUserId: string;

  @Column({ type: 'varchar', length: 10, array: true, default: () => "'{}'" })
  specialties: Track[];

  @Column({ type: 'integer', default: 30 })
  maxOpenCases: number;

  @Column({ type: 'boolean', default: true })
  accepting: boolean;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastAssignedAt: Date | null;

  @VersionColumn()
  version: number;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
