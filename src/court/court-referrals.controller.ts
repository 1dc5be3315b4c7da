import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { Access, Actor, AuditCtx } from '../auth/access.decorator';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { etagOf, IfMatch } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import type { PartnerPrincipal, Principal, StaffPrincipal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { toIso } from '../common/time/iso';
import { CourtReferralsService } from './court-referrals.service';
import { CourtReferralDto, CourtReferralPage, ListReferralsQueryDto, MaterialsReceiptDto, MaterialsReturnDto, ReceiveReferralDto, REFERRAL_STATUS_LABELS } from './dto/court-referral.dto';

const REFERRAL_EXAMPLES = {
  delegated: {
    summary: '委派调解（诉前）：装修合同纠纷',
    value: {
      kind: 'delegated',
      courtCaseNumber: '（2026）浙0102民诉前调1234号',
      title: '装修合同款纠纷',
      description: '原告为被告住宅提供装修服务，工程于2026年8月完工，被告以墙面开裂为由拒付尾款。',
      claims: '判令被告支付装修尾款人民币38,000元及逾期付款利息',
      amount: '38000.00',
      parties: [
        { role: 'applicant', kind: 'organisation', name: '杭州某某装饰工程有限公司', idType: 'credit_code', idNumber: '91330102MA2H0LXK4B' },
        { role: 'respondent', kind: 'person', name: '王建国', mobile: '13906541234', address: '浙江省杭州市上城区清波街道清波门社区劳动路12号' },
      ],
      materials: [{ name: '民事起诉状', copies: 1, pages: 4 }, { name: '装修合同', copies: 1 }, { name: '结算单及照片', copies: 1, pages: 12 }],
      judgeName: '陈法官',
    },
  },
  entrusted: {
    summary: '委托调解（先立案后委托，简易程序 7 日）',
    value: {
      kind: 'entrusted',
      procedure: 'summary',
      courtCaseNumber: '（2026）浙0102民初5678号',
      title: '邻里漏水损害赔偿',
      description: '楼上住户卫生间防水层破损，导致楼下住户天花板和木地板受损。',
      claims: '判令被告赔偿维修费用人民币12,600元',
      amount: '12600.00',
      parties: [
        { role: 'applicant', kind: 'person', name: '刘美华' },
        { role: 'respondent', kind: 'person', name: '赵志强' },
      ],
      materials: [{ name: '民事起诉状', copies: 1 }, { name: '维修报价单', copies: 1 }],
    },
  },
};

@ApiTags('court 诉调对接')
@Controller('v1/court-referrals')
export class CourtReferralsController {
  constructor(
    private readonly referrals: CourtReferralsService,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
  ) {}

  private reply(res: Response, dto: CourtReferralDto): CourtReferralDto {
    res.setHeader('ETag', etagOf(dto.version));
    return dto;
  }

  @Post()
  @Access({ partners: ['court'], staff: false })
  @ApiOperation({
    summary: '法院委派/委托调解 (a court refers a dispute to the center)',
    description:
      'For a court\'s system (X-Api-Key of a court partner). delegated 委派 = pre-filing (30 days); entrusted 委托 = the court registered the case first (2025 SPC 意见) and entrusts it with the parties\' consent (15 days ordinary, 7 days summary procedure). ' +
      'The referral becomes a case (channel court) in the given center (default: the court\'s own unit). The clock does not start now: it starts when the mediator signs for the materials (特邀调解规定 Art.27); the court is told by webhook (referral.materials_signed) with the due time, and gets referral.result when the mediation ends. ' +
      'Idempotency-Key is required: a retry with the same key returns the first answer (Idempotent-Replayed: true); the same court case number sent under another key is a 409.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'One value per referral, unchanged on retries (kept 48 h)' })
  @ApiBody({ type: ReceiveReferralDto, examples: REFERRAL_EXAMPLES })
  @ApiCreatedResponse({ type: CourtReferralDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'COURT.INVALID_REFERRAL', 'COURT.REFERRAL_EXISTS', 'CASE.INVALID_REGISTRATION', 'CASE.INVALID_PARTY_DATA', 'ORG_UNIT.NOT_FOUND', 'ORG_UNIT.INACTIVE', 'IDEMPOTENCY.KEY_REQUIRED', 'IDEMPOTENCY.KEY_REUSED', 'IDEMPOTENCY.IN_PROGRESS')
  async receive(@Actor() actor: PartnerPrincipal, @AuditCtx() ctx: AuditContext, @Body() dto: ReceiveReferralDto, @Headers('idempotency-key') key: string | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<CourtReferralDto> {
    const result = await this.idempotency.runForPartner(actor, key, 'POST /v1/court-referrals', req.body, async (m) => {
      const view = await this.referrals.receive(m, actor, dto, ctx);
      return { status: 201, body: CourtReferralDto.from(view, this.clock.now()) };
    });
    res.status(result.status);
    res.setHeader('Location', `/v1/court-referrals/${result.body.id}`);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return this.reply(res, result.body);
  }

  @Get()
  @Access({ partners: ['court'] })
  @ApiOperation({ summary: '委派/委托调解列表 (referrals: a court sees its own, staff those in scope)', description: 'Newest first; filter by status, kind or the court\'s case number.' })
  @ApiOkResponse({ type: CourtReferralPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REQUEST.INVALID_CURSOR')
  async list(@Actor() actor: Principal, @Query() q: ListReferralsQueryDto) {
    const page = await this.referrals.list(actor, q);
    return {
      items: page.items.map((r) => ({
        id: r.id, kind: r.kind, courtCaseNumber: r.courtCaseNumber, status: r.status, statusLabel: REFERRAL_STATUS_LABELS[r.status], caseId: r.caseId, caseNumber: r.caseNumber, caseStatus: r.caseStatus,
        materialsSignedAt: r.materialsSignedAt ? toIso(r.materialsSignedAt) : null, createdAt: toIso(r.createdAt),
      })),
      nextCursor: page.nextCursor,
    };
  }

  @Get(':id')
  @Access({ partners: ['court'] })
  @ApiOperation({ summary: '委派/委托调解详情 (a referral with its clock and result)', description: 'A court reads only the referrals it sent (another court gets 404). The result carries the signed agreement and its obligations, or the failure reason and the materials to be returned.' })
  @ApiOkResponse({ type: CourtReferralDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'COURT.REFERRAL_NOT_FOUND')
  async get(@Actor() actor: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<CourtReferralDto> {
    return this.reply(res, CourtReferralDto.from(await this.referrals.get(actor, id), this.clock.now()));
  }

  @Post(':id/materials-receipt')
  @Access({ roles: ['director', 'mediator'] })
  @HttpCode(200)
  @ApiOperation({ summary: '签收法院移交材料 (sign for the court\'s materials: the clock starts)', description: 'The mediation period (30 / 15 / 7 days) counts from the day after signing (特邀调解规定 Art.27). The court is told the due time. Needs If-Match (the referral\'s ETag).' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: MaterialsReceiptDto, examples: { now: { summary: '现在签收', value: { note: '起诉状、合同、结算单共 3 份，已核对无误' } } } })
  @ApiOkResponse({ type: CourtReferralDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'COURT.REFERRAL_NOT_FOUND', 'COURT.MATERIALS_ALREADY_SIGNED', 'COURT.INVALID_REFERRAL', 'CASE.INVALID_TRANSITION', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async signMaterials(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: MaterialsReceiptDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, CourtReferralDto.from(await this.referrals.signMaterials(actor, id, dto, ifMatch, ctx), this.clock.now()));
  }

  @Post(':id/materials-return')
  @Access({ roles: ['director', 'mediator'] })
  @HttpCode(200)
  @ApiOperation({ summary: '退回法院材料 (hand the court\'s materials back after a failed mediation)', description: 'Completes the failure report (特邀调解规定 Art.26); the court is told which items came back (referral.materials_returned). Needs If-Match.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: MaterialsReturnDto, examples: { all: { summary: '全部退回', value: { note: '由法院立案庭王书记员签收' } } } })
  @ApiOkResponse({ type: CourtReferralDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'COURT.REFERRAL_NOT_FOUND', 'COURT.REFERRAL_NOT_FAILED', 'COURT.INVALID_REFERRAL', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async returnMaterials(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: MaterialsReturnDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, CourtReferralDto.from(await this.referrals.returnMaterials(actor, id, dto, ifMatch, ctx), this.clock.now()));
  }
}
