import { randomUUID } from 'node:crypto';

export interface SmsSendResult {
  providerMessageId: string;
  /** 'delivered' when the gateway confirms at once; 'sent' when a delivery receipt will follow. */
  status: 'sent' | 'delivered';
}

/** Where texts go. Swapped by configuration: nothing in the service knows which one runs. */
export abstract class SmsGateway {
  abstract readonly name: string;
  abstract send(to: string, text: string, reference: string): Promise<SmsSendResult>;
}

/**
 * The default: no real network, the message and its status are the database row. A center
 * without an SMS contract still has every notice on record, and development never texts a real
 * person.
 */
export class RecordingSmsGateway extends SmsGateway {
  readonly name = 'recording';
  async send(): Promise<SmsSendResult> {
    return { providerMessageId: `rec-${randomUUID()}`, status: 'delivered' };
  }
}

/**
 * A real gateway over HTTP: POST {to, text, reference} as JSON with a bearer token; a 2xx answer
 * carries {messageId}. Delivery receipts come back to POST /v1/sms/receipts.
 */
export class HttpSmsGateway extends SmsGateway {
  readonly name = 'http';
  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
    private readonly timeoutMs = 10_000,
  ) {
    super();
  }

  async send(to: string, text: string, reference: string): Promise<SmsSendResult> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify({ to, text, reference }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    const body = (await res.json().catch(() => ({}))) as { messageId?: unknown };
    if (typeof body.messageId !== 'string' || !body.messageId) throw new Error('SMS gateway answered without a messageId');
    return { providerMessageId: body.messageId, status: 'sent' };
  }
}
