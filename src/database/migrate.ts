import type { DataSource } from 'typeorm';

/** A migration may name the tables to VACUUM (ANALYZE) once it has committed. */
export interface VacuumAfter {
  readonly vacuumAfter?: readonly string[];
}

// Any fixed number unique to this purpose: every process that starts runs migrations, and the
// lock makes the others wait for the first instead of racing it.
const MIGRATION_LOCK = 482_203_301;

/**
 * Applies pending migrations under a session advisory lock; returns the names applied. The lock
 * holds one pooled connection while TypeORM migrates on another: the pool needs at least two.
 */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  if (((ds.options as { poolSize?: number }).poolSize ?? 10) < 2) throw new Error('runMigrations needs a pool of at least 2 connections');
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await ds.runMigrations({ transaction: 'all' });
    // A migration that rewrites a table leaves it without a visibility map or statistics, and a
    // rewrite does not count towards autovacuum's thresholds: index-only scans (the reports')
    // would visit the heap for every row until some later vacuum. VACUUM cannot run in the
    // migration's transaction, so it runs here, after the commit, still under the lock.
    const tables = new Set(applied.flatMap((m) => (m.instance as VacuumAfter | undefined)?.vacuumAfter ?? []));
    for (const table of tables) await runner.query(`VACUUM (ANALYZE) "${table.replace(/"/g, '""')}"`);
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
