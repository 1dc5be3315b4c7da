import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export const ORG_LEVELS = ['county', 'town', 'village'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/** 区 district / 县 county, 镇 town / 街道 street, 村 village / 社区 community. */
export const ORG_KINDS = ['district', 'county', 'town', 'street', 'village', 'community'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/**
 * A node of the county's unit tree. `path` holds the ids from the root down ('/a/b/c/'), so
 * "this unit and everything below it" — the scope of every user — is one indexed prefix match.
 */
@Entity('org_units')
@Check('org_units_level_check', `level IN ('county', 'town', 'village')`)
@Check('org_units_kind_check', `kind IN ('district', 'county', 'town', 'street', 'village', 'community')`)
@Check('org_units_code_check', `code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'`)
@Index('org_units_path_prefix_idx', { synchronize: false })
export class OrgUnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 12, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 10 })
  level: OrgLevel;

  @Column({ type: 'varchar', length: 12 })
  kind: OrgKind;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrgUnitEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: OrgUnitEntity | null;

  @Column({ type: 'text' })
  path: string;

  /** The one-stop center the unit runs, e.g. 上城区矛盾纠纷调处化解中心. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  centerName: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
