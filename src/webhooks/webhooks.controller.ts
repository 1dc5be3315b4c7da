import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { Access, Actor, AuditCtx } from '../auth/access.decorator';
import { PARTNER_KINDS } from '../auth/roles';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { etagOf, IfMatch } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import type { PartnerPrincipal, Principal } from '../common/principal';
import { Clock } from '../common/time/clock';
import {
  ListWebhookDeliveriesQueryDto,
  ListWebhookEventsQueryDto,
  PutWebhookEndpointDto,
  ReplaySummaryDto,
  WebhookDeliveryDto,
  WebhookDeliveryPage,
  WebhookEndpointDto,
  WebhookEndpointWithSecretDto,
  WebhookEventDto,
  WebhookEventPage,
} from './dto/webhook.dto';
import { WebhookEndpointsService } from './webhook-endpoints.service';

const HOW_TO_VERIFY =
  'Deliveries follow Standard Webhooks (https://www.standardwebhooks.com/): verify `webhook-signature` over `webhook-id`.`webhook-timestamp`.body with this secret using any Standard Webhooks library, and deduplicate on `webhook-id`.';

@ApiTags('webhooks 事件推送')
@Controller('v1/partners/:id/webhook')
@Access({ roles: ['admin'] })
export class WebhookEndpointsController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly clock: Clock,
  ) {}

  @Put()
  @ApiOperation({
    summary: '设置推送地址 (set the partner\'s webhook endpoint)',
    description: `Creating the endpoint answers 201 with the signing secret, **shown in that response only**; changing it answers 200 and needs If-Match. The url must be https and must not resolve to a private, loopback or reserved address. Events that waited for an endpoint start to flow, oldest first. ${HOW_TO_VERIFY}`,
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Required when the endpoint exists (the ETag of GET .../webhook)' })
  @ApiBody({
    type: PutWebhookEndpointDto,
    examples: {
      court: { summary: '法院诉调对接平台', value: { url: 'https://tiaojie.court.zj.gov.cn/webhooks/tiaojie' } },
      pause: { summary: '暂停推送（事件保留，恢复后按序补发）', value: { url: 'https://tiaojie.court.zj.gov.cn/webhooks/tiaojie', active: false } },
    },
  })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretDto, description: 'Created: the secret is in this response only' })
  @ApiOkResponse({ type: WebhookEndpointDto, description: 'Changed' })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'PARTNER.NOT_FOUND', 'WEBHOOK.ENDPOINT_NOT_ALLOWED', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async put(
    @Actor() actor: Principal,
    @AuditCtx() ctx: AuditContext,
    @Param('id', UuidParam()) id: string,
    @Body() dto: PutWebhookEndpointDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WebhookEndpointDto | WebhookEndpointWithSecretDto> {
    const { endpoint, secret } = await this.endpoints.put(actor, id, dto, ifMatch, ctx);
    res.setHeader('ETag', etagOf(endpoint.version));
    const body = WebhookEndpointDto.from(endpoint, this.clock.now());
    if (!secret) return body;
    res.status(201).setHeader('Location', `/v1/partners/${id}/webhook`);
    res.setHeader('Cache-Control', 'no-store');
    return { ...body, secret };
  }

  @Get()
  @ApiOperation({ summary: '查看推送地址 (read the webhook endpoint; never the secret)' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'PARTNER.NOT_FOUND', 'WEBHOOK.ENDPOINT_NOT_FOUND')
  async get(@Actor() actor: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<WebhookEndpointDto> {
    const { endpoint } = await this.endpoints.get(actor, id);
    res.setHeader('ETag', etagOf(endpoint.version));
    return WebhookEndpointDto.from(endpoint, this.clock.now());
  }

  @Post('secret/rotation')
  @HttpCode(200)
  @ApiOperation({
    summary: '更换签名密钥 (rotate the signing secret)',
    description:
      'Issues a new secret, shown in this response only. The previous secret keeps signing alongside it (two signatures in `webhook-signature`) for WEBHOOK_SECRET_GRACE_HOURS (24 h by default), so the partner can switch its receiver without losing an event. A second rotation within that period ends the first one\'s grace at once.',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOkResponse({ type: WebhookEndpointWithSecretDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'PARTNER.NOT_FOUND', 'WEBHOOK.ENDPOINT_NOT_FOUND', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async rotate(
    @Actor() actor: Principal,
    @AuditCtx() ctx: AuditContext,
    @Param('id', UuidParam()) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WebhookEndpointWithSecretDto> {
    const { endpoint, secret } = await this.endpoints.rotate(actor, id, ifMatch, ctx);
    res.setHeader('ETag', etagOf(endpoint.version));
    res.setHeader('Cache-Control', 'no-store');
    return { ...WebhookEndpointDto.from(endpoint, this.clock.now()), secret };
  }

  @Get('events')
  @ApiOperation({ summary: '推送事件列表 (the partner\'s events, newest first)', description: 'Filter by status to find what is waiting (pending) or what gave up (dead).' })
  @ApiOkResponse({ type: WebhookEventPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'PARTNER.NOT_FOUND', 'REQUEST.INVALID_CURSOR')
  async events(@Actor() actor: Principal, @Param('id', UuidParam()) id: string, @Query() q: ListWebhookEventsQueryDto) {
    const page = await this.endpoints.listEvents(actor, id, q);
    return { items: page.items.map(WebhookEventDto.from), nextCursor: page.nextCursor };
  }

  @Get('deliveries')
  @ApiOperation({ summary: '投递记录 (delivery attempts, newest first)', description: 'Every attempt: event, attempt number, time, HTTP status, duration and the error, for answering "what did you send us and what did we answer".' })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'PARTNER.NOT_FOUND', 'REQUEST.INVALID_CURSOR')
  async deliveries(@Actor() actor: Principal, @Param('id', UuidParam()) id: string, @Query() q: ListWebhookDeliveriesQueryDto) {
    const page = await this.endpoints.listDeliveries(actor, id, q);
    return { items: page.items.map(WebhookDeliveryDto.from), nextCursor: page.nextCursor };
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({ summary: '重放全部失败事件 (replay every dead event of the partner)', description: 'After the partner fixed its receiver: dead events go back to pending with their attempts reset and are delivered again in their original order.' })
  @ApiOkResponse({ type: ReplaySummaryDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'PARTNER.NOT_FOUND')
  async replayDead(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string): Promise<ReplaySummaryDto> {
    return { replayed: await this.endpoints.replayDead(actor, id, ctx) };
  }
}

@ApiTags('webhooks 事件推送')
@Controller('v1/webhook-events')
export class WebhookEventsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get()
  @Access({ partners: PARTNER_KINDS, staff: false })
  @ApiOperation({
    summary: '本单位的推送事件 (your own events, newest first)',
    description: 'For a partner system reconciling after its receiver was down: every event owed to you, with its delivery status. `data` is exactly what the webhook carried (or will carry).',
  })
  @ApiOkResponse({ type: WebhookEventPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REQUEST.INVALID_CURSOR')
  async own(@Actor() actor: Principal, @Query() q: ListWebhookEventsQueryDto) {
    const page = await this.endpoints.listOwnEvents(actor as PartnerPrincipal, q);
    return { items: page.items.map(WebhookEventDto.from), nextCursor: page.nextCursor };
  }

  @Post(':id/replay')
  @HttpCode(200)
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: '重放事件 (send a dead or delivered event again)', description: 'Back to pending with its attempts reset; it keeps its webhook-id and its place before the partner\'s newer events.' })
  @ApiOkResponse({ type: WebhookEventDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'WEBHOOK.EVENT_NOT_FOUND', 'WEBHOOK.EVENT_NOT_REPLAYABLE')
  async replay(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string): Promise<WebhookEventDto> {
    return WebhookEventDto.from(await this.endpoints.replay(actor, id, ctx));
  }
}
