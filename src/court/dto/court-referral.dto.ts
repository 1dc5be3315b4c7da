import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { RegisterCaseDto } from '../../cases/dto/case.dto';
import { CASE_STATUS_LABELS } from '../../cases/case-status';
import { PageOf, PageQueryDto } from '../../common/pagination/pagination';
import { toIso } from '../../common/time/iso';
import { DeadlineDto } from '../../deadlines/dto/deadline.dto';
import { AgreementDto } from '../../mediation/dto/outcome.dto';
import { COURT_PROCEDURES, CourtProcedure, REFERRAL_KINDS, REFERRAL_STATUSES, ReferralKind, ReferralStatus } from '../court-referral.entity';
import type { ReferralView } from '../court-referrals.service';
import { Text, TextEach } from '../../common/http/text-fields';

export const REFERRAL_KIND_LABELS: Record<ReferralKind, string> = { delegated: '委派调解（诉前）', entrusted: '委托调解（立案后）' };
export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  awaiting_materials: '待签收材料', mediating: '调解中', agreement: '已达成协议', failed: '调解不成', materials_returned: '材料已退回',
};

export class MaterialDto {
  @ApiProperty({ example: '民事起诉状', maxLength: 100 })
  @Text(100)
  name: string;

  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: 99, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  copies?: number;

  @ApiPropertyOptional({ example: 4, minimum: 1, maximum: 9999 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9999)
  pages?: number;
}

/** The case fields come from the registration form itself, with its validation and documentation. */
export class ReceiveReferralDto extends PickType(RegisterCaseDto, ['title', 'description', 'amount', 'parties', 'orgUnitId'] as const) {
  @ApiProperty({ enum: REFERRAL_KINDS, example: 'delegated', description: 'delegated 委派调解 (pre-filing: 30 days); entrusted 委托调解 (the court registered the case first: 15 days ordinary, 7 days summary procedure)' })
  @IsIn(REFERRAL_KINDS)
  kind: ReferralKind;

  @ApiPropertyOptional({ enum: COURT_PROCEDURES, example: 'summary', description: 'entrusted only: ordinary 普通程序 or summary 简易程序' })
  @IsOptional()
  @IsIn(COURT_PROCEDURES)
  procedure?: CourtProcedure;

  @ApiProperty({ example: '（2026）浙0102民诉前调1234号', maxLength: 64, description: "The court's number: a 诉前调 number for a delegation, the registered case number (民初) for an entrustment" })
  @Text(64)
  courtCaseNumber: string;

  @ApiProperty({ example: '判令被告支付装修尾款人民币38,000元及逾期付款利息', maxLength: 2000, description: '诉讼请求' })
  @Text(2000)
  claims: string;

  @ApiProperty({ type: [MaterialDto], description: 'The materials the court hands over (移交材料清单); the failure report returns them' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials: MaterialDto[];

  @ApiPropertyOptional({ example: '陈法官', maxLength: 50 })
  @IsOptional()
  @Text(50)
  judgeName?: string;

  @ApiPropertyOptional({ example: 'https://tiaojie.court.example.cn/hooks/referrals/2026-1234', maxLength: 500, description: "Where this referral's events go; must be on the origin of your registered webhook endpoint (signed the same way)" })
  @IsOptional()
  @Text(500)
  callbackUrl?: string;
}

export class MaterialsReceiptDto {
  @ApiPropertyOptional({ example: '2026-11-24T02:30:00.000Z', description: 'When the mediator signed; default now. The clock counts from the next day.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  signedAt?: string;

  @ApiPropertyOptional({ example: '起诉状、证据材料共 3 份，已核对无误', maxLength: 500 })
  @IsOptional()
  @Text(500)
  note?: string;
}

export class MaterialsReturnDto {
  @ApiPropertyOptional({ type: [String], example: ['民事起诉状', '证据材料'], description: 'Names from the materials list; default all of them' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @TextEach(100)
  items?: string[];

  @ApiPropertyOptional({ example: '2026-12-26T06:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  returnedAt?: string;

  @ApiPropertyOptional({ example: '由法院立案庭王书记员签收', maxLength: 500 })
  @IsOptional()
  @Text(500)
  note?: string;
}

export class ListReferralsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @ApiPropertyOptional({ enum: REFERRAL_KINDS })
  @IsOptional()
  @IsIn(REFERRAL_KINDS)
  kind?: ReferralKind;

  @ApiPropertyOptional({ example: '（2026）浙0102民诉前调1234号' })
  @IsOptional()
  @MaxLength(64)
  courtCaseNumber?: string;
}

export class ReferralResultDto {
  @ApiProperty({ enum: ['agreement', 'failed'], example: 'failed' })
  outcome: string;
  @ApiProperty({ example: '2026-12-20T08:00:00.000Z' })
  concludedAt: string;
  @ApiProperty({ example: '调解不成，书面报告委派法院并移送材料，由人民法院依法登记立案（特邀调解规定第二十一条、第二十六条）' })
  courtAction: string;
  @ApiPropertyOptional({ example: '被告坚持质量问题未整改完毕前不付款，双方分歧较大' })
  reason?: string;
  @ApiPropertyOptional({ type: [String], example: ['civil_suit'] })
  roads?: string[];
  @ApiPropertyOptional({ type: AgreementDto, description: 'The signed agreement with its obligations (outcome agreement)' })
  agreement?: AgreementDto;
}

export class ReferralCaseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'TJ-330102001-2026-000123' })
  number: string;
  @ApiProperty({ example: 'in_mediation' })
  status: string;
  @ApiProperty({ example: '调解中' })
  statusLabel: string;
}

export class CourtReferralDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: REFERRAL_KINDS, example: 'delegated' })
  kind: ReferralKind;
  @ApiProperty({ example: '委派调解（诉前）' })
  kindLabel: string;
  @ApiProperty({ enum: COURT_PROCEDURES, nullable: true, example: null })
  procedure: CourtProcedure | null;
  @ApiProperty({ example: '（2026）浙0102民诉前调1234号' })
  courtCaseNumber: string;
  @ApiProperty({ enum: REFERRAL_STATUSES, example: 'mediating' })
  status: ReferralStatus;
  @ApiProperty({ example: '调解中' })
  statusLabel: string;
  @ApiProperty({ type: ReferralCaseDto })
  case: ReferralCaseDto;
  @ApiProperty({ example: '判令被告支付装修尾款人民币38,000元及逾期付款利息' })
  claims: string;
  @ApiProperty({ type: [MaterialDto] })
  materials: MaterialDto[];
  @ApiProperty({ type: String, nullable: true, example: '陈法官' })
  judgeName: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'https://tiaojie.court.example.cn/hooks/referrals/2026-1234' })
  callbackUrl: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-24T02:30:00.000Z', description: 'The mediator signed for the materials: the clock counts from the next day' })
  materialsSignedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: '李调解' })
  materialsSignedBy: string | null;
  @ApiProperty({ type: DeadlineDto, nullable: true, description: 'The mediation clock (C1/C2), once the materials are signed for' })
  deadline: DeadlineDto | null;
  @ApiProperty({ type: ReferralResultDto, nullable: true })
  result: ReferralResultDto | null;
  @ApiProperty({ type: String, nullable: true })
  materialsReturnedAt: string | null;
  @ApiProperty({ type: [MaterialDto], nullable: true })
  materialsReturned: MaterialDto[] | null;
  @ApiProperty({ example: '2026-11-23T01:00:00.000Z' })
  createdAt: string;
  @ApiProperty({ example: 1 })
  version: number;

  static from(v: ReferralView, now: Date): CourtReferralDto {
    const r = v.referral;
    return {
      id: r.id, kind: r.kind, kindLabel: REFERRAL_KIND_LABELS[r.kind], procedure: r.procedure, courtCaseNumber: r.courtCaseNumber,
      status: r.status, statusLabel: REFERRAL_STATUS_LABELS[r.status],
      case: { id: v.kase.id, number: v.kase.number, status: v.kase.status, statusLabel: CASE_STATUS_LABELS[v.kase.status] },
      claims: r.claims, materials: r.materials, judgeName: r.judgeName, callbackUrl: r.callbackUrl,
      materialsSignedAt: r.materialsSignedAt ? toIso(r.materialsSignedAt) : null, materialsSignedBy: r.materialsSignedBy,
      deadline: v.deadline ? DeadlineDto.from(v.deadline, now) : null,
      result: r.result ? { ...r.result, ...(v.agreement ? { agreement: AgreementDto.from(v.agreement, v.obligations) } : {}) } : null,
      materialsReturnedAt: r.materialsReturnedAt ? toIso(r.materialsReturnedAt) : null, materialsReturned: r.materialsReturned,
      createdAt: toIso(r.createdAt), version: r.version,
    };
  }
}

export class CourtReferralSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: REFERRAL_KINDS })
  kind: ReferralKind;
  @ApiProperty({ example: '（2026）浙0102民诉前调1234号' })
  courtCaseNumber: string;
  @ApiProperty({ enum: REFERRAL_STATUSES })
  status: ReferralStatus;
  @ApiProperty({ example: '调解中' })
  statusLabel: string;
  @ApiProperty({ format: 'uuid' })
  caseId: string;
  @ApiProperty({ example: 'TJ-330102001-2026-000123' })
  caseNumber: string;
  @ApiProperty({ example: 'in_mediation' })
  caseStatus: string;
  @ApiProperty({ type: String, nullable: true })
  materialsSignedAt: string | null;
  @ApiProperty()
  createdAt: string;
}

export const CourtReferralPage = PageOf(CourtReferralSummaryDto, 'CourtReferralPage');
