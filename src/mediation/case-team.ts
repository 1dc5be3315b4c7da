import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import type { NotificationsService } from '../notifications/notifications.service';
import { CaseAssignmentEntity } from './case-assignment.entity';

/** Who mediates the case now: the open assignment rows, lead and co-mediators. */
export function currentAssignments(m: EntityManager, caseId: string): Promise<CaseAssignmentEntity[]> {
  return m.find(CaseAssignmentEntity, { where: { caseId, endedAt: IsNull() } });
}

/** Those to tell when a mediation ends or an agreement is broken: its mediators and the unit's directors. */
export async function caseworkerIds(m: EntityManager, notifications: NotificationsService, caseId: string, unitPath: string): Promise<string[]> {
  const [current, directors] = await Promise.all([currentAssignments(m, caseId), notifications.directorsFor(m, unitPath)]);
  return [...current.map((a) => a.mediatorId), ...directors.map((d) => d.id)];
}

/** Orders concurrent changes of one case (planning sessions or visits), so checks made before an insert hold. */
export async function lockCase(m: EntityManager, caseId: string): Promise<void> {
  await m.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
}
