/**
 * The webhook retry schedule: how long to wait after each failed attempt. `5s,30s,2m` means a
 * first attempt at once, a retry 5 s after it fails, then 30 s, then 2 min; when the last retry
 * fails the event is dead. Kept pure (no Nest), so the config validates it at boot.
 */

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The default spans a little over three days: a partner's weekend outage loses nothing. */
export const DEFAULT_RETRY_SCHEDULE = '5s,30s,2m,10m,30m,1h,2h,4h,8h,12h,24h,24h';

const MAX_RETRIES = 50;
/** One wait longer than a week would outlive BullMQ's and most operators' patience. */
const MAX_WAIT_MS = 7 * UNITS.d;

/** `5s,30s,2m` → [5000, 30000, 120000]; throws a message fit for the boot error. */
export function parseRetrySchedule(raw: string): number[] {
  const parts = raw.split(',').map((p) => p.trim());
  if (!parts.some(Boolean)) throw new Error('must list at least one wait, e.g. 5s,30s,2m');
  if (parts.length > MAX_RETRIES) throw new Error(`at most ${MAX_RETRIES} retries`);
  return parts.map((p) => {
    const m = /^(\d+)(ms|s|m|h|d)$/.exec(p);
    if (!m) throw new Error(`${JSON.stringify(p)} is not a duration (a number followed by ms, s, m, h or d, e.g. 30s)`);
    const ms = Number(m[1]) * UNITS[m[2]];
    if (ms < 1) throw new Error(`${p} must be longer than zero`);
    if (ms > MAX_WAIT_MS) throw new Error(`${p} is longer than the 7-day maximum`);
    return ms;
  });
}

/**
 * After attempt number `attempt` (1-based) failed: when to try again, or null when that was the
 * last attempt and the event is dead.
 */
export function retryDelay(schedule: readonly number[], attempt: number): number | null {
  return attempt >= 1 && attempt <= schedule.length ? schedule[attempt - 1] : null;
}
