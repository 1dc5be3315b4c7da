import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { updateVersioned } from '../database/versioned-update';
import { DomainError } from '../common/errors/domain-error';
import { expectedVersion } from '../common/http/etag';
import { paginate, Page, PageQueryDto } from '../common/pagination/pagination';
import type { Principal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { OrgUnitsService, scopePattern } from '../org-units/org-units.service';
import { ApiKeyEntity } from './api-key.entity';
import { generateApiKey } from './api-keys';
import { CreatePartnerDto, ListPartnersQueryDto, UpdatePartnerDto } from './dto/auth.dto';
import { PartnerEntity } from './partner.entity';

const snapshot = (p: PartnerEntity) => ({ name: p.name, kind: p.kind, orgUnitId: p.orgUnitId, externalCode: p.externalCode, active: p.active });

@Injectable()
export class PartnersService {
  constructor(
    private readonly ds: DataSource,
    private readonly units: OrgUnitsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async getInScope(principal: Principal, id: string, m: EntityManager = this.ds.manager): Promise<PartnerEntity> {
    const partner = await m
      .getRepository(PartnerEntity)
      .createQueryBuilder('p')
      .innerJoin('p.orgUnit', 'unit')
      .where('p.id = :id', { id })
      .andWhere('unit.path LIKE :scope', { scope: scopePattern(principal.orgUnitPath) })
      .getOne();
    if (!partner) throw new DomainError('PARTNER.NOT_FOUND', { id });
    return partner;
  }

  async list(principal: Principal, q: ListPartnersQueryDto): Promise<Page<PartnerEntity>> {
    const qb = this.ds
      .getRepository(PartnerEntity)
      .createQueryBuilder('p')
      .innerJoin('p.orgUnit', 'unit')
      .where('unit.path LIKE :scope', { scope: scopePattern(principal.orgUnitPath) });
    if (q.kind) qb.andWhere('p.kind = :kind', { kind: q.kind });
    return paginate(qb, { column: 'p.createdAt', idColumn: 'p.id', key: (p) => p.createdAt, direction: 'DESC' }, q);
  }

  async create(principal: Principal, dto: CreatePartnerDto, ctx: AuditContext): Promise<PartnerEntity> {
    return this.ds.transaction(async (m) => {
      const unit = await this.units.getInScope(principal, dto.orgUnitId, m);
      if (!unit.active) throw new DomainError('ORG_UNIT.INACTIVE', { name: unit.name });
      const inserted = await m.insert(PartnerEntity, { name: dto.name, kind: dto.kind, orgUnitId: unit.id, externalCode: dto.externalCode ?? null, active: true });
      const partner = await m.findOneByOrFail(PartnerEntity, { id: inserted.identifiers[0].id as string });
      await this.audit.record(m, ctx, { action: 'partner.created', subjectType: 'partner', subjectId: partner.id, orgUnitId: partner.orgUnitId, after: snapshot(partner) });
      return partner;
    });
  }

  async update(principal: Principal, id: string, dto: UpdatePartnerDto, ifMatch: string | undefined, ctx: AuditContext): Promise<PartnerEntity> {
    return this.ds.transaction(async (m) => {
      const partner = await this.getInScope(principal, id, m);
      const version = expectedVersion(ifMatch, partner.version);
      const changes: Partial<PartnerEntity> = {};
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.externalCode !== undefined) changes.externalCode = dto.externalCode || null;
      if (dto.active !== undefined) changes.active = dto.active;
      await updateVersioned(m, PartnerEntity, id, version, changes);
      const after = await m.findOneByOrFail(PartnerEntity, { id });
      await this.audit.record(m, ctx, { action: 'partner.updated', subjectType: 'partner', subjectId: id, orgUnitId: after.orgUnitId, before: snapshot(partner), after: snapshot(after) });
      return after;
    });
  }

  async createKey(principal: Principal, partnerId: string, label: string, ctx: AuditContext): Promise<{ entity: ApiKeyEntity; key: string }> {
    const { key, prefix, secretHash } = generateApiKey();
    const entity = await this.ds.transaction(async (m) => {
      const partner = await this.getInScope(principal, partnerId, m);
      const inserted = await m.insert(ApiKeyEntity, { partnerId: partner.id, label, prefix, secretHash, createdById: principal.type === 'staff' ? principal.id : null });
      const row = await m.findOneByOrFail(ApiKeyEntity, { id: inserted.identifiers[0].id as string });
      // The prefix identifies the key in the audit trail; the secret itself is never stored or logged.
      await this.audit.record(m, ctx, { action: 'api_key.created', subjectType: 'partner', subjectId: partner.id, orgUnitId: partner.orgUnitId, after: { keyId: row.id, prefix, label } });
      return row;
    });
    return { entity, key };
  }

  async listKeys(principal: Principal, partnerId: string, q: PageQueryDto): Promise<Page<ApiKeyEntity>> {
    await this.getInScope(principal, partnerId);
    const qb = this.ds.getRepository(ApiKeyEntity).createQueryBuilder('k').where('k.partnerId = :partnerId', { partnerId });
    return paginate(qb, { column: 'k.createdAt', idColumn: 'k.id', key: (k) => k.createdAt, direction: 'DESC' }, q);
  }

  /** Revoking is immediate (the next request with the key is a 401) and idempotent. */
  async revokeKey(principal: Principal, partnerId: string, keyId: string, ctx: AuditContext): Promise<ApiKeyEntity> {
    return this.ds.transaction(async (m) => {
      const partner = await this.getInScope(principal, partnerId, m);
      const key = await m.findOneBy(ApiKeyEntity, { id: keyId, partnerId: partner.id });
      if (!key) throw new DomainError('API_KEY.NOT_FOUND', { id: keyId });
      const result = await m.update(ApiKeyEntity, { id: key.id, revokedAt: IsNull() }, { revokedAt: this.clock.now(), revokedById: principal.type === 'staff' ? principal.id : null });
      if (result.affected) {
        await this.audit.record(m, ctx, { action: 'api_key.revoked', subjectType: 'partner', subjectId: partner.id, orgUnitId: partner.orgUnitId, after: { keyId: key.id, prefix: key.prefix } });
      }
      return m.findOneByOrFail(ApiKeyEntity, { id: key.id });
    });
  }
}
