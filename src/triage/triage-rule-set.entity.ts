import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every edit of the triage rules is a new version; the highest is in force. Keeping the old ones
 * shows why a case registered last month was classified the way it was.
 */
@Entity('triage_rule_sets')
export class TriageRuleSetEntity {
  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's insert typing rejects unknown-valued records
  rules: Record<string, any>;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
