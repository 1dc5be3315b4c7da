import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Values generated once per deployment and shared by every process (e.g. the token secret). */
@Entity('system_settings')
export class SystemSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'text' })
  value: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
