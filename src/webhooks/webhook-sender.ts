import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isBlockedAddress } from './endpoint-policy';

export interface SendOutcome {
  /** A 2xx answer: the partner has the event. */
  ok: boolean;
  status: number | null;
  durationMs: number;
  /** For the delivery history; never the request body (our payload), at most a short answer excerpt. */
  error: string | null;
}

export interface SendOptions {
  timeoutMs: number;
  allowPrivate: boolean;
}

/** How much of a refusal's body is kept: enough to read "invalid signature", not a whole error page. */
const EXCERPT = 200;

/**
 * One POST to a partner. Redirects are not followed (a 3xx is a failure: the endpoint is
 * misconfigured, and following it would let a public host bounce us to a private one). The
 * timeout covers the whole exchange, connecting included. Connection goes through
 * `guardedLookup`, so the address checked is the address connected to.
 */
export function postWebhook(url: URL, body: string, headers: Record<string, string>, options: SendOptions): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<SendOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // A literal address never reaches `lookup`: judge it here.
    if (!options.allowPrivate && isIP(host) && isBlockedAddress(host)) {
      resolve({ ok: false, status: null, durationMs: 0, error: `refused: ${host} is a private or reserved address` });
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'tiaojie-webhooks/1', ...headers },
      // A connection per delivery: no pooled socket outlives the address check made for it.
      agent: false,
      ...(options.allowPrivate ? {} : { lookup: guardedLookup as never }),
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish({ ok: false, status: null, error: `no answer within ${options.timeoutMs} ms` });
    }, options.timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => finish({ ok: false, status: null, error: describe(e) }));
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      let excerpt = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (excerpt.length < EXCERPT) excerpt += chunk.slice(0, EXCERPT - excerpt.length);
      });
      res.on('error', (e) => finish({ ok: false, status, error: describe(e) }));
      res.on('end', () => {
        const ok = status >= 200 && status < 300;
        const text = excerpt.replace(/\s+/g, ' ').trim();
        finish({ ok, status, error: ok ? null : `HTTP ${status}${text ? `: ${text}` : ''}` });
      });
    });
    req.end(body);
  });
}

function describe(e: NodeJS.ErrnoException): string {
  return e.code && !e.message.includes(e.code) ? `${e.code}: ${e.message}` : e.message;
}
