import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { trim } from '../../common/http/transforms';
import { toIso } from '../../common/time/iso';
import { MediationSessionEntity, SESSION_METHODS, SESSION_STATUSES, SessionMethod, SessionParticipant, SessionStatus } from '../mediation-session.entity';
import { SESSION_RESULTS, SessionResult } from '../sessions.service';
import type { QueuedText } from '../sessions.service';

const PARTY_ID_EXAMPLE = '5d2b7c1e-9a3f-4e8b-b6c4-1f2e3d4c5b6a';

export class ExtraParticipantDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A staff member with an account (their name is taken from it, and they get the in-app reminder and see the session on their agenda)' })
  @IsOptional()
  @IsUUID()
  staffUserId?: string;

  @ApiPropertyOptional({ example: '周律师', maxLength: 50, description: 'Required without staffUserId (someone without an account: a lawyer, an invited expert)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name?: string;

  @ApiProperty({ example: '特邀调解员', maxLength: 20, description: 'What they are there as: 特邀调解员, 法律顾问, 劳动保障监察员, 网格员…' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  role: string;
}

export class ScheduleSessionDto {
  @ApiProperty({ example: '2026-11-25T14:30:00+08:00', description: 'When it starts, with its UTC offset; must be in the future' })
  @IsISO8601({ strict: true })
  scheduledAt: string;

  @ApiPropertyOptional({ example: 90, minimum: 15, maximum: 480, default: 60 })
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(480)
  durationMinutes?: number;

  @ApiProperty({ enum: SESSION_METHODS, example: 'in_person', description: 'in_person 现场, video 视频, phone 电话' })
  @IsIn(SESSION_METHODS)
  method: SessionMethod;

  @ApiPropertyOptional({ example: '第二调解室', maxLength: 200, description: 'Required for in_person: a room of the center or an address (a site visit). For video, how to join; for phone, optional' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  place?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', example: [PARTY_ID_EXAMPLE], description: 'The parties invited; default every party of the case (背对背调解: one side at a time)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  participantPartyIds?: string[];

  @ApiPropertyOptional({ type: [ExtraParticipantDto], description: 'Others attending besides the parties and the case\'s mediators (who are always included)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ExtraParticipantDto)
  extraParticipants?: ExtraParticipantDto[];
}

export class AttendanceDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Name the participant by partyId, staffUserId, or (someone without either) name' })
  @IsOptional()
  @IsUUID()
  partyId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  staffUserId?: string;

  @ApiPropertyOptional({ example: '周律师', maxLength: 50 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name?: string;

  @ApiProperty({ example: false })
  @IsBoolean()
  attended: boolean;
}

export class RecordSessionDto {
  @ApiProperty({ enum: ['held', 'missed'], example: 'held', description: 'held 已召开 (minutes and result required) or missed 未召开 (missedReason required)' })
  @IsIn(['held', 'missed'])
  status: 'held' | 'missed';

  @ApiPropertyOptional({ example: '申请人陈述被拖欠工资三个月共计2.4万元；被申请人认可欠薪事实，但称资金周转困难，提出分期支付。双方同意下周再议具体分期方案。', maxLength: 20000, description: '调解笔录, required when held' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(20000)
  minutes?: string;

  @ApiPropertyOptional({ enum: SESSION_RESULTS, example: 'progress', description: 'Required when held: progress 有进展, agreement 达成一致 (then record the agreement itself), no_agreement 未达成一致' })
  @IsOptional()
  @IsIn(SESSION_RESULTS)
  result?: SessionResult;

  @ApiPropertyOptional({ type: [AttendanceDto], description: 'Who came. When held, participants not listed are recorded as present; when missed, only those listed are recorded' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(70)
  @ValidateNested({ each: true })
  @Type(() => AttendanceDto)
  attendance?: AttendanceDto[];

  @ApiPropertyOptional({ example: '被申请人未到场，电话联系无人接听', maxLength: 500, description: 'Required when missed' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  missedReason?: string;
}

export class CancelSessionDto {
  @ApiProperty({ example: '申请人住院治疗，申请改期', maxLength: 500 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class AgendaQueryDto {
  @ApiPropertyOptional({ example: '2026-11-25', description: 'From this time (with offset) or this Beijing date; default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-26', description: 'Before this time or Beijing date; default 7 days after from; at most 31 days after from' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

class SessionParticipantDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A party of the case' })
  partyId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A staff member' })
  staffUserId?: string;
  @ApiProperty({ example: '王秀兰' })
  name: string;
  @ApiProperty({ example: 'applicant', description: 'A party\'s role (applicant, respondent, third_party, agent), mediator (the lead), co_mediator, or what an invited participant is there as' })
  role: string;
  @ApiPropertyOptional({ example: true, description: 'Recorded with the result; absent until then' })
  attended?: boolean;
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  caseId: string;
  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;
  @ApiProperty({ example: '2026-11-25T14:30:00.000+08:00' })
  scheduledAt: string;
  @ApiProperty({ example: '2026-11-25T16:00:00.000+08:00' })
  endsAt: string;
  @ApiProperty({ example: 90 })
  durationMinutes: number;
  @ApiProperty({ enum: SESSION_METHODS, example: 'in_person' })
  method: SessionMethod;
  @ApiProperty({ type: String, nullable: true, example: '第二调解室' })
  place: string | null;
  @ApiProperty({ type: [SessionParticipantDto] })
  participants: SessionParticipantDto[];
  @ApiProperty({ enum: SESSION_STATUSES, example: 'scheduled', description: 'scheduled 已安排, held 已召开, missed 未召开, cancelled 已取消' })
  status: SessionStatus;
  @ApiProperty({ type: String, nullable: true, example: null, description: '调解笔录' })
  minutes: string | null;
  @ApiProperty({ type: String, nullable: true, enum: SESSION_RESULTS, example: null })
  result: SessionResult | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why it did not take place: the reason it was missed, or the cancellation reason' })
  missedReason: string | null;
  @ApiProperty({ format: 'uuid' })
  createdById: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null })
  recordedById: string | null;
  @ApiProperty({ example: 1, description: 'Also in the ETag; send it in If-Match to record or cancel' })
  version: number;

  static from(s: MediationSessionEntity): SessionDto {
    return {
      id: s.id,
      caseId: s.caseId,
      orgUnitId: s.orgUnitId,
      scheduledAt: toIso(s.scheduledAt),
      endsAt: toIso(new Date(s.scheduledAt.getTime() + s.durationMinutes * 60_000)),
      durationMinutes: s.durationMinutes,
      method: s.method,
      place: s.place,
      participants: s.participants.map((p: SessionParticipant) => ({ ...p })),
      status: s.status,
      minutes: s.minutes,
      result: s.result as SessionResult | null,
      missedReason: s.missedReason,
      createdById: s.createdById,
      recordedById: s.recordedById,
      version: s.version,
    };
  }
}

export class QueuedTextDto {
  @ApiProperty({ format: 'uuid', description: 'See GET /v1/sms?caseId=' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  partyId: string;
  @ApiProperty({ example: 'session_notice', description: 'session_notice (sent now), session_reminder (the day before at 09:00), session_cancelled' })
  template: string;
  @ApiProperty({ example: '139****5678' })
  recipient: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Sent from this moment; null: at once' })
  notBefore: string | null;

  static from(t: QueuedText): QueuedTextDto {
    return { id: t.id, partyId: t.partyId, template: t.template, recipient: t.recipient, notBefore: t.notBefore ? toIso(t.notBefore) : null };
  }
}

export class ScheduledSessionDto extends SessionDto {
  @ApiProperty({
    type: [QueuedTextDto],
    example: [
      { id: '9b1d3f5a-7c9e-4b1d-8f3a-5c7e9b1d3f5a', partyId: PARTY_ID_EXAMPLE, template: 'session_notice', recipient: '139****5678', notBefore: null },
      { id: '2c4e6a8b-0d2f-4a6c-8e0b-2d4f6a8c0e2b', partyId: PARTY_ID_EXAMPLE, template: 'session_reminder', recipient: '139****5678', notBefore: '2026-11-24T09:00:00.000+08:00' },
    ],
    description: 'Texts queued to the parties with a mobile on file: the notice now, the reminder the day before at 09:00 (when that is still ahead)',
  })
  texts: QueuedTextDto[];
}

export class CancelledSessionDto extends SessionDto {
  @ApiProperty({ type: [QueuedTextDto], description: 'Cancellation notices queued to the parties with a mobile on file' })
  texts: QueuedTextDto[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'Reminder texts that had not gone out yet and were withdrawn' })
  withdrawnTextIds: string[];
  @ApiProperty({ example: 1, description: 'Unread in-app reminders to staff that were deleted' })
  remindersDeleted: number;
}

export class AgendaItemDto extends SessionDto {
  @ApiProperty({ example: 'TJ-330102001-2026-000042' })
  caseNumber: string;
  @ApiProperty({ example: '餐馆拖欠服务员工资' })
  caseTitle: string;
}
