import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { Access, Actor, AuditCtx } from '../auth/access.decorator';
import { CaseEntity } from '../cases/case.entity';
import { CaseSummaryDto } from '../cases/dto/case.dto';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ErrorCode } from '../common/errors/error-catalog';
import { etagOf, IfMatch } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import type { StaffPrincipal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { DeadlineDto } from '../deadlines/dto/deadline.dto';
import { AgreementDto, ExtendMediationDto, ObligationDto, OutcomeResultDto, ReasonDto, RecordAgreementDto, SettlementResultDto, SettleObligationDto, SummaryDto, WithdrawDto } from './dto/outcome.dto';
import { OutcomesService } from './outcomes.service';

const CASE_CHANGE: ErrorCode[] = ['REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND', 'CASE.INVALID_TRANSITION', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED'];
const CASEWORK = { roles: ['director', 'mediator'] as const };

@ApiTags('mediation 调解')
@Controller('v1')
export class OutcomesController {
  constructor(
    private readonly outcomes: OutcomesService,
    private readonly clock: Clock,
  ) {}

  private reply(res: Response, c: CaseEntity, extra: Omit<OutcomeResultDto, 'case'> = {}): OutcomeResultDto {
    res.setHeader('ETag', etagOf(c.version));
    return { case: CaseSummaryDto.fromEntity(c), ...extra };
  }

  @Post('cases/:id/suspension')
  @Access({ roles: [...CASEWORK.roles] })
  @HttpCode(200)
  @ApiOperation({ summary: '中止调解 (suspend, e.g. waiting for an appraisal)', description: 'Stops the clocks the law lets stop (e.g. 医疗纠纷: appraisal time is not counted); the answer lists those still running (labor mediation\'s 15 days do not wait). Needs If-Match.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: ReasonDto, examples: { appraisal: { value: { reason: '等待医疗损害鉴定结论' } } } })
  @ApiOkResponse({ type: OutcomeResultDto })
  @ApiProblems(...CASE_CHANGE)
  async suspend(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: ReasonDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const r = await this.outcomes.suspend(actor, id, dto.reason, ifMatch, ctx);
    const now = this.clock.now();
    return this.reply(res, r.entity, { deadlines: r.paused.map((d) => DeadlineDto.from(d, now)), stillRunning: r.running.map((d) => DeadlineDto.from(d, now)) });
  }

  @Post('cases/:id/resumption')
  @Access({ roles: [...CASEWORK.roles] })
  @HttpCode(200)
  @ApiOperation({ summary: '恢复调解 (resume: the stopped clocks restart with the time they had left)', description: 'Needs If-Match.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOkResponse({ type: OutcomeResultDto })
  @ApiProblems(...CASE_CHANGE)
  async resume(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const r = await this.outcomes.resume(actor, id, ifMatch, ctx);
    const now = this.clock.now();
    return this.reply(res, r.entity, { deadlines: r.resumed.map((d) => DeadlineDto.from(d, now)) });
  }

  @Post('cases/:id/extension')
  @Access({ roles: [...CASEWORK.roles] })
  @HttpCode(200)
  @ApiOperation({ summary: '延长调解期限 (extend the mediation with both parties\' consent)', description: 'Every applicant and respondent must consent; each consent and how it was given is kept in the extension record. Kinds without an extension rule (labor mediation) are refused with the reason. Needs If-Match.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: ExtendMediationDto, examples: { month: { summary: '双方同意继续调解一个月', value: { duration: 1, reason: '双方对赔偿数额差距缩小，同意继续调解', consents: [{ partyId: '5d2b7c1e-9a3f-4e8b-b6c4-1f2e3d4c5b6a', method: 'written' }, { partyId: '8e4c2a1b-7d6f-4b3a-9c8e-2d1f4a6b8c0e', method: 'phone' }] } } } })
  @ApiOkResponse({ type: OutcomeResultDto })
  @ApiProblems(...CASE_CHANGE, 'MEDIATION.CONSENT_REQUIRED', 'DEADLINE.EXTENSION_REFUSED', 'DEADLINE.NOT_FOUND', 'DEADLINE.INVALID_STATE')
  async extend(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: ExtendMediationDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const d = await this.outcomes.extend(actor, id, dto, ifMatch, ctx);
    const { entity } = await this.outcomes.caseOf(actor, id);
    return this.reply(res, entity, { deadlines: [DeadlineDto.from(d, this.clock.now())] });
  }

  @Post('cases/:id/agreement')
  @Access({ roles: [...CASEWORK.roles] })
  @HttpCode(200)
  @ApiOperation({
    summary: '记录调解协议 (record the signed agreement and its obligations)',
    description: 'Every applicant and respondent signs. The mediation clock is met; if terms can be confirmed by a court, the 30-day joint-application window starts at the agreement\'s effect; each obligation gets a text to the debtor three days before it falls due and a message to the mediator the day before. With obligations the case goes to performing. Needs If-Match.',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({
    type: RecordAgreementDto,
    examples: {
      wages: {
        summary: '欠薪协议（两项义务）',
        value: {
          text: '经调解，双方自愿达成如下协议：一、被申请人于2026年12月15日前支付申请人工资24000元；二、被申请人于2026年12月31日前为申请人开具离职证明。',
          signatures: [{ partyId: '5d2b7c1e-9a3f-4e8b-b6c4-1f2e3d4c5b6a', signedAt: '2026-11-30T15:20:00+08:00' }, { partyId: '8e4c2a1b-7d6f-4b3a-9c8e-2d1f4a6b8c0e', signedAt: '2026-11-30T15:25:00+08:00' }],
          mediatorSignedAt: '2026-11-30T15:30:00+08:00',
          obligations: [
            { debtorPartyId: '8e4c2a1b-7d6f-4b3a-9c8e-2d1f4a6b8c0e', creditorPartyId: '5d2b7c1e-9a3f-4e8b-b6c4-1f2e3d4c5b6a', kind: 'wage', description: '支付拖欠工资', amount: '24000.00', dueDate: '2026-12-15' },
            { debtorPartyId: '8e4c2a1b-7d6f-4b3a-9c8e-2d1f4a6b8c0e', creditorPartyId: '5d2b7c1e-9a3f-4e8b-b6c4-1f2e3d4c5b6a', kind: 'act', description: '开具离职证明', dueDate: '2026-12-31' },
          ],
        },
      },
    },
  })
  @ApiOkResponse({ type: OutcomeResultDto })
  @ApiProblems(...CASE_CHANGE, 'MEDIATION.INVALID_AGREEMENT')
  async agreement(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: RecordAgreementDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const r = await this.outcomes.recordAgreement(actor, id, dto, ifMatch, ctx);
    return this.reply(res, r.entity, { agreement: AgreementDto.from(r.agreement, r.obligations) });
  }

  @Get('cases/:id/agreement')
  @Access({ staff: true })
  @ApiOperation({ summary: '查看调解协议与履行情况 (the agreement and each obligation\'s status)' })
  @ApiOkResponse({ type: AgreementDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND', 'MEDIATION.NO_AGREEMENT')
  async getAgreement(@Actor() actor: StaffPrincipal, @Param('id', UuidParam()) id: string): Promise<AgreementDto> {
    const { agreement, obligations } = await this.outcomes.agreementOf(actor, id);
    return AgreementDto.from(agreement, obligations);
  }

  @Post('obligations/:id/settlement')
  @Access({ roles: [...CASEWORK.roles] })
  @HttpCode(200)
  @ApiOperation({
    summary: '记录履行情况 (an obligation performed, or breached)',
    description: 'A breach records the roads the law opens for the track and the term: judicial confirmation while the 30-day window is open, a payment order for wages (劳动争议调解仲裁法 Art.16), arbitration, a suit on the agreement; the mediator and director are told. When every obligation is performed the case closes. Needs If-Match with the obligation\'s version.',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: SettleObligationDto, examples: { performed: { value: { outcome: 'performed', note: '申请人电话确认已收到转账24000元' } }, breached: { value: { outcome: 'breached', note: '逾期未开具离职证明，经电话催告仍未履行' } } } })
  @ApiOkResponse({ type: SettlementResultDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'MEDIATION.OBLIGATION_NOT_FOUND', 'MEDIATION.OBLIGATION_SETTLED', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async settle(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: SettleObligationDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response): Promise<SettlementResultDto> {
    const r = await this.outcomes.settleObligation(actor, id, dto, ifMatch, ctx);
    res.setHeader('ETag', etagOf(r.obligation.version));
    return { obligation: ObligationDto.from(r.obligation), caseStatus: r.caseStatus };
  }

  @Post('cases/:id/failure')
  @Access({ roles: [...CASEWORK.roles] })
  @HttpCode(200)
  @ApiOperation({ summary: '调解不成 (end without agreement; the roads left are listed)', description: 'The roads come from the track (labor: arbitration; general: litigation, administrative bodies...), to be explained to the parties in writing (人民调解法 Art.26). Needs If-Match.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: ReasonDto, examples: { gap: { value: { reason: '双方对赔偿数额分歧过大，经三次调解未能达成一致' } } } })
  @ApiOkResponse({ type: OutcomeResultDto })
  @ApiProblems(...CASE_CHANGE)
  async fail(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: ReasonDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const r = await this.outcomes.fail(actor, id, dto, ifMatch, ctx);
    return this.reply(res, r.entity, { roads: r.roads });
  }

  @Post('cases/:id/withdrawal')
  @Access({ roles: [...CASEWORK.roles] })
  @HttpCode(200)
  @ApiOperation({ summary: '撤回调解申请 (a party withdraws)', description: 'The clocks stop; the case can then be closed. Needs If-Match.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: WithdrawDto, examples: { settled: { value: { partyId: '5d2b7c1e-9a3f-4e8b-b6c4-1f2e3d4c5b6a', reason: '双方已自行和解' } } } })
  @ApiOkResponse({ type: OutcomeResultDto })
  @ApiProblems(...CASE_CHANGE, 'CASE.PARTY_NOT_FOUND')
  async withdraw(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: WithdrawDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, (await this.outcomes.withdraw(actor, id, dto, ifMatch, ctx)).entity);
  }

  @Post('cases/:id/closure')
  @Access({ roles: [...CASEWORK.roles] })
  @HttpCode(200)
  @ApiOperation({ summary: '结案 (close the case)', description: 'From agreement, performing, failed or withdrawn. Needs If-Match.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: SummaryDto })
  @ApiOkResponse({ type: OutcomeResultDto })
  @ApiProblems(...CASE_CHANGE)
  async close(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: SummaryDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, (await this.outcomes.close(actor, id, dto, ifMatch, ctx)).entity);
  }
}
