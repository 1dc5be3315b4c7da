import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { Access, Actor, AuditCtx } from '../auth/access.decorator';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { etagOf, IfMatch } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import type { Principal, StaffPrincipal } from '../common/principal';
import { FollowUpDto, FollowUpPage, ListFollowUpsQueryDto, RecordFollowUpDto, ScheduleFollowUpDto } from './dto/follow-up.dto';
import { FollowUpsService } from './follow-ups.service';

/** 回访 and 评价督导: visits after an agreement or a closure, and what their results set off. */
@ApiTags('follow-ups 回访')
@Controller('v1')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Post('cases/:id/follow-ups')
  @Access({ roles: ['director', 'mediator'] })
  @ApiOperation({
    summary: '安排回访 (schedule a follow-up visit by hand)',
    description:
      'For a case in agreement, performing, closed or failed. afterDays counts from today; or give the day (dueOn). The visits after an agreement or a closure (FOLLOW_UP_DAYS, default 7 and 30 days) are planned automatically; this adds one. On the day at 09:00 Beijing time the case\'s mediator (or, without one, the unit\'s directors) sees a reminder and applicants with a mobile number get a text (回访通知). 201 with the new visit; 200 with the existing one when the case already has a visit scheduled that day.',
  })
  @ApiBody({
    type: ScheduleFollowUpDto,
    examples: {
      week: { summary: '七日后回访', value: { afterDays: 7 } },
      date: { summary: '指定回访日期', value: { dueOn: '2026-12-23' } },
    },
  })
  @ApiCreatedResponse({ type: FollowUpDto })
  @ApiOkResponse({ type: FollowUpDto, description: 'A visit was already scheduled that day: returned unchanged' })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND', 'CASE.INVALID_TRANSITION', 'FOLLOW_UP.INVALID_SCHEDULE')
  async schedule(
    @Actor() actor: StaffPrincipal,
    @AuditCtx() ctx: AuditContext,
    @Param('id', UuidParam()) id: string,
    @Body() dto: ScheduleFollowUpDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FollowUpDto> {
    const { row, created } = await this.followUps.scheduleByHand(actor, id, dto, ctx);
    res.status(created ? 201 : 200).setHeader('ETag', etagOf(row.visit.version));
    return FollowUpDto.from(row);
  }

  @Get('cases/:id/follow-ups')
  @Access({ staff: true })
  @ApiOperation({ summary: '案件回访记录 (the follow-up visits of a case, planned and made)', description: 'Earliest day first.' })
  @ApiOkResponse({ type: [FollowUpDto] })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND')
  async forCase(@Actor() actor: Principal, @Param('id', UuidParam()) id: string): Promise<FollowUpDto[]> {
    return (await this.followUps.forCase(actor, id)).map((r) => FollowUpDto.from(r));
  }

  @Get('follow-ups')
  @Access({ roles: ['director', 'mediator', 'leader'] })
  @ApiOperation({
    summary: '今日回访与逾期回访 (follow-up visits due today or overdue in a unit and below)',
    description: 'due: planned for today (Beijing time); overdue: planned for an earlier day and still not made. Oldest day first.',
  })
  @ApiOkResponse({ type: FollowUpPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REQUEST.INVALID_CURSOR', 'ORG_UNIT.NOT_FOUND')
  async list(@Actor() actor: Principal, @Query() q: ListFollowUpsQueryDto) {
    const page = await this.followUps.list(actor, q.view, q.orgUnitId, q);
    return { items: page.items.map((r) => FollowUpDto.from(r)), nextCursor: page.nextCursor };
  }

  @Get('follow-ups/:id')
  @Access({ staff: true })
  @ApiOperation({ summary: '回访详情 (read a follow-up visit)', description: 'The ETag is the version to send in If-Match when recording the result.' })
  @ApiOkResponse({ type: FollowUpDto, headers: { ETag: { schema: { type: 'string', example: '"1"' } } } })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'FOLLOW_UP.NOT_FOUND')
  async get(@Actor() actor: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<FollowUpDto> {
    const row = await this.followUps.get(actor, id);
    res.setHeader('ETag', etagOf(row.visit.version));
    return FollowUpDto.from(row);
  }

  @Post('follow-ups/:id/result')
  @Access({ roles: ['director', 'mediator'] })
  @HttpCode(200)
  @ApiOperation({
    summary: '记录回访结果 (record how a follow-up visit went)',
    description:
      'Only a scheduled visit. done needs satisfaction (1–5) and relapse; missed (nobody reached) takes neither. A satisfaction of 2 or less goes to the unit\'s directors (follow_up.poor_rating; action escalated). A relapse — the dispute flared up again or the agreement is not kept — reopens the case for mediation (status in_mediation, case.reopened on the timeline, the directors and the mediator told; action reopened). The visit\'s unseen reminder and unsent text are withdrawn. Needs If-Match (the visit\'s ETag).',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({
    type: RecordFollowUpDto,
    examples: {
      satisfied: { summary: '电话回访，协议已履行', value: { status: 'done', method: 'phone', partyId: '5d2b7c1e-9a3f-4e8b-b6c4-1f2e3d4c5b6a', satisfaction: 5, relapse: false, notes: '被申请人已按协议支付全部工资，申请人表示满意' } },
      poorRating: { summary: '评价较差，报主任督导', value: { status: 'done', method: 'visit', partyId: '5d2b7c1e-9a3f-4e8b-b6c4-1f2e3d4c5b6a', satisfaction: 1, relapse: false, notes: '申请人认为调解员偏袒对方，调解过程敷衍' } },
      relapse: { summary: '纠纷反弹，重新调解', value: { status: 'done', method: 'visit', satisfaction: 3, relapse: true, notes: '被申请人未按协议支付第二期款项，双方再次发生争执' } },
      missed: { summary: '未能联系上当事人', value: { status: 'missed', method: 'phone', notes: '连续三天拨打电话均无人接听' } },
    },
  })
  @ApiOkResponse({ type: FollowUpDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'FOLLOW_UP.NOT_FOUND', 'CASE.PARTY_NOT_FOUND', 'FOLLOW_UP.INVALID_STATE', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async record(
    @Actor() actor: StaffPrincipal,
    @AuditCtx() ctx: AuditContext,
    @Param('id', UuidParam()) id: string,
    @Body() dto: RecordFollowUpDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FollowUpDto> {
    const row = await this.followUps.record(actor, id, dto, ifMatch, ctx);
    res.setHeader('ETag', etagOf(row.visit.version));
    return FollowUpDto.from(row);
  }
}
