import { generateSecret, sign, signatureHeader } from './signing';

describe('Standard Webhooks signing', () => {
  // The test vector of the Standard Webhooks reference libraries ("sign function works"), also
  // the worked example in Svix's documentation.
  const vector = {
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestamp: 1614265330,
    body: '{"test": 2432232314}',
    signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  };

  it('matches the published test vector', () => {
    expect(sign(vector.secret, vector.id, vector.timestamp, vector.body)).toBe(vector.signature);
  });

  it.each([
    ['another id', { id: 'msg_other' }],
    ['another timestamp', { timestamp: vector.timestamp + 1 }],
    ['a body with a byte changed', { body: '{"test": 2432232315}' }],
    ['a body re-serialised without the space', { body: '{"test":2432232314}' }],
    ['another secret', { secret: generateSecret() }],
  ])('changes with %s', (_, change) => {
    const v = { ...vector, ...change };
    expect(sign(v.secret, v.id, v.timestamp, v.body)).not.toBe(vector.signature);
  });

  it('signs Chinese text as UTF-8', () => {
    const body = JSON.stringify({ title: '农民工讨要拖欠工资' });
    expect(sign(vector.secret, 'e1', 1, body)).toBe(sign(vector.secret, 'e1', 1, Buffer.from(body, 'utf8').toString()));
  });

  it('puts one signature per secret in the header, space-separated, current first', () => {
    const current = generateSecret();
    const header = signatureHeader([current, vector.secret], vector.id, vector.timestamp, vector.body);
    expect(header.split(' ')).toEqual([sign(current, vector.id, vector.timestamp, vector.body), vector.signature]);
  });

  it('generates whsec_ secrets of 32 random bytes', () => {
    const a = generateSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(generateSecret()).not.toBe(a);
  });

  it('refuses a secret without the whsec_ prefix', () => {
    expect(() => sign('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'x', 1, '')).toThrow(/whsec_/);
  });
});
