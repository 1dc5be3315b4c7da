import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { trim } from '../../common/http/transforms';
import { PageOf, PageQueryDto } from '../../common/pagination/pagination';
import { toIso } from '../../common/time/iso';
import { OUTBOX_STATUSES, OutboxEventEntity, OutboxStatus } from '../outbox-event.entity';
import { WebhookDeliveryEntity } from '../webhook-delivery.entity';
import { WebhookEndpointEntity } from '../webhook-endpoint.entity';

const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

export class PutWebhookEndpointDto {
  @ApiProperty({ example: 'https://tiaojie.court.zj.gov.cn/webhooks/tiaojie', maxLength: 2048, description: 'https; must not resolve to a private or loopback address' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  url: string;

  @ApiPropertyOptional({ example: true, default: true, description: 'false: events wait as pending and are delivered in order once it is true again' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class WebhookEndpointDto {
  @ApiProperty({ format: 'uuid' })
  partnerId: string;
  @ApiProperty({ example: 'https://tiaojie.court.zj.gov.cn/webhooks/tiaojie' })
  url: string;
  @ApiProperty({ example: true })
  active: boolean;
  @ApiProperty({ example: '2026-11-23T09:05:00.000+08:00', description: 'When the current secret was issued' })
  secretCreatedAt: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-24T09:05:00.000+08:00', description: 'Until when the previous secret still signs alongside (null: no previous secret in use)' })
  previousSecretExpiresAt: string | null;
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ example: '2026-11-23T09:05:00.000+08:00' })
  createdAt: string;
  @ApiProperty({ example: '2026-11-23T09:05:00.000+08:00' })
  updatedAt: string;

  static from(e: WebhookEndpointEntity, now: Date): WebhookEndpointDto {
    const graceLeft = e.previousSecretExpiresAt && e.previousSecretExpiresAt.getTime() > now.getTime();
    return {
      partnerId: e.partnerId,
      url: e.url,
      active: e.active,
      secretCreatedAt: toIso(e.secretCreatedAt),
      previousSecretExpiresAt: graceLeft ? toIso(e.previousSecretExpiresAt!) : null,
      version: e.version,
      createdAt: toIso(e.createdAt),
      updatedAt: toIso(e.updatedAt),
    };
  }
}

export class WebhookEndpointWithSecretDto extends WebhookEndpointDto {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=',
    description: '签名密钥，仅在本响应中出现一次，请立即配置到接收端 (the signing secret, shown in this response only: configure it in your receiver now)',
  })
  secret: string;
}

export class ListWebhookEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES, description: 'pending: waiting or retrying; delivered; dead: gave up after the last retry' })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES)
  status?: OutboxStatus;

  @ApiPropertyOptional({ example: 'case.red_risk' })
  @IsOptional()
  @Matches(EVENT_TYPE)
  eventType?: string;

  @ApiPropertyOptional({ example: '2026-11-20T00:00:00+08:00', description: 'Only events that occurred at or after this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;
}

export class WebhookEventDto {
  @ApiProperty({ format: 'uuid', description: 'The webhook-id header of its deliveries' })
  id: string;
  @ApiProperty({ example: 'case.red_risk', description: 'The `type` of the webhook body' })
  eventType: string;
  @ApiProperty({ enum: OUTBOX_STATUSES, example: 'delivered' })
  status: OutboxStatus;
  @ApiProperty({ example: '2026-11-23T09:12:40.000+08:00' })
  occurredAt: string;
  @ApiProperty({ example: 'case' })
  subjectType: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  subjectId: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The `data` of the webhook body, as delivered',
    example: { caseId: '8c1f6d2a-3e4b-4c5d-9e6f-7a8b9c0d1e2f', number: 'TJ-330102001-2026-000123', riskLevel: 'red', eventId: '5e0a9f3c-1b2d-4e6f-8a7b-9c0d1e2f3a4b', subjectType: 'case', subjectId: '8c1f6d2a-3e4b-4c5d-9e6f-7a8b9c0d1e2f' },
  })
  data: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Delivered to this url instead of the endpoint (a per-referral callback)' })
  targetUrl: string | null;
  @ApiProperty({ example: 1, description: 'Attempts since it was emitted or last replayed' })
  attempts: number;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'When a pending event is tried next' })
  nextAttemptAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-23T09:12:41.000+08:00' })
  lastAttemptAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'e.g. "HTTP 503: Service Unavailable" or "no answer within 10000 ms"' })
  lastError: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-23T09:12:41.000+08:00' })
  deliveredAt: string | null;

  static from(e: OutboxEventEntity): WebhookEventDto {
    return {
      id: e.id,
      eventType: e.eventType,
      status: e.status,
      occurredAt: toIso(e.occurredAt),
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      data: { ...e.payload, eventId: e.id, subjectType: e.subjectType, subjectId: e.subjectId },
      targetUrl: e.targetUrl,
      attempts: e.attempts,
      nextAttemptAt: e.status === 'pending' && e.nextAttemptAt ? toIso(e.nextAttemptAt) : null,
      lastAttemptAt: e.lastAttemptAt ? toIso(e.lastAttemptAt) : null,
      lastError: e.lastError,
      deliveredAt: e.deliveredAt ? toIso(e.deliveredAt) : null,
    };
  }
}

export const WebhookEventPage = PageOf(WebhookEventDto, 'WebhookEventPage');

export class ListWebhookDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Attempts of this event only' })
  @IsOptional()
  @IsUUID()
  eventId?: string;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  eventId: string;
  @ApiProperty({ example: 'deadline.missed' })
  eventType: string;
  @ApiProperty({ example: 2, description: '1 for the first attempt; starts again at 1 after a replay' })
  attempt: number;
  @ApiProperty({ example: '2026-11-23T09:12:46.000+08:00' })
  attemptedAt: string;
  @ApiProperty({ example: 'https://tiaojie.court.zj.gov.cn/webhooks/tiaojie' })
  url: string;
  @ApiProperty({ type: Number, nullable: true, example: 503, description: 'null when no answer came (timeout, connection refused, blocked address)' })
  httpStatus: number | null;
  @ApiProperty({ example: 128 })
  durationMs: number;
  @ApiProperty({ example: false })
  succeeded: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'HTTP 503: 系统维护中', description: 'At most 500 characters' })
  error: string | null;

  static from(d: WebhookDeliveryEntity): WebhookDeliveryDto {
    return {
      id: d.id,
      eventId: d.eventId,
      eventType: d.eventType,
      attempt: d.attempt,
      attemptedAt: toIso(d.attemptedAt),
      url: d.url,
      httpStatus: d.httpStatus,
      durationMs: d.durationMs,
      succeeded: d.succeeded,
      error: d.error,
    };
  }
}

export const WebhookDeliveryPage = PageOf(WebhookDeliveryDto, 'WebhookDeliveryPage');

export class ReplaySummaryDto {
  @ApiProperty({ example: 3, description: 'Dead events put back to pending' })
  replayed: number;
}
