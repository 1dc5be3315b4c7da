import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditEventOrder1795468721773 implements MigrationInterface {
  name = 'AuditEventOrder1795468721773';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "seq" BIGSERIAL NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6e299f5706e715265416fefe53" ON "audit_events"  ("seq") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_6e299f5706e715265416fefe53"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "seq"`);
  }
}
