import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { Access, Actor, AuditCtx } from '../auth/access.decorator';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import type { ErrorCode } from '../common/errors/error-catalog';
import { etagOf, IfMatch } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import type { PartnerPrincipal, Principal, StaffPrincipal } from '../common/principal';
import { CourtFilingsService } from './court-filings.service';
import { CourtFilingDto, CourtFilingPage, FilingRegistrationDto, FilingReturnDto, ListFilingsQueryDto, SendFilingDto } from './dto/court-filing.dto';

const COURT_ANSWER: ErrorCode[] = ['REQUEST.VALIDATION_FAILED', 'COURT.FILING_NOT_FOUND', 'COURT.FILING_STATE', 'IDEMPOTENCY.KEY_REQUIRED', 'IDEMPOTENCY.KEY_REUSED', 'IDEMPOTENCY.IN_PROGRESS'];

@ApiTags('court 诉调对接')
@Controller('v1')
export class CourtFilingsController {
  constructor(
    private readonly filings: CourtFilingsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post('cases/:id/court-filings')
  @Access({ roles: ['director', 'intake_clerk'] })
  @ApiOperation({
    summary: '移送法院 (refer a failed or breached case to a court, with its package)',
    description:
      'mediation_failed needs a failed case; agreement_breached a breached obligation. The package carries the summary, the parties (identifiers masked), the claims, the mediation record, the agreement and breaches, and the documents list. ' +
      'The case goes to referred_out, its clocks stop, and the court gets case.referred by webhook; the court then posts receipt, registration (立案, with its case number) or return. Needs If-Match (the case\'s ETag).',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({
    type: SendFilingDto,
    examples: {
      failed: {
        summary: '调解不成，移送立案',
        value: {
          courtPartnerId: '7f0c1d2e-3a4b-4c5d-8e6f-9a0b1c2d3e4f', reason: 'mediation_failed',
          claims: ['判令被申请人支付拖欠工资24,000元', '判令被申请人支付经济补偿金8,000元'],
          documents: [{ name: '调解笔录', copies: 1 }, { name: '工资条及考勤记录', copies: 1 }],
        },
      },
    },
  })
  @ApiCreatedResponse({ type: CourtFilingDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND', 'CASE.INVALID_TRANSITION', 'COURT.INVALID_FILING', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async send(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: SendFilingDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { filing, court } = await this.filings.send(actor, id, dto, ifMatch, ctx);
    res.setHeader('Location', `/v1/court-filings/${filing.id}`);
    return CourtFilingDto.from(filing, court);
  }

  @Get('court-filings')
  @Access({ partners: ['court'] })
  @ApiOperation({ summary: '移送法院列表 (filings: a court sees those sent to it)', description: 'Newest first; filter by status or case.' })
  @ApiOkResponse({ type: CourtFilingPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REQUEST.INVALID_CURSOR')
  async list(@Actor() actor: Principal, @Query() q: ListFilingsQueryDto) {
    const page = await this.filings.list(actor, q);
    return { items: page.items.map((f) => CourtFilingDto.from(f, actor.type === 'partner' ? { id: actor.id, name: actor.name } : undefined)), nextCursor: page.nextCursor };
  }

  @Get('court-filings/:id')
  @Access({ partners: ['court'] })
  @ApiOperation({ summary: '移送详情与材料包 (a filing with its package)', description: 'A court reads only the filings sent to it; anything else is 404.' })
  @ApiOkResponse({ type: CourtFilingDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'COURT.FILING_NOT_FOUND')
  async get(@Actor() actor: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response) {
    const { filing, court } = await this.filings.get(actor, id);
    res.setHeader('ETag', etagOf(filing.version));
    return CourtFilingDto.from(filing, court);
  }

  private async courtAnswer(actor: PartnerPrincipal, ctx: AuditContext, id: string, action: 'receive' | 'register' | 'return', dto: FilingRegistrationDto | FilingReturnDto | Record<string, never>, key: string | undefined, req: Request, res: Response) {
    const result = await this.idempotency.runForPartner(actor, key, `POST /v1/court-filings/${id}/${action}`, req.body ?? {}, async (m) => {
      const r = await this.filings.advance(m, actor, id, action, dto, ctx);
      return { status: 200, body: CourtFilingDto.from(r.filing, r.court) };
    });
    res.status(result.status);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Post('court-filings/:id/receipt')
  @Access({ partners: ['court'], staff: false })
  @HttpCode(200)
  @ApiOperation({ summary: '法院接收移送 (the court received the package)', description: 'For the court\'s system. Idempotency-Key required.' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOkResponse({ type: CourtFilingDto })
  @ApiProblems(...COURT_ANSWER)
  async receipt(@Actor() actor: PartnerPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Headers('idempotency-key') key: string | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.courtAnswer(actor, ctx, id, 'receive', {}, key, req, res);
  }

  @Post('court-filings/:id/registration')
  @Access({ partners: ['court'], staff: false })
  @HttpCode(200)
  @ApiOperation({ summary: '法院立案 (the court registered the case, with its number)', description: 'The mediators and directors are told; the number is on the case\'s timeline. Idempotency-Key required.' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ type: FilingRegistrationDto, examples: { registered: { value: { courtCaseNumber: '（2026）浙0102民初8765号', registeredOn: '2026-12-03' } } } })
  @ApiOkResponse({ type: CourtFilingDto })
  @ApiProblems(...COURT_ANSWER, 'COURT.INVALID_FILING')
  async registration(@Actor() actor: PartnerPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: FilingRegistrationDto, @Headers('idempotency-key') key: string | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.courtAnswer(actor, ctx, id, 'register', dto, key, req, res);
  }

  @Post('court-filings/:id/return')
  @Access({ partners: ['court'], staff: false })
  @HttpCode(200)
  @ApiOperation({ summary: '法院退回移送 (the court returns the filing, with the reason)', description: 'The case comes back to the center in the status it left (failed or performing). Idempotency-Key required.' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ type: FilingReturnDto, examples: { jurisdiction: { value: { reason: '不属于本院管辖，请向被告住所地人民法院移送' } } } })
  @ApiOkResponse({ type: CourtFilingDto })
  @ApiProblems(...COURT_ANSWER)
  async returnFiling(@Actor() actor: PartnerPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: FilingReturnDto, @Headers('idempotency-key') key: string | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.courtAnswer(actor, ctx, id, 'return', dto, key, req, res);
  }
}
