import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PartnerEntity } from '../auth/partner.entity';
import type { PartnerKind } from '../auth/roles';
import { Clock } from '../common/time/clock';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { OutboxEventEntity } from './outbox-event.entity';
import { assertCallbackUrl } from './callback-url';
import { WebhookQueue } from './webhook-queue';

export interface OutboxEvent {
  /** A key of WEBHOOK_EVENTS (event-catalogue.ts), where its payload is documented for partners. */
  eventType: string;
  subjectType: string;
  subjectId: string | null;
  /** No personal data: partners read details through the API, where scope and masking apply. */
  payload: Record<string, unknown>;
  /**
   * Deliver to this url instead of the partner's endpoint url (a court's per-referral callback).
   * Check it with `assertCallbackUrl` when the partner gives it to you; delivery checks again.
   */
  targetUrl?: string | null;
}

@Injectable()
export class OutboxService {
  constructor(
    private readonly clock: Clock,
    private readonly queue: WebhookQueue,
  ) {}

  /**
   * Queues the event for one partner, inside the caller's transaction; the delivery job is added
   * when that transaction commits. Events of one partner are delivered in the order emitted.
   * Returns the event id (the webhook-id the partner will see).
   */
  async emit(m: EntityManager, partnerId: string, event: OutboxEvent): Promise<string> {
    const now = this.clock.now();
    const inserted = await m.insert(OutboxEventEntity, {
      eventType: event.eventType,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      payload: event.payload as OutboxEventEntity['payload'],
      targetUrl: event.targetUrl ?? null,
      partnerId,
      occurredAt: now,
      nextAttemptAt: now,
      status: 'pending',
    });
    const id = inserted.identifiers[0].id as string;
    await this.queue.drainAfterCommit(m, partnerId, id);
    return id;
  }

  /**
   * Checks a callback url a partner sends with a request (e.g. a court's per-referral callback):
   * the partner must have a webhook endpoint and the url must share its origin (scheme, host,
   * port), so a partner can only route its own events to its own system. Throws a 422
   * WEBHOOK.CALLBACK_URL_NOT_ALLOWED naming the field `callbackUrl`; returns the normalised url.
   */
  assertCallbackUrl(m: EntityManager, partnerId: string, url: string): Promise<string> {
    return assertCallbackUrl(m, partnerId, url);
  }

  /**
   * Active partners of a kind whose area contains the unit: a police station serving a street
   * hears about that street and every community in it.
   */
  async partnersCovering(m: EntityManager, unit: OrgUnitEntity, kind: PartnerKind): Promise<PartnerEntity[]> {
    return m
      .getRepository(PartnerEntity)
      .createQueryBuilder('p')
      .innerJoin('p.orgUnit', 'pu')
      .where('p.kind = :kind AND p.active = true', { kind })
      .andWhere(':path LIKE pu.path || \'%\'', { path: unit.path })
      .getMany();
  }
}
