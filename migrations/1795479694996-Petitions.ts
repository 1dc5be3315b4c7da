import { MigrationInterface, QueryRunner } from 'typeorm';

export class Petitions1795479694996 implements MigrationInterface {
  name = 'Petitions1795479694996';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "petitioners" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "petition_id" uuid NOT NULL, "position" smallint NOT NULL, "name" character varying(100) NOT NULL, "id_type" character varying(16), "id_number_enc" text, "id_number_index" character varying(64), "id_number_masked" character varying(40), "id_warning" character varying(20), "mobile_enc" text, "mobile_index" character varying(64), "mobile_masked" character varying(16), "address_enc" text, "address_masked" character varying(120), CONSTRAINT "PK_8d5c11fe022465618890210a3a6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_29b28c22e9571cfc6af6fc4e66" ON "petitioners"  ("petition_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_5a8ab71344533df43835ec4f24" ON "petitioners"  ("id_number_index") `);
    await queryRunner.query(`CREATE INDEX "IDX_c894efd78cd84905e6164f8b11" ON "petitioners"  ("mobile_index") `);
    await queryRunner.query(`CREATE TABLE "petitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" character varying(40) NOT NULL, "org_unit_id" uuid NOT NULL, "form" character varying(8) NOT NULL, "title" character varying(200) NOT NULL, "content" text NOT NULL, "concerned_organ" character varying(100) NOT NULL, "concerned_org_unit_id" uuid, "received_on" date NOT NULL, "group_visit" boolean NOT NULL DEFAULT false, "headcount" integer, "petitioner_count" integer NOT NULL, "category" character varying(12), "status" character varying(16) NOT NULL, "routing" jsonb, "accepted_on" date, "extensions" jsonb NOT NULL DEFAULT '[]', "reply" jsonb, "review" jsonb, "re_review" jsonb, "closure" jsonb, "case_id" uuid, "repeat" boolean NOT NULL DEFAULT false, "repeat_of" jsonb NOT NULL DEFAULT '[]', "repeat_rule" jsonb, "officer_id" uuid, "leader_id" uuid, "leader_assignment" jsonb, "overdue" boolean NOT NULL DEFAULT false, "search_text" text NOT NULL, "registered_by_id" uuid NOT NULL, "registered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_23aab5fd9cada6c49016de68e8f" UNIQUE ("number"), CONSTRAINT "petitions_group_visit_check" CHECK (group_visit = false OR form = 'visit'), CONSTRAINT "petitions_status_check" CHECK (status IN ('received', 'accepted', 'replied', 'under_review', 'reviewed', 'under_re_review', 'final', 'closed', 'transferred', 'diverted', 'declined')), CONSTRAINT "petitions_category_check" CHECK (category IS NULL OR category IN ('suggestion', 'accusation', 'claim')), CONSTRAINT "petitions_form_check" CHECK (form IN ('letter', 'visit', 'online', 'phone')), CONSTRAINT "PK_db291e9a07cb5e6850128379cf1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_3c4f222605728e2fd5bf84910a" ON "petitions"  ("case_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_0b078c379c914af4ffe213e1dc" ON "petitions"  ("officer_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_59721029af084dd60505a7fcda" ON "petitions"  ("leader_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_a703008749451e4acc67ff5756" ON "petitions"  ("org_unit_id", "status", "registered_at") `);
    await queryRunner.query(`CREATE TABLE "petition_number_sequences" ("unit_code" character varying(12) NOT NULL, "year" integer NOT NULL, "last_value" integer NOT NULL, CONSTRAINT "PK_3b0cffebd282c599e8049347de3" PRIMARY KEY ("unit_code", "year"))`);
    await queryRunner.query(`ALTER TABLE "deadlines" ADD "petition_id" uuid`);
    await queryRunner.query(`ALTER TABLE "deadlines" ALTER COLUMN "case_id" DROP NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_001445d807979732131d1e4632" ON "deadlines"  ("petition_id") `);
    await queryRunner.query(`ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_subject_check" CHECK ((case_id IS NULL) <> (petition_id IS NULL))`);
    await queryRunner.query(`ALTER TABLE "petitioners" ADD CONSTRAINT "FK_29b28c22e9571cfc6af6fc4e668" FOREIGN KEY ("petition_id") REFERENCES "petitions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "petitions" ADD CONSTRAINT "FK_8e84810fc21e12d24dc208c1590" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Written by hand, as for cases: Chinese text search over character bigrams (tj_bigrams, IntakeAndTriage).
    await queryRunner.query(`CREATE INDEX "petitions_search_bigrams_idx" ON "petitions" USING gin (tj_bigrams(search_text))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "petitions_search_bigrams_idx"`);
    await queryRunner.query(`ALTER TABLE "petitions" DROP CONSTRAINT "FK_8e84810fc21e12d24dc208c1590"`);
    await queryRunner.query(`ALTER TABLE "petitioners" DROP CONSTRAINT "FK_29b28c22e9571cfc6af6fc4e668"`);
    await queryRunner.query(`ALTER TABLE "deadlines" DROP CONSTRAINT "deadlines_subject_check"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_001445d807979732131d1e4632"`);
    await queryRunner.query(`ALTER TABLE "deadlines" ALTER COLUMN "case_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "deadlines" DROP COLUMN "petition_id"`);
    await queryRunner.query(`DROP TABLE "petition_number_sequences"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a703008749451e4acc67ff5756"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_59721029af084dd60505a7fcda"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0b078c379c914af4ffe213e1dc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3c4f222605728e2fd5bf84910a"`);
    await queryRunner.query(`DROP TABLE "petitions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c894efd78cd84905e6164f8b11"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5a8ab71344533df43835ec4f24"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_29b28c22e9571cfc6af6fc4e66"`);
    await queryRunner.query(`DROP TABLE "petitioners"`);
  }
}
