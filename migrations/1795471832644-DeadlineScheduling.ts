import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeadlineScheduling1795471832644 implements MigrationInterface {
  name = 'DeadlineScheduling1795471832644';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "deadline_effects" ("deadline_id" uuid NOT NULL, "stage" character varying(16) NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "fired_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "via" character varying(8) NOT NULL, CONSTRAINT "PK_3f959ef4a7991f3c72296db4146" PRIMARY KEY ("deadline_id", "stage", "due_at"))`);
    await queryRunner.query(`ALTER TABLE "deadlines" ADD "reminders" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "deadlines" ADD "next_action_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "deadlines" ADD "job_epoch" character varying(40)`);
    // Rows started before scheduling existed: the sweep will act at their due time.
    await queryRunner.query(`UPDATE "deadlines" SET "next_action_at" = "due_at" WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX "deadlines_next_action" ON "deadlines"  ("next_action_at") WHERE status = 'pending'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."deadlines_next_action"`);
    await queryRunner.query(`ALTER TABLE "deadlines" DROP COLUMN "job_epoch"`);
    await queryRunner.query(`ALTER TABLE "deadlines" DROP COLUMN "next_action_at"`);
    await queryRunner.query(`ALTER TABLE "deadlines" DROP COLUMN "reminders"`);
    await queryRunner.query(`DROP TABLE "deadline_effects"`);
  }
}
