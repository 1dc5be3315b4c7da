import { DomainError } from '../errors/domain-error';
import { decodeCursor, encodeCursor } from './pagination';

describe('cursor', () => {
  const id = '7f1c2a3e-1b2c-4d5e-8f90-123456789abc';
  it.each([['330102001'], [42], [new Date('2026-11-23T01:02:03.456Z')]])('round-trips %p', (k) => {
    const decoded = decodeCursor(encodeCursor(k, id));
    expect(decoded).toEqual({ k: k instanceof Date ? k.toISOString() : k, id });
  });

  it.each([['not-base64!'], [Buffer.from('{"k":1}').toString('base64url')], [Buffer.from('{"k":{},"id":"x"}').toString('base64url')], ['']])(
    'refuses %j with REQUEST.INVALID_CURSOR',
    (raw) => {
      expect(() => decodeCursor(raw)).toThrow(DomainError);
      try {
        decodeCursor(raw);
      } catch (e) {
        expect((e as DomainError).code).toBe('REQUEST.INVALID_CURSOR');
      }
    },
  );
});
