import { MigrationInterface, QueryRunner } from 'typeorm';

export class PoliceLinkage1795479156847 implements MigrationInterface {
  name = 'PoliceLinkage1795479156847';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "red_alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "reasons" jsonb NOT NULL, "raised_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "raised_by" character varying(60) NOT NULL, "acknowledged_at" TIMESTAMP(3) WITH TIME ZONE, "acknowledged_by" character varying(50), "action" text, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6c94272f9dc9758b0eb10b7a490" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_ed43e88c4c3449ae89598f07e0" ON "red_alerts"  ("case_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_1f6e2d1e712940d7addf9087ef" ON "red_alerts"  ("partner_id", "raised_at") `);
    await queryRunner.query(`CREATE TABLE "police_transfers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "incident_number" character varying(64) NOT NULL, "kind" character varying(16) NOT NULL, "incident_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "place_enc" text, "place_masked" character varying(200), "officer_name" character varying(50), "handling" text NOT NULL, "feedback" jsonb NOT NULL DEFAULT '{}', "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "police_transfers_kind_check" CHECK (kind IN ('dispute', 'public_order')), CONSTRAINT "PK_4740b56567684d71ae2162fe837" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_1f3574d3cd5689d153b3cfb51b" ON "police_transfers"  ("case_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_082920ac80c4d336553041a994" ON "police_transfers"  ("partner_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9f7a50e4e79a65af608c870966" ON "police_transfers"  ("partner_id", "incident_number") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_9f7a50e4e79a65af608c870966"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_082920ac80c4d336553041a994"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1f3574d3cd5689d153b3cfb51b"`);
    await queryRunner.query(`DROP TABLE "police_transfers"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1f6e2d1e712940d7addf9087ef"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ed43e88c4c3449ae89598f07e0"`);
    await queryRunner.query(`DROP TABLE "red_alerts"`);
  }
}
