import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import type { PartnerKind } from './roles';

/** A partner system (a court, a police station, the petition bureau, 12345, the grid platform). */
@Entity('partners')
@Check('partners_kind_check', `kind IN ('court', 'police', 'petition_bureau', 'hotline', 'grid')`)
export class PartnerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: PartnerKind;

  /** The unit whose subtree the partner works with: its keys see nothing outside it. */
  @Index()
  @Column({ type: 'uuid' })
  orgUnitId: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: OrgUnitEntity;

  /** The partner's own identifier, e.g. a court's 法院代码 or a station's 机构代码. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  externalCode: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
