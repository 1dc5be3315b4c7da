import { ValidationPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { toFieldErrors } from '../errors/validation-messages';

/**
 * Unknown fields are refused rather than dropped, so a misspelt field in a partner's payload
 * surfaces at once instead of being silently lost.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new DomainError('REQUEST.VALIDATION_FAILED', {}, toFieldErrors(errors)),
  });
}
