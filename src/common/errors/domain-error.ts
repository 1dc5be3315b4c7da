import { ERROR_CATALOG, ErrorCode } from './error-catalog';

/** One field at fault; `message` is rendered in the caller's language by the filter. */
export interface FieldError {
  field: string;
  code: string;
  params?: Record<string, unknown>;
}

/**
 * What services throw for an expected failure. It carries a stable code and parameters, not
 * HTTP types or text: the exception filter turns it into problem+json in the caller's language.
 */
export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly fieldErrors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
    /** Extension members of the problem document (RFC 9457 §3.2), e.g. duplicate candidates. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'DomainError';
    this.status = ERROR_CATALOG[code].status;
  }
}
