import type { DataSource, DeepPartial, EntityManager, EntityMetadata, EntitySubscriberInterface, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Inserts for the hot write paths, in fewer statements and with less Node CPU than
 * EntityManager.insert followed by a read-back (every statement is a round trip, and the query
 * builder spent more Node CPU building an INSERT than the database spent running it):
 *
 * - `insertReturning`: INSERT … RETURNING every column a find() selects, hydrated as find()
 *   hydrates them: the rows exactly as stored (defaults, generated ids and dates, the version,
 *   anything a trigger set), without reading them back. Rows of other tables (`also`) and WITH
 *   queries (`with`) can go in the same statement.
 * - `insertDeferred`: rows nothing in the transaction reads back (the audit trail) travel with the
 *   transaction's next insert made here, or are written just before it commits.
 *
 * Values go through the driver exactly as EntityManager.insert sends them (same columns, DEFAULT
 * for absent values, 1 for a new version). Entities with insert listeners or subscribers are left
 * to TypeORM, one statement each.
 */

export interface InsertSet<T extends ObjectLiteral = ObjectLiteral> {
  target: EntityTarget<T>;
  rows: DeepPartial<T>[];
}

/**
 * A WITH query run by the same statement, which a row can read through a value given as SQL
 * (`() => '(SELECT … FROM name)'`, TypeORM's convention for raw values). `param` turns a value
 * into a placeholder.
 */
export interface WithQuery {
  name: string;
  sql: (param: (value: unknown) => string) => string;
}

export interface InsertOptions {
  with?: WithQuery[];
  /** Rows of other tables written by the same statement and not read back. */
  also?: InsertSet[];
}

export async function insertReturning<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, rows: DeepPartial<T>[], options: InsertOptions = {}): Promise<T[]> {
  const part = partOf(m, { target, rows });
  const also = (options.also ?? []).map((s) => partOf(m, s));
  if ([part, ...also].some((p) => shapeOf(p.metadata).hooked)) {
    if (options.with?.length) throw new Error('insertReturning: WITH queries need entities without insert hooks');
    for (const p of also) await viaQueryBuilder(m, p, false);
    return (await viaQueryBuilder(m, part, true)) as T[];
  }
  if (!rows.length) {
    if (also.length) await execute(m, null, also);
    return [];
  }
  const raw = await execute(m, part, also, options.with);
  return raw.map((r) => hydrate(m, part.metadata, r) as T);
}

/** A plain INSERT, nothing read back. */
async function insertRows<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, rows: DeepPartial<T>[]): Promise<void> {
  const part = partOf(m, { target, rows });
  if (shapeOf(part.metadata).hooked) await viaQueryBuilder(m, part, false);
  else await execute(m, null, [part]);
}

/**
 * Rows nothing in this transaction reads back (the audit trail): written with the transaction's
 * next insertReturning/insertRows, or just before it commits (or opens a savepoint); dropped if it
 * rolls back. Outside a transaction they are written at once. A failure to write them fails the
 * transaction, as an immediate insert would.
 */
export async function insertDeferred<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, rows: DeepPartial<T>[]): Promise<void> {
  if (!rows.length) return;
  const qr = m.queryRunner;
  const part = partOf(m, { target, rows });
  if (!qr?.isTransactionActive || shapeOf(part.metadata).hooked) return insertRows(m, target, rows);
  watch(m.dataSource);
  const queued = deferred.get(qr) ?? [];
  // One INSERT per table, rows in the order given: a serial column (the audit trail's seq)
  // numbers them as if each had been inserted at once.
  const same = queued.find((p) => p.metadata === part.metadata);
  if (same) same.rows.push(...part.rows);
  else queued.push({ metadata: part.metadata, rows: [...part.rows] });
  deferred.set(qr, queued);
}

// ---- deferred rows -------------------------------------------------------------------------

interface Part {
  metadata: EntityMetadata;
  rows: ObjectLiteral[];
}

const partOf = (m: EntityManager, set: InsertSet): Part => ({ metadata: m.dataSource.getMetadata(set.target), rows: set.rows as ObjectLiteral[] });

const deferred = new WeakMap<QueryRunner, Part[]>();
const watched = new WeakSet<DataSource>();

function takeDeferred(m: EntityManager): Part[] {
  const qr = m.queryRunner;
  const queued = qr && deferred.get(qr);
  if (!queued) return [];
  deferred.delete(qr);
  return queued;
}

/** Writes what is left before COMMIT (and before a savepoint, so rolling back to it keeps its meaning); forgets it on rollback. */
function watch(ds: DataSource): void {
  if (watched.has(ds)) return;
  watched.add(ds);
  const flush = async (qr: QueryRunner) => {
    const queued = deferred.get(qr);
    if (!queued) return;
    deferred.delete(qr);
    await execute(qr.manager, null, queued);
  };
  const subscriber: EntitySubscriberInterface = {
    beforeTransactionStart: (e) => flush(e.queryRunner),
    beforeTransactionCommit: (e) => flush(e.queryRunner),
    afterTransactionRollback: (e) => void deferred.delete(e.queryRunner),
  };
  ds.subscribers.push(subscriber);
}

// ---- statements ----------------------------------------------------------------------------

interface Shape {
  /** `INSERT INTO "table" ("a", "b", …) VALUES `. */
  head: string;
  /** Columns an INSERT writes (TypeORM's choice: insertable, not serial). */
  inserted: ColumnMetadata[];
  /** Columns a find() selects, and the same escaped for RETURNING. */
  selected: ColumnMetadata[];
  returning: string;
  /** Entity listeners or subscribers react to inserts: let TypeORM run them. */
  hooked: boolean;
}

const shapes = new WeakMap<EntityMetadata, Shape>();

function shapeOf(metadata: EntityMetadata): Shape {
  let shape = shapes.get(metadata);
  if (!shape) {
    const driver = metadata.dataSource.driver;
    const table = metadata.tablePath
      .split('.')
      .map((part) => driver.escape(part))
      .join('.');
    const inserted = metadata.columns.filter((c) => c.isInsert && !(c.isGenerated && c.generationStrategy === 'increment'));
    const selected = metadata.columns.filter((c) => c.isSelect && !c.isVirtual);
    shape = {
      head: `INSERT INTO ${table} (${inserted.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `,
      inserted,
      selected,
      returning: selected.map((c) => driver.escape(c.databaseName)).join(', '),
      hooked: metadata.beforeInsertListeners.length > 0 || metadata.afterInsertListeners.length > 0 || metadata.dataSource.subscribers.some((s) => s.beforeInsert || s.afterInsert),
    };
    shapes.set(metadata, shape);
  }
  return shape;
}

/** `INSERT INTO t (…) VALUES (…), (…)` with the values appended to `params`, as InsertQueryBuilder writes it for PostgreSQL. */
function insertSql(m: EntityManager, part: Part, params: unknown[]): string {
  const shape = shapeOf(part.metadata);
  const driver = m.dataSource.driver;
  const tuples = part.rows.map((row) => {
    const values = shape.inserted.map((c) => {
      if (c.isDiscriminator) return `$${params.push(part.metadata.discriminatorValue)}`;
      let value = c.getEntityValue(row);
      if (typeof value === 'function') return (value as () => string)();
      value = driver.preparePersistentValue(value, c);
      if (value === undefined) return c.isVersion ? '1' : 'DEFAULT';
      return `$${params.push(value)}`;
    });
    return `(${values.join(', ')})`;
  });
  return shape.head + tuples.join(', ');
}

/**
 * One statement: the WITH queries, this transaction's deferred rows and `also` as data-modifying
 * WITH queries, then `main` (RETURNING its rows) or, without it, the last of the others.
 */
async function execute(m: EntityManager, main: Part | null, also: Part[], queries: WithQuery[] = []): Promise<Array<Record<string, unknown>>> {
  const params: unknown[] = [];
  const named = queries.map((q) => `${m.dataSource.driver.escape(q.name)} AS (${q.sql((value) => `$${params.push(value)}`)})`);
  const others = [...takeDeferred(m), ...also].filter((p) => p.rows.length).map((p) => insertSql(m, p, params));
  let sql: string;
  if (main) sql = `${insertSql(m, main, params)} RETURNING ${shapeOf(main.metadata).returning}`;
  else if (others.length) sql = others.pop()!;
  else return [];
  const withs = [...named, ...others.map((insert, i) => `w${i} AS (${insert})`)];
  return m.query(withs.length ? `WITH ${withs.join(', ')} ${sql}` : sql, params);
}

function hydrate(m: EntityManager, metadata: EntityMetadata, raw: Record<string, unknown>): ObjectLiteral {
  const driver = m.dataSource.driver;
  const entity = metadata.create(m.queryRunner, { fromDeserializer: true }) as ObjectLiteral;
  for (const c of shapeOf(metadata).selected) {
    const value = raw[c.databaseName];
    if (value !== undefined) c.setEntityValue(entity, driver.prepareHydratedValue(value, c));
  }
  return entity;
}

/** Entities with insert hooks: TypeORM's own insert. */
async function viaQueryBuilder(m: EntityManager, part: Part, returning: boolean): Promise<ObjectLiteral[]> {
  const pending = takeDeferred(m);
  if (pending.length) await execute(m, null, pending);
  if (!part.rows.length) return [];
  const qb = m.createQueryBuilder().insert().into(part.metadata.target).values(part.rows);
  if (!returning) {
    await qb.execute();
    return [];
  }
  const result = await qb.returning(shapeOf(part.metadata).selected.map((c) => c.propertyPath)).updateEntity(false).execute();
  return (result.raw as Array<Record<string, unknown>>).map((r) => hydrate(m, part.metadata, r));
}
