import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { EntityManager } from 'typeorm';
import type { AuditContext } from '../audit/audit.service';
import { Access, Actor, AuditCtx } from '../auth/access.decorator';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import type { ErrorCode } from '../common/errors/error-catalog';
import { etagOf, IfMatch } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import type { Principal, StaffPrincipal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { DeadlineDto } from '../deadlines/dto/deadline.dto';
import { ApplyConfirmationDto, CaseConfirmationsDto, ConfirmationAcceptanceDto, ConfirmationRulingDto, JudicialConfirmationDto } from './dto/judicial-confirmation.dto';
import { ConfirmationView, JudicialConfirmationsService } from './judicial-confirmations.service';

const CHANGE: ErrorCode[] = ['REQUEST.VALIDATION_FAILED', 'COURT.CONFIRMATION_NOT_FOUND', 'COURT.CONFIRMATION_STATE', 'COURT.INVALID_CONFIRMATION', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED', 'IDEMPOTENCY.KEY_REQUIRED', 'IDEMPOTENCY.KEY_REUSED', 'IDEMPOTENCY.IN_PROGRESS'];

@ApiTags('court 诉调对接')
@Controller('v1')
export class JudicialConfirmationsController {
  constructor(
    private readonly confirmations: JudicialConfirmationsService,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
  ) {}

  private reply(res: Response, v: ConfirmationView): JudicialConfirmationDto {
    res.setHeader('ETag', etagOf(v.confirmation.version));
    return JudicialConfirmationDto.from(v, this.clock.now());
  }

  @Post('cases/:id/judicial-confirmations')
  @Access({ roles: ['director', 'mediator'] })
  @ApiOperation({
    summary: '申请司法确认 (record the parties\' joint application to a court)',
    description:
      'Every applicant and respondent applies together, within 30 days of the agreement taking effect (人民调解法 Art.33; 民诉法 Art.205), for an agreement with terms a court may confirm (not marriage or adoption status, 民诉解释 Art.355). ' +
      'The window deadline is met; an application dated after its last day is refused with COURT.CONFIRMATION_WINDOW_CLOSED. With a court partner, the court is told (judicial_confirmation.applied) and may post its acceptance and ruling.',
  })
  @ApiBody({ type: ApplyConfirmationDto, examples: { court: { summary: '向区法院共同申请', value: { courtPartnerId: '7f0c1d2e-3a4b-4c5d-8e6f-9a0b1c2d3e4f', appliedOn: '2026-12-02', partyIds: ['5d2b7c1e-9a3f-4e8b-b6c4-1f2e3d4c5b6a', '8e4c2a1b-7d6f-4b3a-9c8e-2d1f4a6b8c0e'] } } } })
  @ApiCreatedResponse({ type: JudicialConfirmationDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND', 'CASE.INVALID_TRANSITION', 'MEDIATION.NO_AGREEMENT', 'COURT.NOT_CONFIRMABLE', 'COURT.CONFIRMATION_EXISTS', 'COURT.INVALID_CONFIRMATION', 'COURT.CONFIRMATION_WINDOW_CLOSED')
  async apply(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: ApplyConfirmationDto, @Res({ passthrough: true }) res: Response) {
    const v = await this.confirmations.apply(actor, id, dto, ctx);
    res.setHeader('Location', `/v1/judicial-confirmations/${v.confirmation.id}`);
    return this.reply(res, v);
  }

  @Get('cases/:id/judicial-confirmations')
  @Access()
  @ApiOperation({ summary: '案件的司法确认 (a case\'s applications and its window)', description: 'Newest first, with the joint-application window whether running, met or missed.' })
  @ApiOkResponse({ type: CaseConfirmationsDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND')
  async forCase(@Actor() actor: StaffPrincipal, @Param('id', UuidParam()) id: string): Promise<CaseConfirmationsDto> {
    const r = await this.confirmations.forCase(actor, id);
    const now = this.clock.now();
    return { items: r.items.map((v) => JudicialConfirmationDto.from(v, now)), window: r.window ? DeadlineDto.from(r.window, now) : null };
  }

  @Get('judicial-confirmations/:id')
  @Access({ partners: ['court'] })
  @ApiOperation({ summary: '司法确认详情 (an application, its clocks and ruling)', description: 'A court reads the applications made to it; anything else is 404.' })
  @ApiOkResponse({ type: JudicialConfirmationDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'COURT.CONFIRMATION_NOT_FOUND')
  async get(@Actor() actor: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, await this.confirmations.get(actor, id));
  }

  /** Staff send If-Match; a court's system sends an Idempotency-Key instead (it retries, it does not edit). */
  private async change(actor: Principal, id: string, action: string, key: string | undefined, req: Request, res: Response, work: (m?: EntityManager) => Promise<ConfirmationView>) {
    if (actor.type === 'staff') return this.reply(res, await work());
    const now = this.clock.now();
    const result = await this.idempotency.runForPartner(actor, key, `POST /v1/judicial-confirmations/${id}/${action}`, req.body ?? {}, async (m) => ({ status: 200, body: JudicialConfirmationDto.from(await work(m), now) }));
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.setHeader('ETag', etagOf(result.body.version));
    return result.body;
  }

  @Post('judicial-confirmations/:id/acceptance')
  @Access({ roles: ['director', 'mediator'], partners: ['court'] })
  @HttpCode(200)
  @ApiOperation({ summary: '法院立案受理司法确认 (the court filed the application)', description: 'Starts the court\'s 30 days to decide (民诉法 Art.187), tracked for the parties. Staff send If-Match; the court\'s system an Idempotency-Key.' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Staff' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Court systems' })
  @ApiBody({ type: ConfirmationAcceptanceDto, examples: { filed: { value: { filedOn: '2026-12-03', courtCaseNumber: '（2026）浙0102民特123号' } } } })
  @ApiOkResponse({ type: JudicialConfirmationDto })
  @ApiProblems(...CHANGE)
  async accept(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: ConfirmationAcceptanceDto, @IfMatch() ifMatch: string | undefined, @Headers('idempotency-key') key: string | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.change(actor, id, 'acceptance', key, req, res, (m) => this.confirmations.accept(actor, id, dto, ifMatch, ctx, m));
  }

  @Post('judicial-confirmations/:id/ruling')
  @Access({ roles: ['director', 'mediator'], partners: ['court'] })
  @HttpCode(200)
  @ApiOperation({
    summary: '司法确认裁定 (the ruling: confirmed and enforceable, or rejected with the roads left)',
    description: 'Posted by the court\'s system or typed in by staff from the paper ruling. Confirmed: either party may apply for enforcement on breach. Rejected (reasons required): the parties may amend the agreement by mediation, make a new one, or sue (民诉法 Art.206). Emits judicial_confirmation.ruled.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Staff' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Court systems' })
  @ApiBody({
    type: ConfirmationRulingDto,
    examples: {
      confirmed: { summary: '裁定调解协议有效', value: { result: 'confirmed', rulingNumber: '（2026）浙0102民特123号', ruledOn: '2026-12-10' } },
      rejected: { summary: '裁定驳回申请', value: { result: 'rejected', rulingNumber: '（2026）浙0102民特124号', ruledOn: '2026-12-10', reasons: '调解协议内容涉及确认房屋所有权，不属于司法确认范围' } },
    },
  })
  @ApiOkResponse({ type: JudicialConfirmationDto })
  @ApiProblems(...CHANGE)
  async rule(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: ConfirmationRulingDto, @IfMatch() ifMatch: string | undefined, @Headers('idempotency-key') key: string | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.change(actor, id, 'ruling', key, req, res, (m) => this.confirmations.rule(actor, id, dto, ifMatch, ctx, m));
  }
}
