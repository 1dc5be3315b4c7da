import type { DataSource } from 'typeorm';
import { SystemSettingEntity } from './system-setting.entity';

/**
 * A value generated once per deployment and shared by every process: the first to start
 * inserts its candidate, the others' inserts are ignored, and everyone reads the winner back.
 */
export async function ensureGeneratedSetting(ds: DataSource, key: string, generate: () => string): Promise<string> {
  await ds.createQueryBuilder().insert().into(SystemSettingEntity).values({ key, value: generate() }).orIgnore().execute();
  return (await ds.getRepository(SystemSettingEntity).findOneByOrFail({ key })).value;
}
