import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last number given per unit and year. Taken with an UPSERT … RETURNING, so concurrent
 * registrations on several API replicas never share a number, and a rolled-back registration
 * gives its number back (no gaps from failed requests).
 */
@Entity('case_number_sequences')
export class CaseNumberSequenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  unitCode: string;

  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  lastValue: number;
}
