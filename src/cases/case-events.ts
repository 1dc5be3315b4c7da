import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PartnerEntity } from '../auth/partner.entity';
import { OutboxService } from '../webhooks/outbox.service';
import type { CaseEntity } from './case.entity';

/** What happened to a case that a partner system or another module may act on. */
export type CaseEventType = 'case.registered' | 'case.triaged' | 'case.referred' | 'mediation.concluded' | 'agreement.breached' | 'judicial_confirmation.ruled' | 'case.closed';

/** How a case ended, as a police station needs it: performed lets it decide not to punish. */
export type ClosureHow = 'performed' | 'agreement' | 'failed' | 'withdrawn' | 'other';

export interface CaseEvent {
  type: CaseEventType;
  kase: CaseEntity;
  /** Event-specific fields: no personal data (partners read details through the API, masked). */
  data: Record<string, unknown>;
  /** The partner that caused the event (it does not need to hear about its own call). */
  actorPartnerId?: string | null;
}

type Listener = (m: EntityManager, event: CaseEvent) => Promise<void>;

/**
 * Case lifecycle events, inside the transaction of the change. The partner that sent the case
 * (a court, a police station, the petition bureau) hears about it through the outbox, and modules
 * that depend on the case module (court referrals) react without the case module knowing them.
 */
@Injectable()
export class CaseEvents {
  private readonly listeners = new Map<CaseEventType, Listener[]>();

  constructor(private readonly outbox: OutboxService) {}

  on(type: CaseEventType, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  async emit(m: EntityManager, event: CaseEvent): Promise<void> {
    const c = event.kase;
    if (c.sourcePartnerId && c.sourcePartnerId !== event.actorPartnerId) {
      const partner = await m.findOneBy(PartnerEntity, { id: c.sourcePartnerId });
      if (partner?.active) await this.outbox.emit(m, partner.id, { eventType: event.type, subjectType: 'case', subjectId: c.id, payload: casePayload(c, event.data) });
    }
    for (const listener of this.listeners.get(event.type) ?? []) await listener(m, event);
  }
}

/** The header every case event carries, so a partner can match it to its own record without a read. */
export function casePayload(c: CaseEntity, data: Record<string, unknown>): Record<string, unknown> {
  return { caseId: c.id, caseNumber: c.number, externalRef: c.externalRef, status: c.status, ...data };
}
