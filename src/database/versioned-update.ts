import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DomainError } from '../common/errors/domain-error';

/**
 * UPDATE … WHERE id = ? AND version = ?: the write happens only if nobody changed the row since
 * it was read (TypeORM's @VersionColumn bumps the version but does not guard the write). A lost
 * race is a 412, never a silent overwrite of a colleague's change.
 */
export async function updateVersioned<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, id: string, version: number, changes: QueryDeepPartialEntity<T>): Promise<void> {
  const result = await m.createQueryBuilder().update(target).set(changes).where('id = :id AND version = :version', { id, version }).execute();
  if (!result.affected) {
    // Tell the client which version won, so it can re-read and show the colleague's change.
    const row = await m.createQueryBuilder().select('t.version', 'version').from(target, 't').where('t.id = :id', { id }).getRawOne<{ version: number }>();
    throw new DomainError('REQUEST.PRECONDITION_FAILED', { current: `"${row?.version ?? '?'}"` });
  }
}

/** Runs `work` in the caller's transaction when there is one (an idempotent partner call), else in a new one. */
export function inTransaction<T>(ds: DataSource, m: EntityManager | undefined, work: (m: EntityManager) => Promise<T>): Promise<T> {
  return m ? work(m) : ds.transaction(work);
}
