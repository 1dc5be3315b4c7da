import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { RedisService } from '../common/redis.service';
import { Clock } from '../common/time/clock';
import type { PartnerPrincipal, StaffPrincipal } from '../common/principal';
import { AuditService } from '../audit/audit.service';
import { ApiKeyEntity } from './api-key.entity';
import { apiKeyMatches, parseApiKeyPrefix } from './api-keys';
import { hashPassword, verifyPassword } from './passwords';
import { StaffUserEntity } from './staff-user.entity';
import { UsersService } from './users.service';
import { OrgUnitsService } from '../org-units/org-units.service';

interface TokenClaims {
  sub: string;
  ver: number;
  iat: number;
  exp: number;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  expiresAt: Date;
  user: StaffUserEntity;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    /** Keyed with TokenSecretService's secret (see AuthModule). */
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly redis: RedisService,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly units: OrgUnitsService,
  ) {}

  /**
   * Password sign-in. Failures are counted per username in Redis: after AUTH_MAX_FAILED_SIGNINS
   * within the window the account refuses attempts until the window ends, which stops password
   * guessing without letting an attacker lock an account forever.
   */
  async signIn(usernameRaw: string, password: string, requestId?: string): Promise<IssuedToken> {
    const username = usernameRaw.trim().toLowerCase();
    const failKey = this.redis.key('signin-failures', username);
    const failures = Number(await this.redis.client.get(failKey)) || 0;
    if (failures >= this.config.AUTH_MAX_FAILED_SIGNINS) {
      const ttl = Math.max(await this.redis.client.ttl(failKey), 1);
      throw new DomainError('AUTH.ACCOUNT_LOCKED', { retryAfter: ttl }, [], { 'Retry-After': String(ttl) });
    }
    const user = await this.ds.getRepository(StaffUserEntity).findOneBy({ username });
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok || !user.active) {
      await this.redis.client.multi().incr(failKey).expire(failKey, this.config.AUTH_LOCKOUT_WINDOW, 'NX').exec();
      throw new DomainError('AUTH.INVALID_CREDENTIALS');
    }
    await this.redis.client.del(failKey);
    const now = this.clock.now();
    await this.ds.transaction(async (m) => {
      await m.update(StaffUserEntity, { id: user.id }, { lastSignInAt: now, version: () => 'version' });
      await this.audit.record(m, { actor: 'system', requestId }, { action: 'auth.signed_in', subjectType: 'staff_user', subjectId: user.id, orgUnitId: user.orgUnitId });
    });
    return this.issue(user);
  }

  async issue(user: StaffUserEntity): Promise<IssuedToken> {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const exp = iat + this.config.AUTH_TOKEN_TTL;
    const accessToken = await this.jwt.signAsync({ sub: user.id, ver: user.tokenVersion, iat, exp } satisfies TokenClaims, { algorithm: 'HS256' });
    return { accessToken, expiresIn: exp - iat, expiresAt: new Date(exp * 1000), user };
  }

  async verifyBearer(token: string): Promise<StaffPrincipal> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'], clockTimestamp: Math.floor(this.clock.now().getTime() / 1000) });
    } catch (e) {
      throw new DomainError((e as Error).name === 'TokenExpiredError' ? 'AUTH.TOKEN_EXPIRED' : 'AUTH.INVALID_TOKEN');
    }
    // Both from memory: a change through this process applies at once, through another within
    // TOKEN_HOLDER_CACHE_TTL_MS (the user) or ORG_UNITS_CACHE_TTL_MS (the unit).
    const user = await this.users.tokenHolder(claims.sub);
    const unit = user && (await this.units.cached(user.orgUnitId));
    // A deactivated user, or one whose password, roles or unit changed since the token was issued, is out.
    if (!user || !user.active || user.tokenVersion !== claims.ver || !unit?.active) throw new DomainError('AUTH.INVALID_TOKEN');
    return {
      type: 'staff',
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      orgUnitId: user.orgUnitId,
      orgUnitPath: unit.path,
    };
  }

  async verifyApiKey(key: string): Promise<PartnerPrincipal> {
    const prefix = parseApiKeyPrefix(key);
    if (!prefix) throw new DomainError('AUTH.INVALID_API_KEY');
    const row = await this.ds
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .innerJoinAndSelect('k.partner', 'p')
      .innerJoinAndSelect('p.orgUnit', 'unit')
      .where('k.prefix = :prefix', { prefix })
      .getOne();
    if (!row || !apiKeyMatches(key, row.secretHash) || row.revokedAt || !row.partner?.active || !row.partner.orgUnit?.active) {
      throw new DomainError('AUTH.INVALID_API_KEY');
    }
    const now = this.clock.now();
    // Recording every use would turn each partner read into a write; once a minute is enough to see a key is alive.
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
      await this.ds.getRepository(ApiKeyEntity).update({ id: row.id }, { lastUsedAt: now });
    }
    const partner = row.partner;
    return {
      type: 'partner',
      id: partner.id,
      keyId: row.id,
      keyPrefix: row.prefix,
      name: partner.name,
      kind: partner.kind,
      orgUnitId: partner.orgUnitId,
      orgUnitPath: partner.orgUnit!.path,
    };
  }

  async changeOwnPassword(principal: StaffPrincipal, current: string, next: string, requestId?: string): Promise<IssuedToken> {
    const repo = this.ds.getRepository(StaffUserEntity);
    const user = await repo.findOneByOrFail({ id: principal.id });
    if (!(await verifyPassword(user.passwordHash, current))) throw new DomainError('AUTH.WRONG_PASSWORD');
    const passwordHash = await hashPassword(next);
    const updated = await this.ds.transaction(async (m) => {
      this.users.changing(m);
      await m.update(StaffUserEntity, { id: user.id }, { passwordHash, tokenVersion: () => 'token_version + 1' });
      await this.audit.record(m, { actor: principal, requestId }, { action: 'auth.password_changed', subjectType: 'staff_user', subjectId: user.id, orgUnitId: user.orgUnitId });
      return m.findOneByOrFail(StaffUserEntity, { id: user.id });
    });
    // Other sessions of this user end; the caller gets a fresh token and stays signed in.
    return this.issue(updated);
  }
}
