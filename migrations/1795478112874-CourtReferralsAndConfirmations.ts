import { MigrationInterface, QueryRunner } from 'typeorm';

export class CourtReferralsAndConfirmations1795478112874 implements MigrationInterface {
  name = 'CourtReferralsAndConfirmations1795478112874';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "court_referrals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "kind" character varying(10) NOT NULL, "procedure" character varying(10), "court_case_number" character varying(64) NOT NULL, "deadline_kind" character varying(40) NOT NULL, "judge_name" character varying(50), "claims" text NOT NULL, "materials" jsonb NOT NULL, "callback_url" character varying(500), "status" character varying(20) NOT NULL, "materials_signed_at" TIMESTAMP(3) WITH TIME ZONE, "materials_signed_by_id" uuid, "materials_signed_by" character varying(50), "deadline_id" uuid, "result" jsonb, "materials_returned_at" TIMESTAMP(3) WITH TIME ZONE, "materials_returned" jsonb, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "court_referrals_status_check" CHECK (status IN ('awaiting_materials', 'mediating', 'agreement', 'failed', 'materials_returned')), CONSTRAINT "court_referrals_procedure_check" CHECK ((kind = 'entrusted') = (procedure IS NOT NULL)), CONSTRAINT "court_referrals_kind_check" CHECK (kind IN ('delegated', 'entrusted')), CONSTRAINT "PK_963b2521f9461199a0ca6cf3cb3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_5f2e587446e82129e01dbbe966" ON "court_referrals"  ("case_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_0e3805a41049994b5441b9569f" ON "court_referrals"  ("partner_id", "court_case_number") `);
    await queryRunner.query(`CREATE INDEX "IDX_68a7a85fd824767033aa40bd1c" ON "court_referrals"  ("partner_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "court_filings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "reason" character varying(20) NOT NULL, "package" jsonb NOT NULL, "status" character varying(12) NOT NULL, "sent_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "sent_by_id" uuid NOT NULL, "received_at" TIMESTAMP(3) WITH TIME ZONE, "court_case_number" character varying(64), "registered_on" date, "returned_at" TIMESTAMP(3) WITH TIME ZONE, "return_reason" text, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "court_filings_status_check" CHECK (status IN ('sent', 'received', 'registered', 'returned')), CONSTRAINT "court_filings_reason_check" CHECK (reason IN ('mediation_failed', 'agreement_breached')), CONSTRAINT "PK_0b15db64d108faf45938152ad0b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_63b89e80ca3502c3a874e2a7a4" ON "court_filings"  ("partner_id", "sent_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "court_filings_one_open_idx" ON "court_filings"  ("case_id") WHERE status <> 'returned'`);
    await queryRunner.query(`CREATE TABLE "judicial_confirmations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "agreement_id" uuid NOT NULL, "partner_id" uuid, "court_name" character varying(100) NOT NULL, "applied_on" date NOT NULL, "applicants" jsonb NOT NULL, "status" character varying(10) NOT NULL, "filed_on" date, "court_case_number" character varying(64), "ruling_number" character varying(64), "ruled_on" date, "ruling_reasons" text, "roads" jsonb, "recorded_by_id" uuid NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "judicial_confirmations_status_check" CHECK (status IN ('applied', 'accepted', 'confirmed', 'rejected')), CONSTRAINT "PK_9a28ef937a1282ecdabb154de56" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_e1e5a0ce1af9a038efa66efa1a" ON "judicial_confirmations"  ("case_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_361c7aadae8d1fb251ce0f6aec" ON "judicial_confirmations"  ("partner_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "judicial_confirmations_one_open_idx" ON "judicial_confirmations"  ("agreement_id") WHERE status <> 'rejected'`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "mediation_clock" character varying(40)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "mediation_clock"`);
    await queryRunner.query(`DROP INDEX "public"."judicial_confirmations_one_open_idx"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_361c7aadae8d1fb251ce0f6aec"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e1e5a0ce1af9a038efa66efa1a"`);
    await queryRunner.query(`DROP TABLE "judicial_confirmations"`);
    await queryRunner.query(`DROP INDEX "public"."court_filings_one_open_idx"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_63b89e80ca3502c3a874e2a7a4"`);
    await queryRunner.query(`DROP TABLE "court_filings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_68a7a85fd824767033aa40bd1c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0e3805a41049994b5441b9569f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5f2e587446e82129e01dbbe966"`);
    await queryRunner.query(`DROP TABLE "court_referrals"`);
  }
}
