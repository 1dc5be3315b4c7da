import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { IdNumberType } from '../common/pii';
import { PetitionEntity } from './petition.entity';

/**
 * A petitioner (信访人), a person; in a group visit, one of the elected representatives. ID number,
 * mobile and address are stored only encrypted; the blind indexes (the same keys as a case
 * party's) find the same person across petitions and cases; responses show the masked forms.
 */
@Entity('petitioners')
export class PetitionerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  petitionId: string;

  @ManyToOne(() => PetitionEntity, (p) => p.petitioners, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'petition_id' })
  petition?: Relation<PetitionEntity>;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  idType: IdNumberType | null;

  @Column({ type: 'text', nullable: true })
  idNumberEnc: string | null;

  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  idNumberIndex: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  idNumberMasked: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  idWarning: string | null;

  @Column({ type: 'text', nullable: true })
  mobileEnc: string | null;

  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  mobileIndex: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  mobileMasked: string | null;

  @Column({ type: 'text', nullable: true })
  addressEnc: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  addressMasked: string | null;
}
