import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageOf, PageQueryDto } from '../common/pagination/pagination';
import { toIso } from '../common/time/iso';
import type { AuditEventEntity } from './audit-event.entity';

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: '2026-11-23T09:30:00.000+08:00' })
  occurredAt: string;
  @ApiProperty({ enum: ['staff', 'partner', 'system'], example: 'staff' })
  actorType: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  actorId: string | null;
  @ApiProperty({ example: '王芳' })
  actorName: string;
  @ApiProperty({ example: 'user.updated' })
  action: string;
  @ApiProperty({ example: 'staff_user' })
  subjectType: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  subjectId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  orgUnitId: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, example: { roles: ['mediator'] } })
  before: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, example: { roles: ['mediator', 'director'] } })
  after: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true, example: '5f0c6c1e-3b9a-4a53-9d1e-2f1f3c7d8a90' })
  requestId: string | null;

  static from(e: AuditEventEntity): AuditEventDto {
    return {
      id: e.id, occurredAt: toIso(e.occurredAt), actorType: e.actorType, actorId: e.actorId, actorName: e.actorName, action: e.action,
      subjectType: e.subjectType, subjectId: e.subjectId, orgUnitId: e.orgUnitId, before: e.before, after: e.after, requestId: e.requestId,
    };
  }
}

export const AuditEventPage = PageOf(AuditEventDto, 'AuditEventPage');

export class ListAuditEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Changes made by this staff user or partner' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'staff_user' })
  @IsOptional()
  @Matches(/^[a-z_]{1,32}$/)
  subjectType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @ApiPropertyOptional({ example: 'user.updated' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
