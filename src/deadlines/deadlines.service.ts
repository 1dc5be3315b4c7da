import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/errors/domain-error';
import { expectedVersion } from '../common/http/etag';
import { paginate, Page, PageQueryDto } from '../common/pagination/pagination';
import type { Principal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { updateVersioned } from '../database/versioned-update';
import { OrgUnitsService, scopePattern } from '../org-units/org-units.service';
import { CalendarService } from './calendar.service';
import { DeadlineEntity } from './deadline.entity';
import { DeadlineKind, ExtensionApproval, resolvePolicy, validateExtension } from './deadline-kinds';
import { explainDue } from './explain';
import { BusinessCalendar, computeDue, DueResult, pauseClock, PausedClock, resumeClock } from './period';

const serialiseDue = (r: DueResult, start: Date) => ({ ...r, dueAt: r.dueAt.toISOString(), explanation: explainDue(r, start) });
const reviveDue = (c: Record<string, unknown>): DueResult => ({ ...(c as unknown as DueResult), dueAt: new Date(c.dueAt as string) });
const serialisePaused = (p: PausedClock) => ({ ...p, pausedAt: p.pausedAt.toISOString() });
const revivePaused = (p: Record<string, unknown>): PausedClock => ({ ...(p as unknown as PausedClock), pausedAt: new Date(p.pausedAt as string) });

export type DeadlineView = 'overdue' | 'due_soon';

@Injectable()
export class DeadlinesService {
  constructor(
    private readonly ds: DataSource,
    private readonly calendars: CalendarService,
    private readonly units: OrgUnitsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Starts a deadline inside the caller's transaction: the change and its clock commit together. */
  async start(m: EntityManager, args: { caseId: string; orgUnitId: string; kind: DeadlineKind; startAt: Date }): Promise<DeadlineEntity> {
    const policy = resolvePolicy(args.kind);
    const calendar = await this.calendars.calendar(m);
    const due = computeDue({ start: args.startAt, unit: policy.unit, duration: policy.duration, calendar });
    const row = m.create(DeadlineEntity, {
      caseId: args.caseId,
      orgUnitId: args.orgUnitId,
      kind: args.kind,
      label: policy.label,
      statutory: policy.statutory,
      legalBasis: policy.legalBasis,
      startAt: args.startAt,
      unit: policy.unit,
      duration: policy.duration,
      dueAt: due.dueAt,
      computation: serialiseDue(due, args.startAt),
      status: 'pending',
    });
    const inserted = await m.insert(DeadlineEntity, row);
    return m.findOneByOrFail(DeadlineEntity, { id: inserted.identifiers[0].id as string });
  }

  /** The case did what the clock asked for (e.g. triage decided): the running deadlines of those kinds are met. */
  async meet(m: EntityManager, caseId: string, kinds: DeadlineKind[]): Promise<void> {
    await m.update(DeadlineEntity, { caseId, kind: In(kinds), status: In(['pending', 'paused']) }, { status: 'met', closedAt: this.clock.now() });
  }

  /** Follows the case when triage hands it to another unit, so the right director sees it. */
  async moveCase(m: EntityManager, caseId: string, orgUnitId: string): Promise<void> {
    await m.update(DeadlineEntity, { caseId }, { orgUnitId, version: () => 'version' });
  }

  async forCase(caseId: string): Promise<DeadlineEntity[]> {
    return this.ds.getRepository(DeadlineEntity).find({ where: { caseId }, order: { dueAt: 'ASC' } });
  }

  /**
   * The director's morning view for a unit and everything below it: overdue = still running past
   * its due time (computed from the record, so it is true even if no job has fired); due_soon =
   * running and due within `withinDays`.
   */
  async list(principal: Principal, view: DeadlineView, orgUnitId: string | undefined, withinDays: number, page: PageQueryDto): Promise<Page<DeadlineEntity>> {
    const unit = await this.units.getInScope(principal, orgUnitId ?? principal.orgUnitId);
    const now = this.clock.now();
    const qb = this.ds
      .getRepository(DeadlineEntity)
      .createQueryBuilder('d')
      .innerJoin('org_units', 'u', 'u.id = d.org_unit_id')
      .where('u.path LIKE :scope', { scope: scopePattern(unit.path) });
    if (view === 'overdue') {
      qb.andWhere(`(d.status = 'missed' OR (d.status = 'pending' AND d.dueAt <= :now))`, { now });
    } else {
      qb.andWhere(`d.status = 'pending' AND d.dueAt > :now AND d.dueAt <= :until`, { now, until: new Date(now.getTime() + withinDays * 86400_000) });
    }
    return paginate(qb, { column: 'd.dueAt', idColumn: 'd.id', key: (d) => d.dueAt, direction: 'ASC' }, page);
  }

  async get(principal: Principal, id: string, m: EntityManager = this.ds.manager): Promise<DeadlineEntity> {
    const row = await m
      .getRepository(DeadlineEntity)
      .createQueryBuilder('d')
      .innerJoin('org_units', 'u', 'u.id = d.org_unit_id')
      .where('d.id = :id AND u.path LIKE :scope', { id, scope: scopePattern(principal.orgUnitPath) })
      .getOne();
    if (!row) throw new DomainError('DEADLINE.NOT_FOUND', { id });
    return row;
  }

  /** Stops the clock (e.g. waiting for an appraisal) only where the law excludes such time. */
  async pause(principal: Principal, id: string, reason: string, ifMatch: string | undefined, ctx: AuditContext): Promise<DeadlineEntity> {
    return this.change(principal, id, ifMatch, ctx, 'deadline.paused', async (m, d, calendar) => {
      if (d.status !== 'pending') throw new DomainError('DEADLINE.INVALID_STATE', { status: d.status, action: 'pause' });
      if (!resolvePolicy(d.kind as DeadlineKind).pausable) throw new DomainError('DEADLINE.NOT_PAUSABLE', { label: d.label });
      const now = this.clock.now();
      const paused = pauseClock(reviveDue(d.computation), now, calendar);
      return { status: 'paused', pausedClock: serialisePaused(paused), pauses: [...d.pauses, { pausedAt: now.toISOString(), reason, by: actorName(principal) }] };
    });
  }

  /** Restarts the clock with the time that was left when it stopped. */
  async resume(principal: Principal, id: string, ifMatch: string | undefined, ctx: AuditContext): Promise<DeadlineEntity> {
    return this.change(principal, id, ifMatch, ctx, 'deadline.resumed', async (m, d, calendar) => {
      if (d.status !== 'paused' || !d.pausedClock) throw new DomainError('DEADLINE.INVALID_STATE', { status: d.status, action: 'resume' });
      const now = this.clock.now();
      const due = resumeClock(revivePaused(d.pausedClock), now, calendar);
      const pauses = d.pauses.map((p, i) => (i === d.pauses.length - 1 ? { ...p, resumedAt: now.toISOString() } : p));
      return { status: 'pending', pausedClock: null, pauses, dueAt: due.dueAt, computation: serialiseDue(due, now) };
    });
  }

  /** Extends by `duration` units counted from the current end, with the approval the kind requires. */
  async extend(principal: Principal, id: string, duration: number, approval: ExtensionApproval, ifMatch: string | undefined, ctx: AuditContext): Promise<DeadlineEntity> {
    return this.change(principal, id, ifMatch, ctx, 'deadline.extended', async (m, d, calendar) => {
      if (d.status !== 'pending') throw new DomainError('DEADLINE.INVALID_STATE', { status: d.status, action: 'extend' });
      const policy = resolvePolicy(d.kind as DeadlineKind);
      const check = validateExtension(policy, duration, approval);
      if (!check.ok) throw new DomainError('DEADLINE.EXTENSION_REFUSED', { reason: check.reason });
      // Counting resumes the day after the current last day: one instant before the old bound.
      const from = new Date(d.dueAt.getTime() - 1);
      const due = computeDue({ start: from, unit: policy.unit, duration, calendar });
      const extensions = [...d.extensions, { duration, approval, recordedBy: actorName(principal), at: this.clock.now().toISOString(), dueBefore: d.dueAt.toISOString(), dueAfter: due.dueAt.toISOString() }];
      return { dueAt: due.dueAt, computation: { ...serialiseDue(due, from), extendedFrom: d.computation.dueDate }, extensions };
    });
  }

  private async change(
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    ctx: AuditContext,
    action: string,
    apply: (m: EntityManager, d: DeadlineEntity, calendar: BusinessCalendar) => Promise<Partial<DeadlineEntity>>,
  ): Promise<DeadlineEntity> {
    return this.ds.transaction(async (m) => {
      const d = await this.get(principal, id, m);
      const version = expectedVersion(ifMatch, d.version);
      const changes = await apply(m, d, await this.calendars.calendar(m));
      await updateVersioned(m, DeadlineEntity, id, version, changes as never);
      const after = await m.findOneByOrFail(DeadlineEntity, { id });
      await this.audit.record(m, ctx, {
        action,
        subjectType: 'case',
        subjectId: d.caseId,
        orgUnitId: d.orgUnitId,
        before: { deadlineId: id, kind: d.kind, status: d.status, dueAt: d.dueAt.toISOString() },
        after: { deadlineId: id, kind: d.kind, status: after.status, dueAt: after.dueAt.toISOString() },
      });
      return after;
    });
  }
}

const actorName = (p: Principal) => (p.type === 'staff' ? p.displayName : p.name);
