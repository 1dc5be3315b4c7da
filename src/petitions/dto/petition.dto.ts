import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { queryBool, queryList, trim } from '../../common/http/transforms';
import { CivilDate, Text } from '../../common/http/text-fields';
import { PageOf, PageQueryDto } from '../../common/pagination/pagination';
import { toIso } from '../../common/time/iso';
import { DeadlineDto } from '../../deadlines/dto/deadline.dto';
import { localDateOf } from '../../deadlines/period';
import type { DeadlineEntity } from '../../deadlines/deadline.entity';
import type { PetitionEntity, ReplyRecord, RequestRecord } from '../petition.entity';
import type { PetitionerEntity } from '../petitioner.entity';
import {
  NOTICE_METHODS, PETITION_CATEGORIES, PETITION_CATEGORY_INFO, PETITION_FORM_LABELS, PETITION_FORMS, PetitionCategory, PetitionForm, RequestWindow,
} from '../petition-rules';
import { PETITION_STATUS_LABELS, PETITION_STATUSES, PetitionStatus } from '../petition-status';

/** A petitioner is a person: no credit codes. */
export const PETITIONER_ID_TYPES = ['resident_id', 'passport', 'hk_macau_permit', 'taiwan_permit', 'other'] as const;
export type PetitionerIdType = (typeof PETITIONER_ID_TYPES)[number];

export class PetitionerInputDto {
  @ApiProperty({ example: '周桂兰', maxLength: 100 })
  @Text(100)
  name: string;

  @ApiPropertyOptional({ enum: PETITIONER_ID_TYPES, example: 'resident_id', description: 'Defaults to resident_id (居民身份证)' })
  @IsOptional()
  @IsIn(PETITIONER_ID_TYPES)
  idType?: PetitionerIdType;

  @ApiPropertyOptional({ example: '11010519491231002X', maxLength: 40, description: 'Checked (GB 11643), stored encrypted, shown masked; finds repeat petitions of the same person' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  idNumber?: string;

  @ApiPropertyOptional({ example: '13857101234', maxLength: 20, description: 'Stored encrypted, shown masked' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(20)
  mobile?: string;

  @ApiPropertyOptional({ example: '浙江省杭州市上城区清波街道河坊街88号2单元301室', maxLength: 200, description: 'Stored encrypted, shown masked' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  address?: string;
}

export class RegisterPetitionDto {
  @ApiProperty({ enum: PETITION_FORMS, example: 'letter', description: 'letter 来信, visit 来访, online 网上信访, phone 来电' })
  @IsIn(PETITION_FORMS)
  form: PetitionForm;

  @ApiProperty({ example: '2026-06-29', description: 'The day the organ received it (信件收到日、来访日): the 15 days to register and route run from the next day (信访工作条例 Art.22)' })
  @CivilDate()
  receivedOn: string;

  @ApiProperty({ example: '反映清波街道拆除违建认定错误', maxLength: 200 })
  @Text(200)
  title: string;

  @ApiProperty({
    example: '信访人反映：清波街道办事处将其位于河坊街88号的自建杂物间认定为违法建筑并作出限期拆除决定，信访人认为该杂物间建于1985年、有村集体批准，认定错误，要求撤销限期拆除决定并赔偿损失。',
    maxLength: 5000,
  })
  @Text(5000)
  content: string;

  @ApiProperty({ example: '清波街道办事处', maxLength: 100, description: '被反映单位 as the petitioner names it' })
  @Text(100)
  concernedOrgan: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The unit of the tree the concerned organ is, when it is one' })
  @IsOptional()
  @IsUUID()
  concernedOrgUnitId?: string;

  @ApiProperty({ type: [PetitionerInputDto], description: 'Persons; for a group visit, the elected representatives (at most five, 信访工作条例 Art.20)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PetitionerInputDto)
  petitioners: PetitionerInputDto[];

  @ApiPropertyOptional({ example: false, description: '集体访 (visits only): petitioners are then the representatives, at most five' })
  @IsOptional()
  @IsBoolean()
  groupVisit?: boolean;

  @ApiPropertyOptional({ example: 23, description: 'Group visit: how many came' })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(100000)
  headcount?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'An existing dispute case this petition is about' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Registering unit; defaults to your own' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({
    example: '信访人提交了2026年11月新取得的村集体1985年建房审批原件，系原复核时未提交的新证据。',
    maxLength: 1000,
    description: 'The new facts or reasons that let a repeat of a matter final after 复核 be registered (信访工作条例 Art.36 ¶3); audited',
  })
  @IsOptional()
  @Text(1000)
  newFactsOrReasons?: string;
}

export class PetitionerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: '周桂兰' })
  name: string;
  @ApiProperty({ type: String, nullable: true, enum: PETITIONER_ID_TYPES, example: 'resident_id' })
  idType: string | null;
  @ApiProperty({ type: String, nullable: true, example: '110105********002X', description: 'Masked' })
  idNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: '138****1234', description: 'Masked' })
  mobile: string | null;
  @ApiProperty({ type: String, nullable: true, example: '浙江省杭州市上城区清波街道****', description: 'Masked' })
  address: string | null;

  static from(p: PetitionerEntity): PetitionerDto {
    return { id: p.id, name: p.name, idType: p.idType, idNumber: p.idNumberMasked, mobile: p.mobileMasked, address: p.addressMasked };
  }
}

class NextDeadlineDto {
  @ApiProperty({ example: 'petition_handling' })
  kind: string;
  @ApiProperty({ example: '信访事项办理期限（申诉求决类）' })
  label: string;
  @ApiProperty({ example: '2026-09-02T00:00:00.000+08:00' })
  dueAt: string;
}

export class PetitionSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'XF-330102001-2026-000017' })
  number: string;
  @ApiProperty({ enum: PETITION_STATUSES, example: 'accepted' })
  status: PetitionStatus;
  @ApiProperty({ example: '办理中' })
  statusLabel: string;
  @ApiProperty({ enum: PETITION_FORMS, example: 'letter' })
  form: PetitionForm;
  @ApiProperty({ example: '来信' })
  formLabel: string;
  @ApiProperty({ type: String, nullable: true, enum: PETITION_CATEGORIES, example: 'claim', description: 'suggestion 建议意见 (Art.29), accusation 检举控告 (Art.30), claim 申诉求决 (Art.31); set when routed' })
  category: PetitionCategory | null;
  @ApiProperty({ example: '反映清波街道拆除违建认定错误' })
  title: string;
  @ApiProperty({ example: '清波街道办事处' })
  concernedOrgan: string;
  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;
  @ApiProperty({ example: '2026-06-29' })
  receivedOn: string;
  @ApiProperty({ example: false })
  groupVisit: boolean;
  @ApiProperty({ example: 1 })
  petitionerCount: number;
  @ApiProperty({ example: false, description: 'Repeats an accepted, in-progress or final petition of the same petitioner and matter' })
  repeat: boolean;
  @ApiProperty({ example: false, description: 'A clock was missed, or is running past its due time' })
  overdue: boolean;
  @ApiProperty({ type: NextDeadlineDto, nullable: true, description: 'The soonest running clock' })
  nextDeadline: NextDeadlineDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The petition officer' })
  officerId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: '包案领导' })
  leaderId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The linked dispute case' })
  caseId: string | null;
  @ApiProperty({ example: '2026-06-30T09:30:00.000+08:00' })
  registeredAt: string;
  @ApiProperty({ example: 1 })
  version: number;

  static fromEntity(p: PetitionEntity, running: DeadlineEntity[], now: Date): PetitionSummaryDto {
    const next = running.filter((d) => d.status === 'pending').sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
    return {
      id: p.id, number: p.number, status: p.status, statusLabel: PETITION_STATUS_LABELS[p.status], form: p.form, formLabel: PETITION_FORM_LABELS[p.form], category: p.category,
      title: p.title, concernedOrgan: p.concernedOrgan, orgUnitId: p.orgUnitId, receivedOn: p.receivedOn, groupVisit: p.groupVisit, petitionerCount: p.petitionerCount,
      repeat: p.repeat, overdue: p.overdue || running.some((d) => d.status === 'pending' && d.dueAt.getTime() <= now.getTime()),
      nextDeadline: next ? { kind: next.kind, label: next.label, dueAt: toIso(next.dueAt) } : null,
      officerId: p.officerId, leaderId: p.leaderId, caseId: p.caseId, registeredAt: toIso(p.registeredAt), version: p.version,
    };
  }
}

export const PetitionPage = PageOf(PetitionSummaryDto, 'PetitionPage');

class NoticeViewDto {
  @ApiProperty({ example: '2026-07-03' })
  servedOn: string;
  @ApiProperty({ enum: NOTICE_METHODS, example: 'post' })
  method: string;
  @ApiProperty({ example: '您反映的事项已于2026年7月3日受理，本机关将在六十日内办结并出具信访处理意见书。' })
  text: string;
}

class RoutingViewDto {
  @ApiProperty({ enum: ['accept', 'transfer', 'assign', 'inform', 'divert', 'decline', 'mediation'], example: 'divert' })
  decision: string;
  @ApiPropertyOptional({ example: '杭州市上城区人民法院' })
  organ?: string;
  @ApiPropertyOptional({ example: 'litigation' })
  road?: string;
  @ApiPropertyOptional({ example: '通过诉讼程序解决' })
  roadLabel?: string;
  @ApiPropertyOptional({ example: '信访人对已生效民事判决不服，属涉法涉诉事项' })
  reason?: string;
  @ApiProperty({ example: '信访工作条例 第三十一条第（一）项' })
  basis: string;
  @ApiPropertyOptional({ type: NoticeViewDto })
  notice?: NoticeViewDto;
  @ApiProperty({ example: '2026-07-03T10:00:00.000Z' })
  decidedAt: string;
  @ApiProperty({ example: '信访干部 吴倩' })
  decidedBy: string;
}

class EvaluationViewDto {
  @ApiProperty({ enum: ['satisfied', 'basically_satisfied', 'dissatisfied'], example: 'dissatisfied' })
  rating: string;
  @ApiProperty({ example: '不满意' })
  ratingLabel: string;
  @ApiProperty({ type: String, nullable: true, example: '信访人认为未考虑其提交的建房审批材料' })
  note: string | null;
  @ApiProperty({ example: '2026-09-05T02:00:00.000Z' })
  recordedAt: string;
  @ApiProperty({ example: '吴倩' })
  recordedBy: string;
}

export class ReplyViewDto {
  @ApiProperty({ enum: ['support', 'explain', 'not_supported'], example: 'not_supported' })
  result: string;
  @ApiProperty({ example: '不予支持' })
  resultLabel: string;
  @ApiProperty({ example: '经调查，该杂物间未取得规划许可，认定为违法建筑事实清楚，限期拆除决定并无不当，对信访人的请求不予支持。' })
  summary: string;
  @ApiProperty({ example: '杭州市上城区清波街道办事处' })
  organ: string;
  @ApiProperty({ example: '2026-09-03' })
  issuedOn: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-09-04', description: 'The petitioner received it: the 30 days to contest it run from the next day' })
  deliveredOn: string | null;
  @ApiPropertyOptional({ type: EvaluationViewDto })
  evaluation?: EvaluationViewDto;
}

export class RequestViewDto {
  @ApiProperty({ example: '2026-10-08', description: 'The reviewing organ received the request: its 30 days run from the next day' })
  requestedOn: string;
  @ApiProperty({ example: '杭州市上城区人民政府' })
  organ: string;
  @ApiProperty({ example: '信访人认为处理意见未考虑1985年村集体建房批准材料' })
  grounds: string;
  @ApiProperty({ example: '2026-10-08', description: 'The last day the request was on time' })
  windowLastDay: string;
  @ApiPropertyOptional({ type: ReplyViewDto })
  reply?: ReplyViewDto;
}

export class RequestWindowDto {
  @ApiProperty({ enum: ['review', 're_review'], example: 'review' })
  stage: string;
  @ApiProperty({ example: '2026-09-04', description: 'The petitioner received the written answer (not counted)' })
  receivedOn: string;
  @ApiProperty({ example: '2026-10-08', description: 'Last day to request; a period ending on a rest day runs to the next working day' })
  lastDay: string;
  @ApiPropertyOptional({ example: '2026-10-04', description: 'The thirtieth day, when it was a rest day' })
  rolledFrom?: string;
  @ApiProperty({ example: '信访工作条例 第三十五条' })
  basis: string;
  @ApiProperty({ example: true, description: 'Today is on or before the last day' })
  open: boolean;
}

class RepeatMatchDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'XF-330102001-2026-000003' })
  number: string;
  @ApiProperty({ enum: PETITION_STATUSES, example: 'final' })
  status: string;
  @ApiProperty({ example: '清波街道' })
  orgUnitName: string;
  @ApiProperty({ example: 0.82, description: 'Bigram similarity of the contents' })
  similarity: number;
  @ApiProperty({ example: false, description: 'This organ is above the one that accepted the earlier petition (Art.19 ¶3)' })
  higherOrgan: boolean;
}

class RepeatRuleDto {
  @ApiProperty({ enum: ['final', 'in_progress', 're_review_available', 'review_available', 'concluded'], example: 'in_progress' })
  code: string;
  @ApiProperty({ example: false, description: 'The registration was refused by this rule (only when final, without new facts or reasons)' })
  refused: boolean;
  @ApiProperty({ example: '信访工作条例 第十九条第三款' })
  basis: string;
  @ApiProperty({ example: 'XF-330102001-2026-000003' })
  earlierNumber: string;
  @ApiProperty({ example: '同一信访事项已经受理、正在办理（XF-330102001-2026-000003）：请告知信访人等待办理结果，对处理意见不服的可以依法请求复查，不作为新的信访事项重复办理。' })
  guidance: string;
  @ApiPropertyOptional({ example: '信访人提交了新取得的建房审批原件' })
  newFactsOrReasons?: string;
}

class ExtensionViewDto {
  @ApiProperty({ example: 30 })
  duration: number;
  @ApiProperty({ example: '清波街道办事处主任 周明' })
  approvedBy: string;
  @ApiProperty({ example: '涉及规划、城管多个部门，需调取1985年建房审批档案' })
  reason: string;
  @ApiProperty({ example: '2026-08-25', description: 'The day the petitioner was told the reason' })
  petitionerNotifiedOn: string;
  @ApiProperty({ example: '2026-09-02T00:00:00.000+08:00' })
  dueBefore: string;
  @ApiProperty({ example: '2026-10-09T00:00:00.000+08:00' })
  dueAfter: string;
}

class LeaderAssignmentDto {
  @ApiProperty({ format: 'uuid' })
  leaderId: string;
  @ApiProperty({ example: '陈建华' })
  leaderName: string;
  @ApiProperty({ example: '重复信访积案，由街道党工委副书记包案化解' })
  reason: string;
  @ApiProperty({ example: '2026-10-12T09:00:00.000+08:00' })
  assignedAt: string;
  @ApiProperty({ example: '孔德明' })
  assignedBy: string;
}

class LinkedCaseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'TJ-330102001-2026-000231' })
  number: string;
  @ApiProperty({ example: 'registered' })
  status: string;
}

class PetitionWindowsDto {
  @ApiPropertyOptional({ type: RequestWindowDto, description: 'To request 复查 of the 信访处理意见 (X5)' })
  review?: RequestWindowDto;
  @ApiPropertyOptional({ type: RequestWindowDto, description: 'To request 复核 of the 复查意见 (X6)' })
  reReview?: RequestWindowDto;
}

export interface PetitionView {
  petition: PetitionEntity;
  petitioners: PetitionerEntity[];
  deadlines: DeadlineEntity[];
  windows: { review?: RequestWindow; reReview?: RequestWindow };
  linkedCase: { id: string; number: string; status: string } | null;
  now: Date;
}

const replyView = (r: ReplyRecord): ReplyViewDto => ({
  result: r.result, resultLabel: r.resultLabel, summary: r.summary, organ: r.organ, issuedOn: r.issuedOn, deliveredOn: r.deliveredOn, ...(r.evaluation ? { evaluation: r.evaluation } : {}),
});
const requestView = (r: RequestRecord): RequestViewDto => ({
  requestedOn: r.requestedOn, organ: r.organ, grounds: r.grounds, windowLastDay: r.windowLastDay, ...(r.reply ? { reply: replyView(r.reply) } : {}),
});
const windowView = (w: RequestWindow, today: string): RequestWindowDto => ({
  stage: w.stage, receivedOn: w.receivedOn, lastDay: w.lastDay, ...(w.rolledFrom ? { rolledFrom: w.rolledFrom } : {}), basis: w.basis, open: today <= w.lastDay,
});

export class PetitionDto extends PetitionSummaryDto {
  @ApiProperty({ example: '信访人反映：清波街道办事处将其位于河坊街88号的自建杂物间认定为违法建筑……' })
  content: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  concernedOrgUnitId: string | null;
  @ApiProperty({ type: Number, nullable: true, example: null })
  headcount: number | null;
  @ApiProperty({ type: String, nullable: true, example: '申诉求决类' })
  categoryLabel: string | null;
  @ApiProperty({ type: [PetitionerDto] })
  petitioners: PetitionerDto[];
  @ApiProperty({ type: RoutingViewDto, nullable: true, description: 'How it was routed (受理、转送、交办、告知、导入法定途径、不予受理) and what the petitioner was told' })
  routing: RoutingViewDto | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-07-03', description: '受理之日' })
  acceptedOn: string | null;
  @ApiProperty({ type: [ExtensionViewDto], description: 'Extensions of the handling period, approved by the head, with the day the petitioner was told why' })
  extensions: ExtensionViewDto[];
  @ApiProperty({ type: ReplyViewDto, nullable: true, description: '信访处理意见书 (Art.32)' })
  reply: ReplyViewDto | null;
  @ApiProperty({ type: RequestViewDto, nullable: true, description: '复查 (Art.35)' })
  review: RequestViewDto | null;
  @ApiProperty({ type: RequestViewDto, nullable: true, description: '复核 (Art.36)' })
  reReview: RequestViewDto | null;
  @ApiProperty({ type: PetitionWindowsDto, description: "The petitioner's windows to contest an answer, computed over the working calendar" })
  windows: PetitionWindowsDto;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, example: null })
  closure: { summary: string; closedAt: string; closedBy: string } | null;
  @ApiProperty({ type: [RepeatMatchDto], description: 'The earlier petitions this one repeats' })
  repeatOf: RepeatMatchDto[];
  @ApiProperty({ type: RepeatRuleDto, nullable: true, description: 'The rule that applies to the repeat, for the officer' })
  repeatRule: RepeatRuleDto | null;
  @ApiProperty({ type: LeaderAssignmentDto, nullable: true })
  leaderAssignment: LeaderAssignmentDto | null;
  @ApiProperty({ type: LinkedCaseDto, nullable: true })
  linkedCase: LinkedCaseDto | null;
  @ApiProperty({ type: [DeadlineDto], description: 'Every clock of the petition (X1, X4, X5, X6) with its computation and legal basis, soonest first' })
  deadlines: DeadlineDto[];

  static from(v: PetitionView): PetitionDto {
    const p = v.petition;
    const today = localDateOf(v.now);
    return {
      ...PetitionSummaryDto.fromEntity(p, v.deadlines, v.now),
      content: p.content,
      concernedOrgUnitId: p.concernedOrgUnitId,
      headcount: p.headcount,
      categoryLabel: p.category ? PETITION_CATEGORY_INFO[p.category].label : null,
      petitioners: [...v.petitioners].sort((a, b) => a.position - b.position).map(PetitionerDto.from),
      routing: p.routing,
      acceptedOn: p.acceptedOn,
      extensions: p.extensions.map((e) => ({ duration: e.duration, approvedBy: e.approvedBy, reason: e.reason, petitionerNotifiedOn: e.petitionerNotifiedOn, dueBefore: e.dueBefore, dueAfter: e.dueAfter })),
      reply: p.reply ? replyView(p.reply) : null,
      review: p.review ? requestView(p.review) : null,
      reReview: p.reReview ? requestView(p.reReview) : null,
      windows: { ...(v.windows.review ? { review: windowView(v.windows.review, today) } : {}), ...(v.windows.reReview ? { reReview: windowView(v.windows.reReview, today) } : {}) },
      closure: p.closure,
      repeatOf: p.repeatOf,
      repeatRule: p.repeatRule,
      leaderAssignment: p.leaderAssignment,
      linkedCase: v.linkedCase,
      deadlines: v.deadlines.map((d) => DeadlineDto.from(d, v.now)),
    };
  }
}

export class ListPetitionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'One or more, comma-separated', example: 'accepted,under_review' })
  @IsOptional()
  @Transform(queryList)
  @IsArray()
  @IsIn(PETITION_STATUSES, { each: true })
  status?: PetitionStatus[];

  @ApiPropertyOptional({ enum: PETITION_FORMS })
  @IsOptional()
  @IsIn(PETITION_FORMS)
  form?: PetitionForm;

  @ApiPropertyOptional({ enum: PETITION_CATEGORIES })
  @IsOptional()
  @IsIn(PETITION_CATEGORIES)
  category?: PetitionCategory;

  @ApiPropertyOptional({ example: 7, minimum: 1, maximum: 60, description: 'Due soon: a clock running and due within this many days' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  dueWithinDays?: number;

  @ApiPropertyOptional({ example: true, description: 'A clock missed, or running past its due time' })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ example: true, description: 'Repeat petitions (重复信访)' })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean()
  repeat?: boolean;

  @ApiPropertyOptional({ example: true, description: '积案: open items that are overdue or repeated' })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean()
  backlog?: boolean;

  @ApiPropertyOptional({ example: 'me', description: "包案领导: 'me' or a staff user's id" })
  @IsOptional()
  @Matches(/^(me|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/)
  leader?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The petition officer' })
  @IsOptional()
  @IsUUID()
  officerId?: string;

  @ApiPropertyOptional({ example: '清波街道', maxLength: 50, description: '被反映单位: part of its name' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  organ?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '被反映单位 as a unit of the tree' })
  @IsOptional()
  @IsUUID()
  concernedOrgUnitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Petitions of this unit and the units below it' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ example: '违建', maxLength: 50, description: 'Words in the title, content, organ or petitioner names (Chinese works; two characters and up use the index)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  q?: string;
}
