import type { LookupAddress } from 'node:dns';
import { DomainError } from '../common/errors/domain-error';
import { checkEndpointUrl, guardedLookup, isBlockedAddress } from './endpoint-policy';

describe('isBlockedAddress', () => {
  it.each<[string, boolean]>([
    // loopback, private, shared, link-local (cloud metadata), "this network"
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['10.0.0.5', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['192.168.1.10', true],
    ['100.64.0.1', true],
    ['100.127.255.255', true],
    ['169.254.169.254', true],
    ['0.0.0.0', true],
    ['0.1.2.3', true],
    ['192.0.0.8', true],
    ['198.18.0.1', true],
    ['224.0.0.251', true],
    ['239.255.255.250', true],
    ['255.255.255.255', true],
    ['240.0.0.1', true],
    // just outside the private ranges
    ['172.15.255.255', false],
    ['172.32.0.1', false],
    ['100.63.255.255', false],
    ['100.128.0.1', false],
    ['11.0.0.1', false],
    ['192.169.0.1', false],
    ['223.5.5.5', false],
    ['59.111.160.244', false],
    // IPv6: unspecified, loopback, unique local, link-local, multicast
    ['::', true],
    ['::1', true],
    ['[::1]', true],
    ['fc00::1', true],
    ['fd12:3456:789a::1', true],
    ['fe80::1', true],
    ['fe80::1%eth0', true],
    ['ff02::1', true],
    // IPv4-mapped and NAT64 forms are judged by the IPv4 address inside
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:10.1.2.3', true],
    ['::ffff:169.254.169.254', true],
    ['::ffff:223.5.5.5', false],
    ['64:ff9b::10.0.0.1', true],
    ['64:ff9b::a00:1', true],
    ['64:ff9b::df05:505', false],
    // public IPv6
    ['2400:3200::1', false],
    ['2001:da8::1', false],
    // not an address at all
    ['localhost', true],
    ['', true],
  ])('%s → %s', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });
});

describe('checkEndpointUrl', () => {
  const dns: Record<string, string[]> = {
    'tiaojie.court.zj.gov.cn': ['59.111.160.244'],
    'dual.example.cn': ['223.5.5.5', '2400:3200::1'],
    'intranet.example.cn': ['10.20.30.40'],
    'mixed.example.cn': ['223.5.5.5', '192.168.0.7'],
    'v6local.example.cn': ['fd00::7'],
  };
  const resolve = async (host: string): Promise<LookupAddress[]> => {
    const found = dns[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  const refusal = async (url: string, allowPrivate = false): Promise<string | null> => {
    try {
      await checkEndpointUrl(url, { allowPrivate, resolve });
      return null;
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      expect(e.code).toBe('WEBHOOK.ENDPOINT_NOT_ALLOWED');
      expect(e.fieldErrors[0].field).toBe('url');
      return e.fieldErrors[0].code;
    }
  };

  it.each<[string, string | null]>([
    ['https://tiaojie.court.zj.gov.cn/webhooks/tiaojie', null],
    ['https://dual.example.cn:8443/hooks?src=tj', null],
    ['https://223.5.5.5/hooks', null],
    ['http://tiaojie.court.zj.gov.cn/webhooks', 'webhookUrl.https_required'],
    ['https://127.0.0.1/hooks', 'webhookUrl.private_address'],
    ['https://[::1]/hooks', 'webhookUrl.private_address'],
    ['https://[::ffff:10.0.0.1]/hooks', 'webhookUrl.private_address'],
    // Numeric forms the URL parser turns into 127.0.0.1
    ['https://2130706433/hooks', 'webhookUrl.private_address'],
    ['https://0x7f.1/hooks', 'webhookUrl.private_address'],
    ['https://intranet.example.cn/hooks', 'webhookUrl.private_address'],
    // One private address among public ones is enough to refuse
    ['https://mixed.example.cn/hooks', 'webhookUrl.private_address'],
    ['https://v6local.example.cn/hooks', 'webhookUrl.private_address'],
    ['https://nowhere.example.cn/hooks', 'webhookUrl.unresolvable'],
    ['https://user:pass@tiaojie.court.zj.gov.cn/hooks', 'webhookUrl.credentials'],
    ['ftp://tiaojie.court.zj.gov.cn/hooks', 'webhookUrl.invalid'],
    ['tiaojie.court.zj.gov.cn/hooks', 'webhookUrl.invalid'],
  ])('%s → %s', async (url, code) => {
    expect(await refusal(url)).toBe(code);
  });

  it.each([
    ['http://127.0.0.1:8080/hooks'],
    ['http://intranet.example.cn/hooks'],
    ['http://localhost:3000/hooks'],
  ])('allows %s when private endpoints are allowed', async (url) => {
    expect(await refusal(url, true)).toBeNull();
  });

  it('still refuses credentials when private endpoints are allowed', async () => {
    expect(await refusal('http://user:pass@127.0.0.1/hooks', true)).toBe('webhookUrl.credentials');
  });
});

describe('guardedLookup (at connection time)', () => {
  const lookup = (host: string, all: boolean) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((resolve) => guardedLookup(host, { all }, (err, address) => resolve({ err, address })));

  it.each([true, false])('refuses a host that resolves to loopback (all: %s)', async (all) => {
    const { err } = await lookup('localhost', all);
    expect(err?.code).toBe('EWEBHOOKBLOCKED');
    expect(err?.message).toMatch(/blocked address/);
  });
});
