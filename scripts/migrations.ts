/**
 * Migration tooling that never touches your working database: it builds a scratch database
 * from migrations/, compares it with the entities, and drops it again.
 *
 *   npm run migration:generate -- AddCases   write migrations/<timestamp>-AddCases.ts with the difference
 *   npm run migration:check                  exit 1 if entities and migrations disagree (CI)
 *   npm run migration:run                    apply pending migrations to DATABASE_URL
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { dropDatabase, ensureDatabase, withDatabase } from '../src/database/database-admin';
import { runMigrations } from '../src/database/migrate';

const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function pendingSchemaChanges(): Promise<{ up: string[]; down: string[] }> {
  const scratch = withDatabase(serverUrl, `tj_scratch_${Date.now()}_${randomBytes(3).toString('hex')}`);
  await ensureDatabase(scratch);
  const ds = new DataSource(dataSourceOptions(scratch, { poolSize: 2, applicationName: 'tiaojie-migrations' }));
  try {
    await ds.initialize();
    await runMigrations(ds);
    const sql = await ds.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map((q) => q.query),
      down: sql.downQueries.map((q) => q.query).reverse(),
    };
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await dropDatabase(scratch);
  }
}

const lit = (q: string) => '`' + q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command === 'check') {
    const { up } = await pendingSchemaChanges();
    if (up.length) {
      console.error(`Entities and migrations disagree; ${up.length} statement(s) missing from migrations/:\n${up.map((q) => `  ${q};`).join('\n')}`);
      console.error('Run `npm run migration:generate -- DescribeTheChange`, review the file and commit it.');
      process.exit(1);
    }
    console.log('Migrations match the entities.');
  } else if (command === 'generate') {
    if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
      console.error('Usage: npm run migration:generate -- PascalCaseName');
      process.exit(2);
    }
    const { up, down } = await pendingSchemaChanges();
    if (!up.length) {
      console.log('No changes: the entities match the migrations.');
      return;
    }
    const ts = Date.now();
    const file = join(__dirname, '..', 'migrations', `${ts}-${name}.ts`);
    const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map((q) => `    await queryRunner.query(${lit(q)});`).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.map((q) => `    await queryRunner.query(${lit(q)});`).join('\n')}
  }
}
`;
    writeFileSync(file.replace(/^.*\/dist\//, join(__dirname, '..', '..') + '/'), body);
    console.log(`Wrote ${file} (${up.length} statement(s)). Review it before committing.`);
  } else if (command === 'run') {
    const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/tiaojie';
    const ds = new DataSource(dataSourceOptions(url, { poolSize: 2, applicationName: 'tiaojie-migrations' }));
    await ds.initialize();
    const started = Date.now();
    const progress = await watchProgress(url);
    try {
      const applied = await runMigrations(ds);
      const took = ((Date.now() - started) / 1000).toFixed(1);
      console.log(applied.length ? `Applied ${applied.length} migration(s) in ${took} s: ${applied.join(', ')}` : 'Nothing to apply.');
    } finally {
      await progress.stop();
      await ds.destroy();
    }
  } else {
    console.error('Usage: migrations.ts check | generate <Name> | run');
    process.exit(2);
  }
}

/**
 * A migration on a large table (a rewrite, an index over a million rows) runs for minutes in one
 * transaction and says nothing until it ends. Every 5 s this prints, on stderr, what the
 * migrating session is doing and for how long, with PostgreSQL's own progress for index builds.
 */
async function watchProgress(url: string): Promise<{ stop: () => Promise<void> }> {
  const client = new Client({ connectionString: url, application_name: 'tiaojie-migrations-progress' });
  await client.connect();
  const started = Date.now();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    client
      .query(
        `SELECT left(regexp_replace(a.query, '\\s+', ' ', 'g'), 110) AS query, extract(epoch FROM now() - a.query_start)::int AS secs,
                p.phase, p.blocks_done, p.blocks_total, p.tuples_done, p.tuples_total
           FROM pg_stat_activity a LEFT JOIN pg_stat_progress_create_index p ON p.pid = a.pid
          WHERE a.application_name = 'tiaojie-migrations' AND a.state = 'active' AND a.query NOT ILIKE '%pg_advisory%'`,
      )
      .then(({ rows }) => {
        const elapsed = Math.round((Date.now() - started) / 1000);
        for (const r of rows as Array<{ query: string; secs: number; phase: string | null; blocks_done: string | null; blocks_total: string | null; tuples_done: string | null; tuples_total: string | null }>) {
          const pct = r.phase && Number(r.blocks_total) > 0 ? ` · ${r.phase} ${Math.round((100 * Number(r.blocks_done)) / Number(r.blocks_total))} % of blocks` : r.phase && Number(r.tuples_total) > 0 ? ` · ${r.phase} ${Math.round((100 * Number(r.tuples_done)) / Number(r.tuples_total))} % of rows` : r.phase ? ` · ${r.phase}` : '';
          process.stderr.write(`  migrating: ${elapsed} s · this statement ${r.secs} s${pct} · ${r.query}\n`);
        }
      })
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, 5000);
  return {
    stop: async () => {
      clearInterval(timer);
      await client.end().catch(() => undefined);
    },
  };
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
