import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795464978915 implements MigrationInterface {
  name = 'Foundation1795464978915';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "org_units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(12) NOT NULL, "name" character varying(100) NOT NULL, "level" character varying(10) NOT NULL, "kind" character varying(12) NOT NULL, "parent_id" uuid, "path" text NOT NULL, "center_name" character varying(100), "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_5382611e999b45b0e98a7859c71" UNIQUE ("code"), CONSTRAINT "org_units_code_check" CHECK (code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'), CONSTRAINT "org_units_kind_check" CHECK (kind IN ('district', 'county', 'town', 'street', 'village', 'community')), CONSTRAINT "org_units_level_check" CHECK (level IN ('county', 'town', 'village')), CONSTRAINT "PK_b4a19b7f3756560cd75643be5a7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_93e336d1c079edb2cecd9c8f59" ON "org_units"  ("parent_id") `);
    await queryRunner.query(`CREATE TABLE "partners" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "kind" character varying(20) NOT NULL, "org_unit_id" uuid NOT NULL, "external_code" character varying(64), "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "partners_kind_check" CHECK (kind IN ('court', 'police', 'petition_bureau', 'hotline', 'grid')), CONSTRAINT "PK_998645b20820e4ab99aeae03b41" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_55b34d0c26fa53f7fe7a2b5290" ON "partners"  ("org_unit_id") `);
    await queryRunner.query(`CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "label" character varying(100) NOT NULL, "prefix" character varying(16) NOT NULL, "secret_hash" character varying(64) NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_by_id" uuid, CONSTRAINT "UQ_6f6105c8efe05b310d046cbdb3d" UNIQUE ("prefix"), CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_cb1d0a418c5606b7405d98e6cb" ON "api_keys"  ("partner_id") `);
    await queryRunner.query(`CREATE TABLE "staff_users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "display_name" character varying(50) NOT NULL, "password_hash" text NOT NULL, "roles" character varying array NOT NULL, "org_unit_id" uuid NOT NULL, "active" boolean NOT NULL DEFAULT true, "token_version" integer NOT NULL DEFAULT '0', "last_sign_in_at" TIMESTAMP(3) WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_975b4ddfa7b30b64ac26cefbad0" UNIQUE ("username"), CONSTRAINT "staff_users_roles_check" CHECK (roles <@ ARRAY['admin','director','intake_clerk','mediator','petition_officer','leader','grid_worker','auditor']::varchar[] AND cardinality(roles) > 0), CONSTRAINT "PK_c6b167335377df69f7910c2c75e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_4bf2e188746373767c001d7a68" ON "staff_users"  ("org_unit_id") `);
    await queryRunner.query(`CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "actor_type" character varying(10) NOT NULL, "actor_id" uuid, "actor_name" character varying(100) NOT NULL, "action" character varying(64) NOT NULL, "subject_type" character varying(32) NOT NULL, "subject_id" uuid, "org_unit_id" uuid, "before" jsonb, "after" jsonb, "request_id" character varying(128), CONSTRAINT "audit_events_actor_type_check" CHECK (actor_type IN ('staff', 'partner', 'system')), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_ca562b74b181d6c88cd6aeb1db" ON "audit_events"  ("org_unit_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_4e139cc590fd5127ecc451472e" ON "audit_events"  ("occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_463cf6bce2b93c9b4968281c7a" ON "audit_events"  ("actor_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_3d2d3b54e5ca2c4d1be947c3af" ON "audit_events"  ("subject_type", "subject_id", "occurred_at") `);
    await queryRunner.query(`CREATE TABLE "system_settings" ("key" character varying(64) NOT NULL, "value" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b1b5bc664526d375c94ce9ad43d" PRIMARY KEY ("key"))`);
    await queryRunner.query(`ALTER TABLE "org_units" ADD CONSTRAINT "FK_93e336d1c079edb2cecd9c8f599" FOREIGN KEY ("parent_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "partners" ADD CONSTRAINT "FK_55b34d0c26fa53f7fe7a2b5290f" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "api_keys" ADD CONSTRAINT "FK_cb1d0a418c5606b7405d98e6cb0" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "staff_users" ADD CONSTRAINT "FK_4bf2e188746373767c001d7a68c" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Written by hand (entities cannot express these):
    // subtree scoping is `path LIKE '/root/town/%'`; text_pattern_ops lets that prefix match use
    // the index whatever the database collation is.
    await queryRunner.query(`CREATE INDEX "org_units_path_prefix_idx" ON "org_units" ("path" text_pattern_ops)`);
    // The audit trail is evidence: once written, no role of the application may change it.
    await queryRunner.query(`CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_events_append_only ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION audit_events_append_only()`);
    await queryRunner.query(`DROP INDEX "org_units_path_prefix_idx"`);
    await queryRunner.query(`ALTER TABLE "staff_users" DROP CONSTRAINT "FK_4bf2e188746373767c001d7a68c"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "FK_cb1d0a418c5606b7405d98e6cb0"`);
    await queryRunner.query(`ALTER TABLE "partners" DROP CONSTRAINT "FK_55b34d0c26fa53f7fe7a2b5290f"`);
    await queryRunner.query(`ALTER TABLE "org_units" DROP CONSTRAINT "FK_93e336d1c079edb2cecd9c8f599"`);
    await queryRunner.query(`DROP TABLE "system_settings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3d2d3b54e5ca2c4d1be947c3af"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_463cf6bce2b93c9b4968281c7a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4e139cc590fd5127ecc451472e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ca562b74b181d6c88cd6aeb1db"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4bf2e188746373767c001d7a68"`);
    await queryRunner.query(`DROP TABLE "staff_users"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cb1d0a418c5606b7405d98e6cb"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_55b34d0c26fa53f7fe7a2b5290"`);
    await queryRunner.query(`DROP TABLE "partners"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_93e336d1c079edb2cecd9c8f59"`);
    await queryRunner.query(`DROP TABLE "org_units"`);
  }
}
