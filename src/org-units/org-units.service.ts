import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { AfterCommit } from '../database/after-commit';
import { ReferenceCache } from '../database/reference-cache';
import { updateVersioned } from '../database/versioned-update';
import { DomainError } from '../common/errors/domain-error';
import { expectedVersion } from '../common/http/etag';
import { paginate, Page } from '../common/pagination/pagination';
import type { Principal } from '../common/principal';
import { CreateOrgUnitDto, ListOrgUnitsQueryDto, UpdateOrgUnitDto } from './dto/org-unit.dto';
import { OrgKind, OrgLevel, OrgUnitEntity } from './org-unit.entity';

const LEVEL_OF_KIND: Record<OrgKind, OrgLevel> = {
  district: 'county', county: 'county', town: 'town', street: 'town', village: 'village', community: 'village',
};
const PARENT_LEVEL: Record<OrgLevel, OrgLevel | null> = { county: null, town: 'county', village: 'town' };
/** 统计用区划代码: county 6 digits, town/street 9, village/community 12, each extending its parent's code. */
const CODE_DIGITS: Record<OrgLevel, number> = { county: 6, town: 9, village: 12 };

export const scopePattern = (path: string): string => `${path}%`;
export const inScope = (path: string, principal: Pick<Principal, 'orgUnitPath'>): boolean => path.startsWith(principal.orgUnitPath);

const snapshot = (u: OrgUnitEntity) => ({ code: u.code, name: u.name, kind: u.kind, centerName: u.centerName, active: u.active });
/** How long another process may go on using a unit as it was before a change made through this one. */
export const ORG_UNITS_CACHE_TTL_MS = 2000;

@Injectable()
export class OrgUnitsService {
  /** The whole tree (a county's few hundred units), for the hot paths that only read a unit. */
  private readonly cache: ReferenceCache<ReadonlyMap<string, Readonly<OrgUnitEntity>>>;

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    afterCommit: AfterCommit,
  ) {
    this.cache = new ReferenceCache('org-units', ORG_UNITS_CACHE_TTL_MS, afterCommit, async (m) => new Map((await m.find(OrgUnitEntity)).map((u) => [u.id, u])));
  }

  /** A unit the principal may see; anything outside the principal's subtree does not exist for them. */
  async getInScope(principal: Principal, id: string, manager: EntityManager = this.ds.manager): Promise<OrgUnitEntity> {
    const unit = await manager.findOneBy(OrgUnitEntity, { id });
    if (!unit || !inScope(unit.path, principal)) throw new DomainError('ORG_UNIT.NOT_FOUND', { id });
    return unit;
  }

  /**
   * As getInScope, from memory (registration reads the unit on every call): a change made through
   * this process is seen from the next request on, one made through another within
   * ORG_UNITS_CACHE_TTL_MS. Read-only: for a unit about to be changed (its version), use getInScope.
   */
  async cachedInScope(principal: Principal, id: string, manager: EntityManager = this.ds.manager): Promise<Readonly<OrgUnitEntity>> {
    const unit = await this.cached(id, manager);
    if (!unit || !inScope(unit.path, principal)) throw new DomainError('ORG_UNIT.NOT_FOUND', { id });
    return unit;
  }

  /** A unit from memory (see cachedInScope), or null if there is no such unit. */
  async cached(id: string, manager: EntityManager = this.ds.manager): Promise<Readonly<OrgUnitEntity> | null> {
    // Not in the copy: created since by another process, or no such unit. The database says which.
    return (await this.cache.get(manager)).get(id) ?? (await manager.findOneBy(OrgUnitEntity, { id }));
  }

  async list(principal: Principal, q: ListOrgUnitsQueryDto): Promise<Page<OrgUnitEntity>> {
    const qb = this.ds.getRepository(OrgUnitEntity).createQueryBuilder('u').where('u.path LIKE :scope', { scope: scopePattern(principal.orgUnitPath) });
    if (q.parentId) qb.andWhere('u.parentId = :parentId', { parentId: q.parentId });
    if (q.level) qb.andWhere('u.level = :level', { level: q.level });
    if (q.active !== undefined) qb.andWhere('u.active = :active', { active: q.active });
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(new Brackets((w) => w.where('u.name LIKE :like', { like }).orWhere('u.code LIKE :like', { like })));
    }
    return paginate(qb, { column: 'u.code', idColumn: 'u.id', key: (u) => u.code, direction: 'ASC' }, q);
  }

  async create(principal: Principal, dto: CreateOrgUnitDto, ctx: AuditContext): Promise<OrgUnitEntity> {
    return this.ds.transaction(async (m) => {
      const parent = await this.getInScope(principal, dto.parentId, m);
      if (!parent.active) throw new DomainError('ORG_UNIT.INACTIVE', { name: parent.name });
      const level = LEVEL_OF_KIND[dto.kind];
      const parentLevel = PARENT_LEVEL[level];
      if (parent.level !== parentLevel) {
        throw new DomainError('ORG_UNIT.INVALID_PARENT', { level, parentLevel }, [{ field: 'parentId', code: 'invalidParent', params: { message: `${level} 级单位的上级必须是 ${parentLevel} 级` } }]);
      }
      if (dto.code.length !== CODE_DIGITS[level] || !dto.code.startsWith(parent.code)) {
        throw new DomainError('ORG_UNIT.CODE_MISMATCH', { level, digits: CODE_DIGITS[level], parentCode: parent.code }, [
          { field: 'code', code: 'codeMismatch', params: { message: `应为 ${CODE_DIGITS[level]} 位并以 ${parent.code} 开头` } },
        ]);
      }
      await this.assertCodeFree(m, dto.code);
      const id = randomUUID();
      this.cache.changed(m);
      const unit = m.create(OrgUnitEntity, {
        id,
        code: dto.code,
        name: dto.name,
        level,
        kind: dto.kind,
        parentId: parent.id,
        path: `${parent.path}${id}/`,
        centerName: dto.centerName ?? null,
        active: true,
      });
      await m.insert(OrgUnitEntity, unit).catch((e) => this.rethrowCodeTaken(e, dto.code, m));
      await this.audit.record(m, ctx, { action: 'org_unit.created', subjectType: 'org_unit', subjectId: id, orgUnitId: id, after: snapshot(unit) });
      return m.findOneByOrFail(OrgUnitEntity, { id });
    });
  }

  async update(principal: Principal, id: string, dto: UpdateOrgUnitDto, ifMatch: string | undefined, ctx: AuditContext): Promise<OrgUnitEntity> {
    return this.ds.transaction(async (m) => {
      const unit = await this.getInScope(principal, id, m);
      const version = expectedVersion(ifMatch, unit.version);
      if (dto.active === false && unit.active) {
        if (!unit.parentId) throw new DomainError('ORG_UNIT.ROOT_IMMUTABLE');
        const count = await m.countBy(OrgUnitEntity, { parentId: unit.id, active: true });
        if (count) throw new DomainError('ORG_UNIT.HAS_ACTIVE_CHILDREN', { count });
      }
      const changes: Partial<OrgUnitEntity> = {};
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.centerName !== undefined) changes.centerName = dto.centerName || null;
      if (dto.active !== undefined) changes.active = dto.active;
      this.cache.changed(m);
      // Conditional on the version read above: a concurrent change between read and write is a 412, not a lost update.
      await updateVersioned(m, OrgUnitEntity, id, version, changes);
      const after = await m.findOneByOrFail(OrgUnitEntity, { id });
      await this.audit.record(m, ctx, { action: 'org_unit.updated', subjectType: 'org_unit', subjectId: id, orgUnitId: id, before: snapshot(unit), after: snapshot(after) });
      return after;
    });
  }

  /** Creates the deployment's root county on first start; returns it either way. */
  async ensureRoot(m: EntityManager, code: string, name: string): Promise<OrgUnitEntity> {
    const existing = await m.getRepository(OrgUnitEntity).createQueryBuilder('u').where('u.parentId IS NULL').orderBy('u.createdAt').getOne();
    if (existing) return existing;
    const id = randomUUID();
    this.cache.changed(m);
    await m.insert(OrgUnitEntity, { id, code, name, level: 'county', kind: 'district', parentId: null, path: `/${id}/`, centerName: `${name}矛盾纠纷调处化解中心`, active: true });
    await this.audit.record(m, { actor: 'system' }, { action: 'org_unit.created', subjectType: 'org_unit', subjectId: id, orgUnitId: id, after: { code, name } });
    return m.findOneByOrFail(OrgUnitEntity, { id });
  }

  private async assertCodeFree(m: EntityManager, code: string): Promise<void> {
    const clash = await m.findOneBy(OrgUnitEntity, { code });
    if (clash) throw new DomainError('ORG_UNIT.CODE_TAKEN', { code, name: clash.name }, [{ field: 'code', code: 'taken', params: { message: '代码已被使用' } }]);
  }

  private async rethrowCodeTaken(e: unknown, code: string, m: EntityManager): Promise<never> {
    if ((e as { code?: string }).code === '23505') await this.assertCodeFree(m, code);
    throw e;
  }
}
