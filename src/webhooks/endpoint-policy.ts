import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { DomainError, FieldError } from '../common/errors/domain-error';

/**
 * Where webhooks may not go. Whoever sets an endpoint chooses where our workers send POSTs from
 * inside the network; without this list an endpoint of http://10.0.0.5/admin or of a cloud
 * metadata address (169.254.169.254) turns the webhook worker into a proxy into the intranet.
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", including the unspecified 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, where cloud metadata services answer
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}

/** NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits: judge that address. */
function embeddedIpv4(address: string): string | null {
  const m = /^64:ff9b::(?:([0-9a-f]{1,4}):([0-9a-f]{1,4})|(\d+\.\d+\.\d+\.\d+))$/i.exec(address);
  if (!m) return null;
  if (m[3]) return m[3];
  const hi = parseInt(m[1], 16);
  const lo = parseInt(m[2], 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/**
 * True for loopback, private, link-local, shared, multicast, unspecified and reserved addresses,
 * and for IPv6 forms that embed one of them (IPv4-mapped ::ffff:10.0.0.1, which BlockList matches
 * against the IPv4 rules itself, and NAT64). Anything that is not an IP address counts as blocked.
 */
export function isBlockedAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return BLOCKED.check(bare, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    return v4 ? BLOCKED.check(v4, 'ipv4') : BLOCKED.check(bare, 'ipv6');
  }
  return true;
}

export type EndpointRefusal = 'invalid' | 'https_required' | 'credentials' | 'private_address' | 'unresolvable';

/** Why a url was refused, as the problem's field error (messages in validation-messages.ts). */
export function endpointRefused(field: string, reason: EndpointRefusal, params: Record<string, unknown> = {}): DomainError {
  const error: FieldError = { field, code: `webhookUrl.${reason}`, params };
  return new DomainError('WEBHOOK.ENDPOINT_NOT_ALLOWED', {}, [error]);
}

export interface EndpointCheckOptions {
  allowPrivate: boolean;
  /** The field named in the problem: `url` at registration, `callbackUrl` for a court's callback. */
  field?: string;
  /** Injected by tests; the real resolver otherwise. */
  resolve?: (host: string) => Promise<LookupAddress[]>;
}

const resolveAll = (host: string) =>
  new Promise<LookupAddress[]>((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

/**
 * Checks an endpoint url at registration: well-formed, https, no credentials, and every address
 * its host resolves to public. Returns the normalised url. This only catches honest mistakes and
 * today's DNS: the delivery itself connects through `guardedLookup`, so a host that later
 * resolves to a private address (DNS rebinding) is still refused.
 */
export async function checkEndpointUrl(raw: string, options: EndpointCheckOptions): Promise<URL> {
  const field = options.field ?? 'url';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw endpointRefused(field, 'invalid');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw endpointRefused(field, 'invalid');
  // Credentials in a url end up in every listing and log line that shows the url.
  if (url.username || url.password) throw endpointRefused(field, 'credentials');
  if (options.allowPrivate) return url;
  if (url.protocol !== 'https:') throw endpointRefused(field, 'https_required');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    if (isBlockedAddress(host)) throw endpointRefused(field, 'private_address', { address: host });
    return url;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await (options.resolve ?? resolveAll)(host);
  } catch {
    throw endpointRefused(field, 'unresolvable', { host });
  }
  if (!addresses.length) throw endpointRefused(field, 'unresolvable', { host });
  const blocked = addresses.find((a) => isBlockedAddress(a.address));
  if (blocked) throw endpointRefused(field, 'private_address', { address: blocked.address });
  return url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request that refuses to connect when any address of the host is blocked.
 * Resolution happens here, at connection time, so what is checked is what is connected to.
 * Node calls it with `all: true` when it races IPv4 and IPv6 (autoSelectFamily), and without
 * otherwise; both shapes are answered.
 */
export function guardedLookup(hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void {
  dnsLookup(hostname, { ...(options as object), all: true, verbatim: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const blocked = addresses.find((a) => isBlockedAddress(a.address));
    if (blocked) {
      const refused: NodeJS.ErrnoException = new Error(`${hostname} resolves to a blocked address (${blocked.address})`);
      refused.code = 'EWEBHOOKBLOCKED';
      return callback(refused, []);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    return first ? callback(null, first.address, first.family) : callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
  });
}
