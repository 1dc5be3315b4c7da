import { requestHash } from './idempotency.service';

describe('requestHash', () => {
  it('ignores the order of object keys but not of array items', () => {
    expect(requestHash('POST /v1/cases', { a: 1, b: { c: [1, 2] } })).toBe(requestHash('POST /v1/cases', { b: { c: [1, 2] }, a: 1 }));
    expect(requestHash('POST /v1/cases', { c: [1, 2] })).not.toBe(requestHash('POST /v1/cases', { c: [2, 1] }));
  });

  it('distinguishes routes and values', () => {
    expect(requestHash('POST /v1/cases', { a: 1 })).not.toBe(requestHash('POST /v1/petitions', { a: 1 }));
    expect(requestHash('POST /v1/cases', { a: '1' })).not.toBe(requestHash('POST /v1/cases', { a: 1 }));
  });
});
