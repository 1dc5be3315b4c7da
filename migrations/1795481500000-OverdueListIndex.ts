import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The overdue list (GET /v1/deadlines?view=overdue), written by hand (issue 8, scale): missed
 * clocks and running ones past their due time, oldest due first, 50 at a time. The existing
 * (status, due_at) index answers the two arms of that OR only as a bitmap, so every missed
 * deadline in scope was fetched and sorted to return the first 50 (about 130,000 rows for a
 * county at a million cases). Walking this partial index in (due_at, id) order stops after the
 * first page; for a small scope (a village) the planner keeps the per-unit index instead.
 *
 * Declared on DeadlineEntity with synchronize: false, so the schema diff neither drops nor
 * recreates it. Plain CREATE INDEX (migrations run in one transaction): on a large existing
 * table, build it first by hand with CREATE INDEX CONCURRENTLY; IF NOT EXISTS then makes this a
 * no-op.
 */
export class OverdueListIndex1795481500000 implements MigrationInterface {
  name = 'OverdueListIndex1795481500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "deadlines_overdue_due_idx" ON "deadlines" ("due_at", "id") WHERE status IN ('missed', 'pending')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "public"."deadlines_overdue_due_idx"`);
  }
}
