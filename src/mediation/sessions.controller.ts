import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { Access, Actor, AuditCtx } from '../auth/access.decorator';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { etagOf, IfMatch } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import type { Principal, StaffPrincipal } from '../common/principal';
import { AgendaItemDto, AgendaQueryDto, CancelledSessionDto, CancelSessionDto, QueuedTextDto, RecordSessionDto, ScheduledSessionDto, ScheduleSessionDto, SessionDto } from './dto/session.dto';
import { SessionsService } from './sessions.service';

const ETAG_HEADER = { ETag: { schema: { type: 'string', example: '"1"' }, description: 'The session\'s version, for If-Match' } };

@ApiTags('sessions 调解会')
@Controller('v1')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('cases/:id/sessions')
  @Access({ roles: ['director', 'mediator'] })
  @ApiOperation({
    summary: '安排调解会 (schedule a mediation session)',
    description:
      'Only for a case in mediation (in_mediation). The parties invited (default all) and the case\'s current lead and co-mediators take part, with anyone else named in extraParticipants. ' +
      'In the same transaction: a session_notice text to every invited party with a mobile on file, sent at once; a session_reminder text at 09:00 Beijing time the day before (when that is still ahead); ' +
      'an in-app reminder (kind session.reminder) to the staff taking part, shown 24 h before the session (at once when it is sooner); and session.scheduled on the case timeline. ' +
      'scheduledAt must carry its UTC offset and be in the future; an in-person session needs a place; two scheduled sessions of one case may not overlap. The response lists the texts queued (numbers masked).',
  })
  @ApiBody({
    type: ScheduleSessionDto,
    examples: {
      inPerson: { summary: '现场调解', value: { scheduledAt: '2026-11-25T14:30:00+08:00', durationMinutes: 90, method: 'in_person', place: '第二调解室' } },
      siteVisit: {
        summary: '上门调解，邀请律师参加',
        value: { scheduledAt: '2026-11-26T09:30:00+08:00', method: 'in_person', place: '上城区清波街道河坊街 123 号（被申请人店内）', extraParticipants: [{ name: '周律师', role: '法律顾问' }] },
      },
      backToBack: { summary: '视频背对背调解（仅申请人）', value: { scheduledAt: '2026-11-27T10:00:00+08:00', durationMinutes: 45, method: 'video', place: '腾讯会议 123-456-789', participantPartyIds: ['5d2b7c1e-9a3f-4e8b-b6c4-1f2e3d4c5b6a'] } },
      phone: { summary: '电话调解', value: { scheduledAt: '2026-11-27T15:00:00+08:00', durationMinutes: 30, method: 'phone' } },
    },
  })
  @ApiCreatedResponse({ type: ScheduledSessionDto, headers: ETAG_HEADER })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND', 'CASE.INVALID_TRANSITION', 'SESSION.INVALID')
  async schedule(
    @Actor() actor: StaffPrincipal,
    @AuditCtx() ctx: AuditContext,
    @Param('id', UuidParam()) id: string,
    @Body() dto: ScheduleSessionDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ScheduledSessionDto> {
    const { session, texts } = await this.sessions.schedule(actor, id, dto, ctx);
    res.setHeader('ETag', etagOf(session.version));
    res.setHeader('Location', `/v1/sessions/${session.id}`);
    return { ...SessionDto.from(session), texts: texts.map((t) => QueuedTextDto.from(t)) };
  }

  @Get('cases/:id/sessions')
  @Access({ staff: true })
  @ApiOperation({ summary: '案件的调解会 (the sessions of a case)', description: 'Oldest first, in every status: scheduled, held (with the minutes), missed, cancelled.' })
  @ApiOkResponse({ type: [SessionDto] })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND')
  async forCase(@Actor() actor: Principal, @Param('id', UuidParam()) id: string): Promise<SessionDto[]> {
    return (await this.sessions.forCase(actor, id)).map((s) => SessionDto.from(s));
  }

  @Get('mediators/me/sessions')
  @Access({ staff: true })
  @ApiOperation({
    summary: '我的调解会日程 (your agenda: sessions still to be held)',
    description:
      'Scheduled sessions (not yet recorded) of the cases you mediate now, as lead or co-mediator, and of sessions you were invited to, soonest first, with the case number and title. ' +
      'Default from now for 7 days; from and to take a time with its offset or a Beijing date (2026-11-25 = from 00:00), at most 31 days apart. A from in the past also lists sessions that started but are not recorded yet.',
  })
  @ApiOkResponse({ type: [AgendaItemDto] })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'SESSION.INVALID')
  async agenda(@Actor() actor: StaffPrincipal, @Query() q: AgendaQueryDto): Promise<AgendaItemDto[]> {
    return (await this.sessions.agenda(actor, q)).map((a) => ({ ...SessionDto.from(a.session), caseNumber: a.caseNumber, caseTitle: a.caseTitle }));
  }

  @Get('sessions/:id')
  @Access({ staff: true })
  @ApiOperation({ summary: '调解会详情 (read a session)', description: 'The ETag is the version to send in If-Match to record or cancel it.' })
  @ApiOkResponse({ type: SessionDto, headers: ETAG_HEADER })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'SESSION.NOT_FOUND')
  async get(@Actor() actor: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const session = await this.sessions.get(actor, id);
    res.setHeader('ETag', etagOf(session.version));
    return SessionDto.from(session);
  }

  @Post('sessions/:id/record')
  @Access({ roles: ['director', 'mediator'] })
  @HttpCode(200)
  @ApiOperation({
    summary: '记录调解会结果 (record what happened: held with minutes, or missed)',
    description:
      'Only a scheduled session whose start time has come. held: the minutes (调解笔录) and the result (progress, agreement, no_agreement) are required; attendance lists who did not come (the others are recorded as present). ' +
      'missed: why it did not take place. An agreement reached is recorded separately, as the case\'s agreement. Goes to the case timeline as session.held or session.missed. Needs If-Match (the session\'s ETag).',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({
    type: RecordSessionDto,
    examples: {
      held: {
        summary: '已召开，有进展',
        value: {
          status: 'held',
          minutes: '申请人陈述被拖欠工资三个月共计2.4万元；被申请人认可欠薪事实，但称资金周转困难，提出分期支付。双方同意下周再议具体分期方案。',
          result: 'progress',
          attendance: [{ partyId: '8e4c2a1b-7d6f-4b3a-9c8e-2d1f4a6b8c0e', attended: false }],
        },
      },
      agreement: { summary: '已召开，达成一致', value: { status: 'held', minutes: '经调解，被申请人同意于12月10日前一次性支付拖欠工资2.4万元，申请人放弃其他请求。', result: 'agreement' } },
      missed: { summary: '未召开', value: { status: 'missed', missedReason: '被申请人未到场，电话联系无人接听' } },
    },
  })
  @ApiOkResponse({ type: SessionDto, headers: ETAG_HEADER })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'SESSION.NOT_FOUND', 'SESSION.INVALID', 'SESSION.INVALID_STATE', 'SESSION.NOT_STARTED', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async record(
    @Actor() actor: StaffPrincipal,
    @AuditCtx() ctx: AuditContext,
    @Param('id', UuidParam()) id: string,
    @Body() dto: RecordSessionDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionDto> {
    const session = await this.sessions.record(actor, id, dto, ifMatch, ctx);
    res.setHeader('ETag', etagOf(session.version));
    return SessionDto.from(session);
  }

  @Post('sessions/:id/cancel')
  @Access({ roles: ['director', 'mediator'] })
  @HttpCode(200)
  @ApiOperation({
    summary: '取消调解会 (cancel a session that has not started)',
    description:
      'The reminder texts not sent yet are withdrawn and the unread in-app reminders deleted; each invited party with a mobile gets a session_cancelled text, and the other staff taking part an in-app message. ' +
      'The reason is kept in missedReason and goes to the case timeline (session.cancelled). A session whose time has come is recorded as missed instead. Needs If-Match (the session\'s ETag).',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: CancelSessionDto, examples: { illness: { summary: '当事人申请改期', value: { reason: '申请人住院治疗，申请改期' } } } })
  @ApiOkResponse({ type: CancelledSessionDto, headers: ETAG_HEADER })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'SESSION.NOT_FOUND', 'SESSION.INVALID_STATE', 'SESSION.ALREADY_STARTED', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async cancel(
    @Actor() actor: StaffPrincipal,
    @AuditCtx() ctx: AuditContext,
    @Param('id', UuidParam()) id: string,
    @Body() dto: CancelSessionDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CancelledSessionDto> {
    const { session, texts, withdrawnTextIds, remindersDeleted } = await this.sessions.cancel(actor, id, dto.reason, ifMatch, ctx);
    res.setHeader('ETag', etagOf(session.version));
    return { ...SessionDto.from(session), texts: texts.map((t) => QueuedTextDto.from(t)), withdrawnTextIds, remindersDeleted };
  }
}
