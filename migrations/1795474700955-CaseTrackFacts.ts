import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseTrackFacts1795474700955 implements MigrationInterface {
  name = 'CaseTrackFacts1795474700955';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" ADD "track_facts" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "track_facts"`);
  }
}
