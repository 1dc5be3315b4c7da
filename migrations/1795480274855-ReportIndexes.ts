import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the reports (issue 8), written by hand: they are declared on the entities with
 * synchronize: false (src/reports/report-indexes.ts), so the drift check leaves them alone.
 *
 * - cases (registered_at, id): the period's cases for a county or street report (a range scan that
 *   reads the period's part of the table, not the whole of it), and keyset paging newest-first
 *   over a whole county (case list and export) without sorting every case in scope;
 * - cases (org_unit_id) WHERE overdue: the open overdue cases now;
 * - deadlines (org_unit_id, closed_at) of closed (met or missed) case clocks, covering kind,
 *   status and due_at: on-time rates per period from the index alone, one range per unit;
 * - follow_up_visits (org_unit_id, visited_at) of visits made, covering the rating and relapse.
 *
 * Plain CREATE INDEX (migrations run in one transaction, where CONCURRENTLY is not allowed): on a
 * large existing table build them by hand with CREATE INDEX CONCURRENTLY first; IF NOT EXISTS then
 * makes this migration a no-op.
 */
export class ReportIndexes1795480274855 implements MigrationInterface {
  name = 'ReportIndexes1795480274855';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "cases_registered_at_idx" ON "cases" ("registered_at", "id")`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "cases_overdue_idx" ON "cases" ("org_unit_id") WHERE overdue`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "deadlines_closed_idx" ON "deadlines" ("org_unit_id", "closed_at") INCLUDE ("kind", "status", "due_at") WHERE case_id IS NOT NULL AND status IN ('met', 'missed')`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "follow_up_visits_done_idx" ON "follow_up_visits" ("org_unit_id", "visited_at") INCLUDE ("satisfaction", "relapse") WHERE status = 'done'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "public"."follow_up_visits_done_idx"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "public"."deadlines_closed_idx"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "public"."cases_overdue_idx"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "public"."cases_registered_at_idx"`);
  }
}
