import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import type { PetitionStatus } from './petition-status';
import type { NoticeMethod, PetitionCategory, PetitionForm, RepeatRuleCode, ReplyResult, SatisfactionRating } from './petition-rules';
import { PetitionerEntity } from './petitioner.entity';

/** A written notice served on the petitioner (告知书, 处理意见书 送达). */
export interface PetitionNotice {
  servedOn: string;
  method: NoticeMethod;
  text: string;
}

/** How the petition was routed within the 15 days of X1 (or later diverted), and what the petitioner was told. */
export interface RoutingRecord {
  decision: 'accept' | 'transfer' | 'assign' | 'inform' | 'divert' | 'decline' | 'mediation';
  /** Where it went: the organ, or the legal channel. */
  organ?: string;
  orgUnitId?: string | null;
  road?: string;
  roadLabel?: string;
  reason?: string;
  basis: string;
  notice?: PetitionNotice;
  decidedAt: string;
  decidedBy: string;
  decidedById: string;
}

export interface EvaluationRecord {
  rating: SatisfactionRating;
  ratingLabel: string;
  note: string | null;
  recordedAt: string;
  recordedBy: string;
}

/** A written answer: 信访处理意见书, 复查意见 or 复核意见. */
export interface ReplyRecord {
  result: ReplyResult;
  resultLabel: string;
  summary: string;
  organ: string;
  issuedOn: string;
  /** The day the petitioner received it: the thirty days to contest it run from here. */
  deliveredOn: string | null;
  recordedAt: string;
  recordedBy: string;
  evaluation?: EvaluationRecord;
}

/** A 复查 or 复核 request and, once given, its answer. */
export interface RequestRecord {
  requestedOn: string;
  organ: string;
  grounds: string;
  /** The window the request was checked against. */
  windowLastDay: string;
  recordedAt: string;
  recordedBy: string;
  reply?: ReplyRecord;
}

export interface ExtensionRecord {
  duration: number;
  approvedBy: string;
  reason: string;
  petitionerNotifiedOn: string;
  dueBefore: string;
  dueAfter: string;
  recordedAt: string;
  recordedBy: string;
}

/** An earlier petition of the same petitioner about the same matter. */
export interface RepeatMatch {
  id: string;
  number: string;
  status: PetitionStatus;
  orgUnitName: string;
  similarity: number;
  higherOrgan: boolean;
}

export interface RepeatRuleRecord {
  code: RepeatRuleCode;
  refused: boolean;
  basis: string;
  earlierNumber: string;
  guidance: string;
  /** Recorded when a repeat of a final matter was registered because it brings new facts or reasons. */
  newFactsOrReasons?: string;
}

export interface LeaderAssignment {
  leaderId: string;
  leaderName: string;
  reason: string;
  assignedAt: string;
  assignedBy: string;
}

/**
 * 信访事项: a petition received by letter, visit, online or phone, registered into the 信访信息系统
 * (信访工作条例 Art.21) and handled under the 条例's clocks (X1–X7). It is not a dispute case:
 * it can open one (信访转调解, Art.37) and be linked to it.
 */
@Entity('petitions')
@Check('petitions_form_check', `form IN ('letter', 'visit', 'online', 'phone')`)
@Check('petitions_category_check', `category IS NULL OR category IN ('suggestion', 'accusation', 'claim')`)
@Check(
  'petitions_status_check',
  `status IN ('received', 'accepted', 'replied', 'under_review', 'reviewed', 'under_re_review', 'final', 'closed', 'transferred', 'diverted', 'declined')`,
)
@Check('petitions_group_visit_check', `group_visit = false OR form = 'visit'`)
@Index(['orgUnitId', 'status', 'registeredAt'])
@Index('petitions_search_bigrams_idx', { synchronize: false })
export class PetitionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** e.g. XF-330102001-2026-000017: the registering unit, the year, a per-unit sequence. */
  @Column({ type: 'varchar', length: 40, unique: true })
  number: string;

  @Column({ type: 'uuid' })
  orgUnitId: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: OrgUnitEntity;

  @Column({ type: 'varchar', length: 8 })
  form: PetitionForm;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  content: string;

  /** 被反映单位, as the petitioner names it. */
  @Column({ type: 'varchar', length: 100 })
  concernedOrgan: string;

  /** The unit of the tree it is, when it is one. */
  @Column({ type: 'uuid', nullable: true })
  concernedOrgUnitId: string | null;

  /** The day the organ received it: X1 runs from here (the first day not counted). */
  @Column({ type: 'date' })
  receivedOn: string;

  /** 集体访: the petitioners registered are the elected representatives (≤ 5, Art.20). */
  @Column({ type: 'boolean', default: false })
  groupVisit: boolean;

  /** How many came, for a group visit. */
  @Column({ type: 'integer', nullable: true })
  headcount: number | null;

  @Column({ type: 'integer' })
  petitionerCount: number;

  @Column({ type: 'varchar', length: 12, nullable: true })
  category: PetitionCategory | null;

  @Column({ type: 'varchar', length: 16 })
  status: PetitionStatus;

  @Column({ type: 'jsonb', nullable: true })
  routing: RoutingRecord | null;

  /** 受理之日: X4 runs from here. */
  @Column({ type: 'date', nullable: true })
  acceptedOn: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  extensions: ExtensionRecord[];

  @Column({ type: 'jsonb', nullable: true })
  reply: ReplyRecord | null;

  @Column({ type: 'jsonb', nullable: true })
  review: RequestRecord | null;

  @Column({ type: 'jsonb', nullable: true })
  reReview: RequestRecord | null;

  @Column({ type: 'jsonb', nullable: true })
  closure: { summary: string; closedAt: string; closedBy: string } | null;

  /** The dispute case this petition opened (信访转调解) or was registered against. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  /** Repeats an accepted, in-progress or final petition of the same petitioner and matter. */
  @Column({ type: 'boolean', default: false })
  repeat: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  repeatOf: RepeatMatch[];

  @Column({ type: 'jsonb', nullable: true })
  repeatRule: RepeatRuleRecord | null;

  /** The petition officer handling it; hears the clock's reminders. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  officerId: string | null;

  /** 包案领导 (Art.18 ¶2): takes personal charge; hears the reminders too. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  leaderId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  leaderAssignment: LeaderAssignment | null;

  /** Set by the deadline worker when one of its clocks was missed. */
  @Column({ type: 'boolean', default: false })
  overdue: boolean;

  /** Title, content, organ and petitioner names, searched through a bigram index (see the migration). */
  @Column({ type: 'text' })
  searchText: string;

  @Column({ type: 'uuid' })
  registeredById: string;

  @Column({ type: 'timestamptz', precision: 3 })
  registeredAt: Date;

  @OneToMany(() => PetitionerEntity, (p) => p.petition)
  petitioners?: PetitionerEntity[];

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
