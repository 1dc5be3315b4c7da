import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StaffUserEntity } from '../auth/staff-user.entity';
import { Clock } from '../common/time/clock';
import { NotificationEntity } from './notification.entity';

export interface StaffMessage {
  /** e.g. `case.red_risk`, `deadline.reminder`, `deadline.missed`. */
  kind: string;
  title: string;
  body: string;
  subjectType: string | null;
  subjectId: string | null;
  /** Show from this moment (a reminder written ahead); default now. */
  visibleAt?: Date;
}

@Injectable()
export class NotificationsService {
  constructor(private readonly clock: Clock) {}

  /**
   * The directors responsible for a unit: its own, or those of the nearest unit above that has
   * one (a village committee often has no director of its own; the town's director answers).
   */
  async directorsFor(m: EntityManager, unitPath: string): Promise<StaffUserEntity[]> {
    const ancestorIds = unitPath.split('/').filter(Boolean).reverse();
    if (!ancestorIds.length) return [];
    // One statement for the whole chain, nearest unit first.
    const rows = await m
      .getRepository(StaffUserEntity)
      .createQueryBuilder('u')
      .where('u.orgUnitId IN (:...ids) AND u.active = true AND :role = ANY(u.roles)', { ids: ancestorIds, role: 'director' })
      .getMany();
    for (const unitId of ancestorIds) {
      const here = rows.filter((r) => r.orgUnitId === unitId);
      if (here.length) return here;
    }
    return [];
  }

  /** In-app messages, inside the caller's transaction; each recipient once. */
  async send(m: EntityManager, recipientIds: Array<string | null | undefined>, message: StaffMessage): Promise<string[]> {
    const unique = [...new Set(recipientIds.filter((id): id is string => !!id))];
    const visibleAt = message.visibleAt ?? this.clock.now();
    if (unique.length) await m.insert(NotificationEntity, unique.map((recipientId) => ({ ...message, visibleAt, recipientId })));
    return unique;
  }
}
