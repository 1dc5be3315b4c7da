import { MigrationInterface, QueryRunner } from 'typeorm';

export class PartyTexts1795473435341 implements MigrationInterface {
  name = 'PartyTexts1795473435341';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "sms_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid, "party_id" uuid, "org_unit_id" uuid, "template" character varying(48) NOT NULL, "text" text NOT NULL, "recipient_enc" text NOT NULL, "recipient_masked" character varying(20) NOT NULL, "status" character varying(10) NOT NULL, "provider" character varying(16), "provider_message_id" character varying(100), "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "queued_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP(3) WITH TIME ZONE, "delivered_at" TIMESTAMP(3) WITH TIME ZONE, "failed_at" TIMESTAMP(3) WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "sms_messages_status_check" CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed')), CONSTRAINT "PK_6d4cfef86e93e3fde23954d11bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_aba39e308acd03306fd46c86ec" ON "sms_messages"  ("provider_message_id") `);
    await queryRunner.query(`CREATE INDEX "sms_messages_pending" ON "sms_messages"  ("queued_at") WHERE status IN ('queued', 'sending')`);
    await queryRunner.query(`CREATE INDEX "IDX_308891d51f46b489e3952b0b15" ON "sms_messages"  ("case_id", "queued_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_308891d51f46b489e3952b0b15"`);
    await queryRunner.query(`DROP INDEX "public"."sms_messages_pending"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_aba39e308acd03306fd46c86ec"`);
    await queryRunner.query(`DROP TABLE "sms_messages"`);
  }
}
