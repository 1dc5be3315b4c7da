import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { StaffUserEntity } from '../auth/staff-user.entity';
import { PiiService } from '../common/pii/pii.service';
import { Clock } from '../common/time/clock';
import { toIso } from '../common/time/iso';
import { AppConfig, webhookRetrySchedule } from '../config/app-config';
import { NotificationsService } from '../notifications/notifications.service';
import { retryDelay } from './retry-schedule';
import { signatureHeader, WEBHOOK_SECRET_CONTEXT } from './signing';
import { OutboxEventEntity } from './outbox-event.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { postWebhook, SendOutcome } from './webhook-sender';
import { WebhookQueue } from './webhook-queue';

/** Events one drain sends before it hands over, so one busy partner cannot hold a worker slot for ever. */
const EVENTS_PER_DRAIN = 100;
/** Times a drain takes the lease again after finding that more arrived while it held it. */
const MAX_ROUNDS = 5;
/**
 * A disabled partner (its keys stopped, the integration ended) receives nothing either: its events
 * wait as pending and flow again, in order, if it is enabled again.
 */
const PARTNER_ACTIVE = 'EXISTS (SELECT 1 FROM partners p WHERE p.id = webhook_endpoints.partner_id AND p.active)';

interface LeasedEndpoint {
  url: string;
  secret_enc: string;
  previous_secret_enc: string | null;
  previous_secret_expires_at: Date | null;
}

interface HeadRow {
  id: string;
  event_type: string;
  subject_type: string;
  subject_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
  attempts: number;
  next_attempt_at: Date;
  target_url: string | null;
}

export interface DrainSummary {
  /** no-endpoint: none, or inactive; busy: another worker holds the lease (and will look again). */
  outcome: 'drained' | 'waiting' | 'busy' | 'no-endpoint' | 'handed-over';
  delivered: number;
  failed: number;
  dead: number;
}

/** The exact bytes that are signed and sent: `{type, timestamp, data}` with the ids merged into data. */
export function envelopeOf(e: Pick<HeadRow, 'id' | 'event_type' | 'subject_type' | 'subject_id' | 'payload' | 'occurred_at'>): string {
  return JSON.stringify({ type: e.event_type, timestamp: toIso(e.occurred_at), data: { ...e.payload, eventId: e.id, subjectType: e.subject_type, subjectId: e.subject_id } });
}

/**
 * Sends a partner's events, one at a time, in the order they occurred. Order is what partners
 * build on (a referral's result must not overtake the referral), so:
 *  - a worker first takes a lease on the partner's endpoint row (one conditional UPDATE), and only
 *    the holder sends; the lease expires by itself if the worker dies;
 *  - the holder sends the oldest pending event (the head) and moves on only once it is delivered
 *    or dead; a failed head waits for its retry and everything behind it waits too;
 *  - HTTP happens outside any transaction (a slow partner must not hold a database connection);
 *  - after releasing the lease it looks again, so an event committed while it held the lease (whose
 *    own job found the lease taken and gave up) is not stranded.
 * At-least-once: a crash between the partner's 2xx and our UPDATE sends the event again with the
 * same webhook-id, which receivers deduplicate on.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger('WebhookDelivery');
  private readonly schedule: number[];
  private readonly leaseMs: number;

  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly pii: PiiService,
    private readonly queue: WebhookQueue,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {
    this.schedule = webhookRetrySchedule(config);
    // Long enough for one attempt to time out twice over; renewed before every attempt.
    this.leaseMs = 2 * config.WEBHOOK_TIMEOUT_MS + 30_000;
  }

  async drain(partnerId: string, runningJobId?: string): Promise<DrainSummary> {
    const summary: DrainSummary = { outcome: 'drained', delivered: 0, failed: 0, dead: 0 };
    const token = randomUUID();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let endpoint = await this.lease(partnerId, token, true);
      if (!endpoint) {
        summary.outcome = round === 0 ? ((await this.hasActiveEndpoint(partnerId)) ? 'busy' : 'no-endpoint') : summary.outcome;
        return summary;
      }
      let handedOver = false;
      try {
        for (let sent = 0; ; sent++) {
          if (sent >= EVENTS_PER_DRAIN) {
            handedOver = true;
            break;
          }
          const head = await this.head(partnerId);
          if (!head || head.next_attempt_at.getTime() > this.clock.now().getTime()) break;
          // Renewed right before every send, the first included: a worker whose lease was taken
          // over (it stalled past the expiry) stops here instead of sending one more event out of
          // turn. Renewing also re-reads url and secrets, so a rotation or a new url applies at once.
          if (!(endpoint = await this.lease(partnerId, token, false))) return summary;
          const result = await this.attempt(partnerId, endpoint, head);
          summary[result]++;
          if (result === 'failed') break;
        }
      } finally {
        await this.release(partnerId, token);
      }
      if (handedOver) {
        await this.queue.continueDrain(partnerId);
        summary.outcome = 'handed-over';
        return summary;
      }
      const head = await this.head(partnerId);
      if (!head) return summary;
      if (head.next_attempt_at.getTime() > this.clock.now().getTime()) {
        await this.queue.drainAt(partnerId, head.id, head.attempts, head.next_attempt_at, runningJobId);
        summary.outcome = 'waiting';
        return summary;
      }
      // Something became due while we held the lease: take it again.
    }
    await this.queue.continueDrain(partnerId);
    summary.outcome = 'handed-over';
    return summary;
  }

  /**
   * Takes (`fresh`) or renews the lease; returns the endpoint as it is now, or null when the lease
   * is someone else's, has been lost, or the endpoint is gone or inactive.
   */
  private async lease(partnerId: string, token: string, fresh: boolean): Promise<LeasedEndpoint | null> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + this.leaseMs);
    const returning = 'RETURNING url, secret_enc, previous_secret_enc, previous_secret_expires_at';
    const [rows] = (
      fresh
        ? await this.ds.query(
            `UPDATE webhook_endpoints SET lease_until = $2, lease_token = $3
              WHERE partner_id = $1 AND active AND (lease_until IS NULL OR lease_until < $4) AND ${PARTNER_ACTIVE} ${returning}`,
            [partnerId, until, token, now],
          )
        : await this.ds.query(`UPDATE webhook_endpoints SET lease_until = $2 WHERE partner_id = $1 AND active AND lease_token = $3 AND ${PARTNER_ACTIVE} ${returning}`, [partnerId, until, token])
    ) as [LeasedEndpoint[], number];
    return rows[0] ?? null;
  }

  private async release(partnerId: string, token: string): Promise<void> {
    await this.ds.query(`UPDATE webhook_endpoints SET lease_until = NULL, lease_token = NULL WHERE partner_id = $1 AND lease_token = $2`, [partnerId, token]);
  }

  private async hasActiveEndpoint(partnerId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM webhook_endpoints WHERE partner_id = $1 AND active AND ${PARTNER_ACTIVE}`, [partnerId]);
    return rows.length > 0;
  }

  /** The oldest pending event: what must go before anything else of this partner. */
  private async head(partnerId: string): Promise<HeadRow | null> {
    const rows: HeadRow[] = await this.ds.query(
      `SELECT id, event_type, subject_type, subject_id, payload, occurred_at, attempts, COALESCE(next_attempt_at, occurred_at) AS next_attempt_at, target_url
         FROM outbox_events WHERE partner_id = $1 AND status = 'pending'
        ORDER BY occurred_at, seq LIMIT 1`,
      [partnerId],
    );
    return rows[0] ?? null;
  }

  private secrets(endpoint: LeasedEndpoint): string[] {
    const secrets = [this.pii.decrypt(endpoint.secret_enc, WEBHOOK_SECRET_CONTEXT)];
    if (endpoint.previous_secret_enc && endpoint.previous_secret_expires_at && endpoint.previous_secret_expires_at.getTime() > this.clock.now().getTime()) {
      secrets.push(this.pii.decrypt(endpoint.previous_secret_enc, WEBHOOK_SECRET_CONTEXT));
    }
    return secrets;
  }

  private async attempt(partnerId: string, endpoint: LeasedEndpoint, head: HeadRow): Promise<'delivered' | 'failed' | 'dead'> {
    const attemptedAt = this.clock.now();
    const target = this.targetOf(endpoint, head);
    let outcome: SendOutcome;
    let final = false;
    if (typeof target === 'string') {
      // The endpoint moved to another origin after the callback was recorded: sending there would
      // go to a host nobody approved, and retrying cannot help. Dead at once, for an admin to replay.
      outcome = { ok: false, status: null, durationMs: 0, error: target };
      final = true;
    } else {
      const body = envelopeOf(head);
      // Wall-clock seconds, not the injected Clock: webhook-timestamp is transport-level, and the
      // receiver compares it with its own clock to refuse replays (Standard Webhooks allows a few
      // minutes of skew). An application clock set elsewhere would make every delivery look stale.
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = { 'webhook-id': head.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader(this.secrets(endpoint), head.id, timestamp, body) };
      outcome = await postWebhook(target, body, headers, { timeoutMs: this.config.WEBHOOK_TIMEOUT_MS, allowPrivate: this.config.WEBHOOK_ALLOW_PRIVATE_ENDPOINTS });
    }
    return this.record(partnerId, head, attemptedAt, typeof target === 'string' ? (head.target_url ?? endpoint.url) : target.href, outcome, final);
  }

  /** The url to send to, or why not. */
  private targetOf(endpoint: LeasedEndpoint, head: HeadRow): URL | string {
    const base = new URL(endpoint.url);
    if (!head.target_url) return base;
    const target = URL.canParse(head.target_url) ? new URL(head.target_url) : null;
    if (!target) return 'callback url is not a valid url';
    return target.origin === base.origin ? target : `callback url ${target.origin} no longer matches the endpoint's origin ${base.origin}`;
  }

  private async record(partnerId: string, head: HeadRow, attemptedAt: Date, url: string, outcome: SendOutcome, final: boolean): Promise<'delivered' | 'failed' | 'dead'> {
    const attempt = head.attempts + 1;
    const wait = final ? null : retryDelay(this.schedule, attempt);
    const result = outcome.ok ? 'delivered' : wait === null ? 'dead' : 'failed';
    const now = this.clock.now();
    const error = outcome.error?.slice(0, 500) ?? null;
    // Logs get the status only: the excerpt of the partner's answer stays in the delivery history.
    const logReason = outcome.status ? `HTTP ${outcome.status}` : (error ?? 'unknown error');
    await this.ds.transaction(async (m) => {
      await m.insert(WebhookDeliveryEntity, {
        eventId: head.id,
        partnerId,
        eventType: head.event_type,
        attempt,
        attemptedAt,
        url: url.slice(0, 2048),
        httpStatus: outcome.status,
        durationMs: outcome.durationMs,
        succeeded: outcome.ok,
        error,
      });
      // Conditional on the attempt count read before sending: if the event changed meanwhile (a
      // replay, a second worker after a lost lease), this attempt's outcome is history only.
      const changes =
        result === 'delivered'
          ? { status: 'delivered' as const, deliveredAt: now, nextAttemptAt: null, lastError: null }
          : result === 'dead'
            ? { status: 'dead' as const, nextAttemptAt: null, lastError: error }
            : { nextAttemptAt: new Date(now.getTime() + wait!), lastError: error };
      const updated = await m
        .createQueryBuilder()
        .update(OutboxEventEntity)
        .set({ ...changes, attempts: attempt, lastAttemptAt: attemptedAt })
        .where(`id = :id AND status = 'pending' AND attempts = :attempts`, { id: head.id, attempts: head.attempts })
        .execute();
      if (updated.affected && result === 'dead') await this.onDead(m, partnerId, head, attempt, error, logReason);
    });
    if (result === 'failed') this.logger.warn(`Webhook event ${head.id} (${head.event_type}) to partner ${partnerId}: attempt ${attempt} failed (${logReason}); retrying in ${wait} ms`);
    return result;
  }

  /**
   * The partner will not get this event without someone acting: the admins who manage the
   * partner's endpoint and the directors responsible for its area hear of it, and it is audited.
   * The log line names ids only, never the payload.
   */
  private async onDead(m: EntityManager, partnerId: string, head: HeadRow, attempts: number, error: string | null, logReason: string): Promise<void> {
    const partner = (await m.query(
      `SELECT p.name, p.org_unit_id, u.path FROM partners p JOIN org_units u ON u.id = p.org_unit_id WHERE p.id = $1`,
      [partnerId],
    )) as Array<{ name: string; org_unit_id: string; path: string }>;
    const p = partner[0];
    if (p) {
      const ancestorIds = p.path.split('/').filter(Boolean);
      const admins = await m
        .getRepository(StaffUserEntity)
        .createQueryBuilder('u')
        .where('u.orgUnitId IN (:...ids) AND u.active = true AND :role = ANY(u.roles)', { ids: ancestorIds, role: 'admin' })
        .getMany();
      const directors = await this.notifications.directorsFor(m, p.path);
      await this.notifications.send(m, [...admins, ...directors].map((u) => u.id), {
        kind: 'webhook.event_dead',
        title: `推送失败：${p.name}未收到事件 ${head.event_type}`,
        body: `发给${p.name}的事件 ${head.event_type}（编号 ${head.id}）重试 ${attempts} 次后仍未送达，已停止重试。最后一次错误：${error ?? '未知'}。请联系对方核查接收地址后重放。`,
        subjectType: 'partner',
        subjectId: partnerId,
      });
    }
    await this.audit.record(m, { actor: 'system' }, {
      action: 'webhook.event_dead',
      subjectType: 'partner',
      subjectId: partnerId,
      orgUnitId: p?.org_unit_id ?? null,
      before: { eventId: head.id, status: 'pending' },
      after: { eventId: head.id, eventType: head.event_type, status: 'dead', attempts, lastError: error },
    });
    this.logger.error(`Webhook event ${head.id} (${head.event_type}) to partner ${partnerId} is dead after ${attempts} attempt(s): ${logReason}`);
  }

  /**
   * Every partner with an active endpoint and pending events gets a job: a drain now when its head
   * is due (a lost job, a crashed worker whose lease has expired), the retry job for the head's
   * instant otherwise (deterministic ids: re-adding an existing one is a no-op). This is what
   * makes Postgres, not Redis, the record.
   */
  async sweep(): Promise<{ due: number; waiting: number }> {
    const now = this.clock.now();
    const heads: Array<{ partner_id: string; id: string; attempts: number; next_attempt_at: Date; leased: boolean }> = await this.ds.query(
      `SELECT h.partner_id, h.id, h.attempts, h.next_attempt_at, (w.lease_until IS NOT NULL AND w.lease_until >= $1) AS leased
         FROM (SELECT DISTINCT ON (partner_id) partner_id, id, attempts, COALESCE(next_attempt_at, occurred_at) AS next_attempt_at
                 FROM outbox_events WHERE status = 'pending'
                ORDER BY partner_id, occurred_at, seq) h
         JOIN webhook_endpoints w ON w.partner_id = h.partner_id AND w.active
        WHERE EXISTS (SELECT 1 FROM partners p WHERE p.id = h.partner_id AND p.active)`,
      [now],
    );
    const due = heads.filter((h) => h.next_attempt_at.getTime() <= now.getTime() && !h.leased);
    const waiting = heads.filter((h) => h.next_attempt_at.getTime() > now.getTime());
    await this.queue.drainFromSweep(due.map((h) => h.partner_id));
    for (const h of waiting) await this.queue.drainAt(h.partner_id, h.id, h.attempts, h.next_attempt_at);
    return { due: due.length, waiting: waiting.length };
  }
}
