import { MigrationInterface, QueryRunner } from 'typeorm';

export class PartnerOutbox1795468868123 implements MigrationInterface {
  name = 'PartnerOutbox1795468868123';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "outbox_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_type" character varying(64) NOT NULL, "partner_id" uuid NOT NULL, "subject_type" character varying(32) NOT NULL, "subject_id" uuid, "payload" jsonb NOT NULL, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'pending', CONSTRAINT "outbox_events_status_check" CHECK (status IN ('pending', 'delivered', 'dead')), CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_8efe568bd8bfa11424537277cc" ON "outbox_events"  ("partner_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_75516a48fdbb36fd901417a810" ON "outbox_events"  ("status", "occurred_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_75516a48fdbb36fd901417a810"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8efe568bd8bfa11424537277cc"`);
    await queryRunner.query(`DROP TABLE "outbox_events"`);
  }
}
