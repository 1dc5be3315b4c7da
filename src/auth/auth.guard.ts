import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/errors/domain-error';
import { actorLabel, Principal } from '../common/principal';
import { ACCESS_KEY, AccessRule, AuthedRequest, PUBLIC_KEY } from './access.decorator';
import { AuthService } from './auth.service';
import { ROLE_LABELS } from './roles';

/**
 * The global guard: every route needs a staff token or a partner key unless marked @Public,
 * and `@Access` narrows who may call it. Staff authenticate with `Authorization: Bearer`,
 * partner systems with `X-Api-Key`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const rule = this.reflector.getAllAndOverride<AccessRule>(ACCESS_KEY, targets) ?? {};
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const principal = await this.authenticate(req);
    req.principal = principal;
    if (!permitted(principal, rule)) {
      const who = principal.type === 'staff' ? principal.roles.map((r) => ROLE_LABELS[r]).join('、') : `${principal.kind} partner`;
      throw new DomainError('AUTH.FORBIDDEN', { actor: `${actorLabel(principal)}: ${who}` });
    }
    return true;
  }

  private async authenticate(req: AuthedRequest): Promise<Principal> {
    const authorization = req.headers.authorization;
    const apiKey = req.headers['x-api-key'];
    if (typeof authorization === 'string' && authorization.length) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) throw new DomainError('AUTH.INVALID_TOKEN', {}, [], { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      try {
        return await this.auth.verifyBearer(match[1]);
      } catch (e) {
        if (e instanceof DomainError) throw new DomainError(e.code, e.params, [], { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
        throw e;
      }
    }
    if (typeof apiKey === 'string' && apiKey.length) return this.auth.verifyApiKey(apiKey);
    throw new DomainError('AUTH.UNAUTHENTICATED', {}, [], { 'WWW-Authenticate': 'Bearer realm="tiaojie"' });
  }
}

export function permitted(principal: Principal, rule: AccessRule): boolean {
  if (principal.type === 'partner') return rule.partners?.includes(principal.kind) ?? false;
  if (rule.staff === false) return false;
  return !rule.roles || rule.roles.some((r) => principal.roles.includes(r));
}
