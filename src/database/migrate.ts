import type { DataSource } from 'typeorm';

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
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
