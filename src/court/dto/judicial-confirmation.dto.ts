import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { CASE_STATUS_LABELS } from '../../cases/case-status';
import { DeadlineDto } from '../../deadlines/dto/deadline.dto';
import { toIso } from '../../common/time/iso';
import { CONFIRMATION_STATUSES, ConfirmationStatus } from '../judicial-confirmation.entity';
import type { ConfirmationView } from '../judicial-confirmations.service';
import { CivilDate, Text } from '../../common/http/text-fields';
import { ReferralCaseDto } from './court-referral.dto';

export const CONFIRMATION_STATUS_LABELS: Record<ConfirmationStatus, string> = { applied: '已申请', accepted: '法院已立案', confirmed: '裁定有效', rejected: '裁定驳回' };

export class ApplyConfirmationDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The court's partner system, when it has one (it can then post the ruling)" })
  @IsOptional()
  @IsUUID()
  courtPartnerId?: string;

  @ApiPropertyOptional({ example: '杭州市上城区人民法院', maxLength: 100, description: 'Required without courtPartnerId' })
  @IsOptional()
  @Text(100)
  courtName?: string;

  @ApiProperty({ example: '2026-12-02', description: 'The day the parties applied together; within 30 days of the agreement taking effect' })
  @CivilDate()
  appliedOn: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Every applicant and respondent (a joint application)' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  partyIds: string[];
}

export class ConfirmationAcceptanceDto {
  @ApiProperty({ example: '2026-12-03', description: '立案日期: the 30 days to decide run from the next day (民诉法 Art.187)' })
  @CivilDate()
  filedOn: string;

  @ApiProperty({ example: '（2026）浙0102民特123号', maxLength: 64 })
  @Text(64)
  courtCaseNumber: string;
}

export class ConfirmationRulingDto {
  @ApiProperty({ enum: ['confirmed', 'rejected'], example: 'confirmed', description: 'confirmed 裁定调解协议有效; rejected 裁定驳回申请' })
  @IsIn(['confirmed', 'rejected'])
  result: 'confirmed' | 'rejected';

  @ApiProperty({ example: '（2026）浙0102民特123号', maxLength: 64 })
  @Text(64)
  rulingNumber: string;

  @ApiProperty({ example: '2026-12-10' })
  @CivilDate()
  ruledOn: string;

  @ApiPropertyOptional({ example: '调解协议内容涉及确认房屋所有权，不属于司法确认范围', maxLength: 2000, description: 'Required when rejected' })
  @IsOptional()
  @Text(2000)
  reasons?: string;
}

class ConfirmationRoadDto {
  @ApiProperty({ example: 'enforcement' })
  code: string;
  @ApiProperty({ example: '一方拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行' })
  label: string;
  @ApiProperty({ example: '民事诉讼法 第二百零六条；人民调解法 第三十三条第二款' })
  basis: string;
}

class ApplicantDto {
  @ApiProperty({ format: 'uuid' })
  partyId: string;
  @ApiProperty({ example: '张秀英' })
  name: string;
  @ApiProperty({ example: 'applicant' })
  role: string;
}

export class JudicialConfirmationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ type: ReferralCaseDto })
  case: ReferralCaseDto;
  @ApiProperty({ format: 'uuid' })
  agreementId: string;
  @ApiProperty({ example: '杭州市上城区人民法院' })
  courtName: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  courtPartnerId: string | null;
  @ApiProperty({ example: '2026-12-02' })
  appliedOn: string;
  @ApiProperty({ type: [ApplicantDto] })
  applicants: ApplicantDto[];
  @ApiProperty({ enum: CONFIRMATION_STATUSES, example: 'confirmed' })
  status: ConfirmationStatus;
  @ApiProperty({ example: '裁定有效' })
  statusLabel: string;
  @ApiProperty({ example: true, description: 'Confirmed: either party may apply to the court for enforcement' })
  enforceable: boolean;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-03' })
  filedOn: string | null;
  @ApiProperty({ type: String, nullable: true, example: '（2026）浙0102民特123号' })
  courtCaseNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: '（2026）浙0102民特123号' })
  rulingNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-10' })
  ruledOn: string | null;
  @ApiProperty({ type: String, nullable: true })
  rulingReasons: string | null;
  @ApiProperty({ type: [ConfirmationRoadDto], nullable: true })
  roads: ConfirmationRoadDto[] | null;
  @ApiProperty({ type: DeadlineDto, nullable: true, description: 'The 30-day joint-application window (P2)' })
  window: DeadlineDto | null;
  @ApiProperty({ type: DeadlineDto, nullable: true, description: "The court's 30 days to decide, from filing (P3)" })
  decisionDeadline: DeadlineDto | null;
  @ApiProperty({ example: '2026-12-02T03:00:00.000Z' })
  createdAt: string;
  @ApiProperty({ example: 1 })
  version: number;

  static from(v: ConfirmationView, now: Date): JudicialConfirmationDto {
    const j = v.confirmation;
    return {
      id: j.id, case: { id: v.kase.id, number: v.kase.number, status: v.kase.status, statusLabel: CASE_STATUS_LABELS[v.kase.status] },
      agreementId: j.agreementId, courtName: j.courtName, courtPartnerId: j.partnerId, appliedOn: j.appliedOn, applicants: j.applicants,
      status: j.status, statusLabel: CONFIRMATION_STATUS_LABELS[j.status], enforceable: j.status === 'confirmed', filedOn: j.filedOn, courtCaseNumber: j.courtCaseNumber,
      rulingNumber: j.rulingNumber, ruledOn: j.ruledOn, rulingReasons: j.rulingReasons, roads: j.roads,
      window: v.window ? DeadlineDto.from(v.window, now) : null, decisionDeadline: v.decision ? DeadlineDto.from(v.decision, now) : null,
      createdAt: toIso(j.createdAt), version: j.version,
    };
  }
}

export class CaseConfirmationsDto {
  @ApiProperty({ type: [JudicialConfirmationDto] })
  items: JudicialConfirmationDto[];
  @ApiProperty({ type: DeadlineDto, nullable: true, description: 'The joint-application window, running or closed' })
  window: DeadlineDto | null;
}
