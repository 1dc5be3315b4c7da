import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { Clock } from '../time/clock';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

/** Keys are kept twice the 24 hours partners are promised, so a retry the next day still replays. */
const KEEP_MS = 48 * 3600_000;
const KEY_FORMAT = /^[\x21-\x7e]{1,128}$/;

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** JSON with sorted keys: the same body sent with its fields in another order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const requestHash = (route: string, body: unknown): string => createHash('sha256').update(`${route}\n${canonical(body)}`).digest('hex');

@Injectable()
export class IdempotencyService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs `work` at most once per (owner, key). The key row is inserted first, in the same
   * transaction as the work: a concurrent retry blocks on that insert until the first commits,
   * then replays its answer; if the first fails and rolls back, the retry simply does the work.
   * Errors are not stored: a refused request changed nothing, so repeating it is harmless.
   */
  async run<T extends object>(owner: string, key: string | undefined, route: string, body: unknown, work: (m: EntityManager) => Promise<{ status: number; body: T }>): Promise<IdempotentResult<T>> {
    if (key === undefined) return this.ds.transaction(async (m) => ({ ...(await work(m)), replayed: false }));
    if (!KEY_FORMAT.test(key)) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', {}, [{ field: 'Idempotency-Key', code: 'matches', params: {} }]);
    }
    const hash = requestHash(route, body);
    return this.ds.transaction(async (m) => {
      const now = this.clock.now();
      // Expired keys are as good as absent; clear a few each time instead of running a janitor.
      await m.query(`DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at < $1 LIMIT 50)`, [now]);
      const claimed: unknown[] = await m.query(
        `INSERT INTO idempotency_keys (owner, key, route, request_hash, expires_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (owner, key) DO NOTHING RETURNING key`,
        [owner, key, route, hash, new Date(now.getTime() + KEEP_MS)],
      );
      if (!claimed.length) {
        const row = await m.findOneBy(IdempotencyKeyEntity, { owner, key });
        if (!row || row.responseStatus === null) throw new DomainError('IDEMPOTENCY.IN_PROGRESS', {}, [], { 'Retry-After': '1' });
        if (row.requestHash !== hash) throw new DomainError('IDEMPOTENCY.KEY_REUSED', {}, [{ field: 'Idempotency-Key', code: 'reused', params: { message: '已用于内容不同的请求' } }]);
        return { status: row.responseStatus, body: row.responseBody as T, replayed: true };
      }
      const result = await work(m);
      await m.update(IdempotencyKeyEntity, { owner, key }, { responseStatus: result.status, responseBody: result.body as IdempotencyKeyEntity['responseBody'] });
      return { ...result, replayed: false };
    });
  }

  /** A partner system's POST: the key is required (DESIGN §5) and belongs to that partner alone. */
  runForPartner<T extends object>(partner: { id: string }, key: string | undefined, route: string, body: unknown, work: (m: EntityManager) => Promise<{ status: number; body: T }>): Promise<IdempotentResult<T>> {
    if (!key) throw new DomainError('IDEMPOTENCY.KEY_REQUIRED');
    return this.run(`partner:${partner.id}`, key, route, body, work);
  }
}
