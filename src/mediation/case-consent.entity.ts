import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CONSENT_METHODS = ['written', 'oral', 'phone', 'online', 'video'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/**
 * A party's answer to "do you agree to mediation?" (人民调解法 Art.17: mediation is voluntary; a
 * party who clearly refuses must not be mediated). Recorded per party, with how it was given; a
 * later answer supersedes an earlier one, and both stay on record.
 */
@Entity('case_consents')
@Check('case_consents_decision_check', `decision IN ('agree', 'refuse')`)
@Index(['caseId', 'partyId', 'recordedAt'])
export class CaseConsentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'uuid' })
  partyId: string;

  @Column({ type: 'varchar', length: 8 })
  decision: 'agree' | 'refuse';

  @Column({ type: 'varchar', length: 8 })
  method: ConsentMethod;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  recordedById: string;

  @Column({ type: 'timestamptz', precision: 3 })
  recordedAt: Date;
}
