import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuditService, type AuditContext } from '../audit/audit.service';
import { DataSource } from 'typeorm';
import { DeadlineWorker } from './deadline-worker';
import { Access, Actor, AuditCtx } from '../auth/access.decorator';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { DomainError } from '../common/errors/domain-error';
import type { Principal } from '../common/principal';
import { toIso } from '../common/time/iso';
import { Clock } from '../common/time/clock';
import { etagOf, IfMatch } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import { DeadlinesService } from './deadlines.service';
import { DeadlineDto, DeadlinePage, ExtendDeadlineDto, ListDeadlinesQueryDto, PauseDeadlineDto, ScheduleStatusDto, SweepSummaryDto } from './dto/deadline.dto';
import { CalendarService } from './calendar.service';
import { DEADLINE_KINDS, DeadlineKind, isDeadlineKind } from './deadline-kinds';
import { CalculateDueDto, CalendarLoadResultDto, CalendarYearDto, CalendarYearParams, DueComputationDto, LoadCalendarYearDto } from './dto/calendar.dto';
import { explainDue } from './explain';
import { computeDue, DueResult } from './period';

const present = (r: DueResult, start: Date, policy?: Record<string, unknown>): DueComputationDto => ({
  dueAt: toIso(r.dueAt),
  dueDate: r.dueDate,
  startDate: r.startDate,
  unit: r.unit,
  duration: r.duration,
  ...(r.rolledFrom ? { rolledFrom: r.rolledFrom, rolledOver: r.rolledOver } : {}),
  calendarIncomplete: r.calendarIncomplete,
  explanation: explainDue(r, start),
  ...(policy ? { policy } : {}),
});

@ApiTags('deadlines 期限与工作日历')
@Controller('v1')
export class DeadlinesController {
  constructor(
    private readonly calendars: CalendarService,
    private readonly deadlines: DeadlinesService,
    private readonly clock: Clock,
    private readonly worker: DeadlineWorker,
    private readonly audit: AuditService,
    private readonly ds: DataSource,
  ) {}

  @Post('deadlines/calculate')
  @Access()
  @HttpCode(200)
  @ApiOperation({
    summary: '期限计算器 (when does a period end, and why)',
    description:
      'For the desk: give a start and either a deadline kind (statutory default and its legal basis) or a unit and duration. The first day is not counted (民法典 Art.201); a period in days or months that ends on a rest day rolls to the next working day (Art.203); working days skip holidays and count 调休 make-up days; hours never roll.',
  })
  @ApiBody({
    type: CalculateDueDto,
    examples: {
      labor: { summary: '劳动争议调解 15 日，跨国庆', value: { start: '2026-09-20T10:30:00+08:00', kind: 'labor_mediation' } },
      plain: { summary: '30 日', value: { start: '2026-11-20T09:00:00+08:00', unit: 'calendar_days', duration: 30 } },
      workingDays: { summary: '3 个工作日（调休上班日计入）', value: { start: '2026-02-13T16:00:00+08:00', unit: 'working_days', duration: 3 } },
    },
  })
  @ApiOkResponse({ type: DueComputationDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'DEADLINE.UNKNOWN_KIND')
  async calculate(@Body() dto: CalculateDueDto): Promise<DueComputationDto> {
    const start = new Date(dto.start);
    const calendar = await this.calendars.calendar();
    if (dto.kind) {
      if (!isDeadlineKind(dto.kind)) throw new DomainError('DEADLINE.UNKNOWN_KIND', { kind: dto.kind }, [{ field: 'kind', code: 'unknownKind', params: { message: '未知的期限类型' } }]);
      const policy = this.deadlines.policy(dto.kind);
      return present(computeDue({ start, unit: policy.unit, duration: policy.duration, calendar }), start, policy as unknown as Record<string, unknown>);
    }
    if (!dto.unit || !dto.duration) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', {}, [{ field: dto.unit ? 'duration' : 'unit', code: 'isDefined', params: {} }]);
    }
    return present(computeDue({ start, unit: dto.unit, duration: dto.duration, calendar }), start);
  }

  @Get('deadlines/kinds')
  @Access()
  @ApiOperation({ summary: '期限类型 (the statutory and internal time limits, with their legal basis)' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object' } } })
  kinds() {
    // As this deployment applies them: `overridden` and `catalogueDefault` show a provincial change.
    return (Object.keys(DEADLINE_KINDS) as DeadlineKind[]).map((k) => this.deadlines.policy(k));
  }

  @Get('deadlines')
  @Access({ roles: ['director', 'leader', 'mediator', 'intake_clerk', 'petition_officer', 'auditor', 'admin'] })
  @ApiOperation({
    summary: '超期与临期清单 (overdue and due-soon deadlines of a unit and below)',
    description: "The director's morning view, soonest first. Overdue is computed from the stored due time, so it is true even when no reminder job has run.",
  })
  @ApiOkResponse({ type: DeadlinePage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REQUEST.INVALID_CURSOR', 'ORG_UNIT.NOT_FOUND')
  async list(@Actor() actor: Principal, @Query() q: ListDeadlinesQueryDto) {
    const page = await this.deadlines.list(actor, q.view, q.orgUnitId, q.withinDays ?? 3, q);
    const now = this.clock.now();
    return { items: page.items.map((d) => DeadlineDto.from(d, now)), nextCursor: page.nextCursor };
  }

  @Get('deadlines/schedule')
  @Access({ roles: ['admin'] })
  @ApiOperation({
    summary: '期限调度状态 (the deadline schedule: Redis queue and Postgres rows)',
    description:
      'epoch: the generation of the Redis schedule (it changes when Redis lost it and it was rebuilt). rows.withoutJob: running deadlines with no job under that epoch (the sweep adds them); rows.pastInstant: running deadlines whose reminder or due moment has passed without being acted on (normally 0 or a handful for a few seconds).',
  })
  @ApiOkResponse({ type: ScheduleStatusDto })
  @ApiProblems('AUTH.FORBIDDEN')
  async scheduleStatus(): Promise<ScheduleStatusDto> {
    return this.worker.status();
  }

  @Post('deadlines/schedule/rebuild')
  @Access({ roles: ['admin'] })
  @HttpCode(200)
  @ApiOperation({
    summary: '重建期限调度 (rebuild Redis\'s schedule from Postgres)',
    description:
      'Removes every waiting and delayed deadline job, starts a new epoch and sweeps: every running deadline gets a fresh job computed from its row, and any whose moment has passed is acted on now. Safe at any time (effects happen once). For after Redis was restored from an old backup or the servers\' clocks were corrected; a flush or an empty restart is repaired without it.',
  })
  @ApiOkResponse({ type: SweepSummaryDto })
  @ApiProblems('AUTH.FORBIDDEN')
  async rebuildSchedule(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext): Promise<SweepSummaryDto> {
    const summary = await this.worker.rebuild();
    await this.audit.record(this.ds.manager, ctx, { action: 'deadline.schedule_rebuilt', subjectType: 'deadline_schedule', subjectId: null, orgUnitId: actor.orgUnitId, after: { ...summary } });
    return summary;
  }

  @Get('deadlines/:id')
  @Access()
  @ApiOperation({ summary: '查看期限 (a deadline with its computation and legal basis)' })
  @ApiOkResponse({ type: DeadlineDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'DEADLINE.NOT_FOUND')
  async get(@Actor() actor: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response) {
    const d = await this.deadlines.get(actor, id);
    res.setHeader('ETag', etagOf(d.version));
    return DeadlineDto.from(d, this.clock.now());
  }

  @Post('deadlines/:id/pause')
  @Access({ roles: ['director', 'mediator', 'petition_officer'] })
  @HttpCode(200)
  @ApiOperation({ summary: '中止计算 (stop the clock, e.g. during an appraisal)', description: 'Only kinds whose law excludes such time (e.g. 医疗纠纷 appraisal). The time left is kept and given back on resume.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: PauseDeadlineDto })
  @ApiOkResponse({ type: DeadlineDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'DEADLINE.NOT_FOUND', 'DEADLINE.INVALID_STATE', 'DEADLINE.NOT_PAUSABLE', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async pause(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: PauseDeadlineDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const d = await this.deadlines.pause(actor, id, dto.reason, ifMatch, ctx);
    res.setHeader('ETag', etagOf(d.version));
    return DeadlineDto.from(d, this.clock.now());
  }

  @Post('deadlines/:id/resume')
  @Access({ roles: ['director', 'mediator', 'petition_officer'] })
  @HttpCode(200)
  @ApiOperation({ summary: '恢复计算 (restart the clock with the time that was left)' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOkResponse({ type: DeadlineDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'DEADLINE.NOT_FOUND', 'DEADLINE.INVALID_STATE', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async resume(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const d = await this.deadlines.resume(actor, id, ifMatch, ctx);
    res.setHeader('ETag', etagOf(d.version));
    return DeadlineDto.from(d, this.clock.now());
  }

  @Post('deadlines/:id/extend')
  @Access({ roles: ['director', 'petition_officer', 'leader'] })
  @HttpCode(200)
  @ApiOperation({ summary: '延长期限 (extend, with the approval the kind requires)', description: 'E.g. petition handling +≤30 days with the head\'s approval (信访工作条例 Art.34); court-entrusted mediation with both parties\' consent.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: ExtendDeadlineDto, examples: { petition: { value: { duration: 30, approval: { kind: 'head_approval', by: '区信访局局长 周明', reason: '涉及多个部门，需调查核实，已书面告知信访人延期理由' } } } } })
  @ApiOkResponse({ type: DeadlineDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'DEADLINE.NOT_FOUND', 'DEADLINE.INVALID_STATE', 'DEADLINE.EXTENSION_REFUSED', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async extend(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: ExtendDeadlineDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const d = await this.deadlines.extend(actor, id, dto.duration, dto.approval, ifMatch, ctx);
    res.setHeader('ETag', etagOf(d.version));
    return DeadlineDto.from(d, this.clock.now());
  }

  @Get('calendar/:year')
  @Access()
  @ApiOperation({ summary: '工作日历 (a year\'s holidays and make-up working days)', description: 'Only the exceptions are listed: every other Monday–Friday is a working day.' })
  @ApiParam({ name: 'year', example: 2026 })
  @ApiOkResponse({ type: CalendarYearDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CALENDAR.YEAR_NOT_LOADED')
  async year(@Param() { year }: CalendarYearParams): Promise<CalendarYearDto> {
    const loaded = await this.calendars.year(year);
    if (!loaded.year) throw new DomainError('CALENDAR.YEAR_NOT_LOADED', { year });
    return toYearDto(loaded.year, loaded.days);
  }

  @Put('calendar/:year')
  @Access({ roles: ['admin'] })
  @ApiOperation({
    summary: '录入或更正某年节假日安排 (load or correct a year)',
    description: 'Replaces the year as a whole, from the State Council notice (published each November). Checked before anything changes: make-up days must fall on a weekend, no date twice. In the same transaction every running deadline that reaches into the year is recomputed from its history; each one that moves is written to its case timeline (deadline.recomputed) and listed in `recomputed`.',
  })
  @ApiParam({ name: 'year', example: 2027 })
  @ApiBody({
    type: LoadCalendarYearDto,
    examples: {
      newYear: {
        summary: '录入（示例数据）',
        value: { source: '国务院办公厅关于2027年部分节假日安排的通知', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-02-06', kind: 'makeup_workday', name: '春节调休上班' }] },
      },
    },
  })
  @ApiOkResponse({ type: CalendarLoadResultDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CALENDAR.INVALID')
  async load(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Param() { year }: CalendarYearParams, @Body() dto: LoadCalendarYearDto): Promise<CalendarLoadResultDto> {
    const loaded = await this.deadlines.loadCalendarYear(year, dto.source, dto.days, actor.id, ctx, actor.orgUnitId);
    return { ...toYearDto(loaded.year, loaded.days), recomputed: loaded.recomputed };
  }
}

function toYearDto(year: { year: number; source: string; loadedAt: Date }, days: Array<{ date: string; kind: 'holiday' | 'makeup_workday'; name: string }>): CalendarYearDto {
  return {
    year: year.year,
    source: year.source,
    loadedAt: toIso(year.loadedAt),
    holidayCount: days.filter((d) => d.kind === 'holiday').length,
    makeupWorkdayCount: days.filter((d) => d.kind === 'makeup_workday').length,
    days: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
  };
}
