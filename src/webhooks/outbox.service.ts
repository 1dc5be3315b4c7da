import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PartnerEntity } from '../auth/partner.entity';
import type { PartnerKind } from '../auth/roles';
import { Clock } from '../common/time/clock';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { OutboxEventEntity } from './outbox-event.entity';

export interface OutboxEvent {
  eventType: string;
  subjectType: string;
  subjectId: string | null;
  /** No personal data: partners read details through the API, where scope and masking apply. */
  payload: Record<string, unknown>;
}

@Injectable()
export class OutboxService {
  constructor(private readonly clock: Clock) {}

  /** Queues the event for one partner, inside the caller's transaction. */
  async emit(m: EntityManager, partnerId: string, event: OutboxEvent): Promise<void> {
    await m.insert(OutboxEventEntity, { ...event, payload: event.payload as OutboxEventEntity['payload'], partnerId, occurredAt: this.clock.now(), status: 'pending' });
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
