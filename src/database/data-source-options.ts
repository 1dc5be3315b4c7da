import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export const MIGRATIONS_GLOB = join(__dirname, '..', '..', 'migrations', '*.{ts,js}');

export function dataSourceOptions(url: string, extra: Partial<{ poolSize: number; applicationName: string }> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'typeorm_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // The schema changes only through reviewed migrations, never from entity diffs at runtime.
    synchronize: false,
    migrationsRun: false,
    // pgcrypto's gen_random_uuid() is built into PostgreSQL 13+, so no superuser is needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    poolSize: extra.poolSize ?? 10,
    applicationName: extra.applicationName ?? 'tiaojie-api',
    extra: { max: extra.poolSize ?? 10 },
  } as DataSourceOptions;
}
