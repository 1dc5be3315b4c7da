import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { StaffUserEntity } from '../auth/staff-user.entity';
import { invalidTransition } from '../cases/case-status';
import { currentAssignments, lockCase } from './case-team';
import { CaseEntity } from '../cases/case.entity';
import { CasePartyEntity } from '../cases/case-party.entity';
import { CasesService } from '../cases/cases.service';
import { DomainError, FieldError } from '../common/errors/domain-error';
import { expectedVersion } from '../common/http/etag';
import { PiiService } from '../common/pii/pii.service';
import type { Principal, StaffPrincipal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { toIso } from '../common/time/iso';
import { updateVersioned } from '../database/versioned-update';
import { addDays, localDateOf, startOfLocalDay } from '../deadlines/period';
import { NotificationEntity } from '../notifications/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { SmsMessageEntity } from '../notifications/sms/sms-message.entity';
import { SmsService } from '../notifications/sms/sms.service';
import type { SmsTemplate } from '../notifications/sms/sms-templates';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { scopePattern } from '../org-units/org-units.service';
import { MediationSessionEntity, SessionMethod, SessionParticipant, SessionStatus } from './mediation-session.entity';

export const SESSION_RESULTS = ['progress', 'agreement', 'no_agreement'] as const;
export type SessionResult = (typeof SESSION_RESULTS)[number];

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Parties get their reminder text the day before, at this Beijing hour. */
const REMINDER_HOUR = 9;
/** The mediators' in-app reminder shows this long before the session. */
const STAFF_REMINDER_AHEAD_MS = DAY_MS;
const AGENDA_DEFAULT_DAYS = 7;
const AGENDA_MAX_DAYS = 31;
/** Participant roles of the case's own mediators; anything else with a staffUserId was invited. */
const MEDIATOR_ROLES = ['mediator', 'co_mediator'];
/** A time with its UTC offset: "14:30" alone would be read in the server's zone. */
const WITH_OFFSET = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const STATUS_LABELS: Record<SessionStatus, string> = { scheduled: '已安排', held: '已召开', missed: '未召开', cancelled: '已取消' };
const WEEKDAYS = '日一二三四五六';

export interface ScheduleInput {
  scheduledAt: string;
  durationMinutes?: number;
  method: SessionMethod;
  place?: string;
  participantPartyIds?: string[];
  extraParticipants?: Array<{ staffUserId?: string; name?: string; role: string }>;
}

export interface RecordInput {
  status: 'held' | 'missed';
  minutes?: string;
  result?: SessionResult;
  attendance?: Array<{ partyId?: string; staffUserId?: string; name?: string; attended: boolean }>;
  missedReason?: string;
}

export interface QueuedText {
  id: string;
  partyId: string;
  template: SmsTemplate;
  /** Masked. */
  recipient: string;
  notBefore: Date | null;
}

export interface AgendaItem {
  session: MediationSessionEntity;
  caseNumber: string;
  caseTitle: string;
}

/** 11月25日（周三）14:30, Beijing time: how a party reads a session's time in a text. */
export function sessionTimeLabel(at: Date): string {
  const local = new Date(at.getTime() + 8 * HOUR_MS);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日（周${WEEKDAYS[local.getUTCDay()]}）${hh}:${mm}`;
}

/** The parties' reminder text goes out at 09:00 Beijing time the day before the session. */
export function reminderMoment(at: Date): Date {
  return new Date(startOfLocalDay(addDays(localDateOf(at), -1)).getTime() + REMINDER_HOUR * HOUR_MS);
}

/** Where, as the texts say it ("…在{place}调解"). */
function placeLabel(method: SessionMethod, place: string | null): string {
  if (method === 'in_person') return place!;
  if (method === 'video') return place ? `视频会议（${place}）` : '视频会议（接入方式另行告知）';
  return place ? `电话中（${place}）` : '电话中（调解员将致电您）';
}

/**
 * Mediation sessions (调解会): scheduled with notices and reminders to everyone taking part,
 * recorded afterwards (笔录 and result, or why it did not take place), or cancelled with the
 * reminders withdrawn. Every change goes to the case timeline.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly cases: CasesService,
    private readonly notifications: NotificationsService,
    private readonly sms: SmsService,
    private readonly pii: PiiService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---- reading -----------------------------------------------------------------------------

  async forCase(principal: Principal, caseId: string): Promise<MediationSessionEntity[]> {
    await this.cases.get(principal, caseId);
    return this.ds.getRepository(MediationSessionEntity).find({ where: { caseId }, order: { scheduledAt: 'ASC', createdAt: 'ASC' } });
  }

  /** A session whose case is in the caller's scope; anything else is "not found". */
  async get(principal: Principal, id: string, m: EntityManager = this.ds.manager): Promise<MediationSessionEntity> {
    const qb = m
      .getRepository(MediationSessionEntity)
      .createQueryBuilder('s')
      .innerJoin(CaseEntity, 'c', 'c.id = s.caseId')
      .innerJoin(OrgUnitEntity, 'u', 'u.id = c.orgUnitId')
      .where('s.id = :id', { id })
      .andWhere('u.path LIKE :scope', { scope: scopePattern(principal.orgUnitPath) });
    if (principal.type === 'partner') qb.andWhere('c.sourcePartnerId = :partnerId', { partnerId: principal.id });
    const session = await qb.getOne();
    if (!session) throw new DomainError('SESSION.NOT_FOUND', { id });
    return session;
  }

  /**
   * A staff member's sessions still to be held, soonest first: those of the cases they mediate now
   * (lead or co-mediator, whoever scheduled them) and those they were invited to.
   */
  async agenda(principal: StaffPrincipal, q: { from?: string; to?: string }): Promise<AgendaItem[]> {
    const errors: FieldError[] = [];
    const from = q.from ? this.parseQueryTime(q.from, 'from', errors) : this.clock.now();
    const to = q.to ? this.parseQueryTime(q.to, 'to', errors) : from && new Date(from.getTime() + AGENDA_DEFAULT_DAYS * DAY_MS);
    if (from && to && !errors.length) {
      if (to.getTime() <= from.getTime()) errors.push({ field: 'to', code: 'afterFrom', params: { message: '应晚于 from' } });
      else if (to.getTime() - from.getTime() > AGENDA_MAX_DAYS * DAY_MS) errors.push({ field: 'to', code: 'periodTooLong', params: { message: `查询时段不能超过 ${AGENDA_MAX_DAYS} 天` } });
    }
    if (errors.length || !from || !to) throw new DomainError('SESSION.INVALID', {}, errors);
    const sessions = await this.ds
      .getRepository(MediationSessionEntity)
      .createQueryBuilder('s')
      .where(`s.status = 'scheduled' AND s.scheduledAt >= :from AND s.scheduledAt < :to`, { from, to })
      .andWhere(
        `(EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = s.case_id AND a.mediator_id = :me AND a.ended_at IS NULL)
          OR EXISTS (SELECT 1 FROM jsonb_array_elements(s.participants) p WHERE p->>'staffUserId' = :meText AND p->>'role' NOT IN (:...mediatorRoles)))`,
        { me: principal.id, meText: principal.id, mediatorRoles: MEDIATOR_ROLES },
      )
      .orderBy('s.scheduledAt', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .take(500)
      .getMany();
    const cases = sessions.length ? await this.ds.getRepository(CaseEntity).find({ select: { id: true, number: true, title: true }, where: { id: In([...new Set(sessions.map((s) => s.caseId))]) } }) : [];
    const byId = new Map(cases.map((c) => [c.id, c]));
    return sessions.map((session) => ({ session, caseNumber: byId.get(session.caseId)?.number ?? '', caseTitle: byId.get(session.caseId)?.title ?? '' }));
  }

  // ---- scheduling --------------------------------------------------------------------------

  /**
   * Schedules a session of a case in mediation. In one transaction: the session (with the parties
   * invited and the case's current mediators), a notice text to each invited party with a mobile,
   * a reminder text for 09:00 the day before, an in-app reminder to the staff taking part 24 h
   * ahead, and the timeline entry.
   */
  async schedule(principal: StaffPrincipal, caseId: string, input: ScheduleInput, ctx: AuditContext): Promise<{ session: MediationSessionEntity; texts: QueuedText[] }> {
    return this.ds.transaction(async (m) => {
      const { entity: c, parties } = await this.cases.get(principal, caseId, m);
      if (c.status !== 'in_mediation') {
        throw invalidTransition(c.status, 'schedule_session', '安排调解会', ['in_mediation']);
      }
      // One scheduling at a time per case, so the overlap check below cannot race.
      await lockCase(m, caseId);
      const now = this.clock.now();
      const errors: FieldError[] = [];

      const at = this.parseSessionTime(input.scheduledAt, errors);
      if (at && at.getTime() <= now.getTime()) errors.push({ field: 'scheduledAt', code: 'inThePast', params: { message: `应晚于当前时间（${sessionTimeLabel(now)}）` } });
      const duration = input.durationMinutes ?? 60;
      const place = input.place?.trim() || null;
      if (input.method === 'in_person' && !place) errors.push({ field: 'place', code: 'placeRequired', params: { message: '现场调解须写明地点：调解室或地址' } });

      const partyIds = input.participantPartyIds ?? parties.map((p) => p.id);
      partyIds.forEach((id, i) => {
        if (!parties.some((p) => p.id === id)) errors.push({ field: `participantPartyIds[${i}]`, code: 'unknownParty', params: { message: '不是本案当事人' } });
      });
      const invitedParties = parties.filter((p) => partyIds.includes(p.id)).sort((a, b) => a.position - b.position);

      const assignments = await currentAssignments(m, caseId);
      assignments.sort((a, b) => (a.role === b.role ? a.assignedAt.getTime() - b.assignedAt.getTime() : a.role === 'lead' ? -1 : 1));
      const extras = input.extraParticipants ?? [];
      const staffIds = [...new Set([...assignments.map((a) => a.mediatorId), ...extras.map((e) => e.staffUserId).filter((id): id is string => !!id)])];
      const staff = staffIds.length ? await m.findBy(StaffUserEntity, { id: In(staffIds) }) : [];
      const staffName = (id: string) => staff.find((u) => u.id === id)?.displayName ?? '';

      const participants: SessionParticipant[] = [
        ...invitedParties.map((p) => ({ partyId: p.id, name: p.name, role: p.role })),
        ...assignments.map((a) => ({ staffUserId: a.mediatorId, name: staffName(a.mediatorId), role: a.role === 'lead' ? 'mediator' : 'co_mediator' })),
      ];
      extras.forEach((e, i) => {
        if (e.staffUserId) {
          const user = staff.find((u) => u.id === e.staffUserId && u.active);
          if (!user) errors.push({ field: `extraParticipants[${i}].staffUserId`, code: 'unknownStaff', params: { message: '没有这名在职工作人员' } });
          // The case's own mediators are already there.
          else if (!participants.some((p) => p.staffUserId === user.id)) participants.push({ staffUserId: user.id, name: user.displayName, role: e.role });
        } else if (!e.name) {
          errors.push({ field: `extraParticipants[${i}].name`, code: 'isNotEmpty', params: {} });
        } else {
          participants.push({ name: e.name, role: e.role });
        }
      });

      if (at && !errors.length) {
        const end = new Date(at.getTime() + duration * MINUTE_MS);
        const clash = await m
          .getRepository(MediationSessionEntity)
          .createQueryBuilder('s')
          .where(`s.caseId = :caseId AND s.status = 'scheduled' AND s.scheduledAt < :end AND s.scheduledAt + s.durationMinutes * interval '1 minute' > :start`, { caseId, start: at, end })
          .getOne();
        if (clash) errors.push({ field: 'scheduledAt', code: 'overlaps', params: { message: `本案在该时段已安排调解会（${sessionTimeLabel(clash.scheduledAt)}，${clash.durationMinutes} 分钟）` } });
      }
      if (errors.length || !at) throw new DomainError('SESSION.INVALID', {}, errors);

      const session = m.create(MediationSessionEntity, {
        caseId,
        orgUnitId: c.orgUnitId,
        scheduledAt: at,
        durationMinutes: duration,
        method: input.method,
        place,
        participants,
        status: 'scheduled',
        createdById: principal.id,
      });
      const saved = await m.save(MediationSessionEntity, session);

      // Texts to the parties invited who left a mobile.
      const time = sessionTimeLabel(at);
      const where = placeLabel(input.method, place);
      const leadName = participants.find((p) => p.role === 'mediator')?.name || principal.displayName;
      const remindAt = reminderMoment(at);
      const texts: QueuedText[] = [];
      for (const p of invitedParties.filter((x) => x.mobileEnc)) {
        const base = { caseId, partyId: p.id, orgUnitId: c.orgUnitId, mobile: this.pii.decrypt(p.mobileEnc!, 'case_party.mobile'), params: { caseNumber: c.number, time, place: where, mediatorName: leadName } };
        texts.push(toQueued(await this.sms.send(m, { ...base, template: 'session_notice' }), p));
        if (remindAt.getTime() > now.getTime()) texts.push(toQueued(await this.sms.send(m, { ...base, template: 'session_reminder', notBefore: remindAt }), p));
      }

      // The staff taking part see a reminder 24 h ahead (at once when the session is sooner).
      const staffParticipants = participants.filter((p) => p.staffUserId).map((p) => p.staffUserId!);
      const names = participants.map((p) => p.name).join('、');
      await this.notifications.send(m, staffParticipants, {
        kind: 'session.reminder',
        title: `调解会提醒：${time} ${c.number}`,
        body: `${time}在${where}召开案件 ${c.number}（${c.title}）的调解会，预计 ${duration} 分钟。参加人：${names}。`,
        subjectType: 'session',
        subjectId: saved.id,
        visibleAt: new Date(Math.max(now.getTime(), at.getTime() - STAFF_REMINDER_AHEAD_MS)),
      });

      await this.audit.record(m, ctx, {
        action: 'session.scheduled',
        subjectType: 'case',
        subjectId: caseId,
        orgUnitId: c.orgUnitId,
        after: {
          sessionId: saved.id,
          scheduledAt: toIso(at),
          durationMinutes: duration,
          method: input.method,
          place,
          participants: participants.map((p) => ({ name: p.name, role: p.role })),
          texts: texts.map((t) => ({ id: t.id, template: t.template, recipient: t.recipient, notBefore: t.notBefore ? toIso(t.notBefore) : null })),
          partiesWithoutMobile: invitedParties.filter((x) => !x.mobileEnc).map((x) => x.name),
        },
      });
      return { session: await m.findOneByOrFail(MediationSessionEntity, { id: saved.id }), texts };
    });
  }

  // ---- afterwards --------------------------------------------------------------------------

  /** Records what happened once the session's time has come: held (笔录, result, attendance) or missed (why). */
  async record(principal: StaffPrincipal, id: string, input: RecordInput, ifMatch: string | undefined, ctx: AuditContext): Promise<MediationSessionEntity> {
    return this.ds.transaction(async (m) => {
      const s = await this.get(principal, id, m);
      const version = expectedVersion(ifMatch, s.version);
      this.mustBeScheduled(s, 'record', '记录结果');
      if (this.clock.now().getTime() < s.scheduledAt.getTime()) throw new DomainError('SESSION.NOT_STARTED', { time: sessionTimeLabel(s.scheduledAt) });

      const errors: FieldError[] = [];
      const held = input.status === 'held';
      const minutes = input.minutes?.trim() || null;
      const missedReason = input.missedReason?.trim() || null;
      if (held) {
        if (!minutes) errors.push({ field: 'minutes', code: 'minutesRequired', params: { message: '已召开的调解会须记录调解笔录' } });
        if (!input.result) errors.push({ field: 'result', code: 'resultRequired', params: { message: '请选择调解结果：有进展、达成一致或未达成一致' } });
        if (missedReason) errors.push({ field: 'missedReason', code: 'notAllowed', params: { message: '已召开的调解会不填写未召开原因' } });
      } else {
        if (!missedReason) errors.push({ field: 'missedReason', code: 'missedReasonRequired', params: { message: '请说明调解会未召开的原因' } });
        if (minutes) errors.push({ field: 'minutes', code: 'notAllowed', params: { message: '未召开的调解会没有笔录；情况写在未召开原因中' } });
        if (input.result) errors.push({ field: 'result', code: 'notAllowed', params: { message: '未召开的调解会没有调解结果' } });
      }

      const marks = new Map<number, boolean>();
      (input.attendance ?? []).forEach((a, i) => {
        const keys = [a.partyId, a.staffUserId, a.name].filter((k) => k !== undefined);
        if (keys.length !== 1) {
          errors.push({ field: `attendance[${i}]`, code: 'oneIdentifier', params: { message: '请用 partyId、staffUserId 或 name 之一指明参加人' } });
          return;
        }
        const index = s.participants.findIndex((p) => (a.partyId ? p.partyId === a.partyId : a.staffUserId ? p.staffUserId === a.staffUserId : !p.partyId && !p.staffUserId && p.name === a.name));
        if (index < 0) errors.push({ field: `attendance[${i}]`, code: 'unknownParticipant', params: { message: '不是该调解会的参加人' } });
        else if (marks.has(index)) errors.push({ field: `attendance[${i}]`, code: 'duplicate', params: { message: '同一参加人重复出现' } });
        else marks.set(index, a.attended);
      });
      if (errors.length) throw new DomainError('SESSION.INVALID', {}, errors);

      // Held: whoever is not listed was there. Missed: only what was said is recorded.
      const participants = s.participants.map((p, i) => {
        const attended = marks.has(i) ? marks.get(i)! : held ? true : undefined;
        return attended === undefined ? { ...p } : { ...p, attended };
      });
      const status: SessionStatus = held ? 'held' : 'missed';
      await updateVersioned(m, MediationSessionEntity, id, version, {
        status,
        minutes: held ? minutes : null,
        result: held ? input.result! : null,
        missedReason: held ? null : missedReason,
        participants,
        recordedById: principal.id,
      });
      await this.audit.record(m, ctx, {
        action: held ? 'session.held' : 'session.missed',
        subjectType: 'case',
        subjectId: s.caseId,
        orgUnitId: s.orgUnitId,
        before: { sessionId: id, status: s.status, scheduledAt: toIso(s.scheduledAt) },
        after: {
          sessionId: id,
          status,
          result: held ? input.result : null,
          missedReason: held ? null : missedReason,
          present: participants.filter((p) => p.attended === true).map((p) => p.name),
          absent: participants.filter((p) => p.attended === false).map((p) => p.name),
        },
      });
      return m.findOneByOrFail(MediationSessionEntity, { id });
    });
  }

  /**
   * Cancels a session that has not started: its reminder texts still waiting are withdrawn, the
   * unread in-app reminders deleted, the parties told by text and the other staff in-app.
   */
  async cancel(principal: StaffPrincipal, id: string, reason: string, ifMatch: string | undefined, ctx: AuditContext): Promise<{ session: MediationSessionEntity; texts: QueuedText[]; withdrawnTextIds: string[]; remindersDeleted: number }> {
    return this.ds.transaction(async (m) => {
      const s = await this.get(principal, id, m);
      const version = expectedVersion(ifMatch, s.version);
      this.mustBeScheduled(s, 'cancel', '取消');
      const now = this.clock.now();
      const time = sessionTimeLabel(s.scheduledAt);
      if (now.getTime() >= s.scheduledAt.getTime()) throw new DomainError('SESSION.ALREADY_STARTED', { time });
      const { entity: c, parties } = await this.cases.get(principal, s.caseId, m);

      // The reminders have no link to the session: they are this case's session_reminder texts to
      // its parties, due at this session's reminder moment and naming its time. Two scheduled
      // sessions of a case cannot overlap, so the time names one session.
      const partyIds = s.participants.filter((p) => p.partyId).map((p) => p.partyId!);
      const pending = partyIds.length
        ? await m
            .getRepository(SmsMessageEntity)
            .createQueryBuilder('t')
            .select('t.id')
            .where(`t.caseId = :caseId AND t.template = 'session_reminder' AND t.status = 'queued' AND t.notBefore = :at AND t.partyId IN (:...partyIds) AND t.text LIKE :time`, {
              caseId: s.caseId,
              at: reminderMoment(s.scheduledAt),
              partyIds,
              time: `%${time}%`,
            })
            .getMany()
        : [];
      const withdrawnTextIds = pending.map((t) => t.id);
      await this.sms.cancelPending(m, withdrawnTextIds);
      const deleted = await m.delete(NotificationEntity, { kind: 'session.reminder', subjectType: 'session', subjectId: id, readAt: IsNull() });

      await updateVersioned(m, MediationSessionEntity, id, version, { status: 'cancelled', missedReason: reason, recordedById: principal.id });

      const current = await currentAssignments(m, s.caseId);
      const leadId = current.find((a) => a.role === 'lead')?.mediatorId;
      const leadName = (leadId && (await m.findOneBy(StaffUserEntity, { id: leadId }))?.displayName) || principal.displayName;
      const texts: QueuedText[] = [];
      for (const p of parties.filter((x: CasePartyEntity) => partyIds.includes(x.id) && x.mobileEnc)) {
        const sent = await this.sms.send(m, {
          caseId: s.caseId,
          partyId: p.id,
          orgUnitId: c.orgUnitId,
          mobile: this.pii.decrypt(p.mobileEnc!, 'case_party.mobile'),
          template: 'session_cancelled',
          params: { caseNumber: c.number, time, mediatorName: leadName },
        });
        texts.push(toQueued(sent, p));
      }
      const invited = s.participants.filter((p) => p.staffUserId && !MEDIATOR_ROLES.includes(p.role)).map((p) => p.staffUserId!);
      await this.notifications.send(m, [...current.map((a) => a.mediatorId), ...invited].filter((x) => x !== principal.id), {
        kind: 'session.cancelled',
        title: `调解会取消：${time} ${c.number}`,
        body: `${principal.displayName}取消了原定于${time}召开的案件 ${c.number}（${c.title}）调解会。理由：${reason}`,
        subjectType: 'session',
        subjectId: id,
      });
      await this.audit.record(m, ctx, {
        action: 'session.cancelled',
        subjectType: 'case',
        subjectId: s.caseId,
        orgUnitId: s.orgUnitId,
        before: { sessionId: id, status: s.status, scheduledAt: toIso(s.scheduledAt) },
        after: { sessionId: id, status: 'cancelled', reason, textsWithdrawn: withdrawnTextIds, remindersDeleted: deleted.affected ?? 0, partiesTexted: texts.map((t) => t.recipient) },
      });
      return { session: await m.findOneByOrFail(MediationSessionEntity, { id }), texts, withdrawnTextIds, remindersDeleted: deleted.affected ?? 0 };
    });
  }

  // ---- helpers -----------------------------------------------------------------------------

  private mustBeScheduled(s: MediationSessionEntity, action: string, actionLabel: string): void {
    if (s.status !== 'scheduled') throw new DomainError('SESSION.INVALID_STATE', { status: s.status, statusLabel: STATUS_LABELS[s.status], action, actionLabel }, [], {}, { currentStatus: s.status });
  }

  private parseSessionTime(value: string, errors: FieldError[]): Date | null {
    if (!WITH_OFFSET.test(value)) {
      errors.push({ field: 'scheduledAt', code: 'timeWithOffset', params: { message: '应为带时区的时间，如 2026-11-25T14:30:00+08:00' } });
      return null;
    }
    return new Date(value);
  }

  /** A query bound: a time with its offset, or a Beijing date (its 00:00). */
  private parseQueryTime(value: string, field: string, errors: FieldError[]): Date | null {
    if (DATE_ONLY.test(value)) return startOfLocalDay(value);
    if (WITH_OFFSET.test(value)) return new Date(value);
    errors.push({ field, code: 'timeWithOffset', params: { message: '应为日期（如 2026-11-25）或带时区的时间（如 2026-11-25T00:00:00+08:00）' } });
    return null;
  }
}

function toQueued(row: SmsMessageEntity, party: CasePartyEntity): QueuedText {
  return { id: row.id, partyId: party.id, template: row.template as SmsTemplate, recipient: row.recipientMasked, notBefore: row.notBefore };
}
