import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import type { StaffRole } from './roles';

@Entity('staff_users')
@Check('staff_users_roles_check', `roles <@ ARRAY['admin','director','intake_clerk','mediator','petition_officer','leader','grid_worker','auditor']::varchar[] AND cardinality(roles) > 0`)
export class StaffUserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-case: sign-in is case-insensitive, uniqueness too. */
  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ type: 'varchar', length: 50 })
  displayName: string;

  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'varchar', array: true })
  roles: StaffRole[];

  @Index()
  @Column({ type: 'uuid' })
  orgUnitId: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: OrgUnitEntity;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Bumped on password change or deactivation; tokens carry it, so older tokens stop working at once. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastSignInAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
