import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/** A path id that is not a UUID is a 400 naming the parameter, not a database error. */
export const UuidParam = (field = 'id') =>
  new ParseUUIDPipe({ exceptionFactory: () => new DomainError('REQUEST.VALIDATION_FAILED', {}, [{ field, code: 'isUUID' }]) });
