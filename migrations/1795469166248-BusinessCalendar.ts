import { MigrationInterface, QueryRunner } from 'typeorm';

export class BusinessCalendar1795469166248 implements MigrationInterface {
  name = 'BusinessCalendar1795469166248';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "calendar_years" ("year" integer NOT NULL, "source" character varying(200) NOT NULL, "loaded_by_id" uuid, "loaded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1fed249d26e56ff06bb6dffd8d6" PRIMARY KEY ("year"))`);
    await queryRunner.query(`CREATE TABLE "calendar_days" ("date" date NOT NULL, "kind" character varying(16) NOT NULL, "name" character varying(40) NOT NULL, CONSTRAINT "calendar_days_kind_check" CHECK (kind IN ('holiday', 'makeup_workday')), CONSTRAINT "PK_1c04d56e8833eb6827f104f17e0" PRIMARY KEY ("date"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calendar_days"`);
    await queryRunner.query(`DROP TABLE "calendar_years"`);
  }
}
