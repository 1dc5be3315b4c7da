/**
 * `npm run seed:bulk -- --cases 1000000`: fills a database with realistic cases (see
 * bench/bulk/seed.ts and bench/README.md).
 *
 *   --cases N           cases to generate (default 100,000)
 *   --append            add to a database that already has cases (refused otherwise)
 *   --seed N            random seed (default 20261124): the same seed gives the same cases
 *   --years N           history length (default 3)
 *   --chunk N           cases per COPY round (default 5,000)
 *   --no-vacuum         ANALYZE only at the end, no VACUUM
 *   --password P        password of every seeded staff account (or SEED_STAFF_PASSWORD)
 *
 * DATABASE_URL names the database to fill. Without it a fresh private database is created on
 * SEED_PG_SERVER (default postgres://postgres@127.0.0.1:5432) and named in the output; it is kept
 * (it is what you asked for) and the command to drop it is printed. If seeding fails, a database
 * this command created is dropped again; one named by DATABASE_URL is left as it is.
 */
import 'reflect-metadata';
import { createPrivateDatabase, seedBulk, seedSummary } from '../bench/bulk/seed';
import { Progress, say } from '../bench/support';

function parseArgs(argv: string[]) {
  const out = { cases: 100_000, append: false, seed: undefined as number | undefined, years: 3, chunk: 5000, vacuum: true, password: undefined as string | undefined, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = () => {
      const n = Number(value().replace(/[_,]/g, ''));
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer`);
      return n;
    };
    switch (flag) {
      case '--cases': out.cases = int(); break;
      case '--append': out.append = true; break;
      case '--seed': out.seed = int(); break;
      case '--years': out.years = Math.max(1, int()); break;
      case '--chunk': out.chunk = Math.max(100, int()); break;
      case '--no-vacuum': out.vacuum = false; break;
      case '--password': out.password = value(); break;
      case '--help': case '-h': out.help = true; break;
      default: throw new Error(`unknown option ${argv[i]} (see --help)`);
    }
  }
  return out;
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    say(`seed:bulk: ${(e as Error).message}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`Usage: npm run seed:bulk -- [--cases N] [--append] [--seed N] [--years N] [--chunk N] [--no-vacuum] [--password P]\nDATABASE_URL: the database to fill (default: a new private one). See bench/README.md.\n`);
    return 0;
  }
  let created: Awaited<ReturnType<typeof createPrivateDatabase>> | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    created = await createPrivateDatabase('bulk');
    url = created.url;
    say(`Created database ${created.name}`);
  }
  const interrupted = () => {
    say('\nInterrupted.');
    const cleanup = created ? created.drop().then(() => say(`  dropped ${created!.name} (created by this run)`)) : Promise.resolve();
    void cleanup.finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  const progress = new Progress('seed');
  try {
    say(`Seeding ${args.cases.toLocaleString('en')} cases over ${args.years} years into ${new URL(url).pathname.slice(1)}…`);
    const result = await seedBulk({
      url,
      cases: args.cases,
      append: args.append,
      seed: args.seed,
      years: args.years,
      chunk: args.chunk,
      vacuum: args.vacuum,
      staffPassword: args.password,
      log: say,
      progress: (t) => progress.update(t),
      progressDone: (t) => progress.done(t),
    });
    const safeUrl = new URL(url);
    safeUrl.password = safeUrl.password ? '***' : '';
    process.stdout.write(`\n${seedSummary(result)}\n\n  DATABASE_URL=${safeUrl.toString()}\n`);
    if (created) process.stdout.write(`  created by this command and kept; drop it when done:  psql -h ${safeUrl.hostname} -p ${safeUrl.port || 5432} -U ${safeUrl.username || 'postgres'} -d postgres -c 'DROP DATABASE "${created.name}" WITH (FORCE)'\n`);
    process.stdout.write(`  benchmark it:  BENCH_SEEDED_DATABASE_URL=${safeUrl.toString()} npm run bench -- http\n`);
    return 0;
  } catch (e) {
    Progress.clear();
    say(`seed:bulk failed: ${(e as Error).stack ?? e}`);
    if (created) {
      await created.drop().catch(() => undefined);
      say(`  dropped ${created.name} (created by this run)`);
    }
    return 1;
  }
}

main().then((code) => process.exit(code));
