import { DomainError } from '../errors/domain-error';
import { expectedVersion } from './etag';

describe('expectedVersion', () => {
  it.each([
    ['"3"', 3],
    ['W/"3"', 3],
    ['"2", "3"', 3],
    ['*', 7],
  ])('accepts %s', (header, current) => {
    expect(expectedVersion(header, current)).toBe(current);
  });

  it.each([
    [undefined, 'REQUEST.PRECONDITION_REQUIRED'],
    ['', 'REQUEST.PRECONDITION_REQUIRED'],
    ['"2"', 'REQUEST.PRECONDITION_FAILED'],
    ['3', 'REQUEST.PRECONDITION_FAILED'],
    ['"abc"', 'REQUEST.PRECONDITION_FAILED'],
  ])('refuses %j with %s', (header, code) => {
    try {
      expectedVersion(header, 3);
      throw new Error('expected a DomainError');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe(code);
    }
  });
});
