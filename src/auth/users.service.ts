import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditContext, AuditService } from '../audit/audit.service';
import { AfterCommit } from '../database/after-commit';
import { ReferenceCacheMap } from '../database/reference-cache';
import { updateVersioned } from '../database/versioned-update';
import { DomainError } from '../common/errors/domain-error';
import { expectedVersion } from '../common/http/etag';
import { paginate, Page } from '../common/pagination/pagination';
import type { Principal } from '../common/principal';
import { OrgUnitsService, scopePattern } from '../org-units/org-units.service';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/auth.dto';
import { hashPassword } from './passwords';
import { StaffUserEntity } from './staff-user.entity';

const snapshot = (u: StaffUserEntity) => ({ username: u.username, displayName: u.displayName, roles: u.roles, orgUnitId: u.orgUnitId, active: u.active });

/** Readable enough to dictate over the phone to a new clerk, 72 bits of randomness. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/** What verifying a sign-in token needs to know about its user. */
export type TokenHolder = Pick<StaffUserEntity, 'id' | 'username' | 'displayName' | 'roles' | 'orgUnitId' | 'active' | 'tokenVersion'>;

/**
 * How long another process may go on accepting a user's tokens after a change made through this
 * one (deactivation, new password, role change or move: they end the user's tokens). Through this
 * process they end at once.
 */
export const TOKEN_HOLDER_CACHE_TTL_MS = 2000;

@Injectable()
export class UsersService {
  private readonly holders: ReferenceCacheMap<string, Readonly<TokenHolder> | null>;

  constructor(
    private readonly ds: DataSource,
    private readonly units: OrgUnitsService,
    private readonly audit: AuditService,
    afterCommit: AfterCommit,
  ) {
    this.holders = new ReferenceCacheMap('token-holders', TOKEN_HOLDER_CACHE_TTL_MS, afterCommit, 10_000, async (m, id) => {
      const u = await m.findOne(StaffUserEntity, { where: { id }, select: { id: true, username: true, displayName: true, roles: true, orgUnitId: true, active: true, tokenVersion: true } });
      return u && { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles, orgUnitId: u.orgUnitId, active: u.active, tokenVersion: u.tokenVersion };
    });
  }

  /** The user a token names, from memory (every request verifies one), or null if there is none. */
  tokenHolder(id: string): Promise<Readonly<TokenHolder> | null> {
    return this.holders.get(this.ds.manager, id);
  }

  /** Call in a transaction that changes a user, before the change (see TOKEN_HOLDER_CACHE_TTL_MS). */
  changing(m: EntityManager): void {
    this.holders.changed(m);
  }

  async getInScope(principal: Principal, id: string, m: EntityManager = this.ds.manager): Promise<StaffUserEntity> {
    const user = await m
      .getRepository(StaffUserEntity)
      .createQueryBuilder('u')
      .innerJoin('u.orgUnit', 'unit')
      .where('u.id = :id', { id })
      .andWhere('unit.path LIKE :scope', { scope: scopePattern(principal.orgUnitPath) })
      .getOne();
    if (!user) throw new DomainError('USER.NOT_FOUND', { id });
    return user;
  }

  async list(principal: Principal, q: ListUsersQueryDto): Promise<Page<StaffUserEntity>> {
    const qb = this.ds
      .getRepository(StaffUserEntity)
      .createQueryBuilder('u')
      .innerJoin('u.orgUnit', 'unit')
      .where('unit.path LIKE :scope', { scope: scopePattern(principal.orgUnitPath) });
    if (q.orgUnitId) qb.andWhere('u.orgUnitId = :unitId', { unitId: q.orgUnitId });
    if (q.role) qb.andWhere(':role = ANY(u.roles)', { role: q.role });
    if (q.active !== undefined) qb.andWhere('u.active = :active', { active: q.active });
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(new Brackets((w) => w.where('u.displayName LIKE :like', { like }).orWhere('u.username LIKE :like', { like })));
    }
    return paginate(qb, { column: 'u.username', idColumn: 'u.id', key: (u) => u.username, direction: 'ASC' }, q);
  }

  async create(principal: Principal, dto: CreateUserDto, ctx: AuditContext): Promise<{ user: StaffUserEntity; initialPassword?: string }> {
    const initialPassword = dto.password ? undefined : generatePassword();
    const passwordHash = await hashPassword(dto.password ?? initialPassword!);
    const user = await this.ds.transaction(async (m) => {
      const unit = await this.units.getInScope(principal, dto.orgUnitId, m);
      if (!unit.active) throw new DomainError('ORG_UNIT.INACTIVE', { name: unit.name });
      await this.assertUsernameFree(m, dto.username);
      this.changing(m);
      const inserted = await m
        .insert(StaffUserEntity, { username: dto.username, displayName: dto.displayName, roles: dto.roles, orgUnitId: unit.id, passwordHash, active: true })
        .catch(async (e) => {
          if ((e as { code?: string }).code === '23505') await this.assertUsernameFree(m, dto.username);
          throw e;
        });
      const created = await m.findOneByOrFail(StaffUserEntity, { id: inserted.identifiers[0].id as string });
      await this.audit.record(m, ctx, { action: 'user.created', subjectType: 'staff_user', subjectId: created.id, orgUnitId: created.orgUnitId, after: snapshot(created) });
      return created;
    });
    return { user, initialPassword };
  }

  async update(principal: Principal, id: string, dto: UpdateUserDto, ifMatch: string | undefined, ctx: AuditContext): Promise<StaffUserEntity> {
    return this.ds.transaction(async (m) => {
      const user = await this.getInScope(principal, id, m);
      const version = expectedVersion(ifMatch, user.version);
      if (principal.type === 'staff' && principal.id === id && (dto.active === false || (dto.roles && !dto.roles.includes('admin') && user.roles.includes('admin')))) {
        // Otherwise the last admin could lock everyone out of user management.
        throw new DomainError('USER.CANNOT_DISABLE_SELF');
      }
      if (dto.orgUnitId && dto.orgUnitId !== user.orgUnitId) {
        const unit = await this.units.getInScope(principal, dto.orgUnitId, m);
        if (!unit.active) throw new DomainError('ORG_UNIT.INACTIVE', { name: unit.name });
      }
      const changes: QueryDeepPartialEntity<StaffUserEntity> = {};
      if (dto.displayName !== undefined) changes.displayName = dto.displayName;
      if (dto.roles !== undefined) changes.roles = dto.roles;
      if (dto.orgUnitId !== undefined) changes.orgUnitId = dto.orgUnitId;
      if (dto.active !== undefined) changes.active = dto.active;
      this.changing(m);
      // Deactivation, a role change or a move ends the user's current tokens: they carry the old rights.
      if (dto.active === false || dto.roles !== undefined || (dto.orgUnitId && dto.orgUnitId !== user.orgUnitId)) changes.tokenVersion = () => 'token_version + 1';
      await updateVersioned(m, StaffUserEntity, id, version, changes);
      const after = await m.findOneByOrFail(StaffUserEntity, { id });
      await this.audit.record(m, ctx, { action: 'user.updated', subjectType: 'staff_user', subjectId: id, orgUnitId: after.orgUnitId, before: snapshot(user), after: snapshot(after) });
      return after;
    });
  }

  async resetPassword(principal: Principal, id: string, password: string | undefined, ctx: AuditContext): Promise<{ user: StaffUserEntity; password?: string }> {
    const generated = password ? undefined : generatePassword();
    const passwordHash = await hashPassword(password ?? generated!);
    const user = await this.ds.transaction(async (m) => {
      const u = await this.getInScope(principal, id, m);
      this.changing(m);
      await m.update(StaffUserEntity, { id: u.id }, { passwordHash, tokenVersion: () => 'token_version + 1' });
      await this.audit.record(m, ctx, { action: 'user.password_reset', subjectType: 'staff_user', subjectId: u.id, orgUnitId: u.orgUnitId });
      return m.findOneByOrFail(StaffUserEntity, { id: u.id });
    });
    return { user, password: generated };
  }

  /** The first admin, at the root unit, created only when there is no user at all. */
  async ensureAdmin(m: EntityManager, rootUnitId: string, username: string, password: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
    if (await m.count(StaffUserEntity)) return { created: false };
    const generatedPassword = password ? undefined : generatePassword();
    const passwordHash = await hashPassword(password ?? generatedPassword!);
    this.changing(m);
    const inserted = await m.insert(StaffUserEntity, { username, displayName: '系统管理员', roles: ['admin'], orgUnitId: rootUnitId, passwordHash, active: true });
    await this.audit.record(m, { actor: 'system' }, { action: 'user.created', subjectType: 'staff_user', subjectId: inserted.identifiers[0].id as string, orgUnitId: rootUnitId, after: { username, roles: ['admin'] } });
    return { created: true, generatedPassword };
  }

  private async assertUsernameFree(m: EntityManager, username: string): Promise<void> {
    if (await m.existsBy(StaffUserEntity, { username })) {
      throw new DomainError('USER.USERNAME_TAKEN', { username }, [{ field: 'username', code: 'taken', params: { message: '用户名已存在' } }]);
    }
  }
}
