import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

const refused = (code: string, params: Record<string, unknown> = {}) =>
  new DomainError('WEBHOOK.CALLBACK_URL_NOT_ALLOWED', {}, [{ field: 'callbackUrl', code, params }]);

/**
 * Checks a callback url a partner sends with a request (a court's per-referral callback) before it
 * is stored as an event's targetUrl: the partner must have a webhook endpoint, and the url must
 * have the same origin (scheme, host and port). The endpoint was checked against private
 * addresses when an admin set it; tying callbacks to its origin means a partner's API key alone
 * can never point our workers at another host. Returns the normalised url.
 */
export async function assertCallbackUrl(m: EntityManager, partnerId: string, url: string): Promise<string> {
  const endpoint = await m.findOne(WebhookEndpointEntity, { select: { id: true, url: true }, where: { partnerId } });
  if (!endpoint) throw refused('callbackUrl.no_endpoint');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refused('webhookUrl.invalid');
  }
  if (parsed.username || parsed.password) throw refused('webhookUrl.credentials');
  const origin = new URL(endpoint.url).origin;
  if (parsed.origin !== origin) throw refused('callbackUrl.origin_mismatch', { origin });
  if (parsed.href.length > 2048) throw refused('maxLength', { 0: 2048 });
  return parsed.href;
}
