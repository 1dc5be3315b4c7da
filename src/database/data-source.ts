import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * For the TypeORM CLI only (migration:generate / run / revert). The CLI needs a reachable
 * database: DATABASE_URL, or the local default that `npm start` also tries first.
 */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/tiaojie'));
