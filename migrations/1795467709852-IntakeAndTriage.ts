import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeAndTriage1795467709852 implements MigrationInterface {
  name = 'IntakeAndTriage1795467709852';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "case_parties" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "position" smallint NOT NULL, "role" character varying(12) NOT NULL, "kind" character varying(12) NOT NULL, "name" character varying(100) NOT NULL, "id_type" character varying(16), "id_number_enc" text, "id_number_index" character varying(64), "id_number_masked" character varying(40), "id_warning" character varying(20), "mobile_enc" text, "mobile_index" character varying(64), "mobile_masked" character varying(16), "address_enc" text, "address_masked" character varying(120), "vulnerable" character varying array NOT NULL DEFAULT '{}', CONSTRAINT "case_parties_kind_check" CHECK (kind IN ('person', 'organisation')), CONSTRAINT "case_parties_role_check" CHECK (role IN ('applicant', 'respondent', 'third_party', 'agent')), CONSTRAINT "PK_06bc2ff7e3027f10692a04bd22b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_1d74697ed0b9ad0fccd160d273" ON "case_parties"  ("case_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_b9c79f98cd8c0c1bb95157c085" ON "case_parties"  ("id_number_index") `);
    await queryRunner.query(`CREATE INDEX "IDX_91ad7a7fe9cae94371845ef679" ON "case_parties"  ("mobile_index") `);
    await queryRunner.query(`CREATE TABLE "cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" character varying(40) NOT NULL, "org_unit_id" uuid NOT NULL, "channel" character varying(12) NOT NULL, "external_ref" character varying(64), "source_partner_id" uuid, "title" character varying(200) NOT NULL, "description" text NOT NULL, "category" character varying(32), "subcategory" character varying(32), "track" character varying(10), "amount_fen" bigint, "party_count" integer NOT NULL, "risk_level" character varying(6) NOT NULL, "risk_reasons" jsonb NOT NULL DEFAULT '[]', "suggestion" jsonb, "status" character varying(16) NOT NULL, "decision" jsonb, "merged_into_id" uuid, "assignee_id" uuid, "overdue" boolean NOT NULL DEFAULT false, "prior_visits" integer NOT NULL DEFAULT '0', "search_text" text NOT NULL, "registered_by_id" uuid, "registered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_ae60d858083bc354a00442863bd" UNIQUE ("number"), CONSTRAINT "cases_amount_check" CHECK (amount_fen IS NULL OR amount_fen >= 0), CONSTRAINT "cases_status_check" CHECK (status IN ('registered', 'accepted', 'in_mediation', 'suspended', 'agreement', 'performing', 'failed', 'withdrawn', 'referred_out', 'rejected', 'merged', 'closed')), CONSTRAINT "cases_risk_check" CHECK (risk_level IN ('red', 'orange', 'yellow', 'blue')), CONSTRAINT "cases_channel_check" CHECK (channel IN ('walk_in', 'phone', 'online', 'grid', 'hotline', 'police', 'court', 'petition')), CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_736b3ae488b723830b2f8dd6b9" ON "cases"  ("source_partner_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_3a9b767e1dcc8be72a72239092" ON "cases"  ("risk_level") `);
    await queryRunner.query(`CREATE INDEX "IDX_1e03d7426e634bc22f7241ebfb" ON "cases"  ("assignee_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_a63308e88a2afe6175a525a89d" ON "cases"  ("org_unit_id", "status", "registered_at") `);
    await queryRunner.query(`CREATE TABLE "case_number_sequences" ("unit_code" character varying(12) NOT NULL, "year" integer NOT NULL, "last_value" integer NOT NULL, CONSTRAINT "PK_079b814e8f7bfc9d67badbe814e" PRIMARY KEY ("unit_code", "year"))`);
    await queryRunner.query(`CREATE TABLE "idempotency_keys" ("owner" character varying(80) NOT NULL, "key" character varying(128) NOT NULL, "route" character varying(200) NOT NULL, "request_hash" character varying(64) NOT NULL, "response_status" integer, "response_body" jsonb, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f796aec32cfd80b443f883257a6" PRIMARY KEY ("owner", "key"))`);
    await queryRunner.query(`CREATE INDEX "IDX_e5fc0731b6752a8e9194fa265e" ON "idempotency_keys"  ("expires_at") `);
    await queryRunner.query(`CREATE TABLE "triage_rule_sets" ("version" integer NOT NULL, "rules" jsonb NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_38b6f8d6c9185e0f4f4aa47167e" PRIMARY KEY ("version"))`);
    await queryRunner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "kind" character varying(48) NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "subject_type" character varying(32), "subject_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_92be92313f09987bc6ad70ab41" ON "notifications"  ("recipient_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "case_parties" ADD CONSTRAINT "FK_1d74697ed0b9ad0fccd160d273a" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_3e3ff5988f54c8e578b0575e81f" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Written by hand: Chinese text search. Most Chinese queries are two characters (工资, 离婚,
    // 物业), which a trigram index cannot narrow, so the searchable text is indexed by its set of
    // character bigrams; `tj_bigrams(search_text) @> tj_bigrams(query)` uses the GIN index and a
    // LIKE afterwards keeps only contiguous matches. cases.service.ts bigrams() mirrors it.
    await queryRunner.query(`CREATE FUNCTION tj_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT coalesce(array_agg(DISTINCT substr(s, i, 2)), '{}'::text[])
        FROM (SELECT lower(regexp_replace(t, '\\s+', '', 'g')) AS s) x,
             generate_series(1, char_length(s) - 1) AS i
    $$`);
    await queryRunner.query(`CREATE INDEX "cases_search_bigrams_idx" ON "cases" USING gin (tj_bigrams(search_text))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "cases_search_bigrams_idx"`);
    await queryRunner.query(`DROP FUNCTION tj_bigrams(text)`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_3e3ff5988f54c8e578b0575e81f"`);
    await queryRunner.query(`ALTER TABLE "case_parties" DROP CONSTRAINT "FK_1d74697ed0b9ad0fccd160d273a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_92be92313f09987bc6ad70ab41"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP TABLE "triage_rule_sets"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e5fc0731b6752a8e9194fa265e"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP TABLE "case_number_sequences"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a63308e88a2afe6175a525a89d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1e03d7426e634bc22f7241ebfb"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3a9b767e1dcc8be72a72239092"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_736b3ae488b723830b2f8dd6b9"`);
    await queryRunner.query(`DROP TABLE "cases"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_91ad7a7fe9cae94371845ef679"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b9c79f98cd8c0c1bb95157c085"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1d74697ed0b9ad0fccd160d273"`);
    await queryRunner.query(`DROP TABLE "case_parties"`);
  }
}
