import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { negotiateLanguage, Lang } from '../http/language';
import { requestIdOf } from '../http/request-id';
import { DomainError, FieldError } from './domain-error';
import { ERROR_CATALOG, ErrorCode, renderTemplate } from './error-catalog';
import { fieldMessage } from './validation-messages';

export interface ProblemDocument {
  [extension: string]: unknown;
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ErrorCode;
  requestId?: string;
  errors?: Array<{ field: string; code: string; message: string }>;
}

export function renderProblem(error: DomainError, lang: Lang, instance: string, requestId?: string): ProblemDocument {
  const spec = ERROR_CATALOG[error.code];
  const params = { ...error.params, requestId, fieldErrorCount: error.fieldErrors.length };
  const doc: ProblemDocument = {
    type: `/problems/${error.code}`,
    title: spec.title[lang],
    status: spec.status,
    detail: renderTemplate(spec.detail[lang], params),
    instance,
    code: error.code,
    requestId,
  };
  Object.assign(doc, error.extensions);
  if (error.fieldErrors.length) {
    doc.errors = error.fieldErrors.map((f: FieldError) => ({ field: f.field, code: f.code, message: fieldMessage(f, lang) }));
  }
  return doc;
}

/** Body-parser and framework errors arrive as plain errors or HttpExceptions; give them stable codes. */
function toDomainError(exception: unknown, req: Request): DomainError | undefined {
  if (exception instanceof DomainError) return exception;
  const bodyParserType = (exception as { type?: string })?.type;
  if (bodyParserType === 'entity.parse.failed') return new DomainError('REQUEST.MALFORMED_BODY');
  if (bodyParserType === 'entity.too.large') return new DomainError('REQUEST.PAYLOAD_TOO_LARGE', { limit: '1 MB' });
  if (bodyParserType === 'encoding.unsupported' || bodyParserType === 'charset.unsupported') return new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE');
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return new DomainError('REQUEST.ROUTE_NOT_FOUND', { method: req.method, path: req.path });
    if (status === 413) return new DomainError('REQUEST.PAYLOAD_TOO_LARGE', { limit: '1 MB' });
    if (status === 415) return new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    if (status === 400) return new DomainError('REQUEST.MALFORMED_BODY');
  }
  return undefined;
}

/**
 * Every error leaves as RFC 9457 problem+json with a stable `code`, in the caller's language.
 * Unexpected errors are logged with their stack (never with request bodies, which carry
 * personal data) and reach the client only as INTERNAL.ERROR with the request id to quote.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    sendProblem(exception, req, res, this.logger);
  }
}

export function sendProblem(exception: unknown, req: Request, res: Response, logger: Logger): void {
  let error = toDomainError(exception, req);
  if (!error) {
    const err = exception as Error;
    logger.error({ err: { name: err?.name, message: err?.message, stack: err?.stack, code: (err as { code?: string })?.code } }, 'unhandled error');
    error = new DomainError('INTERNAL.ERROR');
  }
  if (res.headersSent) return;
  const lang = negotiateLanguage(req.headers['accept-language']);
  const body = renderProblem(error, lang, req.originalUrl?.split('?')[0] ?? req.path, requestIdOf(req));
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(body.status).setHeader('Content-Type', 'application/problem+json; charset=utf-8');
  res.setHeader('Content-Language', lang === 'zh' ? 'zh-CN' : 'en');
  res.end(JSON.stringify(body));
}
