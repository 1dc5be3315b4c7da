import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { trim } from '../../common/http/transforms';
import { toIso } from '../../common/time/iso';
import { TRACKS, Track } from '../../triage/taxonomy';
import { CaseAssignmentEntity } from '../case-assignment.entity';
import { CONSENT_METHODS, ConsentMethod } from '../case-consent.entity';
import type { ConsentSummary } from '../mediation.service';
import type { MediatorView } from '../mediators.service';

export class MediatorDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: '何建平' })
  name: string;
  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;
  @ApiProperty({ enum: TRACKS, isArray: true, example: ['labor', 'general'] })
  specialties: Track[];
  @ApiProperty({ example: 30 })
  maxOpenCases: number;
  @ApiProperty({ example: true, description: 'false: on leave or in training; automatic assignment skips them' })
  accepting: boolean;
  @ApiProperty({ example: 12, description: 'Open cases (in mediation, suspended, agreement, performing) as lead or co-mediator' })
  openCases: number;

  static from(v: MediatorView): MediatorDto {
    return { id: v.user.id, name: v.user.displayName, orgUnitId: v.user.orgUnitId, specialties: v.profile.specialties, maxOpenCases: v.profile.maxOpenCases, accepting: v.profile.accepting, openCases: v.openCases };
  }
}

export class ListMediatorsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A unit in your scope; its subtree is listed. Defaults to your own unit' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ enum: TRACKS, example: 'labor' })
  @IsOptional()
  @IsIn(TRACKS)
  track?: Track;
}

export class UpdateMediatorProfileDto {
  @ApiPropertyOptional({ enum: TRACKS, isArray: true, example: ['labor', 'general'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(TRACKS, { each: true })
  specialties?: Track[];

  @ApiPropertyOptional({ example: 30, minimum: 1, maximum: 200 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  maxOpenCases?: number;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  accepting?: boolean;
}

export class AssignCaseDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The lead mediator; omit and set auto to choose by specialty and load' })
  @IsOptional()
  @IsUUID()
  mediatorId?: string;

  @ApiPropertyOptional({ example: false, description: 'Choose the least-loaded mediator of the track, nearest unit first, in turn among equals' })
  @IsOptional()
  @IsBoolean()
  auto?: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Co-mediators (协助调解员)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsUUID('all', { each: true })
  coMediatorIds?: string[];

  @ApiPropertyOptional({ enum: ['manual', 'party_request'], example: 'manual', description: 'party_request: a party asked for another mediator (reason required)' })
  @IsOptional()
  @IsIn(['manual', 'party_request'])
  how?: 'manual' | 'party_request';

  @ApiPropertyOptional({ example: '申请人认为原调解员与被申请人系同村亲属，申请回避', maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class AssignmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  mediatorId: string;
  @ApiProperty({ enum: ['lead', 'co'], example: 'lead' })
  role: 'lead' | 'co';
  @ApiProperty({ enum: ['manual', 'auto', 'party_request'], example: 'auto' })
  how: string;
  @ApiProperty({ type: String, nullable: true, example: null })
  reason: string | null;
  @ApiProperty({ example: '2026-11-23T10:00:00.000+08:00' })
  assignedAt: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'null: still assigned' })
  endedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null })
  endReason: string | null;

  static from(a: CaseAssignmentEntity): AssignmentDto {
    return { id: a.id, mediatorId: a.mediatorId, role: a.role, how: a.how, reason: a.reason, assignedAt: toIso(a.assignedAt), endedAt: a.endedAt ? toIso(a.endedAt) : null, endReason: a.endReason };
  }
}

export class AssignmentResultDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;
  @ApiProperty({ example: 'in_mediation' })
  status: string;
  @ApiProperty({ format: 'uuid' })
  assigneeId: string;
  @ApiProperty({ example: 3, description: 'The case version (also in the ETag)' })
  version: number;
  @ApiProperty({ type: [AssignmentDto], description: 'Every assignment of the case, past and present' })
  assignments: AssignmentDto[];
}

export class RecordConsentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  partyId: string;

  @ApiProperty({ enum: ['agree', 'refuse'], example: 'agree' })
  @IsIn(['agree', 'refuse'])
  decision: 'agree' | 'refuse';

  @ApiProperty({ enum: CONSENT_METHODS, example: 'written', description: 'written 书面, oral 口头 (recorded by staff), phone 电话, online 线上, video 视频' })
  @IsIn(CONSENT_METHODS)
  method: ConsentMethod;

  @ApiPropertyOptional({ example: '当事人在《人民调解申请书》上签字同意调解', maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  note?: string;
}

class PartyConsentDto {
  @ApiProperty({ format: 'uuid' })
  partyId: string;
  @ApiProperty({ example: '张秀英' })
  name: string;
  @ApiProperty({ example: 'applicant' })
  role: string;
  @ApiProperty({ type: String, nullable: true, enum: ['agree', 'refuse'], example: 'agree', description: 'The latest answer; null: not asked yet' })
  decision: 'agree' | 'refuse' | null;
  @ApiProperty({ type: String, nullable: true, enum: CONSENT_METHODS, example: 'written' })
  method: ConsentMethod | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-23T10:05:00.000+08:00' })
  recordedAt: string | null;
}

class ConsentRecordDto {
  @ApiProperty({ format: 'uuid' })
  partyId: string;
  @ApiProperty({ enum: ['agree', 'refuse'] })
  decision: string;
  @ApiProperty({ enum: CONSENT_METHODS })
  method: string;
  @ApiProperty({ type: String, nullable: true })
  note: string | null;
  @ApiProperty({ example: '2026-11-23T10:05:00.000+08:00' })
  recordedAt: string;
}

export class ConsentSummaryDto {
  @ApiProperty({ type: [PartyConsentDto] })
  parties: PartyConsentDto[];
  @ApiProperty({ example: false, description: 'Every party has agreed' })
  allAgreed: boolean;
  @ApiProperty({ example: false, description: 'A party refused: mediation ended (人民调解法 Art.17)' })
  refused: boolean;
  @ApiProperty({ type: [ConsentRecordDto], description: 'Every answer given, oldest first' })
  history: ConsentRecordDto[];

  static from(s: ConsentSummary): ConsentSummaryDto {
    return {
      parties: s.parties.map((p) => ({ ...p, recordedAt: p.recordedAt ? toIso(p.recordedAt) : null })),
      allAgreed: s.allAgreed,
      refused: s.refused,
      history: s.history.map((h) => ({ partyId: h.partyId, decision: h.decision, method: h.method, note: h.note, recordedAt: toIso(h.recordedAt) })),
    };
  }
}
