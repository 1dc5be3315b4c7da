import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { trim } from '../../common/http/transforms';
import { PageOf, PageQueryDto } from '../../common/pagination/pagination';
import { toIso } from '../../common/time/iso';
import { FOLLOW_UP_STATUSES } from '../follow-up.entity';
import { FOLLOW_UP_METHODS, FollowUpMethod, FollowUpRow, FollowUpView } from '../follow-ups.service';

export class FollowUpDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  caseId: string;
  @ApiProperty({ example: 'TJ-330102001-2026-000123' })
  caseNumber: string;
  @ApiProperty({ example: '餐馆拖欠服务员工资' })
  caseTitle: string;
  @ApiProperty({ example: 'closed', description: 'The case status now (in_mediation after a relapse reopened it)' })
  caseStatus: string;
  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;
  @ApiProperty({ example: 7, description: 'Days after the agreement, closure or planning day it was planned for' })
  afterDays: number;
  @ApiProperty({ example: '2026-11-30', description: 'The day of the visit (Beijing time); the reminder shows and the text goes out at 09:00' })
  dueOn: string;
  @ApiProperty({ enum: FOLLOW_UP_STATUSES, example: 'scheduled', description: 'scheduled 待回访, done 已回访, missed 未能回访' })
  status: string;
  @ApiProperty({ type: String, nullable: true, enum: FOLLOW_UP_METHODS, example: 'phone' })
  method: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The party spoken to' })
  partyId: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-30T10:15:00.000+08:00' })
  visitedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  visitedById: string | null;
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 5, example: 5, description: '1 非常不满意 … 5 非常满意' })
  satisfaction: number | null;
  @ApiProperty({ type: Boolean, nullable: true, example: false, description: 'The dispute flared up again or the agreement is not kept' })
  relapse: boolean | null;
  @ApiProperty({ type: String, nullable: true, example: '被申请人已按协议支付全部工资，申请人表示满意' })
  notes: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['none', 'escalated', 'reopened'], example: 'none', description: 'escalated: the directors were told (rating ≤ 2, or a relapse on a case that could not be reopened); reopened: the case went back to mediation' })
  action: string | null;
  @ApiProperty({ example: 1, description: 'Send it in If-Match (as "1") to record the result' })
  version: number;

  static from({ visit: v, kase }: FollowUpRow): FollowUpDto {
    return {
      id: v.id, caseId: v.caseId, caseNumber: kase.number, caseTitle: kase.title, caseStatus: kase.status, orgUnitId: v.orgUnitId, afterDays: v.afterDays, dueOn: v.dueOn,
      status: v.status, method: v.method, partyId: v.partyId, visitedAt: v.visitedAt ? toIso(v.visitedAt) : null, visitedById: v.visitedById,
      satisfaction: v.satisfaction, relapse: v.relapse, notes: v.notes, action: v.action, version: v.version,
    };
  }
}

export const FollowUpPage = PageOf(FollowUpDto, 'FollowUpPage');

export class ScheduleFollowUpDto {
  @ApiPropertyOptional({ example: 7, minimum: 1, maximum: 365, description: 'Days from today; or give dueOn' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  afterDays?: number;

  @ApiPropertyOptional({ example: '2026-12-23', description: 'YYYY-MM-DD, after today; or give afterDays' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dueOn?: string;
}

export class ListFollowUpsQueryDto extends PageQueryDto {
  @ApiProperty({ enum: ['due', 'overdue'], example: 'due', description: 'due: planned for today; overdue: planned for an earlier day and still not made' })
  @IsIn(['due', 'overdue'])
  view: FollowUpView;

  @ApiPropertyOptional({ format: 'uuid', description: 'A unit in your scope; its subtree is listed. Defaults to your own unit' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

export class RecordFollowUpDto {
  @ApiProperty({ enum: ['done', 'missed'], example: 'done', description: 'done 已回访; missed 未能联系上当事人' })
  @IsIn(['done', 'missed'])
  status: 'done' | 'missed';

  @ApiProperty({ enum: FOLLOW_UP_METHODS, example: 'phone', description: 'phone 电话, visit 上门, sms 短信, online 线上' })
  @IsIn(FOLLOW_UP_METHODS)
  method: FollowUpMethod;

  @ApiPropertyOptional({ format: 'uuid', description: 'The party spoken to (or tried)' })
  @IsOptional()
  @IsUUID()
  partyId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, example: 5, description: 'Required when done: 1 非常不满意 … 5 非常满意. 2 or less goes to the directors' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction?: number;

  @ApiPropertyOptional({ example: false, description: 'Required when done: the dispute flared up again or the agreement is not kept. true reopens the case for mediation' })
  @IsOptional()
  @IsBoolean()
  relapse?: boolean;

  @ApiPropertyOptional({ example: '被申请人已按协议支付全部工资，申请人表示满意', maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  notes?: string;
}
