import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, MaxLength } from 'class-validator';
import { CASE_STATUS_LABELS } from '../../cases/case-status';
import { RegisterCaseDto } from '../../cases/dto/case.dto';
import type { RedAlertEntity } from '../../cases/red-alert.entity';
import { Text, TextEach } from '../../common/http/text-fields';
import { PageOf, PageQueryDto } from '../../common/pagination/pagination';
import { toIso } from '../../common/time/iso';
import { ReferralCaseDto } from '../../court/dto/court-referral.dto';
import { TRANSFER_KINDS, TransferKind } from '../police-transfer.entity';
import { policeNote, TransferView } from '../police.service';

/** The case fields come from the registration form itself, with its validation and documentation. */
export class TransferDisputeDto extends PickType(RegisterCaseDto, ['title', 'description', 'amount', 'parties', 'orgUnitId'] as const) {
  @ApiProperty({ example: '330102202611230015', maxLength: 64, description: '警情号 (the incident number in your system)' })
  @Text(64)
  incidentNumber: string;

  @ApiProperty({ enum: TRANSFER_KINDS, example: 'public_order', description: 'dispute 纠纷 (no public-order violation); public_order 轻微治安案件 arising from a civil dispute, the parties chose people\'s mediation' })
  @IsIn(TRANSFER_KINDS)
  kind: TransferKind;

  @ApiProperty({ example: '2026-11-22T21:40:00+08:00' })
  @IsISO8601({ strict: true })
  incidentAt: string;

  @ApiPropertyOptional({ example: '上城区清波街道劳动路12号3单元楼道', maxLength: 200, description: 'Stored encrypted, shown masked' })
  @IsOptional()
  @Text(200)
  place?: string;

  @ApiPropertyOptional({ example: '张警官', maxLength: 50 })
  @IsOptional()
  @Text(50)
  officerName?: string;

  @ApiProperty({ example: '民警到场后将双方分开，进行了批评教育，双方同意到街道矛调中心调解。', maxLength: 2000, description: '现场处置情况' })
  @Text(2000)
  handling: string;

}

export class ListTransfersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '330102202611230015' })
  @IsOptional()
  @MaxLength(64)
  incidentNumber?: string;

  @ApiPropertyOptional({ enum: TRANSFER_KINDS })
  @IsOptional()
  @IsIn(TRANSFER_KINDS)
  kind?: TransferKind;
}

class TransferFeedbackDto {
  @ApiPropertyOptional({ example: '2026-11-23T02:00:00.000Z', description: 'Triage accepted it' })
  acceptedAt?: string;
  @ApiPropertyOptional({ example: { outcome: 'agreement', at: '2026-11-25T06:00:00.000Z' } })
  concluded?: { outcome: string; at: string; reason?: string };
  @ApiPropertyOptional({ example: { how: 'performed', at: '2026-11-30T02:00:00.000Z', summary: '调解协议已全部履行' }, description: 'how: performed 调解并履行, agreement, failed, withdrawn, other' })
  closed?: { how: string; at: string; summary?: string };
}

export class PoliceTransferDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: '330102202611230015' })
  incidentNumber: string;
  @ApiProperty({ enum: TRANSFER_KINDS })
  kind: TransferKind;
  @ApiProperty({ example: '2026-11-22T21:40:00.000+08:00' })
  incidentAt: string;
  @ApiProperty({ type: String, nullable: true, example: '上城区清波街道劳动路**********' })
  place: string | null;
  @ApiProperty({ type: String, nullable: true, example: '张警官' })
  officerName: string | null;
  @ApiProperty({ type: ReferralCaseDto })
  case: ReferralCaseDto;
  @ApiProperty({ type: TransferFeedbackDto })
  feedback: TransferFeedbackDto;
  @ApiProperty({ type: String, nullable: true, description: 'What the closure means for your own case (public-order cases)', example: '当事人经人民调解委员会调解达成协议并已履行。当事人书面申请、经公安机关认可的，可以依法不予处罚（公安机关办理行政案件程序规定第一百八十六条；治安管理处罚法（2025））。' })
  note: string | null;
  @ApiProperty()
  createdAt: string;
  @ApiProperty({ example: 1 })
  version: number;

  static from(v: TransferView): PoliceTransferDto {
    const t = v.transfer;
    return {
      id: t.id, incidentNumber: t.incidentNumber, kind: t.kind, incidentAt: toIso(t.incidentAt), place: t.placeMasked, officerName: t.officerName,
      case: { id: v.kase.id, number: v.kase.number, status: v.kase.status, statusLabel: CASE_STATUS_LABELS[v.kase.status] },
      feedback: t.feedback, note: t.feedback.closed ? policeNote(t.kind, t.feedback.closed.how) : null, createdAt: toIso(t.createdAt), version: t.version,
    };
  }
}

export const PoliceTransferPage = PageOf(PoliceTransferDto, 'PoliceTransferPage');

export class RaiseRedRiskDto {
  @ApiProperty({ enum: ['violence', 'self_harm', 'other'], example: 'violence', description: 'violence and self_harm alarm the police serving the area (吹哨报到)' })
  @IsIn(['violence', 'self_harm', 'other'])
  threat: 'violence' | 'self_harm' | 'other';

  @ApiProperty({ type: [String], example: ['被申请人在调解现场扬言要"让对方全家好看"，情绪激动'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @TextEach(500)
  reasons: string[];
}

export class AcknowledgeAlertDto {
  @ApiProperty({ example: '张警官', maxLength: 50 })
  @Text(50)
  officerName: string;

  @ApiProperty({ example: '已派民警上门，对被申请人进行警示谈话并登记在册', maxLength: 1000 })
  @Text(1000)
  action: string;
}

export class RedAlertDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  caseId: string;
  @ApiProperty({ format: 'uuid' })
  partnerId: string;
  @ApiProperty({ type: [String] })
  reasons: string[];
  @ApiProperty()
  raisedAt: string;
  @ApiProperty({ example: '李调解' })
  raisedBy: string;
  @ApiProperty({ type: String, nullable: true })
  acknowledgedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: '张警官' })
  acknowledgedBy: string | null;
  @ApiProperty({ type: String, nullable: true })
  action: string | null;

  static from(a: RedAlertEntity): RedAlertDto {
    return {
      id: a.id, caseId: a.caseId, partnerId: a.partnerId, reasons: a.reasons, raisedAt: toIso(a.raisedAt), raisedBy: a.raisedBy,
      acknowledgedAt: a.acknowledgedAt ? toIso(a.acknowledgedAt) : null, acknowledgedBy: a.acknowledgedBy, action: a.action,
    };
  }
}
