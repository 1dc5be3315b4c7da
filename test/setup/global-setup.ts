import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { ensureDatabase, withDatabase } from '../../src/database/database-admin';
import { runMigrations } from '../../src/database/migrate';

/**
 * Migrates one template database per test run; each test file then clones it (CREATE DATABASE
 * … TEMPLATE, a file copy) so files run in parallel on isolated data without migrating again.
 * Names carry the run id, so concurrent runs on a shared server never touch each other.
 */
export default async function globalSetup(): Promise<void> {
  const server = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const templateUrl = withDatabase(server, `tj_test_${runId}`);
  await ensureDatabase(templateUrl);
  const ds = new DataSource(dataSourceOptions(templateUrl, { poolSize: 2, applicationName: 'tiaojie-test-setup' }));
  await ds.initialize();
  try {
    await runMigrations(ds);
  } finally {
    await ds.destroy();
  }
  process.env.TJ_TEST_TEMPLATE_URL = templateUrl;
  process.env.TJ_TEST_RUN_ID = runId;
}
