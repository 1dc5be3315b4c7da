import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { trim } from '../../common/http/transforms';
import { PageOf, PageQueryDto } from '../../common/pagination/pagination';
import { toIso } from '../../common/time/iso';
import { DEADLINE_STATUSES, DeadlineEntity, DeadlineStatus } from '../deadline.entity';
import { APPROVAL_LABELS, ExtensionApprovalKind } from '../deadline-kinds';

const APPROVAL_KINDS = Object.keys(APPROVAL_LABELS) as ExtensionApprovalKind[];

export class DeadlineDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The case the clock runs on (null for a petition\'s clock)' })
  caseId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The petition (信访事项) the clock runs on (null for a case\'s clock)' })
  petitionId: string | null;
  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;
  @ApiProperty({ example: 'triage' })
  kind: string;
  @ApiProperty({ example: '分流研判' })
  label: string;
  @ApiProperty({ example: false, description: 'false: an internal target of the center, not a legal period' })
  statutory: boolean;
  @ApiProperty({ example: { text: '中心内部工作目标：登记后一个工作日内完成分流研判。', citation: '内部工作目标' } })
  legalBasis: { text: string; citation: string };
  @ApiProperty({ enum: DEADLINE_STATUSES, example: 'pending' })
  status: DeadlineStatus;
  @ApiProperty({ example: '2026-11-23T09:00:00.000+08:00' })
  startAt: string;
  @ApiProperty({ example: '2026-11-25T00:00:00.000+08:00' })
  dueAt: string;
  @ApiProperty({ example: true, description: 'Still running past its due time' })
  overdue: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'How the due time was computed, with an explanation in Chinese' })
  computation: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object' } })
  pauses: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } })
  extensions: unknown[];
  @ApiProperty({
    example: [{ stage: 'remind-0', at: '2026-11-24T20:00:00.000+08:00', before: 4, unit: 'hours' }],
    description: 'Reminders for the current due time: before = how long before it, in unit',
  })
  reminders: Array<{ stage: string; at: string; before: number; unit: string }>;
  @ApiProperty({ example: 1 })
  version: number;

  static from(d: DeadlineEntity, now: Date): DeadlineDto {
    return {
      id: d.id, caseId: d.caseId, petitionId: d.petitionId, orgUnitId: d.orgUnitId, kind: d.kind, label: d.label, statutory: d.statutory, legalBasis: d.legalBasis, status: d.status,
      startAt: toIso(d.startAt), dueAt: toIso(d.dueAt), overdue: d.status === 'missed' || (d.status === 'pending' && d.dueAt.getTime() <= now.getTime()),
      computation: d.computation, pauses: d.pauses, extensions: d.extensions,
      reminders: d.reminders.map((r) => ({ ...r, at: toIso(new Date(r.at)) })), version: d.version,
    };
  }
}

export const DeadlinePage = PageOf(DeadlineDto, 'DeadlinePage');

export class ListDeadlinesQueryDto extends PageQueryDto {
  @ApiProperty({ enum: ['overdue', 'due_soon'], example: 'overdue', description: "overdue: running past the due time; due_soon: due within withinDays — the director's morning view" })
  @IsIn(['overdue', 'due_soon'])
  view: 'overdue' | 'due_soon';

  @ApiPropertyOptional({ format: 'uuid', description: 'A unit in your scope; its subtree is listed. Defaults to your own unit' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ example: 3, default: 3, minimum: 1, maximum: 60 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  withinDays?: number;
}

export class PauseDeadlineDto {
  @ApiProperty({ example: '等待伤残等级鉴定结论（鉴定期间不计入调解期限）', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason: string;
}

class ApprovalDto {
  @ApiProperty({ enum: APPROVAL_KINDS, example: 'head_approval', description: 'Must be the kind the deadline requires (GET /v1/deadlines/kinds: extension.requires)' })
  @IsIn(APPROVAL_KINDS)
  kind: ExtensionApprovalKind;

  @ApiProperty({ example: '区信访局局长 周明', maxLength: 100, description: 'Who approved, or which parties consented' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  by: string;

  @ApiProperty({ example: '涉及多个部门，需调查核实，已书面告知信访人延期理由', maxLength: 500 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ExtendDeadlineDto {
  @ApiProperty({ example: 30, description: "In the kind's unit, counted from the current last day" })
  @IsInt()
  @Min(1)
  @Max(3650)
  duration: number;

  @ApiProperty({ type: ApprovalDto })
  @ValidateNested()
  @Type(() => ApprovalDto)
  approval: ApprovalDto;
}

export class SweepSummaryDto {
  @ApiProperty({ example: '0b8f3c3e-3c55-4a4e-9d0e-6f1f2a7f9d10', description: 'The Redis schedule generation now in force' })
  epoch: string;
  @ApiProperty({ example: false, description: 'Redis had lost the schedule and a new generation was started' })
  epochCreated: boolean;
  @ApiProperty({ example: 1204, description: 'Running deadlines whose wake-up job was (re-)added' })
  rescheduled: number;
  @ApiProperty({ example: 3, description: 'Deadlines past their moment that the sweep reminded or marked missed itself' })
  acted: number;
  @ApiProperty({ example: 0 })
  failed: number;
  @ApiProperty({ example: 412, description: 'Duration in milliseconds' })
  ms: number;
}

class ScheduleRowsDto {
  @ApiProperty({ example: 1204 })
  pending: number;
  @ApiProperty({ example: 7 })
  paused: number;
  @ApiProperty({ example: 0, description: 'Running, with no job under the current epoch' })
  withoutJob: number;
  @ApiProperty({ example: 0, description: 'Running, with a reminder or due moment already passed and not yet acted on' })
  pastInstant: number;
}

export class ScheduleStatusDto {
  @ApiProperty({ type: 'string', nullable: true, example: '0b8f3c3e-3c55-4a4e-9d0e-6f1f2a7f9d10', description: 'null: Redis holds no schedule right now (a worker restores it within DEADLINE_WATCHDOG_MS)' })
  epoch: string | null;
  @ApiProperty({ example: { delayed: 1205, waiting: 0, active: 0, failed: 0, completed: 0 }, description: 'BullMQ job counts of the deadlines queue' })
  queue: Record<string, number>;
  @ApiProperty({ type: ScheduleRowsDto })
  rows: ScheduleRowsDto;
}
