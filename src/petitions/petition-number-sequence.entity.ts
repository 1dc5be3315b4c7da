import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last petition number given per unit and year (XF-<unit code>-<year>-<sequence>), taken with
 * an UPSERT … RETURNING like the case numbers: concurrent registrations never share a number and a
 * rolled-back one gives its number back.
 */
@Entity('petition_number_sequences')
export class PetitionNumberSequenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  unitCode: string;

  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  lastValue: number;
}
