import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { PartnerEntity } from '../auth/partner.entity';
import { PartnersService } from '../auth/partners.service';
import { DomainError } from '../common/errors/domain-error';
import { expectedVersion } from '../common/http/etag';
import { paginate, Page } from '../common/pagination/pagination';
import { PiiService } from '../common/pii/pii.service';
import type { PartnerPrincipal, Principal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { updateVersioned } from '../database/versioned-update';
import { ListWebhookDeliveriesQueryDto, ListWebhookEventsQueryDto, PutWebhookEndpointDto } from './dto/webhook.dto';
import { assertCallbackUrl } from './callback-url';
import { checkEndpointUrl } from './endpoint-policy';
import { OutboxEventEntity } from './outbox-event.entity';
import { generateSecret, WEBHOOK_SECRET_CONTEXT } from './signing';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { WebhookQueue } from './webhook-queue';

const snapshot = (e: WebhookEndpointEntity) => ({ url: e.url, active: e.active });
/** Ids listed in the audit row of a bulk replay; the count is always exact. */
const AUDIT_ID_LIMIT = 100;

/**
 * Partners' webhook endpoints and their events, for admins (within their unit scope, like the
 * partners routes) and for partner systems pulling their own events. Secrets leave only in the
 * response that creates or rotates them; the audit trail records that it happened, never the value.
 */
@Injectable()
export class WebhookEndpointsService {
  private readonly logger = new Logger('WebhookEndpoints');

  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly pii: PiiService,
    private readonly partners: PartnersService,
    private readonly audit: AuditService,
    private readonly queue: WebhookQueue,
  ) {}

  /**
   * Checks a callback url the partner sent (a court's per-referral callback) before storing it:
   * the partner must have an endpoint and the url must share its origin. Throws a 422
   * WEBHOOK.CALLBACK_URL_NOT_ALLOWED with field `callbackUrl`; returns the normalised url.
   */
  assertCallbackUrl(m: EntityManager, partnerId: string, url: string): Promise<string> {
    return assertCallbackUrl(m, partnerId, url);
  }

  async get(principal: Principal, partnerId: string, m: EntityManager = this.ds.manager): Promise<{ partner: PartnerEntity; endpoint: WebhookEndpointEntity }> {
    const partner = await this.partners.getInScope(principal, partnerId, m);
    const endpoint = await m.findOneBy(WebhookEndpointEntity, { partnerId: partner.id });
    if (!endpoint) throw new DomainError('WEBHOOK.ENDPOINT_NOT_FOUND', { id: partnerId });
    return { partner, endpoint };
  }

  /**
   * Sets the partner's endpoint. Creating it issues the first secret (returned once); changing it
   * needs If-Match like every change. Either way, events waiting for an endpoint start to flow.
   */
  async put(principal: Principal, partnerId: string, dto: PutWebhookEndpointDto, ifMatch: string | undefined, ctx: AuditContext): Promise<{ endpoint: WebhookEndpointEntity; secret: string | null }> {
    await this.partners.getInScope(principal, partnerId);
    // Outside the transaction: resolving the host may take a while, and needs no row.
    const url = (await checkEndpointUrl(dto.url, { allowPrivate: this.config.WEBHOOK_ALLOW_PRIVATE_ENDPOINTS })).href;
    return this.ds.transaction(async (m) => {
      const partner = await this.partners.getInScope(principal, partnerId, m);
      const existing = await m.findOneBy(WebhookEndpointEntity, { partnerId: partner.id });
      let secret: string | null = null;
      if (!existing) {
        secret = generateSecret();
        const now = this.clock.now();
        const inserted = await m
          .createQueryBuilder()
          .insert()
          .into(WebhookEndpointEntity)
          .values({ partnerId: partner.id, url, active: dto.active ?? true, secretEnc: this.pii.encrypt(secret, WEBHOOK_SECRET_CONTEXT), secretCreatedAt: now })
          .orIgnore()
          .execute();
        // Someone created it a moment ago: this request is now a change without If-Match.
        if (!(inserted.raw as unknown[]).length) throw new DomainError('REQUEST.PRECONDITION_REQUIRED');
      } else {
        const version = expectedVersion(ifMatch, existing.version);
        await updateVersioned(m, WebhookEndpointEntity, existing.id, version, { url, active: dto.active ?? existing.active });
      }
      const endpoint = await m.findOneByOrFail(WebhookEndpointEntity, { partnerId: partner.id });
      await this.audit.record(m, ctx, {
        action: existing ? 'webhook_endpoint.updated' : 'webhook_endpoint.created',
        subjectType: 'partner',
        subjectId: partner.id,
        orgUnitId: partner.orgUnitId,
        before: existing ? snapshot(existing) : null,
        after: { ...snapshot(endpoint), ...(secret ? { secretIssued: true } : {}) },
      });
      if (endpoint.active) await this.queue.drainAfterCommit(m, partner.id, `endpoint${endpoint.version}-${Date.now()}`);
      return { endpoint, secret };
    });
  }

  /**
   * Issues a new secret. The previous one keeps signing alongside it for WEBHOOK_SECRET_GRACE_HOURS,
   * so the partner can switch its receiver without losing an event. A second rotation within the
   * grace period ends the first one's grace at once (only the latest previous secret is kept);
   * If-Match makes that a deliberate act rather than a double click.
   */
  async rotate(principal: Principal, partnerId: string, ifMatch: string | undefined, ctx: AuditContext): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
    return this.ds.transaction(async (m) => {
      const { partner, endpoint: existing } = await this.get(principal, partnerId, m);
      const version = expectedVersion(ifMatch, existing.version);
      const secret = generateSecret();
      const now = this.clock.now();
      const graceMs = this.config.WEBHOOK_SECRET_GRACE_HOURS * 3_600_000;
      await updateVersioned(m, WebhookEndpointEntity, existing.id, version, {
        secretEnc: this.pii.encrypt(secret, WEBHOOK_SECRET_CONTEXT),
        secretCreatedAt: now,
        previousSecretEnc: graceMs > 0 ? existing.secretEnc : null,
        previousSecretExpiresAt: graceMs > 0 ? new Date(now.getTime() + graceMs) : null,
      });
      const endpoint = await m.findOneByOrFail(WebhookEndpointEntity, { id: existing.id });
      await this.audit.record(m, ctx, {
        action: 'webhook_secret.rotated',
        subjectType: 'partner',
        subjectId: partner.id,
        orgUnitId: partner.orgUnitId,
        after: { previousSecretExpiresAt: endpoint.previousSecretExpiresAt?.toISOString() ?? null },
      });
      return { endpoint, secret };
    });
  }

  async listEvents(principal: Principal, partnerId: string, q: ListWebhookEventsQueryDto): Promise<Page<OutboxEventEntity>> {
    const partner = await this.partners.getInScope(principal, partnerId);
    return this.eventsOf(partner.id, q);
  }

  /** A partner system's own events, newest first: to reconcile after its receiver was down. */
  async listOwnEvents(principal: PartnerPrincipal, q: ListWebhookEventsQueryDto): Promise<Page<OutboxEventEntity>> {
    return this.eventsOf(principal.id, q);
  }

  private eventsOf(partnerId: string, q: ListWebhookEventsQueryDto): Promise<Page<OutboxEventEntity>> {
    const qb = this.ds.getRepository(OutboxEventEntity).createQueryBuilder('e').where('e.partnerId = :partnerId', { partnerId });
    if (q.status) qb.andWhere('e.status = :status', { status: q.status });
    if (q.eventType) qb.andWhere('e.eventType = :eventType', { eventType: q.eventType });
    if (q.since) qb.andWhere('e.occurredAt >= :since', { since: new Date(q.since) });
    return paginate(qb, { column: 'e.occurredAt', idColumn: 'e.id', key: (e) => e.occurredAt, direction: 'DESC' }, q);
  }

  async listDeliveries(principal: Principal, partnerId: string, q: ListWebhookDeliveriesQueryDto): Promise<Page<WebhookDeliveryEntity>> {
    const partner = await this.partners.getInScope(principal, partnerId);
    const qb = this.ds.getRepository(WebhookDeliveryEntity).createQueryBuilder('d').where('d.partnerId = :partnerId', { partnerId: partner.id });
    if (q.eventId) qb.andWhere('d.eventId = :eventId', { eventId: q.eventId });
    return paginate(qb, { column: 'd.attemptedAt', idColumn: 'd.id', key: (d) => d.attemptedAt, direction: 'DESC' }, q);
  }

  /**
   * Sends a dead or delivered event again: back to pending with its attempts reset, and since it
   * keeps its original time it goes before the partner's newer events. The webhook-id stays the
   * same, so a receiver that already has it can recognise the repeat.
   */
  async replay(principal: Principal, eventId: string, ctx: AuditContext): Promise<OutboxEventEntity> {
    return this.ds.transaction(async (m) => {
      const event = await m.findOneBy(OutboxEventEntity, { id: eventId });
      if (!event) throw new DomainError('WEBHOOK.EVENT_NOT_FOUND', { id: eventId });
      // An event of a partner outside the caller's scope does not exist for the caller.
      const partner = await this.partners.getInScope(principal, event.partnerId, m).catch((e: unknown) => {
        throw e instanceof DomainError && e.code === 'PARTNER.NOT_FOUND' ? new DomainError('WEBHOOK.EVENT_NOT_FOUND', { id: eventId }) : e;
      });
      const now = this.clock.now();
      const result = await m
        .createQueryBuilder()
        .update(OutboxEventEntity)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, deliveredAt: null })
        .where(`id = :id AND status IN ('dead', 'delivered')`, { id: event.id })
        .execute();
      if (!result.affected) throw new DomainError('WEBHOOK.EVENT_NOT_REPLAYABLE', { id: event.id, status: event.status });
      await this.audit.record(m, ctx, {
        action: 'webhook_event.replayed',
        subjectType: 'partner',
        subjectId: partner.id,
        orgUnitId: partner.orgUnitId,
        before: { eventId: event.id, status: event.status, attempts: event.attempts },
        after: { eventId: event.id, eventType: event.eventType, status: 'pending' },
      });
      await this.queue.drainAfterCommit(m, partner.id, `replay-${event.id}-${Date.now()}`);
      return m.findOneByOrFail(OutboxEventEntity, { id: event.id });
    });
  }

  /** Every dead event of the partner back to pending, oldest first as always: after fixing a receiver. */
  async replayDead(principal: Principal, partnerId: string, ctx: AuditContext): Promise<number> {
    return this.ds.transaction(async (m) => {
      const partner = await this.partners.getInScope(principal, partnerId, m);
      const [rows] = (await m.query(
        `UPDATE outbox_events SET status = 'pending', attempts = 0, next_attempt_at = $2, last_error = NULL
          WHERE partner_id = $1 AND status = 'dead' RETURNING id`,
        [partner.id, this.clock.now()],
      )) as [Array<{ id: string }>, number];
      if (!rows.length) return 0;
      await this.audit.record(m, ctx, {
        action: 'webhook_event.replayed',
        subjectType: 'partner',
        subjectId: partner.id,
        orgUnitId: partner.orgUnitId,
        after: { count: rows.length, eventIds: rows.slice(0, AUDIT_ID_LIMIT).map((r) => r.id), status: 'pending' },
      });
      await this.queue.drainAfterCommit(m, partner.id, `replay-all-${Date.now()}`);
      this.logger.log(`Replaying ${rows.length} dead webhook event(s) of partner ${partner.id}`);
      return rows.length;
    });
  }
}
