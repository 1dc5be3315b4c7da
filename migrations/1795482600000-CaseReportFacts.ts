import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The yearly county report at a million cases (issue 8): what the report needs of a case in
 * plain columns and one covering index, so a year of a county is read from the index alone.
 *
 * The mediation outcome and the instant it concluded live in the `decision` jsonb, which every
 * report query had to fetch from the heap (a third of a 10 GB table for a county's year) and
 * parse per row. Two columns now carry them, kept by a trigger from `decision` on every insert
 * and every update that sets it: the trigger, not the application, so no code path (the
 * outcomes service, a merge, an import, the bulk seeder's COPY) can leave them behind the jsonb
 * they copy.
 *
 * cases_registered_at_idx keeps its key (registered_at, id), which the case list and the export
 * page by, and now includes every column the report reads.
 *
 * cases_open_overdue_idx holds the open cases marked overdue (the report's "overdue now"): 15,000
 * entries at a million cases, where cases_overdue_idx has every case ever marked overdue (112,000)
 * and counting the open ones from it meant fetching each to read its status. Its status list is
 * OPEN_STATUSES (src/cases/case-status.ts) as of this migration; if that list changes, the
 * report's count stays right but stops using the index until a migration recreates it.
 *
 * The backfill rewrites the table (see below); on a large table run it in a quiet hour (the
 * figure at a million cases is in bench/README.md).
 */
export class CaseReportFacts1795482600000 implements MigrationInterface {
  name = 'CaseReportFacts1795482600000';
  /** Rewritten: runMigrations vacuums it after the commit, so the new index is index-only at once. */
  readonly vacuumAfter = ['cases'];

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "cases_registered_at_idx"`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "mediation_outcome" character varying(32), ADD "concluded_at" TIMESTAMP(3) WITH TIME ZONE`);
    // The backfill as a table rewrite: ALTER COLUMN … TYPE … USING computes the copies row by row
    // into a new heap and then builds every index in bulk. An UPDATE of the same rows would
    // insert a new version of each into every index one at a time (the bigram GIN index above
    // all) and leave the old versions for VACUUM: several times slower at a million cases.
    // Either way the table is locked while it runs.
    await queryRunner.query(`
      ALTER TABLE "cases"
        ALTER COLUMN "mediation_outcome" TYPE character varying(32) USING decision #>> '{mediation,outcome}',
        ALTER COLUMN "concluded_at" TYPE TIMESTAMP(3) WITH TIME ZONE USING COALESCE(decision #>> '{mediation,decidedAt}', decision #>> '{mediation,effectiveAt}')::timestamptz`);
    // Failure, withdrawal and refusal record decidedAt; an agreement concludes when it takes effect.
    await queryRunner.query(`
      CREATE FUNCTION tj_case_report_facts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.mediation_outcome := NEW.decision #>> '{mediation,outcome}';
        NEW.concluded_at := COALESCE(NEW.decision #>> '{mediation,decidedAt}', NEW.decision #>> '{mediation,effectiveAt}')::timestamptz;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER cases_report_facts BEFORE INSERT OR UPDATE OF decision ON "cases" FOR EACH ROW EXECUTE FUNCTION tj_case_report_facts()`);
    await queryRunner.query(`CREATE INDEX "cases_registered_at_idx" ON "cases" ("registered_at", "id") INCLUDE ("org_unit_id", "category", "channel", "track", "status", "risk_level", "mediation_outcome", "concluded_at")`);
    await queryRunner.query(`CREATE INDEX "cases_open_overdue_idx" ON "cases" ("org_unit_id", "id") WHERE overdue AND status IN ('registered', 'accepted', 'in_mediation', 'suspended', 'agreement', 'performing', 'failed')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "cases_open_overdue_idx"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "cases_registered_at_idx"`);
    await queryRunner.query(`CREATE INDEX "cases_registered_at_idx" ON "cases" ("registered_at", "id")`);
    await queryRunner.query(`DROP TRIGGER cases_report_facts ON "cases"`);
    await queryRunner.query(`DROP FUNCTION tj_case_report_facts()`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "concluded_at"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "mediation_outcome"`);
  }
}
