import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { findFreePort } from '../../src/infra/postgres-launcher';

export interface ReceivedWebhook {
  path: string;
  id: string;
  timestamp: number;
  receivedAt: number;
  type: string;
  data: Record<string, unknown>;
  /** What the receiver answered. */
  answered: number | 'hung';
}

interface Receiver {
  secrets: string[];
  /** Answer 500 to this many deliveries before accepting. */
  failNext: number;
  /** Never answer (the sender's timeout must end the attempt). */
  hang: boolean;
}

/**
 * A partner's system (a court, a police station) on 127.0.0.1 that receives our webhooks and
 * verifies every signature with the official Standard Webhooks library — an implementation that
 * shares no code with ours. A delivery that fails verification is answered 401 and recorded, so a
 * test sees it as a failure rather than a silent pass.
 */
export class FakePartner {
  readonly received: ReceivedWebhook[] = [];
  readonly rejected: Array<{ path: string; reason: string }> = [];
  private readonly receivers = new Map<string, Receiver>();
  private readonly hung = new Set<ServerResponse>();
  private server?: Server;
  port = 0;

  async start(): Promise<this> {
    this.port = await findFreePort();
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Registers a path with the secret(s) its owner holds; during a rotation both verify. */
  receiver(path: string, secrets: string[]): Receiver {
    const r = this.receivers.get(path) ?? { secrets: [], failNext: 0, hang: false };
    r.secrets = secrets;
    this.receivers.set(path, r);
    return r;
  }

  of(path: string, type?: string): ReceivedWebhook[] {
    return this.received.filter((w) => w.path.startsWith(path) && w.answered === 200 && (!type || w.type === type));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '/';
    const receiver = [...this.receivers.entries()].find(([p]) => path.startsWith(p))?.[1];
    if (!receiver) {
      res.writeHead(404).end();
      return;
    }
    const headers = { 'webhook-id': String(req.headers['webhook-id'] ?? ''), 'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''), 'webhook-signature': String(req.headers['webhook-signature'] ?? '') };
    let payload: { type: string; data: Record<string, unknown> } | null = null;
    for (const secret of receiver.secrets) {
      try {
        payload = new Webhook(secret).verify(body, headers) as { type: string; data: Record<string, unknown> };
        break;
      } catch {
        // try the next secret
      }
    }
    if (!payload) {
      this.rejected.push({ path, reason: 'signature' });
      res.writeHead(401).end();
      return;
    }
    const entry: ReceivedWebhook = { path, id: headers['webhook-id'], timestamp: Number(headers['webhook-timestamp']), receivedAt: Date.now(), type: payload.type, data: payload.data, answered: 200 };
    this.received.push(entry);
    if (receiver.hang) {
      entry.answered = 'hung';
      this.hung.add(res);
      return;
    }
    if (receiver.failNext > 0) {
      receiver.failNext--;
      entry.answered = 500;
      res.writeHead(500, { 'content-type': 'text/plain' }).end('temporarily unavailable');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  }

  async stop(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
