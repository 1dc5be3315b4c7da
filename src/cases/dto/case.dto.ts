import { queryBool, queryList, trim } from '../../common/http/transforms';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { toYuan, YUAN_PATTERN } from '../../common/money';
import { PageOf, PageQueryDto } from '../../common/pagination/pagination';
import { toIso } from '../../common/time/iso';
import { CATEGORY_CODES, SUBCATEGORY_CODES, TRACKS, VULNERABLE_FLAG_CODES } from '../../triage/taxonomy';
import { CASE_STATUS_LABELS, CASE_STATUSES, CaseStatus } from '../case-status';
import { CaseEntity, CHANNELS, Channel, RISK_LEVELS, RiskLevel, RiskReason } from '../case.entity';
import { CasePartyEntity, ID_TYPES, IdType, PARTY_ROLES, PartyRole } from '../case-party.entity';


export class PartyInputDto {
  @ApiProperty({ enum: PARTY_ROLES, example: 'applicant', description: 'applicant 申请人, respondent 被申请人, third_party 第三人, agent 代理人' })
  @IsIn(PARTY_ROLES)
  role: PartyRole;

  @ApiProperty({ enum: ['person', 'organisation'], example: 'person' })
  @IsIn(['person', 'organisation'])
  kind: 'person' | 'organisation';

  @ApiProperty({ example: '张秀英', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ enum: ID_TYPES, example: 'resident_id', description: 'resident_id 居民身份证, passport 护照, hk_macau_permit 港澳居民来往内地通行证, taiwan_permit 台湾居民来往大陆通行证, credit_code 统一社会信用代码' })
  @IsOptional()
  @IsIn(ID_TYPES)
  idType?: IdType;

  @ApiPropertyOptional({ example: '11010519491231002X', maxLength: 40, description: 'Checked (GB 11643 / GB 32100), stored encrypted, shown masked' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  idNumber?: string;

  @ApiPropertyOptional({ example: '13812345678', maxLength: 20, description: 'Mainland mobile; +86 is accepted. Stored encrypted, shown masked' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  mobile?: string;

  @ApiPropertyOptional({ example: '浙江省杭州市上城区清波街道劳动路12号3单元501室', maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  address?: string;

  @ApiPropertyOptional({ enum: VULNERABLE_FLAG_CODES, isArray: true, example: ['elderly_alone'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(VULNERABLE_FLAG_CODES, { each: true })
  vulnerable?: string[];
}

export class TrackFactsDto {
  @ApiPropertyOptional({ example: true, description: 'family: domestic violence (raises risk to red; protection-order guidance)' })
  @IsOptional()
  @IsBoolean()
  domesticViolence?: boolean;

  @ApiPropertyOptional({ example: true, description: 'family: minors involved (counselling suggested)' })
  @IsOptional()
  @IsBoolean()
  minorsInvolved?: boolean;

  @ApiPropertyOptional({ example: 12, description: 'labor: workers on the applicant side (collective dispute from 10)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  workerCount?: number;

  @ApiPropertyOptional({ example: '2026-01-15', description: 'labor: when the worker knew or should have known of the infringement; the one-year arbitration limitation runs from it (劳动争议调解仲裁法 Art.27)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  knewOfInfringementOn?: string;

  @ApiPropertyOptional({ example: false, description: 'labor: employment has ended (wage arrears during employment have no limitation)' })
  @IsOptional()
  @IsBoolean()
  employmentEnded?: boolean;

  @ApiPropertyOptional({ example: 36, description: 'property: households on the owners\' side (group dispute from 10)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  households?: number;
}

export class RegisterCaseDto {
  @ApiPropertyOptional({
    enum: CHANNELS,
    example: 'walk_in',
    description: 'Staff: walk_in 来访, phone 来电, online 网上, grid 网格上报, or a transfer received on paper (police, court, petition, hotline). Partner systems: taken from the partner kind.',
  })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ format: 'uuid', description: 'Registering unit; defaults to your own (partners: the unit they serve)' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ example: '330102202611230015', maxLength: 64, description: '警情号, court case number, 信访件号 or 12345 ticket; required for police, court, petition and hotline' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  externalRef?: string;

  @ApiProperty({ example: '农民工讨要拖欠工资', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '申请人等12名农民工在清波街道某工地务工，包工头李某拖欠三个月工资共计8万元，多次讨要未果。', maxLength: 5000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  description: string;

  @ApiPropertyOptional({ example: '80000.00', description: 'Amount in dispute in yuan, as a decimal string (never a float)' })
  @IsOptional()
  @Matches(YUAN_PATTERN)
  amount?: string;

  @ApiProperty({ type: [PartyInputDto], description: 'At least one applicant' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartyInputDto)
  parties: PartyInputDto[];

  @ApiPropertyOptional({ example: 0, description: 'Earlier visits about the same matter (重复来访)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  priorVisits?: number;

  @ApiPropertyOptional({ example: false, description: 'An earlier mediation of this dispute failed' })
  @IsOptional()
  @IsBoolean()
  priorFailedMediation?: boolean;

  @ApiPropertyOptional({ example: false, description: 'Register even though open cases look like the same dispute (after a 409 CASE.POSSIBLE_DUPLICATE)' })
  @IsOptional()
  @IsBoolean()
  registerAnyway?: boolean;
}

export class PartyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: PARTY_ROLES, example: 'applicant' })
  role: PartyRole;
  @ApiProperty({ enum: ['person', 'organisation'], example: 'person' })
  kind: 'person' | 'organisation';
  @ApiProperty({ example: '张秀英' })
  name: string;
  @ApiProperty({ enum: ID_TYPES, nullable: true, example: 'resident_id' })
  idType: IdType | null;
  @ApiProperty({ type: String, nullable: true, example: '110105********002X', description: 'Masked' })
  idNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: '138****5678', description: 'Masked' })
  mobile: string | null;
  @ApiProperty({ type: String, nullable: true, example: '浙江省杭州市上城区清波街道****', description: 'Masked' })
  address: string | null;
  @ApiProperty({ type: [String], example: ['elderly_alone'] })
  vulnerable: string[];
  @ApiProperty({ type: [String], example: [], description: "e.g. 'credit_code_checksum' for an early pilot code that fails the GB 32100 check" })
  warnings: string[];

  static from(p: CasePartyEntity): PartyDto {
    return {
      id: p.id, role: p.role, kind: p.kind, name: p.name, idType: p.idType, idNumber: p.idNumberMasked, mobile: p.mobileMasked,
      address: p.addressMasked, vulnerable: p.vulnerable, warnings: p.idWarning ? [p.idWarning] : [],
    };
  }
}

class RiskReasonDto {
  @ApiProperty({ example: 'collective_dispute' })
  code: string;
  @ApiProperty({ enum: RISK_LEVELS, example: 'orange' })
  level: RiskLevel;
  @ApiProperty({ example: '群体性纠纷：一方当事人 12 人' })
  description: string;
  @ApiPropertyOptional({ example: '农民工们' })
  evidence?: string;
  @ApiPropertyOptional({ example: false, description: 'True for threats of violence or self-harm: the police partner is to be told' })
  notifyPolice?: boolean;
}

class SuggestionDto {
  @ApiProperty({ example: 'labor' })
  category: string;
  @ApiProperty({ type: String, nullable: true, example: 'wage_arrears' })
  subcategory: string | null;
  @ApiProperty({ enum: TRACKS, example: 'labor' })
  track: string;
  @ApiProperty({ enum: ['high', 'medium', 'low'], example: 'high' })
  confidence: string;
  @ApiProperty({ type: [String], example: ['拖欠工资', '包工头'] })
  matched: string[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    example: [{ id: '6a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', number: 'TJ-330102001-2026-000001', reasons: ['same_parties'] }],
    description: 'Open cases that looked like the same dispute when a partner system registered this one; triage may merge',
  })
  possibleDuplicates: Array<{ id: string; number: string; reasons: string[] }>;
}

export class CaseSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'TJ-330102001-2026-000123' })
  number: string;
  @ApiProperty({ enum: CASE_STATUSES, example: 'registered' })
  status: CaseStatus;
  @ApiProperty({ example: '已登记' })
  statusLabel: string;
  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;
  @ApiProperty({ enum: CHANNELS, example: 'walk_in' })
  channel: Channel;
  @ApiProperty({ type: String, nullable: true, example: null })
  externalRef: string | null;
  @ApiProperty({ example: '农民工讨要拖欠工资' })
  title: string;
  @ApiProperty({ type: String, nullable: true, enum: CATEGORY_CODES, example: 'labor', description: 'Set by triage' })
  category: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'wage_arrears' })
  subcategory: string | null;
  @ApiProperty({ type: String, nullable: true, enum: TRACKS, example: 'labor' })
  track: string | null;
  @ApiProperty({ type: String, nullable: true, example: '80000.00', description: 'Yuan, decimal string' })
  amount: string | null;
  @ApiProperty({ example: 13 })
  partyCount: number;
  @ApiProperty({ enum: RISK_LEVELS, example: 'orange', description: '四色预警: red 红, orange 橙, yellow 黄, blue 蓝' })
  riskLevel: RiskLevel;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  assigneeId: string | null;
  @ApiProperty({ example: false })
  overdue: boolean;
  @ApiProperty({ example: '2026-11-23T09:30:00.000+08:00' })
  registeredAt: string;
  @ApiProperty({ example: 1 })
  version: number;

  static fromEntity(c: CaseEntity): CaseSummaryDto {
    return {
      id: c.id, number: c.number, status: c.status, statusLabel: CASE_STATUS_LABELS[c.status], orgUnitId: c.orgUnitId, channel: c.channel, externalRef: c.externalRef,
      title: c.title, category: c.category, subcategory: c.subcategory, track: c.track, amount: toYuan(c.amountFen), partyCount: c.partyCount, riskLevel: c.riskLevel,
      assigneeId: c.assigneeId, overdue: c.overdue, registeredAt: toIso(c.registeredAt), version: c.version,
    };
  }
}

export class CaseDto extends CaseSummaryDto {
  @ApiProperty({ example: '申请人等12名农民工在清波街道某工地务工，包工头李某拖欠三个月工资共计8万元，多次讨要未果。' })
  description: string;
  @ApiProperty({ type: [RiskReasonDto] })
  riskReasons: RiskReason[];
  @ApiProperty({ type: SuggestionDto, nullable: true, description: "The classifier's suggestion at registration" })
  suggestion: SuggestionDto | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, example: null, description: 'The triage decision, with the road explained to the party' })
  decision: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null })
  mergedIntoId: string | null;
  @ApiProperty({ example: 0 })
  priorVisits: number;
  @ApiProperty({ type: [PartyDto] })
  parties: PartyDto[];

  static from(c: CaseEntity, parties: CasePartyEntity[]): CaseDto {
    return {
      ...CaseSummaryDto.fromEntity(c),
      description: c.description,
      riskReasons: c.riskReasons,
      suggestion: (c.suggestion as SuggestionDto | null) ?? null,
      decision: c.decision,
      mergedIntoId: c.mergedIntoId,
      priorVisits: c.priorVisits,
      parties: [...parties].sort((a, b) => a.position - b.position).map(PartyDto.from),
    };
  }
}

export const CasePage = PageOf(CaseSummaryDto, 'CasePage');

export class ListCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'One or more, comma-separated', example: 'registered,accepted' })
  @IsOptional()
  @Transform(queryList)
  @IsArray()
  @IsIn(CASE_STATUSES, { each: true })
  status?: CaseStatus[];

  @ApiPropertyOptional({ enum: CATEGORY_CODES })
  @IsOptional()
  @IsIn(CATEGORY_CODES)
  category?: string;

  @ApiPropertyOptional({ enum: TRACKS })
  @IsOptional()
  @IsIn(TRACKS)
  track?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ format: 'uuid', description: 'Cases of this unit and the units below it' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ description: 'One or more, comma-separated', example: 'red,orange' })
  @IsOptional()
  @Transform(queryList)
  @IsArray()
  @IsIn(RISK_LEVELS, { each: true })
  riskLevel?: RiskLevel[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00', description: 'Registered at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  registeredFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: 'Registered before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  registeredTo?: string;

  @ApiPropertyOptional({ example: '工资', description: 'Words in the title, description or party names (Chinese works, two characters and up use the index)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  q?: string;
}

export class TriageDecisionDto {
  @ApiProperty({ enum: ['accept', 'refer_out', 'reject', 'merge', 'escalate'], example: 'accept' })
  @IsIn(['accept', 'refer_out', 'reject', 'merge', 'escalate'])
  decision: 'accept' | 'refer_out' | 'reject' | 'merge' | 'escalate';

  @ApiPropertyOptional({ enum: CATEGORY_CODES, example: 'labor', description: 'accept: the category (defaults to the suggestion)' })
  @IsOptional()
  @IsIn(CATEGORY_CODES)
  category?: string;

  @ApiPropertyOptional({ enum: SUBCATEGORY_CODES, example: 'wage_arrears' })
  @IsOptional()
  @IsIn(SUBCATEGORY_CODES)
  subcategory?: string;

  @ApiPropertyOptional({ type: TrackFactsDto, description: 'accept: facts the track needs (limitation start, domestic violence, workers, households)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrackFactsDto)
  trackFacts?: TrackFactsDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'accept: hand the case to a unit below yours (e.g. the community mediation committee)' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ enum: ['court', 'arbitration', 'administrative', 'police', 'petition'], example: 'arbitration', description: 'refer_out: where the case goes' })
  @IsOptional()
  @IsIn(['court', 'arbitration', 'administrative', 'police', 'petition'])
  referredTo?: string;

  @ApiPropertyOptional({ example: '本案属劳动争议，且已超过调解期限，请向上城区劳动人事争议仲裁委员会申请仲裁（一年仲裁时效）。', maxLength: 1000, description: 'refer_out and reject: the road explained to the party' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  road?: string;

  @ApiPropertyOptional({ example: '申请人明确拒绝调解（人民调解法第十七条）。', maxLength: 1000, description: 'reject and escalate: why' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'merge: the case this one duplicates' })
  @IsOptional()
  @IsUUID()
  mergeIntoCaseId?: string;
}

export class UnmaskDto {
  @ApiProperty({ example: '电话通知当事人参加调解', minLength: 4, maxLength: 200, description: 'Why you need the full value; written to the audit trail' })
  @Transform(trim)
  @IsString()
  @Matches(/^.{4,200}$/s)
  purpose: string;

  @ApiProperty({ enum: ['idNumber', 'mobile', 'address'], isArray: true, example: ['mobile'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(['idNumber', 'mobile', 'address'], { each: true })
  fields: Array<'idNumber' | 'mobile' | 'address'>;
}

export class UnmaskedPartyDto {
  @ApiProperty({ format: 'uuid' })
  partyId: string;
  @ApiPropertyOptional({ example: '11010519491231002X' })
  idNumber?: string | null;
  @ApiPropertyOptional({ example: '13812345678' })
  mobile?: string | null;
  @ApiPropertyOptional({ example: '浙江省杭州市上城区清波街道劳动路12号3单元501室' })
  address?: string | null;
}

class GuidanceDto {
  @ApiProperty({ example: 'arbitration_limitation_expiring' })
  code: string;
  @ApiProperty({ example: '距劳动争议仲裁时效届满仅剩 12 日（2027-01-15），请提示劳动者及时申请仲裁。' })
  text: string;
  @ApiPropertyOptional({ example: '劳动争议调解仲裁法 第二十七条' })
  basis?: string;
  @ApiPropertyOptional({ example: '2027-01-15' })
  dueDate?: string;
  @ApiPropertyOptional({ example: 12 })
  daysLeft?: number;
}

class TrackRiskReasonDto {
  @ApiProperty({ example: 'collective_labor' })
  code: string;
  @ApiProperty({ enum: RISK_LEVELS, example: 'orange' })
  level: string;
  @ApiProperty({ example: '集体劳动争议（劳动者 12 人）' })
  description: string;
}

class TrackAssessmentBodyDto {
  @ApiProperty({ enum: RISK_LEVELS, nullable: true, example: 'orange', description: 'The least risk the track requires (the case never goes below it)' })
  minimumRisk: string | null;
  @ApiProperty({ type: [TrackRiskReasonDto] })
  riskReasons: TrackRiskReasonDto[];
  @ApiProperty({ type: [String], example: ['collective'] })
  flags: string[];
  @ApiProperty({ type: [GuidanceDto], description: 'For the mediator: protection orders, counselling, what a court can confirm...' })
  guidance: GuidanceDto[];
  @ApiProperty({ type: [GuidanceDto], description: 'Time-critical: e.g. the arbitration limitation running out' })
  warnings: GuidanceDto[];
}

export class TrackAssessmentDto {
  @ApiProperty({ enum: TRACKS, example: 'labor' })
  track: string;
  @ApiProperty({ example: '劳动争议' })
  label: string;
  @ApiProperty({ example: 'labor_mediation', description: 'The deadline kind the mediation runs under' })
  mediationDeadline: string;
  @ApiProperty({ type: TrackFactsDto })
  facts: TrackFactsDto;
  @ApiProperty({ type: TrackAssessmentBodyDto })
  assessment: TrackAssessmentBodyDto;
}
