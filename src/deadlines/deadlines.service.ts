import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/errors/domain-error';
import { expectedVersion } from '../common/http/etag';
import { paginate, Page, PageQueryDto } from '../common/pagination/pagination';
import type { Principal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { updateVersioned } from '../database/versioned-update';
import { insertReturning } from '../database/insert-returning';
import { OrgUnitsService, scopePattern } from '../org-units/org-units.service';
import { DeadlineEntity, DeadlineSubject, deadlineSubject } from './deadline.entity';
import { AppConfig, deadlineOverrides } from '../config/app-config';
import { DeadlineKind, DeadlineKindOverrides, ExtensionApproval, resolvePolicy, ResolvedDeadlinePolicy, validateExtension } from './deadline-kinds';
import { DeadlineScheduler } from './deadline-scheduler';
import { explainDue } from './explain';
import { BusinessCalendar, CalendarDay, computeDue, DueResult, extendDue, pauseClock, PausedClock, resumeClock, startOfLocalDay } from './period';
import { replay } from './replay';
import { firstAction, reminderStages } from './schedule';
import { CalendarService as Calendars } from './calendar.service';

const serialiseDue = (r: DueResult, start: Date) => ({ ...r, dueAt: r.dueAt.toISOString(), explanation: explainDue(r, start) });
const reviveDue = (c: Record<string, unknown>): DueResult => ({ ...(c as unknown as DueResult), dueAt: new Date(c.dueAt as string) });
const serialisePaused = (p: PausedClock) => ({ ...p, pausedAt: p.pausedAt.toISOString() });
const revivePaused = (p: Record<string, unknown>): PausedClock => ({ ...(p as unknown as PausedClock), pausedAt: new Date(p.pausedAt as string) });

export type DeadlineView = 'overdue' | 'due_soon';

/** A bare string is a case id (the callers that predate petitions). */
const subjectWhere = (s: string | DeadlineSubject): { caseId: string } | { petitionId: string } =>
  typeof s === 'string' ? { caseId: s } : 'petitionId' in s ? { petitionId: s.petitionId } : { caseId: s.caseId };

@Injectable()
export class DeadlinesService {
  private readonly overrides: DeadlineKindOverrides;

  constructor(
    private readonly ds: DataSource,
    private readonly calendars: Calendars,
    private readonly units: OrgUnitsService,
    private readonly audit: AuditService,
    private readonly scheduler: DeadlineScheduler,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.overrides = deadlineOverrides(config);
  }

  /** The kind's policy as this deployment applies it (statute, or the configured override). */
  policy(kind: DeadlineKind): ResolvedDeadlinePolicy {
    return resolvePolicy(kind, this.overrides);
  }

  /** The reminders and the first instant for a due time, from `from` on. */
  private plan(kind: string, due: DueResult, from: Date, calendar: BusinessCalendar): Pick<DeadlineEntity, 'reminders' | 'nextActionAt' | 'jobEpoch'> {
    const reminders = reminderStages({ dueAt: due.dueAt, lastDay: due.dueDate, offsets: this.policy(kind as DeadlineKind).reminderOffsets, from, calendar });
    return { reminders, nextActionAt: firstAction(due.dueAt, reminders), jobEpoch: null };
  }

  /**
   * Starts a deadline inside the caller's transaction: the change and its clock commit together,
   * and the wake-up job is added once they have.
   */
  async start(m: EntityManager, args: DeadlineSubject & { orgUnitId: string; kind: DeadlineKind; startAt: Date }): Promise<DeadlineEntity> {
    const policy = this.policy(args.kind);
    const calendar = await this.calendars.calendar(m);
    const due = computeDue({ start: args.startAt, unit: policy.unit, duration: policy.duration, calendar });
    const row = m.create(DeadlineEntity, {
      ...this.plan(args.kind, due, this.clock.now(), calendar),
      caseId: 'caseId' in args ? args.caseId : null,
      petitionId: 'petitionId' in args ? args.petitionId : null,
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
    const [saved] = await insertReturning(m, DeadlineEntity, [row]);
    await this.scheduler.track(m, saved);
    return saved;
  }

  /** The case (or petition) did what the clock asked for (e.g. triage decided): the running deadlines of those kinds are met. */
  async meet(m: EntityManager, subject: string | DeadlineSubject, kinds: DeadlineKind[]): Promise<void> {
    // Their jobs stay in Redis and wake to find a closed row: a no-op, cheaper than a removal round-trip.
    await m.update(DeadlineEntity, { ...subjectWhere(subject), kind: In(kinds), status: In(['pending', 'paused']) }, { status: 'met', closedAt: this.clock.now(), nextActionAt: null });
  }

  /** The case closed, merged or left the center (or a petition left the organ): its running clocks stop without being met. */
  async cancel(m: EntityManager, subject: string | DeadlineSubject): Promise<void> {
    await m.update(DeadlineEntity, { ...subjectWhere(subject), status: In(['pending', 'paused']) }, { status: 'cancelled', closedAt: this.clock.now(), nextActionAt: null });
  }

  /** Follows the case when triage hands it to another unit, so the right director sees it. */
  async moveCase(m: EntityManager, caseId: string, orgUnitId: string): Promise<void> {
    await m.update(DeadlineEntity, { caseId }, { orgUnitId, version: () => 'version' });
  }

  async forCase(caseId: string): Promise<DeadlineEntity[]> {
    return this.ds.getRepository(DeadlineEntity).find({ where: { caseId }, order: { dueAt: 'ASC' } });
  }

  async forPetition(petitionId: string, m: EntityManager = this.ds.manager): Promise<DeadlineEntity[]> {
    return m.getRepository(DeadlineEntity).find({ where: { petitionId }, order: { dueAt: 'ASC' } });
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
    return this.change(principal, id, ifMatch, ctx, 'deadline.paused', async (d, calendar) => {
      if (!this.policy(d.kind as DeadlineKind).pausable) throw new DomainError('DEADLINE.NOT_PAUSABLE', { label: d.label });
      return this.pausedChanges(d, calendar, reason, actorName(principal));
    });
  }

  /** Restarts the clock with the time that was left when it stopped. */
  async resume(principal: Principal, id: string, ifMatch: string | undefined, ctx: AuditContext): Promise<DeadlineEntity> {
    return this.change(principal, id, ifMatch, ctx, 'deadline.resumed', async (d, calendar) => this.resumedChanges(d, calendar));
  }

  /** Extends by `duration` units counted from the current end, with the approval the kind requires. */
  async extend(principal: Principal, id: string, duration: number, approval: ExtensionApproval, ifMatch: string | undefined, ctx: AuditContext): Promise<DeadlineEntity> {
    return this.change(principal, id, ifMatch, ctx, 'deadline.extended', async (d, calendar) => this.extendedChanges(d, calendar, duration, approval, actorName(principal)));
  }

  // ---- case-level changes, inside the caller's transaction (mediation suspends, resumes, extends)

  /**
   * A suspended mediation stops the clocks the law lets stop (e.g. 医疗纠纷 appraisal time) and
   * says which keep running: a labor mediation's 15 days (劳动争议调解仲裁法 Art.14) do not wait.
   */
  async pauseCase(m: EntityManager, caseId: string, reason: string, by: string, ctx: AuditContext): Promise<{ paused: DeadlineEntity[]; running: DeadlineEntity[] }> {
    const rows = await m.find(DeadlineEntity, { where: { caseId, status: 'pending' }, order: { dueAt: 'ASC' } });
    const calendar = await this.calendars.calendar(m);
    const paused: DeadlineEntity[] = [];
    const running: DeadlineEntity[] = [];
    for (const d of rows) {
      if (!this.policy(d.kind as DeadlineKind).pausable || d.dueAt.getTime() <= this.clock.now().getTime()) running.push(d);
      else paused.push(await this.applyInTx(m, d, 'deadline.paused', this.pausedChanges(d, calendar, reason, by), ctx));
    }
    return { paused, running };
  }

  async resumeCase(m: EntityManager, caseId: string, ctx: AuditContext): Promise<DeadlineEntity[]> {
    const rows = await m.find(DeadlineEntity, { where: { caseId, status: 'paused' } });
    const calendar = await this.calendars.calendar(m);
    const out: DeadlineEntity[] = [];
    for (const d of rows) out.push(await this.applyInTx(m, d, 'deadline.resumed', this.resumedChanges(d, calendar), ctx));
    return out;
  }

  /** Extends the case's running deadline of one of `kinds` (the mediation clock of its track). */
  async extendCase(m: EntityManager, caseId: string, kinds: string[], duration: number, approval: ExtensionApproval, by: string, ctx: AuditContext): Promise<DeadlineEntity> {
    return this.extendFor(m, { caseId }, kinds, duration, approval, by, ctx);
  }

  /**
   * Extends the subject's running deadline of one of `kinds` inside the caller's transaction, under
   * the same rule as `extend` (validateExtension: the kind's maximum, approval kind, approver, reason).
   */
  async extendFor(m: EntityManager, subject: DeadlineSubject, kinds: string[], duration: number, approval: ExtensionApproval | undefined, by: string, ctx: AuditContext): Promise<DeadlineEntity> {
    const d = await m.findOne(DeadlineEntity, { where: { ...subjectWhere(subject), kind: In(kinds), status: In(['pending', 'paused']) }, order: { dueAt: 'ASC' } });
    if (!d) throw new DomainError('DEADLINE.NOT_FOUND', { id: kinds.join(',') });
    return this.applyInTx(m, d, 'deadline.extended', this.extendedChanges(d, await this.calendars.calendar(m), duration, approval, by), ctx);
  }

  private pausedChanges(d: DeadlineEntity, calendar: BusinessCalendar, reason: string, by: string): Partial<DeadlineEntity> {
    if (d.status !== 'pending') throw new DomainError('DEADLINE.INVALID_STATE', { status: d.status, action: 'pause' });
    const now = this.clock.now();
    const paused = pauseClock(reviveDue(d.computation), now, calendar);
    return { status: 'paused', pausedClock: serialisePaused(paused), pauses: [...d.pauses, { pausedAt: now.toISOString(), reason, by }], nextActionAt: null, jobEpoch: null };
  }

  private resumedChanges(d: DeadlineEntity, calendar: BusinessCalendar): Partial<DeadlineEntity> {
    if (d.status !== 'paused' || !d.pausedClock) throw new DomainError('DEADLINE.INVALID_STATE', { status: d.status, action: 'resume' });
    const now = this.clock.now();
    const due = resumeClock(revivePaused(d.pausedClock), now, calendar);
    const pauses = d.pauses.map((p, i) => (i === d.pauses.length - 1 ? { ...p, resumedAt: now.toISOString() } : p));
    return { status: 'pending', pausedClock: null, pauses, dueAt: due.dueAt, computation: serialiseDue(due, now), ...this.plan(d.kind, due, now, calendar) };
  }

  private extendedChanges(d: DeadlineEntity, calendar: BusinessCalendar, duration: number, approval: ExtensionApproval | undefined, by: string): Partial<DeadlineEntity> {
    if (d.status !== 'pending') throw new DomainError('DEADLINE.INVALID_STATE', { status: d.status, action: 'extend' });
    const policy = this.policy(d.kind as DeadlineKind);
    const check = validateExtension(policy, duration, approval, d.extensions.reduce((sum, e) => sum + e.duration, 0));
    if (!check.ok) throw new DomainError('DEADLINE.EXTENSION_REFUSED', { reason: check.reason });
    // Counting resumes the day after the current last day: one instant before the old bound.
    const due = extendDue(reviveDue(d.computation), policy.unit, duration, calendar);
    const from = new Date(d.dueAt.getTime() - 1);
    const extensions = [...d.extensions, { duration, approval: approval!, recordedBy: by, at: this.clock.now().toISOString(), dueBefore: d.dueAt.toISOString(), dueAfter: due.dueAt.toISOString() }];
    return { dueAt: due.dueAt, computation: { ...serialiseDue(due, from), extendedFrom: d.computation.dueDate }, extensions, ...this.plan(d.kind, due, this.clock.now(), calendar) };
  }

  private async change(
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    ctx: AuditContext,
    action: string,
    apply: (d: DeadlineEntity, calendar: BusinessCalendar) => Promise<Partial<DeadlineEntity>>,
  ): Promise<DeadlineEntity> {
    return this.ds.transaction(async (m) => {
      const d = await this.get(principal, id, m);
      const version = expectedVersion(ifMatch, d.version);
      return this.applyInTx(m, d, action, await apply(d, await this.calendars.calendar(m)), ctx, version);
    });
  }

  /** Writes the change, schedules the row's new instant after commit, and puts it on the case's (or petition's) timeline. */
  private async applyInTx(m: EntityManager, d: DeadlineEntity, action: string, changes: Partial<DeadlineEntity>, ctx: AuditContext, version = d.version): Promise<DeadlineEntity> {
    await updateVersioned(m, DeadlineEntity, d.id, version, changes as never);
    const after = await m.findOneByOrFail(DeadlineEntity, { id: d.id });
    await this.scheduler.track(m, after);
    await this.audit.record(m, ctx, {
      action,
      ...deadlineSubject(d),
      orgUnitId: d.orgUnitId,
      before: { deadlineId: d.id, kind: d.kind, status: d.status, dueAt: d.dueAt.toISOString() },
      after: { deadlineId: d.id, kind: d.kind, status: after.status, dueAt: after.dueAt.toISOString() },
    });
    return after;
  }

  /**
   * Loads or corrects a year and, in the same transaction, recomputes every running deadline whose
   * counting reaches into it, from its own history (start, pauses, extensions). Each moved
   * deadline says so on its case's timeline. A row whose history no longer fits the new calendar
   * (a recorded pause would now fall after its end) keeps its figures and is reported.
   */
  async loadCalendarYear(year: number, source: string, days: CalendarDay[], actorId: string, ctx: AuditContext, orgUnitId: string) {
    return this.ds.transaction(async (m) => {
      const loaded = await this.calendars.replaceYear(m, year, source, days, actorId, ctx, orgUnitId);
      const calendar = await this.calendars.calendar(m);
      const rows = await m
        .getRepository(DeadlineEntity)
        .createQueryBuilder('d')
        .setLock('pessimistic_write')
        .where(`d.status IN ('pending', 'paused') AND d.dueAt >= :from AND d.startAt < :to`, { from: startOfLocalDay(`${year}-01-01`), to: startOfLocalDay(`${year + 1}-01-01`) })
        .getMany();
      const now = this.clock.now();
      const moved: Array<{ deadlineId: string; caseId: string | null; petitionId?: string; before: string; after: string }> = [];
      const kept: Array<{ deadlineId: string; caseId: string | null; petitionId?: string; reason: string }> = [];
      const petitionOf = (d: DeadlineEntity) => (d.petitionId ? { petitionId: d.petitionId } : {});
      for (const d of rows) {
        let r;
        try {
          r = replay({ startAt: d.startAt, unit: d.unit as DueResult['unit'], duration: d.duration, pauses: d.pauses, extensions: d.extensions }, calendar);
        } catch (e) {
          kept.push({ deadlineId: d.id, caseId: d.caseId, ...petitionOf(d), reason: (e as Error).message });
          continue;
        }
        const computation: DeadlineEntity['computation'] = { ...serialiseDue(r.due, r.countedFrom), ...(r.extendedFrom ? { extendedFrom: r.extendedFrom } : {}) };
        if (d.status === 'paused') {
          const pausedClock = r.paused ? serialisePaused(r.paused) : d.pausedClock;
          if (JSON.stringify(pausedClock) === JSON.stringify(d.pausedClock)) continue;
          await m.update(DeadlineEntity, { id: d.id }, { pausedClock: pausedClock as never, dueAt: r.due.dueAt, computation });
        } else {
          if (r.due.dueAt.getTime() === d.dueAt.getTime()) continue;
          await m.update(DeadlineEntity, { id: d.id }, { dueAt: r.due.dueAt, computation, ...this.plan(d.kind, r.due, now, calendar) });
          await this.scheduler.track(m, await m.findOneByOrFail(DeadlineEntity, { id: d.id }));
        }
        moved.push({ deadlineId: d.id, caseId: d.caseId, ...petitionOf(d), before: d.dueAt.toISOString(), after: r.due.dueAt.toISOString() });
        await this.audit.record(m, ctx, {
          action: 'deadline.recomputed',
          ...deadlineSubject(d),
          orgUnitId: d.orgUnitId,
          before: { deadlineId: d.id, kind: d.kind, dueAt: d.dueAt.toISOString() },
          after: { deadlineId: d.id, kind: d.kind, dueAt: r.due.dueAt.toISOString(), dueDate: r.due.dueDate, reason: `${year}年节假日安排已更新（${source}）` },
        });
      }
      return { ...loaded, recomputed: { examined: rows.length, moved, kept } };
    });
  }
}

const actorName = (p: Principal) => (p.type === 'staff' ? p.displayName : p.name);
