import { Client } from 'pg';
import { dropDatabase, withDatabase } from '../../src/database/database-admin';

/** Drops the template and any clone a crashed test file left behind; only this run's databases. */
export default async function globalTeardown(): Promise<void> {
  const templateUrl = process.env.TJ_TEST_TEMPLATE_URL;
  const runId = process.env.TJ_TEST_RUN_ID;
  if (!templateUrl || !runId) return;
  const client = new Client({ connectionString: withDatabase(templateUrl, 'postgres') });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`tj_test_${runId}%`]);
    for (const { datname } of rows) await dropDatabase(withDatabase(templateUrl, datname));
  } finally {
    await client.end();
  }
}
