import type { EntityManager, QueryRunner } from 'typeorm';
import type { AfterCommit } from './after-commit';

/**
 * Data that changes rarely and is read on hot paths (the business calendar, the triage rules, the
 * unit tree, the signed-in user), kept in memory instead of being read by every request.
 *
 * - A change made through this process: the writer calls `changed(m)` in its transaction, before
 *   writing. From then on that transaction reads the database (it must see its own writes), and
 *   once it commits every copy is dropped, so the next read anywhere in this process loads the new
 *   data.
 * - A change made through another process (API replicas, workers) is seen when the copy expires:
 *   `ttlMs` after it was loaded.
 * - A load that began before an invalidation never stores what it read (it may predate the commit).
 *
 * Loads go through the caller's EntityManager, so a request inside a transaction never waits for a
 * second pool connection. Values are shared by every caller: treat them as read-only.
 */
abstract class Invalidatable {
  protected generation = 0;
  private readonly writers = new WeakSet<QueryRunner>();

  constructor(
    protected readonly name: string,
    protected readonly ttlMs: number,
    private readonly afterCommit: AfterCommit,
  ) {}

  /** Call inside the transaction that writes the data, before its first write. */
  changed(m: EntityManager): void {
    const qr = m.queryRunner;
    if (qr?.isTransactionActive) this.writers.add(qr);
    // Outside a transaction the write commits by itself: the copies are dropped at once.
    void this.afterCommit.collect(m, `cache:${this.name}`, null, async () => {
      if (qr) this.writers.delete(qr);
      this.invalidate();
    });
  }

  invalidate(): void {
    this.generation++;
    this.clear();
  }

  protected abstract clear(): void;

  /** The caller's own transaction changed the data: it must read the database. */
  protected writing(m: EntityManager): boolean {
    return !!m.queryRunner && this.writers.has(m.queryRunner);
  }
}

/** One value (a whole table or a computed object). */
export class ReferenceCache<T> extends Invalidatable {
  private value: { data: T; expires: number } | null = null;

  constructor(name: string, ttlMs: number, afterCommit: AfterCommit, private readonly load: (m: EntityManager) => Promise<T>) {
    super(name, ttlMs, afterCommit);
  }

  async get(m: EntityManager): Promise<T> {
    if (this.writing(m)) return this.load(m);
    const cached = this.value;
    if (cached && performance.now() < cached.expires) return cached.data;
    const generation = this.generation;
    const started = performance.now();
    const data = await this.load(m);
    if (generation === this.generation) this.value = { data, expires: started + this.ttlMs };
    return data;
  }

  protected clear(): void {
    this.value = null;
  }
}

/** One value per key (e.g. per user), loaded on demand; at most `maxEntries` kept. */
export class ReferenceCacheMap<K, V> extends Invalidatable {
  private readonly entries = new Map<K, { data: V; expires: number }>();

  constructor(
    name: string,
    ttlMs: number,
    afterCommit: AfterCommit,
    private readonly maxEntries: number,
    private readonly load: (m: EntityManager, key: K) => Promise<V>,
  ) {
    super(name, ttlMs, afterCommit);
  }

  async get(m: EntityManager, key: K): Promise<V> {
    if (this.writing(m)) return this.load(m, key);
    const now = performance.now();
    const cached = this.entries.get(key);
    if (cached && now < cached.expires) return cached.data;
    const generation = this.generation;
    const data = await this.load(m, key);
    if (generation === this.generation) {
      if (this.entries.size >= this.maxEntries) this.sweep(now);
      this.entries.set(key, { data, expires: now + this.ttlMs });
    }
    return data;
  }

  protected clear(): void {
    this.entries.clear();
  }

  /** Drops expired entries, or all of them when none has expired (a burst of distinct keys). */
  private sweep(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
  }
}
