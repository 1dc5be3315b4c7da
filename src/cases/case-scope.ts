import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../common/principal';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { scopePattern } from '../org-units/org-units.service';
import { CaseEntity } from './case.entity';

/**
 * Rows that hang off a case and name a partner (a court referral, a filing, a confirmation, a
 * police transfer, a red alert): the partner sees the rows naming it and nothing else; staff see
 * those whose case lies in their unit's subtree. The row's columns must be `caseId` and `partnerId`.
 */
export function scopedToCase<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, alias: string, principal: Principal): SelectQueryBuilder<T> {
  const qb = m.getRepository(entity).createQueryBuilder(alias).innerJoin(CaseEntity, 'c', `c.id = ${alias}.caseId`).innerJoin(OrgUnitEntity, 'u', 'u.id = c.orgUnitId');
  return principal.type === 'partner'
    ? qb.where(`${alias}.partnerId = :partnerId`, { partnerId: principal.id })
    : qb.where('u.path LIKE :scope', { scope: scopePattern(principal.orgUnitPath) });
}
