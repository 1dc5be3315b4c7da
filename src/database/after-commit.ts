import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

type Group = { items: unknown[]; flush: (items: unknown[], qr?: QueryRunner) => Promise<void> };

/**
 * Work that must follow a commit and never precede it: adding a queue job for a row (a job added
 * before commit can run before the row is visible; one added for a rolled-back row wakes a worker
 * for nothing). Items are collected per transaction and key, and flushed once when the outermost
 * transaction commits; a rollback drops them. Outside a transaction the flush runs at once.
 * A flush must not throw (the change has committed); failures are logged and left to the sweeps.
 */
@Injectable()
export class AfterCommit implements OnModuleInit, OnApplicationShutdown, EntitySubscriberInterface {
  private readonly logger = new Logger('AfterCommit');
  private readonly pending = new WeakMap<QueryRunner, Map<string, Group>>();

  constructor(private readonly ds: DataSource) {}

  onModuleInit(): void {
    this.ds.subscribers.push(this);
  }

  onApplicationShutdown(): void {
    const i = this.ds.subscribers.indexOf(this);
    if (i >= 0) this.ds.subscribers.splice(i, 1);
  }

  collect<T>(m: EntityManager, key: string, item: T, flush: (items: T[], qr?: QueryRunner) => Promise<void>): Promise<void> | void {
    const qr = m.queryRunner;
    if (!qr?.isTransactionActive) return this.safely(key, () => flush([item], qr));
    let groups = this.pending.get(qr);
    if (!groups) this.pending.set(qr, (groups = new Map()));
    const group = groups.get(key) ?? { items: [], flush: flush as Group['flush'] };
    group.items.push(item);
    groups.set(key, group);
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    if (event.queryRunner.isTransactionActive) return; // a savepoint: the outer transaction may still roll back
    const groups = this.pending.get(event.queryRunner);
    if (!groups) return;
    this.pending.delete(event.queryRunner);
    for (const [key, g] of groups) await this.safely(key, () => g.flush(g.items, event.queryRunner));
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private async safely(key: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.logger.warn(`After-commit work "${key}" failed (${(e as Error).message}); the sweep will catch up`);
    }
  }
}
