import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, MoreThan, IsNull } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { CASE_STATUS_LABELS, CaseStatus, invalidTransition, TRANSITIONS } from '../cases/case-status';
import { lockCase } from './case-team';
import { CaseEntity } from '../cases/case.entity';
import { CasePartyEntity } from '../cases/case-party.entity';
import { CasesService } from '../cases/cases.service';
import { DomainError, FieldError } from '../common/errors/domain-error';
import { expectedVersion } from '../common/http/etag';
import { Page, PageQueryDto, paginate } from '../common/pagination/pagination';
import { PiiService } from '../common/pii/pii.service';
import type { Principal, StaffPrincipal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { AppConfig, followUpDays } from '../config/app-config';
import { updateVersioned } from '../database/versioned-update';
import { addDays, daysBetween, localDateOf, startOfLocalDay } from '../deadlines/period';
import { NotificationEntity } from '../notifications/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { SmsMessageEntity } from '../notifications/sms/sms-message.entity';
import { SmsService } from '../notifications/sms/sms.service';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { OrgUnitsService, scopePattern } from '../org-units/org-units.service';
import { FollowUpVisitEntity } from './follow-up.entity';

/** Reminders and texts for a visit go out at 09:00 Beijing time on its day. */
const NINE_AM_MS = 9 * 3_600_000;
/** The statuses after which the parties are visited: an agreement reached or kept, or a mediation ended. */
export const FOLLOW_UP_STATUSES_OF_CASE: readonly CaseStatus[] = ['agreement', 'performing', 'closed', 'failed'];
/** A rating at or below this goes to the director (评价督导). */
export const POOR_RATING = 2;
export const FOLLOW_UP_METHODS = ['phone', 'visit', 'sms', 'online'] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];
export type FollowUpView = 'due' | 'overdue';

export interface RecordResultInput {
  status: 'done' | 'missed';
  method: FollowUpMethod;
  partyId?: string;
  satisfaction?: number;
  relapse?: boolean;
  notes?: string;
}

/** A visit with the case it belongs to, as the read models show it. */
export interface FollowUpRow {
  visit: FollowUpVisitEntity;
  kase: Pick<CaseEntity, 'id' | 'number' | 'title' | 'status'>;
}

const nineAm = (date: string): Date => new Date(startOfLocalDay(date).getTime() + NINE_AM_MS);

/**
 * 回访 and the supervision it feeds (评价督导): visits planned after an agreement or a closure, a
 * reminder to the mediator and a text to the applicant on the day, and the result: a poor rating
 * goes to the director, a relapse reopens the case.
 */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly ds: DataSource,
    private readonly cases: CasesService,
    private readonly units: OrgUnitsService,
    private readonly notifications: NotificationsService,
    private readonly sms: SmsService,
    private readonly pii: PiiService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Plans the configured visits (FOLLOW_UP_DAYS) counted from `from` (an agreement taking effect,
   * a closure), inside the caller's transaction. Offsets that already have a scheduled visit for
   * the case are skipped, so calling it twice for the same event plans nothing twice.
   * Returns the visits it created.
   */
  async schedule(m: EntityManager, caseEntity: CaseEntity, from: Date, ctx: AuditContext): Promise<FollowUpVisitEntity[]> {
    await lockCase(m, caseEntity.id);
    const existing = await m.find(FollowUpVisitEntity, { where: { caseId: caseEntity.id, status: 'scheduled' } });
    const start = localDateOf(from);
    const plans = followUpDays(this.config)
      .filter((n) => !existing.some((v) => v.afterDays === n))
      .map((n) => ({ afterDays: n, dueOn: addDays(start, n) }));
    return this.plan(m, caseEntity, plans, ctx, { how: 'auto', from: start });
  }

  /** By hand: one visit `afterDays` from today, or on `dueOn`. An identical scheduled visit (same day) is returned as it is. */
  async scheduleByHand(principal: StaffPrincipal, caseId: string, input: { afterDays?: number; dueOn?: string }, ctx: AuditContext): Promise<{ row: FollowUpRow; created: boolean }> {
    return this.ds.transaction(async (m) => {
      const c = (await this.cases.get(principal, caseId, m)).entity;
      if (!FOLLOW_UP_STATUSES_OF_CASE.includes(c.status)) {
        throw invalidTransition(c.status, 'follow_up', '安排回访', FOLLOW_UP_STATUSES_OF_CASE);
      }
      const today = localDateOf(this.clock.now());
      const plan = this.handPlan(today, input);
      await lockCase(m, c.id);
      const same = await m.findOne(FollowUpVisitEntity, { where: { caseId: c.id, status: 'scheduled', dueOn: plan.dueOn } });
      if (same) return { row: { visit: same, kase: c }, created: false };
      const [visit] = await this.plan(m, c, [plan], ctx, { how: 'manual', from: today });
      return { row: { visit, kase: c }, created: true };
    });
  }

  private handPlan(today: string, input: { afterDays?: number; dueOn?: string }): { afterDays: number; dueOn: string } {
    const invalid = (field: string, code: string, message: string): never => {
      throw new DomainError('FOLLOW_UP.INVALID_SCHEDULE', {}, [{ field, code, params: { message } }]);
    };
    if (input.afterDays !== undefined && input.dueOn !== undefined) invalid('dueOn', 'exclusive', '请只填写 afterDays 或 dueOn 其中之一');
    if (input.afterDays !== undefined) return { afterDays: input.afterDays, dueOn: addDays(today, input.afterDays) };
    if (input.dueOn === undefined) return invalid('afterDays', 'isNotEmpty', '请填写回访间隔天数（afterDays）或回访日期（dueOn）');
    let afterDays = 0;
    try {
      afterDays = daysBetween(today, input.dueOn);
    } catch {
      invalid('dueOn', 'calendarDate', '不是有效的日期');
    }
    if (afterDays < 1) invalid('dueOn', 'future', `回访日期应晚于今天（${today}）`);
    if (afterDays > 365) invalid('dueOn', 'tooFar', '回访日期不能晚于一年之后');
    return { afterDays, dueOn: input.dueOn };
  }

  /** Inserts the visits, writes each one's reminder and texts ahead (shown and sent at 09:00 on the day), and audits. */
  private async plan(m: EntityManager, c: CaseEntity, plans: Array<{ afterDays: number; dueOn: string }>, ctx: AuditContext, how: { how: 'auto' | 'manual'; from: string }): Promise<FollowUpVisitEntity[]> {
    if (!plans.length) return [];
    const unit = await m.findOneByOrFail(OrgUnitEntity, { id: c.orgUnitId });
    const recipients = c.assigneeId ? [c.assigneeId] : (await this.notifications.directorsFor(m, unit.path)).map((d) => d.id);
    const applicants = (await m.findBy(CasePartyEntity, { caseId: c.id })).filter((p) => p.role === 'applicant' && p.mobileEnc);
    const created: FollowUpVisitEntity[] = [];
    for (const p of plans) {
      const visit = await m.save(FollowUpVisitEntity, m.create(FollowUpVisitEntity, { caseId: c.id, orgUnitId: c.orgUnitId, afterDays: p.afterDays, dueOn: p.dueOn, status: 'scheduled' }));
      created.push(visit);
      const at = nineAm(p.dueOn);
      await this.notifications.send(m, recipients, {
        kind: 'follow_up.due',
        title: `今日回访：${c.number} ${c.title}`,
        body: `案件 ${c.number}（${c.title}）今日（${p.dueOn}）应进行回访（第 ${p.afterDays} 天）：了解协议履行情况和当事人对调解工作的评价，并记录回访结果。`,
        subjectType: 'follow_up',
        subjectId: visit.id,
        visibleAt: at,
      });
      for (const party of applicants) {
        await this.sms.send(m, {
          caseId: c.id,
          partyId: party.id,
          orgUnitId: c.orgUnitId,
          mobile: this.pii.decrypt(party.mobileEnc!, 'case_party.mobile'),
          template: 'follow_up_visit',
          params: { unitName: unit.centerName ?? unit.name, caseNumber: c.number },
          notBefore: at,
        });
      }
    }
    await this.audit.record(m, ctx, {
      action: 'follow_up.scheduled',
      subjectType: 'case',
      subjectId: c.id,
      orgUnitId: c.orgUnitId,
      after: { how: how.how, from: how.from, visits: created.map((v) => ({ id: v.id, afterDays: v.afterDays, dueOn: v.dueOn })), remindedIds: recipients, partiesTexted: applicants.length },
    });
    return created;
  }

  // ---- reading -----------------------------------------------------------------------------

  async forCase(principal: Principal, caseId: string): Promise<FollowUpRow[]> {
    const c = (await this.cases.get(principal, caseId)).entity;
    const visits = await this.ds.getRepository(FollowUpVisitEntity).find({ where: { caseId }, order: { dueOn: 'ASC', afterDays: 'ASC' } });
    return visits.map((visit) => ({ visit, kase: c }));
  }

  async get(principal: Principal, id: string, m: EntityManager = this.ds.manager): Promise<FollowUpRow> {
    const visit = await this.scoped(m, principal.orgUnitPath).andWhere('f.id = :id', { id }).getOne();
    if (!visit) throw new DomainError('FOLLOW_UP.NOT_FOUND', { id });
    return { visit, kase: await m.findOneByOrFail(CaseEntity, { id: visit.caseId }) };
  }

  /** Visits due today (due) or past their day and still not made (overdue) in a unit and below, oldest first. */
  async list(principal: Principal, view: FollowUpView, orgUnitId: string | undefined, page: PageQueryDto): Promise<Page<FollowUpRow>> {
    const unit = await this.units.getInScope(principal, orgUnitId ?? principal.orgUnitId);
    const today = localDateOf(this.clock.now());
    const qb = this.scoped(this.ds.manager, unit.path).andWhere(`f.status = 'scheduled'`).andWhere(view === 'due' ? 'f.dueOn = :today' : 'f.dueOn < :today', { today });
    const result = await paginate(qb, { column: 'f.dueOn', idColumn: 'f.id', key: (f) => f.dueOn, direction: 'ASC' }, page);
    const kases = result.items.length ? await this.ds.getRepository(CaseEntity).find({ select: { id: true, number: true, title: true, status: true }, where: { id: In([...new Set(result.items.map((v) => v.caseId))]) } }) : [];
    return { items: result.items.map((visit) => ({ visit, kase: kases.find((k) => k.id === visit.caseId)! })), nextCursor: result.nextCursor };
  }

  private scoped(m: EntityManager, path: string) {
    return m.getRepository(FollowUpVisitEntity).createQueryBuilder('f').innerJoin(OrgUnitEntity, 'u', 'u.id = f.orgUnitId').where('u.path LIKE :scope', { scope: scopePattern(path) });
  }

  // ---- recording ---------------------------------------------------------------------------

  /**
   * Records how the visit went. A rating of 1 or 2 goes to the unit's directors (escalated); a
   * relapse (the dispute flared up again, the agreement is not kept) reopens the case for
   * mediation and tells the directors (reopened). Unseen reminders and unsent texts of the visit
   * are withdrawn.
   */
  async record(principal: StaffPrincipal, id: string, input: RecordResultInput, ifMatch: string | undefined, ctx: AuditContext): Promise<FollowUpRow> {
    const errors: FieldError[] = [];
    if (input.status === 'done') {
      // A visit made answers both questions of 评价督导: how the party rates the work, and whether the dispute is settled.
      if (input.satisfaction === undefined) errors.push({ field: 'satisfaction', code: 'isDefined', params: {} });
      if (input.relapse === undefined) errors.push({ field: 'relapse', code: 'isDefined', params: {} });
    } else {
      // Nobody was reached: there is no rating or answer to record.
      if (input.satisfaction !== undefined) errors.push({ field: 'satisfaction', code: 'notApplicable', params: { message: '未能回访的，不记录满意度' } });
      if (input.relapse !== undefined) errors.push({ field: 'relapse', code: 'notApplicable', params: { message: '未能回访的，不记录是否反弹' } });
    }
    if (errors.length) throw new DomainError('REQUEST.VALIDATION_FAILED', {}, errors);
    return this.ds.transaction(async (m) => {
      const { visit } = await this.get(principal, id, m);
      const version = expectedVersion(ifMatch, visit.version);
      if (visit.status !== 'scheduled') throw new DomainError('FOLLOW_UP.INVALID_STATE', { status: visit.status });
      const { entity: c, parties } = await this.cases.get(principal, visit.caseId, m);
      const party = input.partyId ? parties.find((p) => p.id === input.partyId) : undefined;
      if (input.partyId && !party) throw new DomainError('CASE.PARTY_NOT_FOUND', { id: input.partyId }, [{ field: 'partyId', code: 'unknownParty', params: {} }]);

      const now = this.clock.now();
      const done = input.status === 'done';
      const poor = done && input.satisfaction! <= POOR_RATING;
      const relapse = done && input.relapse === true;
      const unit = await m.findOneByOrFail(OrgUnitEntity, { id: c.orgUnitId });
      const reopen = relapse && TRANSITIONS.reopen.from.includes(c.status);
      // A relapse on a case already back in mediation (or gone elsewhere) still goes to the director.
      const action: FollowUpVisitEntity['action'] = reopen ? 'reopened' : poor || relapse ? 'escalated' : 'none';
      await updateVersioned(m, FollowUpVisitEntity, visit.id, version, {
        status: input.status,
        method: input.method,
        partyId: party?.id ?? null,
        visitedAt: now,
        visitedById: principal.id,
        satisfaction: done ? input.satisfaction! : null,
        relapse: done ? input.relapse! : null,
        notes: input.notes?.trim() || null,
        action,
      });
      await this.withdrawAhead(m, visit, now);

      const directors = action === 'none' ? [] : await this.notifications.directorsFor(m, unit.path);
      const who = party ? `${party.name}` : '当事人';
      if (poor) {
        await this.notifications.send(m, directors.map((d) => d.id), {
          kind: 'follow_up.poor_rating',
          title: `回访评价较差：${c.number} ${c.title}`,
          body: `${principal.displayName}回访案件 ${c.number}（${c.title}）时，${who}对调解工作的满意度为 ${input.satisfaction} 分（满分 5 分）${input.notes?.trim() ? `：${input.notes.trim()}` : ''}。请督导核查。`,
          subjectType: 'case',
          subjectId: c.id,
        });
      }
      if (relapse) {
        await this.notifications.send(m, [...directors.map((d) => d.id), c.assigneeId], {
          kind: reopen ? 'case.reopened' : 'follow_up.relapse',
          title: `${reopen ? '案件重新调解' : '回访发现纠纷反弹'}：${c.number} ${c.title}`,
          body: `${principal.displayName}回访案件 ${c.number}（${c.title}）时发现纠纷反弹或协议未履行${input.notes?.trim() ? `：${input.notes.trim()}` : ''}。${reopen ? `案件已由“${CASE_STATUS_LABELS[c.status]}”恢复为“调解中”，请安排继续调解。` : `案件当前状态为“${CASE_STATUS_LABELS[c.status]}”，请研判处置。`}`,
          subjectType: 'case',
          subjectId: c.id,
        });
      }
      await this.audit.record(m, ctx, {
        action: 'follow_up.recorded',
        subjectType: 'case',
        subjectId: c.id,
        orgUnitId: c.orgUnitId,
        before: { visitId: visit.id, status: 'scheduled' },
        after: {
          visitId: visit.id, afterDays: visit.afterDays, dueOn: visit.dueOn, status: input.status, method: input.method, party: party?.name ?? null,
          satisfaction: done ? input.satisfaction : null, relapse: done ? input.relapse : null, action, notified: directors.map((d) => d.displayName),
        },
      });
      if (reopen) {
        await updateVersioned(m, CaseEntity, c.id, c.version, { status: 'in_mediation' });
        await this.audit.record(m, ctx, {
          action: 'case.reopened',
          subjectType: 'case',
          subjectId: c.id,
          orgUnitId: c.orgUnitId,
          before: { status: c.status },
          after: { status: 'in_mediation', reason: 'follow_up_relapse', followUpId: visit.id, notes: input.notes?.trim() || null },
        });
      }
      return { visit: await m.findOneByOrFail(FollowUpVisitEntity, { id: visit.id }), kase: await m.findOneByOrFail(CaseEntity, { id: c.id }) };
    });
  }

  /** A visit made (or given up) before its day: its reminder must not show up later, nor its text go out. */
  private async withdrawAhead(m: EntityManager, visit: FollowUpVisitEntity, now: Date): Promise<void> {
    await m.delete(NotificationEntity, { subjectType: 'follow_up', subjectId: visit.id, visibleAt: MoreThan(now), readAt: IsNull() });
    const at = nineAm(visit.dueOn);
    if (at.getTime() <= now.getTime()) return; // the day has come: the text is out or going out
    const sameDay = await m.count(FollowUpVisitEntity, { where: { caseId: visit.caseId, status: 'scheduled', dueOn: visit.dueOn } });
    if (sameDay) return; // another visit that day still needs it
    const texts = await m.find(SmsMessageEntity, { select: { id: true }, where: { caseId: visit.caseId, template: 'follow_up_visit', status: 'queued', notBefore: at } });
    await this.sms.cancelPending(m, texts.map((t) => t.id));
  }
}
