import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CaseSummaryDto } from '../../cases/dto/case.dto';
import { Text } from '../../common/http/text-fields';
import { toYuan, YUAN_PATTERN } from '../../common/money';
import { toIso } from '../../common/time/iso';
import { DeadlineDto } from '../../deadlines/dto/deadline.dto';
import { AgreementEntity, OBLIGATION_STATUSES, ObligationEntity } from '../agreement.entity';
import { CONSENT_METHODS, ConsentMethod } from '../case-consent.entity';
import { OBLIGATION_KINDS, ObligationKind } from '../tracks/track-policy';


export class ReasonDto {
  @ApiProperty({ example: '等待伤残等级鉴定结论', maxLength: 500 })
  @Text(500)
  reason: string;
}

export class SummaryDto {
  @ApiProperty({ example: '双方已按协议履行完毕，经回访无异议，结案。', maxLength: 1000 })
  @Text(1000)
  summary: string;
}

export class WithdrawDto extends ReasonDto {
  @ApiProperty({ format: 'uuid', description: 'The party who withdraws' })
  @IsUUID()
  partyId: string;
}

class PartyConsentInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  partyId: string;

  @ApiProperty({ enum: CONSENT_METHODS, example: 'written' })
  @IsIn(CONSENT_METHODS)
  method: ConsentMethod;
}

export class ExtendMediationDto extends ReasonDto {
  @ApiProperty({ example: 1, minimum: 1, maximum: 90, description: "In the mediation clock's unit (人民调解: months; 医调委: working days)" })
  @IsInt()
  @Min(1)
  @Max(90)
  duration: number;

  @ApiProperty({ type: [PartyConsentInputDto], description: 'Every applicant and respondent must consent' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartyConsentInputDto)
  consents: PartyConsentInputDto[];
}

class SignatureInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  partyId: string;

  @ApiProperty({ example: '2026-11-30T15:20:00+08:00' })
  @IsISO8601({ strict: true })
  signedAt: string;
}

class ObligationInputDto {
  @ApiProperty({ format: 'uuid', description: 'Who owes it' })
  @IsUUID()
  debtorPartyId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'To whom' })
  @IsOptional()
  @IsUUID()
  creditorPartyId?: string;

  @ApiProperty({ enum: OBLIGATION_KINDS, example: 'wage', description: 'wage/work_injury_compensation/economic_compensation open the payment-order road on breach (劳动争议调解仲裁法 Art.16); status terms (marriage, adoption) cannot be judicially confirmed' })
  @IsIn(OBLIGATION_KINDS)
  kind: ObligationKind;

  @ApiProperty({ example: '支付拖欠的2026年8月至10月工资', maxLength: 500 })
  @Text(500)
  description: string;

  @ApiPropertyOptional({ example: '24000.00', description: 'Yuan, as a decimal string' })
  @IsOptional()
  @Matches(YUAN_PATTERN)
  amount?: string;

  @ApiProperty({ example: '2026-12-15', description: 'Last day to perform (local date)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dueDate: string;
}

export class RecordAgreementDto {
  @ApiProperty({ example: '经调解，双方自愿达成如下协议：一、被申请人于2026年12月15日前支付申请人工资24000元；二、……', maxLength: 20000 })
  @Text(20000)
  text: string;

  @ApiProperty({ type: [SignatureInputDto], description: 'Each applicant and respondent signs' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SignatureInputDto)
  signatures: SignatureInputDto[];

  @ApiProperty({ example: '2026-11-30T15:30:00+08:00', description: 'When the mediator signed (the committee seals with it)' })
  @IsISO8601({ strict: true })
  mediatorSignedAt: string;

  @ApiPropertyOptional({ example: '2026-11-30T15:30:00+08:00', description: 'When it took effect; default: the last signature (人民调解法 Art.29)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  effectiveAt?: string;

  @ApiProperty({ type: [ObligationInputDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ObligationInputDto)
  obligations: ObligationInputDto[];
}

export class SettleObligationDto {
  @ApiProperty({ enum: ['performed', 'breached'], example: 'performed' })
  @IsIn(['performed', 'breached'])
  outcome: 'performed' | 'breached';

  @ApiProperty({ example: '申请人电话确认已收到转账24000元', maxLength: 1000 })
  @Text(1000)
  note: string;
}

export class RoadDto {
  @ApiProperty({ example: 'payment_order' })
  code: string;
  @ApiProperty({ example: '申请支付令' })
  label: string;
  @ApiProperty({ example: '劳动争议调解仲裁法 第十六条' })
  basis: string;
  @ApiPropertyOptional({ example: '持调解协议书向人民法院申请支付令' })
  note?: string;
  @ApiPropertyOptional({ example: '2026-12-30' })
  dueDate?: string;
}

export class ObligationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  debtorPartyId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  creditorPartyId: string | null;
  @ApiProperty({ enum: OBLIGATION_KINDS })
  kind: string;
  @ApiProperty({ example: '支付拖欠的2026年8月至10月工资' })
  description: string;
  @ApiProperty({ type: String, nullable: true, example: '24000.00' })
  amount: string | null;
  @ApiProperty({ example: '2026-12-15' })
  dueDate: string;
  @ApiProperty({ enum: OBLIGATION_STATUSES, example: 'pending' })
  status: string;
  @ApiProperty({ type: String, nullable: true })
  settledAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  note: string | null;
  @ApiProperty({ type: [RoadDto], nullable: true, description: 'On breach: the roads the law opened' })
  roads: RoadDto[] | null;
  @ApiProperty({ example: 1 })
  version: number;

  static from(o: ObligationEntity): ObligationDto {
    return {
      id: o.id, debtorPartyId: o.debtorPartyId, creditorPartyId: o.creditorPartyId, kind: o.kind, description: o.description, amount: toYuan(o.amountFen), dueDate: o.dueDate,
      status: o.status, settledAt: o.settledAt ? toIso(o.settledAt) : null, note: o.note, roads: (o.roads as RoadDto[] | null) ?? null, version: o.version,
    };
  }
}

export class AgreementDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  caseId: string;
  @ApiProperty({ example: '经调解，双方自愿达成如下协议：……' })
  text: string;
  @ApiProperty({ type: 'array', items: { type: 'object' }, example: [{ partyId: '5d2b7c1e-9a3f-4e8b-b6c4-1f2e3d4c5b6a', name: '张秀英', signedAt: '2026-11-30T07:20:00.000Z' }] })
  signatures: unknown[];
  @ApiProperty({ example: '2026-11-30T15:30:00.000+08:00' })
  effectiveAt: string;
  @ApiProperty({ example: true, description: 'Some terms can be confirmed by a court (民诉解释 Art.355)' })
  confirmable: boolean;
  @ApiProperty({ type: [ObligationDto] })
  obligations: ObligationDto[];

  static from(a: AgreementEntity, obligations: ObligationEntity[]): AgreementDto {
    return { id: a.id, caseId: a.caseId, text: a.text, signatures: a.signatures, effectiveAt: toIso(a.effectiveAt), confirmable: a.confirmable, obligations: obligations.map((o) => ObligationDto.from(o)) };
  }
}

export class OutcomeResultDto {
  @ApiProperty({ type: CaseSummaryDto })
  case: CaseSummaryDto;
  @ApiPropertyOptional({ type: [RoadDto], description: 'The roads left to the parties (failure)' })
  roads?: RoadDto[];
  @ApiPropertyOptional({ type: [DeadlineDto], description: 'Suspension: clocks stopped; resumption: clocks restarted; extension: the extended clock' })
  deadlines?: DeadlineDto[];
  @ApiPropertyOptional({ type: [DeadlineDto], description: 'Suspension: clocks the law does not let stop, still running' })
  stillRunning?: DeadlineDto[];
  @ApiPropertyOptional({ type: AgreementDto })
  agreement?: AgreementDto;
}

export class SettlementResultDto {
  @ApiProperty({ type: ObligationDto })
  obligation: ObligationDto;
  @ApiProperty({ example: 'closed', description: 'The case status after this report (closed once every obligation is performed)' })
  caseStatus: string;
}
