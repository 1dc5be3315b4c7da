import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/time/clock';
import { insertDeferred } from '../database/insert-returning';
import type { Principal } from '../common/principal';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string | null;
  orgUnitId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface AuditContext {
  actor: Principal | 'system';
  requestId?: string;
}

/**
 * Writes audit rows through the caller's EntityManager, i.e. inside the caller's transaction:
 * a change and its audit row commit together or not at all. Callers pass data already masked.
 * Nothing reads the trail inside a transaction, so inside one the row travels with the
 * transaction's next insert, or goes in just before it commits (insertDeferred): one statement fewer.
 */
@Injectable()
export class AuditService {
  constructor(private readonly clock: Clock) {}

  async record(manager: EntityManager, ctx: AuditContext, entry: AuditEntry): Promise<void> {
    const actor = ctx.actor;
    const row = manager.create(AuditEventEntity, {
      occurredAt: this.clock.now(),
      actorType: actor === 'system' ? 'system' : actor.type,
      actorId: actor === 'system' ? null : actor.id,
      actorName: actor === 'system' ? 'system' : actor.type === 'staff' ? actor.displayName : actor.name,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      orgUnitId: entry.orgUnitId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: ctx.requestId ?? null,
    });
    await insertDeferred(manager, AuditEventEntity, [row]);
  }
}
