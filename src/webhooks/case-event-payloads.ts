import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STATUSES } from '../cases/case-status';

/**
 * Payloads of the case lifecycle and court events (CaseEvents, court module). None carries
 * personal data: the partner reads names and details through the API, scoped and masked.
 */

class OrgUnitRef {
  @ApiProperty({ example: '330102001' })
  code: string;
  @ApiProperty({ example: '清波街道' })
  name: string;
}

/** What every case event starts with, so a partner matches it to its own record without a read. */
export class CaseEventHeaderDto {
  @ApiProperty({ format: 'uuid', example: '8c1f6d2a-3e4b-4c5d-9e6f-7a8b9c0d1e2f' })
  caseId: string;
  @ApiProperty({ example: 'TJ-330102001-2026-000123' })
  caseNumber: string;
  @ApiProperty({ type: String, nullable: true, example: '（2026）浙0102民诉前调1234号', description: 'Your own number, as sent with the case (警情号, 案号, 信访件号)' })
  externalRef: string | null;
  @ApiProperty({ enum: CASE_STATUSES, example: 'accepted', description: 'The case status after the change' })
  status: string;
}

export class CaseRegisteredPayloadDto extends CaseEventHeaderDto {
  @ApiProperty({ example: 'walk_in' })
  channel: string;
  @ApiProperty({ type: OrgUnitRef })
  orgUnit: OrgUnitRef;
  @ApiProperty({ enum: ['red', 'orange', 'yellow', 'blue'], example: 'yellow' })
  riskLevel: string;
  @ApiProperty({ example: '2026-11-23T01:00:00.000Z' })
  registeredAt: string;
}

export class CaseTriagedPayloadDto extends CaseEventHeaderDto {
  @ApiProperty({ enum: ['accept', 'refer_out', 'reject', 'merge', 'escalate'], example: 'accept' })
  decision: string;
  @ApiProperty({ type: String, nullable: true, example: 'commercial' })
  category: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'general' })
  track: string | null;
  @ApiProperty({ type: OrgUnitRef, description: 'The unit that has the case now (after an escalation, the unit above)' })
  orgUnit: OrgUnitRef;
  @ApiPropertyOptional({ example: 'arbitration', description: 'refer_out: where it went' })
  referredTo?: string;
  @ApiPropertyOptional({ example: '向区劳动人事争议仲裁委员会申请仲裁' })
  road?: string;
  @ApiProperty({ example: '2026-11-23T02:00:00.000Z' })
  decidedAt: string;
}

class CourtRef {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: '杭州市上城区人民法院' })
  name: string;
}

export class CaseReferredPayloadDto extends CaseEventHeaderDto {
  @ApiProperty({ format: 'uuid', description: 'GET /v1/court-filings/{filingId}: the package' })
  filingId: string;
  @ApiProperty({ type: CourtRef })
  court: CourtRef;
  @ApiProperty({ enum: ['mediation_failed', 'agreement_breached'], example: 'mediation_failed' })
  reason: string;
  @ApiProperty({ example: '2026-12-01T02:00:00.000Z' })
  sentAt: string;
}

class ConcludedAgreementDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: '2026-11-26T05:10:00.000Z' })
  effectiveAt: string;
  @ApiProperty({ example: 1, description: 'Number of obligations' })
  obligations: number;
  @ApiProperty({ example: true, description: 'Terms a court may confirm (民诉解释 Art.355)' })
  confirmable: boolean;
}

export class MediationConcludedPayloadDto extends CaseEventHeaderDto {
  @ApiProperty({ enum: ['agreement', 'failed', 'withdrawn'], example: 'agreement' })
  outcome: string;
  @ApiProperty({ example: '2026-11-26T06:00:00.000Z' })
  concludedAt: string;
  @ApiPropertyOptional({ type: ConcludedAgreementDto })
  agreement?: ConcludedAgreementDto;
  @ApiPropertyOptional({ example: '双方对赔偿数额分歧较大' })
  reason?: string;
  @ApiPropertyOptional({ type: [String], example: ['civil_suit'], description: 'failed: the roads left to the parties' })
  roads?: string[];
}

class BreachedObligationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'payment' })
  kind: string;
  @ApiProperty({ example: '2026-12-20' })
  dueDate: string;
}

export class AgreementBreachedPayloadDto extends CaseEventHeaderDto {
  @ApiProperty({ format: 'uuid' })
  agreementId: string;
  @ApiProperty({ type: BreachedObligationDto })
  obligation: BreachedObligationDto;
  @ApiProperty({ type: [String], example: ['enforcement', 'civil_suit'], description: 'The roads the law opens for this term' })
  roads: string[];
  @ApiProperty({ example: '2026-12-30T02:00:00.000Z' })
  reportedAt: string;
}

/** What every referral event starts with. */
export class ReferralEventHeaderDto {
  @ApiProperty({ format: 'uuid', description: 'GET /v1/court-referrals/{referralId}' })
  referralId: string;
  @ApiProperty({ example: '（2026）浙0102民诉前调1234号' })
  courtCaseNumber: string;
  @ApiProperty({ enum: ['delegated', 'entrusted'], example: 'delegated' })
  kind: string;
  @ApiProperty({ format: 'uuid' })
  caseId: string;
  @ApiProperty({ example: 'TJ-330102001-2026-000123' })
  caseNumber: string;
  @ApiProperty({ enum: CASE_STATUSES, example: 'in_mediation' })
  caseStatus: string;
  @ApiProperty({ example: '调解中' })
  caseStatusLabel: string;
}

export class ReferralMaterialsSignedPayloadDto extends ReferralEventHeaderDto {
  @ApiProperty({ example: '2026-11-25T02:00:00.000Z' })
  materialsSignedAt: string;
  @ApiProperty({ example: '2026-12-25T16:00:00.000Z', description: 'End of the mediation period (exclusive): 30 days for 委派, 15/7 for 委托' })
  mediationDueAt: string;
  @ApiProperty({ example: 'delegated_mediation_prefiling' })
  deadlineKind: string;
}

class ReferralMaterialDto {
  @ApiProperty({ example: '民事起诉状' })
  name: string;
  @ApiProperty({ example: 1 })
  copies: number;
  @ApiPropertyOptional({ example: 4 })
  pages?: number;
}

export class ReferralResultPayloadDto extends ReferralEventHeaderDto {
  @ApiProperty({ enum: ['agreement', 'failed'], example: 'failed', description: 'A withdrawal is reported as failed: the dispute returns to the court' })
  outcome: string;
  @ApiProperty({ example: '2026-12-20T08:00:00.000Z' })
  concludedAt: string;
  @ApiProperty({ example: '调解不成，书面报告委派法院并移送材料，由人民法院依法登记立案（特邀调解规定第二十一条、第二十六条）' })
  courtAction: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'agreement: read it with GET /v1/court-referrals/{referralId}' })
  agreementId?: string;
  @ApiPropertyOptional({ example: '被告坚持质量问题未整改完毕前不付款，双方分歧较大' })
  reason?: string;
  @ApiPropertyOptional({ type: [ReferralMaterialDto], description: 'failed: the materials to be handed back' })
  materialsToReturn?: ReferralMaterialDto[];
}

export class ReferralMaterialsReturnedPayloadDto extends ReferralEventHeaderDto {
  @ApiProperty({ example: '2026-12-21T06:00:00.000Z' })
  returnedAt: string;
  @ApiProperty({ type: [ReferralMaterialDto] })
  items: ReferralMaterialDto[];
  @ApiProperty({ type: [String], example: [], description: 'Names from the list not handed back' })
  notReturned: string[];
  @ApiProperty({ type: String, nullable: true, example: '由法院立案庭王书记员签收' })
  note: string | null;
}

export class JudicialConfirmationAppliedPayloadDto extends CaseEventHeaderDto {
  @ApiProperty({ format: 'uuid', description: 'GET /v1/judicial-confirmations/{confirmationId}; post acceptance and ruling there' })
  confirmationId: string;
  @ApiProperty({ example: '杭州市上城区人民法院' })
  courtName: string;
  @ApiProperty({ example: '2026-11-27' })
  appliedOn: string;
  @ApiProperty({ type: 'array', items: { type: 'object' }, example: [{ partyId: '5d2b7c1e-9a3f-4e8b-b6c4-1f2e3d4c5b6a', role: 'applicant' }] })
  applicants: Array<{ partyId: string; role: string }>;
}

export class JudicialConfirmationRuledPayloadDto extends CaseEventHeaderDto {
  @ApiProperty({ format: 'uuid' })
  confirmationId: string;
  @ApiProperty({ example: '杭州市上城区人民法院' })
  courtName: string;
  @ApiProperty({ enum: ['confirmed', 'rejected'], example: 'confirmed' })
  result: string;
  @ApiProperty({ example: true })
  enforceable: boolean;
  @ApiProperty({ example: '（2026）浙0102民特123号' })
  rulingNumber: string;
  @ApiProperty({ example: '2026-12-29' })
  ruledOn: string;
  @ApiProperty({ type: [String], example: ['enforcement'] })
  roads: string[];
}

export class CaseClosedPayloadDto extends CaseEventHeaderDto {
  @ApiProperty({
    enum: ['performed', 'agreement', 'failed', 'withdrawn', 'other'], example: 'performed',
    description: 'performed: mediated and every obligation kept (a police station may then decide not to punish a public-order case, 程序规定 Art.186); agreement: reached, terms still open or none; failed; withdrawn',
  })
  how: string;
  @ApiProperty({ example: '2026-11-30T02:00:00.000Z' })
  closedAt: string;
  @ApiPropertyOptional({ example: '双方已按协议履行完毕，经回访无异议，结案。' })
  summary?: string;
}
