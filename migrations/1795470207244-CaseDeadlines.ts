import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseDeadlines1795470207244 implements MigrationInterface {
  name = 'CaseDeadlines1795470207244';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "deadlines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "org_unit_id" uuid NOT NULL, "kind" character varying(64) NOT NULL, "label" character varying(100) NOT NULL, "statutory" boolean NOT NULL, "legal_basis" jsonb NOT NULL, "start_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "unit" character varying(16) NOT NULL, "duration" integer NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "computation" jsonb NOT NULL, "status" character varying(10) NOT NULL, "paused_clock" jsonb, "pauses" jsonb NOT NULL DEFAULT '[]', "extensions" jsonb NOT NULL DEFAULT '[]', "closed_at" TIMESTAMP(3) WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "deadlines_status_check" CHECK (status IN ('pending', 'paused', 'met', 'missed', 'cancelled')), CONSTRAINT "PK_a9b8551c028a78298641a8e3470" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_e14a72431c2b5de785e6f2ea23" ON "deadlines"  ("case_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_a98554b64239ab4112219d6be7" ON "deadlines"  ("org_unit_id", "status", "due_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_8681f5eebabdf7f4761ff28998" ON "deadlines"  ("status", "due_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_8681f5eebabdf7f4761ff28998"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a98554b64239ab4112219d6be7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e14a72431c2b5de785e6f2ea23"`);
    await queryRunner.query(`DROP TABLE "deadlines"`);
  }
}
