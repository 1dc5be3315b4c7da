import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { PageOf, PageQueryDto } from '../../common/pagination/pagination';
import { toIso } from '../../common/time/iso';
import type { PartnerEntity } from '../../auth/partner.entity';
import { CourtFilingEntity, FILING_REASONS, FILING_STATUSES, FilingReason, FilingStatus } from '../court-filing.entity';
import { FILING_STATUS_LABELS } from '../court-filings.service';
import { CivilDate, Text, TextEach } from '../../common/http/text-fields';
import { MaterialDto } from './court-referral.dto';

export class SendFilingDto {
  @ApiProperty({ format: 'uuid', description: 'The court partner to send it to' })
  @IsUUID()
  courtPartnerId: string;

  @ApiProperty({ enum: FILING_REASONS, example: 'mediation_failed', description: 'mediation_failed 调解不成 (case failed); agreement_breached 协议未履行 (a breached obligation)' })
  @IsIn(FILING_REASONS)
  reason: FilingReason;

  @ApiProperty({ type: [String], example: ['判令被申请人支付拖欠工资24,000元', '判令被申请人支付经济补偿金8,000元'], description: 'The claims (诉讼请求) the applicant brings' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @TextEach(500)
  claims: string[];

  @ApiPropertyOptional({ example: '申请人在被申请人处务工，被拖欠2026年8月至10月工资，经两次调解，被申请人不认可加班工资数额，调解不成。', maxLength: 5000, description: "Default: the case's description" })
  @IsOptional()
  @Text(5000)
  summary?: string;

  @ApiProperty({ type: [MaterialDto], description: 'Documents sent with the package' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  documents: MaterialDto[];
}

export class FilingRegistrationDto {
  @ApiProperty({ example: '（2026）浙0102民初8765号', maxLength: 64 })
  @Text(64)
  courtCaseNumber: string;

  @ApiProperty({ example: '2026-12-03' })
  @CivilDate()
  registeredOn: string;
}

export class FilingReturnDto {
  @ApiProperty({ example: '不属于本院管辖，请向被告住所地人民法院移送', maxLength: 500 })
  @Text(500)
  reason: string;
}

export class ListFilingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: FILING_STATUSES })
  @IsOptional()
  @IsIn(FILING_STATUSES)
  status?: FilingStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;
}

export class CourtFilingDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  caseId: string;
  @ApiProperty({ example: { id: '7f0c1d2e-3a4b-4c5d-8e6f-9a0b1c2d3e4f', name: '杭州市上城区人民法院' } })
  court: { id: string; name: string };
  @ApiProperty({ enum: FILING_REASONS, example: 'mediation_failed' })
  reason: FilingReason;
  @ApiProperty({ enum: FILING_STATUSES, example: 'registered' })
  status: FilingStatus;
  @ApiProperty({ example: '法院已立案' })
  statusLabel: string;
  @ApiProperty({
    type: 'object', additionalProperties: true, description: 'Summary, case, center, parties (identifiers masked), claims, mediation record, agreement, breaches, documents',
    example: { summary: '申请人被拖欠三个月工资，调解不成。', case: { number: 'TJ-330102001-2026-000123', title: '农民工讨要拖欠工资', amount: '24000.00' }, parties: [{ role: 'applicant', kind: 'person', name: '张秀英', idNumber: '330102********0023', mobile: '138****5678' }], claims: ['判令被申请人支付拖欠工资24,000元'], documents: [{ name: '调解笔录', copies: 1 }] },
  })
  package: Record<string, unknown>;
  @ApiProperty({ example: '2026-12-01T02:00:00.000Z' })
  sentAt: string;
  @ApiProperty({ type: String, nullable: true })
  receivedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: '（2026）浙0102民初8765号' })
  courtCaseNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-03' })
  registeredOn: string | null;
  @ApiProperty({ type: String, nullable: true })
  returnedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  returnReason: string | null;
  @ApiProperty({ example: 1 })
  version: number;

  static from(f: CourtFilingEntity, court?: Pick<PartnerEntity, 'id' | 'name'>): CourtFilingDto {
    return {
      id: f.id, caseId: f.caseId, court: { id: f.partnerId, name: court?.name ?? '' }, reason: f.reason, status: f.status, statusLabel: FILING_STATUS_LABELS[f.status], package: f.package,
      sentAt: toIso(f.sentAt), receivedAt: f.receivedAt ? toIso(f.receivedAt) : null, courtCaseNumber: f.courtCaseNumber, registeredOn: f.registeredOn,
      returnedAt: f.returnedAt ? toIso(f.returnedAt) : null, returnReason: f.returnReason, version: f.version,
    };
  }
}

export const CourtFilingPage = PageOf(CourtFilingDto, 'CourtFilingPage');
