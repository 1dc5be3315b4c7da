/**
 * Writes or checks the committed openapi.json. The document comes from the same code that
 * serves /openapi.json, built in Nest's preview mode (modules wired, no provider started), so it
 * needs no database or Redis and runs in a second.
 *
 *   npm run openapi:write   regenerate openapi.json after changing routes or DTOs
 *   npm run openapi:check   exit 1 if openapi.json is stale (CI)
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { buildOpenApiDocument } from '../src/openapi';

const FILE = join(__dirname, '..', 'openapi.json').replace(/\/dist\/openapi\.json$/, '/openapi.json');

export async function generateOpenApi(): Promise<string> {
  const config = loadConfig({ DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused', LOG_LEVEL: 'silent' });
  const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false, abortOnError: false });
  const doc = buildOpenApiDocument(app);
  await app.close();
  return `${JSON.stringify(doc, null, 2)}\n`;
}

async function main(): Promise<void> {
  const command = process.argv[2];
  const generated = await generateOpenApi();
  if (command === 'write') {
    writeFileSync(FILE, generated);
    console.log(`Wrote ${FILE}`);
  } else if (command === 'check') {
    let committed = '';
    try {
      committed = readFileSync(FILE, 'utf8');
    } catch {
      // a missing file is as stale as it gets
    }
    if (committed !== generated) {
      console.error('openapi.json is stale: the routes or DTOs changed. Run `npm run openapi:write` and commit the result.');
      process.exit(1);
    }
    console.log('openapi.json matches the code.');
  } else {
    console.error('Usage: openapi.ts write | check');
    process.exit(2);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
