import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '../errors/domain-error';

/** Strong ETag from the row's version: cheap, exact, and what the conditional UPDATE checks. */
export const etagOf = (version: number): string => `"${version}"`;

/**
 * The version the client last read, from If-Match. Changes without it are refused (428): two
 * clerks editing the same record must not overwrite each other silently.
 */
export function expectedVersion(header: string | undefined, current: number): number {
  if (!header) throw new DomainError('REQUEST.PRECONDITION_REQUIRED');
  if (header.split(',').some((t) => t.trim() === '*')) return current;
  if (!ifMatchVersions(header).includes(current)) throw new DomainError('REQUEST.PRECONDITION_FAILED', { current: etagOf(current) });
  return current;
}

/** The versions named in an If-Match header (`"3"`, `W/"3"`, lists); anything else is ignored. */
export function ifMatchVersions(header: string): number[] {
  return header
    .split(',')
    .map((t) => /^(?:W\/)?"(\d+)"$/.exec(t.trim())?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
}

/** Injects the raw If-Match header; services compare it with the row via `expectedVersion`. */
export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<Request>().headers['if-match'];
  return Array.isArray(value) ? value.join(',') : value;
});
