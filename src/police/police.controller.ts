import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { Access, Actor, AuditCtx } from '../auth/access.decorator';
import { CasesService } from '../cases/cases.service';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { etagOf } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import type { PartnerPrincipal, Principal, StaffPrincipal } from '../common/principal';
import { AcknowledgeAlertDto, ListTransfersQueryDto, PoliceTransferDto, PoliceTransferPage, RaiseRedRiskDto, RedAlertDto, TransferDisputeDto } from './dto/police.dto';
import { PoliceService } from './police.service';

const IDEMPOTENT = ['IDEMPOTENCY.KEY_REQUIRED', 'IDEMPOTENCY.KEY_REUSED', 'IDEMPOTENCY.IN_PROGRESS'] as const;

@ApiTags('police 警调对接')
@Controller('v1')
export class PoliceController {
  constructor(
    private readonly police: PoliceService,
    private readonly cases: CasesService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post('police-transfers')
  @Access({ partners: ['police'], staff: false })
  @ApiOperation({
    summary: '派出所移交纠纷 (a police station transfers a dispute)',
    description:
      'For a police station\'s system. The dispute becomes a case (channel police) under your incident number (警情号). You are told by webhook when triage accepts it (case.triaged), when the mediation ends (mediation.concluded) and when the case closes and how (case.closed: performed lets you decide not to punish a public-order case, 程序规定 Art.186). ' +
      'Idempotency-Key required: a retry with the same key returns the first answer; the same incident number under another key is a 409. You read only your own transfers.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'One value per transfer, unchanged on retries' })
  @ApiBody({
    type: TransferDisputeDto,
    examples: {
      publicOrder: {
        summary: '邻里纠纷引发的轻微治安案件，当事人同意人民调解',
        value: {
          incidentNumber: '330102202611230015', kind: 'public_order', incidentAt: '2026-11-22T21:40:00+08:00', place: '上城区清波街道劳动路12号3单元楼道', officerName: '张警官',
          handling: '民警到场后将双方分开，进行了批评教育，双方同意到街道矛调中心调解。', title: '邻里噪音引发口角推搡',
          description: '楼上住户夜间装修噪音扰民，双方发生口角并相互推搡，一方轻微擦伤。', amount: '800.00',
          parties: [{ role: 'applicant', kind: 'person', name: '王丽华', mobile: '13712345678' }, { role: 'respondent', kind: 'person', name: '赵强' }],
        },
      },
    },
  })
  @ApiCreatedResponse({ type: PoliceTransferDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'POLICE.INVALID_TRANSFER', 'POLICE.TRANSFER_EXISTS', 'CASE.INVALID_REGISTRATION', 'CASE.INVALID_PARTY_DATA', 'ORG_UNIT.NOT_FOUND', 'ORG_UNIT.INACTIVE', ...IDEMPOTENT)
  async transfer(@Actor() actor: PartnerPrincipal, @AuditCtx() ctx: AuditContext, @Body() dto: TransferDisputeDto, @Headers('idempotency-key') key: string | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<PoliceTransferDto> {
    const result = await this.idempotency.runForPartner(actor, key, 'POST /v1/police-transfers', req.body, async (m) => ({ status: 201, body: PoliceTransferDto.from(await this.police.transfer(m, actor, dto, ctx)) }));
    res.status(result.status);
    res.setHeader('Location', `/v1/police-transfers/${result.body.id}`);
    res.setHeader('ETag', etagOf(result.body.version));
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Get('police-transfers')
  @Access({ partners: ['police'] })
  @ApiOperation({ summary: '移交列表 (transfers: a station sees its own, staff those in scope)', description: 'Newest first; filter by incident number or kind.' })
  @ApiOkResponse({ type: PoliceTransferPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REQUEST.INVALID_CURSOR')
  async list(@Actor() actor: Principal, @Query() q: ListTransfersQueryDto) {
    const page = await this.police.list(actor, q);
    return { items: page.items.map((v) => PoliceTransferDto.from(v)), nextCursor: page.nextCursor };
  }

  @Get('police-transfers/:id')
  @Access({ partners: ['police'] })
  @ApiOperation({ summary: '移交详情与反馈 (a transfer with the center\'s feedback)', description: 'Acceptance, the mediation\'s end and the closure, with what it means for a public-order case. Another station gets 404.' })
  @ApiOkResponse({ type: PoliceTransferDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'POLICE.TRANSFER_NOT_FOUND')
  async get(@Actor() actor: Principal, @Param('id', UuidParam()) id: string) {
    return PoliceTransferDto.from(await this.police.get(actor, id));
  }

  @Post('cases/:id/red-alerts')
  @Access({ roles: ['director', 'mediator', 'intake_clerk'] })
  @ApiOperation({
    summary: '红色预警、吹哨报到 (raise a red risk: the police serving the area are alarmed at once)',
    description: 'For threats of violence or self-harm found at triage or during mediation (人民调解法 Art.25). The case turns red, the directors are told, and each police station covering the unit gets case.red_risk with the alert id to acknowledge. threat other: red, directors only.',
  })
  @ApiBody({ type: RaiseRedRiskDto, examples: { threat: { value: { threat: 'violence', reasons: ['被申请人在调解现场扬言要"让对方全家好看"，情绪激动'] } } } })
  @ApiCreatedResponse({ type: [RedAlertDto], description: 'One alert per station alarmed' })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND', 'CASE.INVALID_TRANSITION')
  async raise(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: RaiseRedRiskDto, @Res({ passthrough: true }) res: Response) {
    const r = await this.cases.raiseRedRisk(actor, id, dto, ctx);
    res.setHeader('ETag', etagOf(r.entity.version));
    return r.alerts.map((a) => RedAlertDto.from(a));
  }

  @Get('cases/:id/red-alerts')
  @Access()
  @ApiOperation({ summary: '案件的红色预警 (a case\'s alarms and who acknowledged them)', description: 'Oldest first.' })
  @ApiOkResponse({ type: [RedAlertDto] })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND')
  async alertsOf(@Actor() actor: StaffPrincipal, @Param('id', UuidParam()) id: string) {
    return (await this.police.alertsOf(actor, id)).map((a) => RedAlertDto.from(a));
  }

  @Get('red-alerts/:id')
  @Access({ partners: ['police'] })
  @ApiOperation({ summary: '红色预警详情 (an alarm)', description: 'A station reads the alarms sent to it; others get 404.' })
  @ApiOkResponse({ type: RedAlertDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'POLICE.ALERT_NOT_FOUND')
  async alert(@Actor() actor: Principal, @Param('id', UuidParam()) id: string) {
    return RedAlertDto.from((await this.police.alert(actor, id)).alert);
  }

  @Post('red-alerts/:id/acknowledgement')
  @Access({ partners: ['police'], staff: false })
  @HttpCode(200)
  @ApiOperation({ summary: '派出所响应预警 (the station acknowledges the alarm and says what it did)', description: 'Goes on the case\'s timeline with the minutes since the alarm; the directors and the mediator are told. Idempotency-Key required.' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ type: AcknowledgeAlertDto, examples: { visit: { value: { officerName: '张警官', action: '已派民警上门，对被申请人进行警示谈话并登记在册' } } } })
  @ApiOkResponse({ type: RedAlertDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'POLICE.ALERT_NOT_FOUND', 'POLICE.ALERT_ACKNOWLEDGED', ...IDEMPOTENT)
  async acknowledge(@Actor() actor: PartnerPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: AcknowledgeAlertDto, @Headers('idempotency-key') key: string | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.idempotency.runForPartner(actor, key, `POST /v1/red-alerts/${id}/acknowledgement`, req.body, async (m) => ({ status: 200, body: RedAlertDto.from((await this.police.acknowledge(m, actor, id, dto, ctx)).alert) }));
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }
}
