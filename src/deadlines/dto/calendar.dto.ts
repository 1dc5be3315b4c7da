import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { trim } from '../../common/http/transforms';

export class CalendarDayDto {
  @ApiProperty({ example: '2026-10-01', description: 'YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date: string;

  @ApiProperty({ enum: ['holiday', 'makeup_workday'], example: 'holiday', description: 'holiday 放假, makeup_workday 调休上班' })
  @IsIn(['holiday', 'makeup_workday'])
  kind: 'holiday' | 'makeup_workday';

  @ApiProperty({ example: '国庆节', maxLength: 40 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  name: string;
}

export class CalendarYearDto {
  @ApiProperty({ example: 2026 })
  year: number;
  @ApiProperty({ example: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）' })
  source: string;
  @ApiProperty({ example: '2026-11-23T09:00:00.000+08:00' })
  loadedAt: string;
  @ApiProperty({ example: 33, description: 'Holidays off (including the weekend days inside holiday blocks)' })
  holidayCount: number;
  @ApiProperty({ example: 5, description: 'Make-up working days (调休上班)' })
  makeupWorkdayCount: number;
  @ApiProperty({ type: [CalendarDayDto] })
  days: CalendarDayDto[];
}

export class RecomputedDeadlineDto {
  @ApiProperty({ format: 'uuid' })
  deadlineId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  caseId: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'Set when the clock runs on a petition' })
  petitionId?: string;
  @ApiProperty({ example: '2027-02-05T16:00:00.000Z', description: 'Due time before the load' })
  before: string;
  @ApiProperty({ example: '2027-02-10T16:00:00.000Z', description: 'Due time under the loaded year' })
  after: string;
}

export class KeptDeadlineDto {
  @ApiProperty({ format: 'uuid' })
  deadlineId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  caseId: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'Set when the clock runs on a petition' })
  petitionId?: string;
  @ApiProperty({ example: 'Cannot pause at 2027-02-12T01:00:00.000Z: the period expired at 2027-02-11T16:00:00.000Z', description: 'Why its history could not be replayed under the new year (figures kept; decide by hand)' })
  reason: string;
}

export class RecomputeSummaryDto {
  @ApiProperty({ example: 12, description: 'Running deadlines whose counting reaches into the year' })
  examined: number;
  @ApiProperty({ type: [RecomputedDeadlineDto] })
  moved: RecomputedDeadlineDto[];
  @ApiProperty({ type: [KeptDeadlineDto] })
  kept: KeptDeadlineDto[];
}

export class CalendarLoadResultDto extends CalendarYearDto {
  @ApiProperty({ type: RecomputeSummaryDto })
  recomputed: RecomputeSummaryDto;
}

export class LoadCalendarYearDto {
  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  source: string;

  @ApiProperty({ type: [CalendarDayDto], description: 'Every holiday day off and every make-up working day of the year; ordinary weekends are implied' })
  @IsArray()
  @ArrayMaxSize(120)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  days: CalendarDayDto[];
}

export class CalculateDueDto {
  @ApiProperty({ example: '2026-09-20T10:30:00+08:00', description: 'When the clock starts (e.g. the mediation body received the application)' })
  @IsISO8601({ strict: true })
  start: string;

  @ApiPropertyOptional({ example: 'labor_mediation', description: 'A deadline kind (GET /v1/deadlines/kinds); gives unit, duration and legal basis' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/)
  kind?: string;

  @ApiPropertyOptional({ enum: ['calendar_days', 'working_days', 'months', 'hours'], example: 'calendar_days', description: 'Without a kind: the unit' })
  @IsOptional()
  @IsIn(['calendar_days', 'working_days', 'months', 'hours'])
  unit?: 'calendar_days' | 'working_days' | 'months' | 'hours';

  @ApiPropertyOptional({ example: 15, description: 'Without a kind: how many units' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  duration?: number;
}

export class DueComputationDto {
  @ApiProperty({ example: '2026-10-09T00:00:00.000+08:00', description: 'The end of the last day (24:00 local)' })
  dueAt: string;
  @ApiProperty({ example: '2026-10-08', description: 'The last day of the period, local date' })
  dueDate: string;
  @ApiProperty({ example: '2026-09-20', description: 'The day the clock started; counting begins the next day (民法典 Art.201)' })
  startDate: string;
  @ApiProperty({ enum: ['calendar_days', 'working_days', 'months', 'hours'], example: 'calendar_days' })
  unit: string;
  @ApiProperty({ example: 15 })
  duration: number;
  @ApiPropertyOptional({ example: '2026-10-05', description: 'Where the period would have ended before rolling off rest days (民法典 Art.203)' })
  rolledFrom?: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, example: [{ date: '2026-10-05', reason: 'holiday', name: '国庆节' }, { date: '2026-10-06', reason: 'holiday', name: '国庆节' }, { date: '2026-10-07', reason: 'holiday', name: '国庆节' }] })
  rolledOver?: Array<{ date: string; reason: string; name?: string }>;
  @ApiProperty({ example: false, description: 'True when the period reaches a year whose holiday schedule is not loaded: weekdays were assumed' })
  calendarIncomplete: boolean;
  @ApiProperty({ example: '自 2026-09-20 次日起算 15 日，本应于 2026-10-05 届满；因国庆节顺延至 2026-10-08（当日 24 时届满）。' })
  explanation: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The deadline kind used, with its legal basis' })
  policy?: Record<string, unknown>;
}

export class CalendarYearParams {
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}
