import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookDelivery1795477128048 implements MigrationInterface {
  name = 'WebhookDelivery1795477128048';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "webhook_endpoints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "url" character varying(2048) NOT NULL, "active" boolean NOT NULL DEFAULT true, "secret_enc" text NOT NULL, "secret_created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "previous_secret_enc" text, "previous_secret_expires_at" TIMESTAMP(3) WITH TIME ZONE, "lease_until" TIMESTAMP(3) WITH TIME ZONE, "lease_token" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "webhook_endpoints_partner_unique" ON "webhook_endpoints"  ("partner_id") `);
    await queryRunner.query(`CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "event_type" character varying(64) NOT NULL, "attempt" integer NOT NULL, "attempted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "url" character varying(2048) NOT NULL, "http_status" integer, "duration_ms" integer NOT NULL, "succeeded" boolean NOT NULL, "error" character varying(500), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_8faf6e9771499ce3df961f644b" ON "webhook_deliveries"  ("event_id", "attempt") `);
    await queryRunner.query(`CREATE INDEX "IDX_506e1f8a33a340e95038eb5332" ON "webhook_deliveries"  ("partner_id", "attempted_at") `);
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "seq" BIGSERIAL NOT NULL`);
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "attempts" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "last_attempt_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "last_error" character varying(500)`);
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "delivered_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "target_url" character varying(2048)`);
    // Events emitted before delivery existed are due at once (the worker sends them in order).
    await queryRunner.query(`UPDATE "outbox_events" SET "next_attempt_at" = "occurred_at" WHERE "status" = 'pending'`);
    await queryRunner.query(`CREATE INDEX "outbox_events_pending_head" ON "outbox_events"  ("partner_id", "occurred_at", "seq") WHERE status = 'pending'`);
    await queryRunner.query(`ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "FK_f2823735ce11d8f17fda04b24af" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f" FOREIGN KEY ("event_id") REFERENCES "outbox_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f"`);
    await queryRunner.query(`ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "FK_f2823735ce11d8f17fda04b24af"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_events_pending_head"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "target_url"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "delivered_at"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "last_error"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "last_attempt_at"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "next_attempt_at"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "attempts"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "seq"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_506e1f8a33a340e95038eb5332"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8faf6e9771499ce3df961f644b"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_endpoints_partner_unique"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
  }
}
