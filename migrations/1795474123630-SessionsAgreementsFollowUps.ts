import { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionsAgreementsFollowUps1795474123630 implements MigrationInterface {
  name = 'SessionsAgreementsFollowUps1795474123630';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_92be92313f09987bc6ad70ab41"`);
    await queryRunner.query(`CREATE TABLE "mediation_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "org_unit_id" uuid NOT NULL, "scheduled_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "duration_minutes" integer NOT NULL DEFAULT '60', "method" character varying(10) NOT NULL, "place" character varying(200), "participants" jsonb NOT NULL DEFAULT '[]', "status" character varying(10) NOT NULL, "minutes" text, "result" character varying(16), "missed_reason" text, "created_by_id" uuid NOT NULL, "recorded_by_id" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "mediation_sessions_method_check" CHECK (method IN ('in_person', 'video', 'phone')), CONSTRAINT "mediation_sessions_status_check" CHECK (status IN ('scheduled', 'held', 'missed', 'cancelled')), CONSTRAINT "PK_ce9ebea65a0c9443fab7ce7ac61" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_12e3c43595cdd890aab9ebe548" ON "mediation_sessions"  ("scheduled_at") WHERE status = 'scheduled'`);
    await queryRunner.query(`CREATE INDEX "IDX_5da1e1a3202a81399e901af41a" ON "mediation_sessions"  ("case_id", "scheduled_at") `);
    await queryRunner.query(`CREATE TABLE "agreements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "text" text NOT NULL, "signatures" jsonb NOT NULL, "effective_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "confirmable" boolean NOT NULL, "recorded_by_id" uuid NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_01532f6c999d44c776e3d1fa4c8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_0d1b871b53d9fe6ef587591a4f" ON "agreements"  ("case_id") `);
    await queryRunner.query(`CREATE TABLE "obligations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agreement_id" uuid NOT NULL, "case_id" uuid NOT NULL, "debtor_party_id" uuid NOT NULL, "creditor_party_id" uuid, "kind" character varying(32) NOT NULL, "description" character varying(500) NOT NULL, "amount_fen" bigint, "due_date" date NOT NULL, "status" character varying(10) NOT NULL, "settled_at" TIMESTAMP(3) WITH TIME ZONE, "note" text, "roads" jsonb, "version" integer NOT NULL, CONSTRAINT "obligations_status_check" CHECK (status IN ('pending', 'performed', 'breached')), CONSTRAINT "PK_6e661b1b461253d2bf5d57e518d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_530fd68ec825cdd49c065af18f" ON "obligations"  ("due_date") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX "IDX_9155867a77ad50c5df5cc87167" ON "obligations"  ("case_id") `);
    await queryRunner.query(`CREATE TABLE "follow_up_visits" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "org_unit_id" uuid NOT NULL, "after_days" integer NOT NULL, "due_on" date NOT NULL, "status" character varying(10) NOT NULL, "method" character varying(10), "party_id" uuid, "visited_at" TIMESTAMP(3) WITH TIME ZONE, "visited_by_id" uuid, "satisfaction" smallint, "relapse" boolean, "notes" text, "action" character varying(16), "version" integer NOT NULL, CONSTRAINT "follow_up_visits_satisfaction_check" CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5), CONSTRAINT "follow_up_visits_status_check" CHECK (status IN ('scheduled', 'done', 'missed')), CONSTRAINT "PK_e908bf6d01f19c23ac1e467deb1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_fac2a0acab5dc379f26509ff27" ON "follow_up_visits"  ("due_on") WHERE status = 'scheduled'`);
    await queryRunner.query(`CREATE INDEX "IDX_e3d2942e8d01dc8e0a472c358d" ON "follow_up_visits"  ("case_id", "due_on") `);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "visible_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now()`);
    // Messages written before this column existed showed when they were created.
    await queryRunner.query(`UPDATE "notifications" SET "visible_at" = "created_at"`);
    await queryRunner.query(`ALTER TABLE "sms_messages" ADD "not_before" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "IDX_10950318083d6f38940abc3737" ON "notifications"  ("recipient_id", "visible_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_10950318083d6f38940abc3737"`);
    await queryRunner.query(`ALTER TABLE "sms_messages" DROP COLUMN "not_before"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "visible_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e3d2942e8d01dc8e0a472c358d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fac2a0acab5dc379f26509ff27"`);
    await queryRunner.query(`DROP TABLE "follow_up_visits"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9155867a77ad50c5df5cc87167"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_530fd68ec825cdd49c065af18f"`);
    await queryRunner.query(`DROP TABLE "obligations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0d1b871b53d9fe6ef587591a4f"`);
    await queryRunner.query(`DROP TABLE "agreements"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5da1e1a3202a81399e901af41a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_12e3c43595cdd890aab9ebe548"`);
    await queryRunner.query(`DROP TABLE "mediation_sessions"`);
    await queryRunner.query(`CREATE INDEX "IDX_92be92313f09987bc6ad70ab41" ON "notifications" USING btree ("recipient_id", "created_at") `);
  }
}
