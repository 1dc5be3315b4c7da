import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import type { AuditContext } from '../audit/audit.service';
import type { Principal } from '../common/principal';
import { requestIdOf } from '../common/http/request-id';
import type { PartnerKind, StaffRole } from './roles';

export const ACCESS_KEY = 'tiaojie:access';
export const PUBLIC_KEY = 'tiaojie:public';

export interface AccessRule {
  /** Staff roles allowed; omitted = any signed-in staff member. */
  roles?: readonly StaffRole[];
  /** Partner kinds whose API keys are accepted; omitted = staff only. */
  partners?: readonly PartnerKind[];
  /** false = partners only. */
  staff?: boolean;
}

/**
 * Who may call a route. Routes without it still require a signed-in staff member (the guard's
 * default), so forgetting the decorator can never open a route to the world.
 */
export function Access(rule: AccessRule = {}) {
  const decorators = [SetMetadata(ACCESS_KEY, rule), ApiProblems('AUTH.UNAUTHENTICATED', 'AUTH.FORBIDDEN')];
  if (rule.staff !== false) decorators.push(ApiBearerAuth('bearer'));
  if (rule.partners?.length) decorators.push(ApiSecurity('apiKey'));
  return applyDecorators(...decorators);
}

/** Probes, docs and sign-in: reachable without credentials. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export type AuthedRequest = Request & { principal?: Principal };

export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new Error('Actor used on a route without authentication');
  return principal;
});

/** Who did it and under which request id: what every audit row needs. */
export const AuditCtx = createParamDecorator((_: unknown, ctx: ExecutionContext): AuditContext => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.principal) throw new Error('AuditCtx used on a route without authentication');
  return { actor: req.principal, requestId: requestIdOf(req) };
});
