import { MigrationInterface, QueryRunner } from 'typeorm';

export class MediatorsAndConsent1795473713455 implements MigrationInterface {
  name = 'MediatorsAndConsent1795473713455';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "mediator_profiles" ("staff_user_id" uuid NOT NULL, "specialties" character varying(10) array NOT NULL DEFAULT '{}', "max_open_cases" integer NOT NULL DEFAULT '30', "accepting" boolean NOT NULL DEFAULT true, "last_assigned_at" TIMESTAMP(3) WITH TIME ZONE, "version" integer NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b421a0254e5f3cda78554ac8782" PRIMARY KEY ("staff_user_id"))`);
    await queryRunner.query(`CREATE TABLE "case_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "mediator_id" uuid NOT NULL, "role" character varying(4) NOT NULL, "how" character varying(16) NOT NULL, "reason" text, "assigned_by_id" uuid NOT NULL, "assigned_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP(3) WITH TIME ZONE, "end_reason" text, CONSTRAINT "case_assignments_role_check" CHECK (role IN ('lead', 'co')), CONSTRAINT "PK_87ea587a5ab124bd964c8db5ff7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "case_assignments_current" ON "case_assignments"  ("mediator_id") WHERE ended_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_c7f4a7e67e414e6a61a89fcd30" ON "case_assignments"  ("case_id", "assigned_at") `);
    await queryRunner.query(`CREATE TABLE "case_consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "party_id" uuid NOT NULL, "decision" character varying(8) NOT NULL, "method" character varying(8) NOT NULL, "note" text, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "case_consents_decision_check" CHECK (decision IN ('agree', 'refuse')), CONSTRAINT "PK_f76061198c833571b1435d76c83" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_29fc1f2839bb7c69f08052d5e0" ON "case_consents"  ("case_id", "party_id", "recorded_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_29fc1f2839bb7c69f08052d5e0"`);
    await queryRunner.query(`DROP TABLE "case_consents"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c7f4a7e67e414e6a61a89fcd30"`);
    await queryRunner.query(`DROP INDEX "public"."case_assignments_current"`);
    await queryRunner.query(`DROP TABLE "case_assignments"`);
    await queryRunner.query(`DROP TABLE "mediator_profiles"`);
  }
}
