import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CaseEntity } from './case.entity';

export const PARTY_ROLES = ['applicant', 'respondent', 'third_party', 'agent'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
export const ID_TYPES = ['resident_id', 'passport', 'hk_macau_permit', 'taiwan_permit', 'credit_code', 'other'] as const;
export type IdType = (typeof ID_TYPES)[number];

/**
 * A party. ID number, mobile and address are stored only encrypted (AES-256-GCM, key from the
 * environment); the blind indexes (keyed HMAC) let the database find the same person across
 * cases without decrypting; the masked forms are what every response shows.
 */
@Entity('case_parties')
@Check('case_parties_role_check', `role IN ('applicant', 'respondent', 'third_party', 'agent')`)
@Check('case_parties_kind_check', `kind IN ('person', 'organisation')`)
export class CasePartyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, (c) => c.parties, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  // Relation<> keeps the circular import out of the emitted decorator metadata.
  case?: Relation<CaseEntity>;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'varchar', length: 12 })
  role: PartyRole;

  @Column({ type: 'varchar', length: 12 })
  kind: 'person' | 'organisation';

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  idType: IdType | null;

  @Column({ type: 'text', nullable: true })
  idNumberEnc: string | null;

  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  idNumberIndex: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  idNumberMasked: string | null;

  /** e.g. 'checksum' for an early pilot credit code that fails the GB 32100 check. */
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

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  vulnerable: string[];
}
