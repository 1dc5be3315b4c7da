import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { StaffUserEntity } from '../auth/staff-user.entity';
import { DomainError } from '../common/errors/domain-error';
import type { Principal } from '../common/principal';
import { OrgUnitsService, scopePattern } from '../org-units/org-units.service';
import type { Track } from '../triage/taxonomy';
import { MediatorProfileEntity } from './mediator-profile.entity';

/** Statuses in which a case occupies its mediator. */
export const ACTIVE_CASE_STATUSES = ['in_mediation', 'suspended', 'agreement', 'performing'] as const;

export interface MediatorView {
  user: StaffUserEntity;
  profile: MediatorProfileEntity;
  /** Open cases in which the mediator is lead or co-mediator now. */
  openCases: number;
}

const DEFAULT_PROFILE = { specialties: [] as Track[], maxOpenCases: 30, accepting: true, lastAssignedAt: null, version: 0 };

@Injectable()
export class MediatorsService {
  constructor(
    private readonly ds: DataSource,
    private readonly units: OrgUnitsService,
    private readonly audit: AuditService,
  ) {}

  /** Open cases per mediator, in one statement for any number of them. */
  async loads(m: EntityManager, mediatorIds: string[]): Promise<Map<string, number>> {
    if (!mediatorIds.length) return new Map();
    const rows: Array<{ mediator_id: string; n: number }> = await m.query(
      `SELECT a.mediator_id, count(DISTINCT a.case_id)::int AS n
         FROM case_assignments a JOIN cases c ON c.id = a.case_id
        WHERE a.ended_at IS NULL AND a.mediator_id = ANY($1::uuid[]) AND c.status = ANY($2::varchar[])
        GROUP BY a.mediator_id`,
      [mediatorIds, [...ACTIVE_CASE_STATUSES]],
    );
    return new Map(rows.map((r) => [r.mediator_id, r.n]));
  }

  /** Mediators in the caller's scope (or a unit's subtree), with their profile and current load. */
  async list(principal: Principal, q: { orgUnitId?: string; track?: Track }): Promise<MediatorView[]> {
    const unit = await this.units.getInScope(principal, q.orgUnitId ?? principal.orgUnitId);
    const users = await this.ds
      .getRepository(StaffUserEntity)
      .createQueryBuilder('u')
      .innerJoin('u.orgUnit', 'unit')
      .where('unit.path LIKE :scope AND u.active = true AND :role = ANY(u.roles)', { scope: scopePattern(unit.path), role: 'mediator' })
      .orderBy('u.displayName', 'ASC')
      .getMany();
    const views = await this.views(this.ds.manager, users);
    return q.track ? views.filter((v) => v.profile.specialties.includes(q.track!)) : views;
  }

  async get(principal: Principal, userId: string, m: EntityManager = this.ds.manager): Promise<MediatorView> {
    const user = await m
      .getRepository(StaffUserEntity)
      .createQueryBuilder('u')
      .innerJoin('u.orgUnit', 'unit')
      .where('u.id = :userId AND unit.path LIKE :scope', { userId, scope: scopePattern(principal.orgUnitPath) })
      .getOne();
    if (!user || !user.roles.includes('mediator')) throw new DomainError('MEDIATION.NOT_A_MEDIATOR', { id: userId });
    return (await this.views(m, [user]))[0];
  }

  private async views(m: EntityManager, users: StaffUserEntity[]): Promise<MediatorView[]> {
    const ids = users.map((u) => u.id);
    const [profiles, loads] = await Promise.all([
      ids.length ? m.getRepository(MediatorProfileEntity).createQueryBuilder('p').where('p.staffUserId IN (:...ids)', { ids }).getMany() : [],
      this.loads(m, ids),
    ]);
    const byId = new Map(profiles.map((p) => [p.staffUserId, p]));
    return users.map((user) => ({
      user,
      profile: byId.get(user.id) ?? Object.assign(new MediatorProfileEntity(), { staffUserId: user.id, ...DEFAULT_PROFILE }),
      openCases: loads.get(user.id) ?? 0,
    }));
  }

  async updateProfile(principal: Principal, userId: string, dto: { specialties?: Track[]; maxOpenCases?: number; accepting?: boolean }, ctx: AuditContext): Promise<MediatorView> {
    return this.ds.transaction(async (m) => {
      const before = await this.get(principal, userId, m);
      const next = {
        staffUserId: userId,
        specialties: dto.specialties ? [...new Set(dto.specialties)] : before.profile.specialties,
        maxOpenCases: dto.maxOpenCases ?? before.profile.maxOpenCases,
        accepting: dto.accepting ?? before.profile.accepting,
      };
      await m.upsert(MediatorProfileEntity, next, ['staffUserId']);
      await this.audit.record(m, ctx, {
        action: 'mediator.profile_updated',
        subjectType: 'staff_user',
        subjectId: userId,
        orgUnitId: before.user.orgUnitId,
        before: { specialties: before.profile.specialties, maxOpenCases: before.profile.maxOpenCases, accepting: before.profile.accepting },
        after: { specialties: next.specialties, maxOpenCases: next.maxOpenCases, accepting: next.accepting },
      });
      return this.get(principal, userId, m);
    });
  }

  /**
   * Automatic assignment: mediators of the track who take cases, nearest unit first (the case's
   * own unit, then the town above it, then the county: 小事不出村、大事不出镇), below their cap;
   * the least loaded wins, and among equals the one who waited longest since their last case
   * (round-robin). Candidate profiles are locked, so two directors assigning at once cannot both
   * give the last free slot away.
   */
  async pick(m: EntityManager, unitPath: string, track: Track, exclude: string[] = []): Promise<MediatorView | null> {
    const chain = unitPath.split('/').filter(Boolean).reverse();
    for (const unitId of chain) {
      const users = await m
        .getRepository(StaffUserEntity)
        .createQueryBuilder('u')
        .where('u.orgUnitId = :unitId AND u.active = true AND :role = ANY(u.roles)', { unitId, role: 'mediator' })
        .getMany();
      const candidates = users.filter((u) => !exclude.includes(u.id));
      if (!candidates.length) continue;
      await m.query(`SELECT 1 FROM mediator_profiles WHERE staff_user_id = ANY($1::uuid[]) ORDER BY staff_user_id FOR UPDATE`, [candidates.map((u) => u.id)]);
      const views = (await this.views(m, candidates)).filter((v) => v.profile.accepting && v.profile.specialties.includes(track) && v.openCases < v.profile.maxOpenCases);
      if (!views.length) continue;
      views.sort(
        (a, b) =>
          a.openCases - b.openCases ||
          (a.profile.lastAssignedAt?.getTime() ?? 0) - (b.profile.lastAssignedAt?.getTime() ?? 0) ||
          a.user.id.localeCompare(b.user.id),
      );
      return views[0];
    }
    return null;
  }
}
