import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { assertTransition, CaseAction } from '../cases/case-status';
import { CaseEntity } from '../cases/case.entity';
import { CasePartyEntity } from '../cases/case-party.entity';
import { CasesService } from '../cases/cases.service';
import { CaseEvents, ClosureHow } from '../cases/case-events';
import type { DeadlineKind } from '../deadlines/deadline-kinds';
import { JudicialConfirmationEntity } from '../court/judicial-confirmation.entity';
import { DomainError, FieldError } from '../common/errors/domain-error';
import { expectedVersion } from '../common/http/etag';
import { toFen } from '../common/money';
import { PiiService } from '../common/pii/pii.service';
import type { StaffPrincipal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { updateVersioned } from '../database/versioned-update';
import { CalendarService } from '../deadlines/calendar.service';
import { DeadlineEntity } from '../deadlines/deadline.entity';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { addDays, localDateOf, startOfLocalDay } from '../deadlines/period';
import { NotificationsService } from '../notifications/notifications.service';
import { SmsService } from '../notifications/sms/sms.service';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import type { Track } from '../triage/taxonomy';
import { AgreementEntity, ObligationEntity } from './agreement.entity';
import type { ConsentMethod } from './case-consent.entity';
import { factsOf } from './case-facts';
import { caseworkerIds } from './case-team';
import { FollowUpsService } from './follow-ups.service';
import { policyFor } from './tracks';
import type { ObligationKind, Road } from './tracks/track-policy';

/** The clocks a mediation runs under (one per track policy); an outcome answers them. */
export const MEDIATION_KINDS = ['people_mediation', 'labor_mediation', 'medical_committee_mediation', 'delegated_mediation_prefiling', 'entrusted_mediation_ordinary', 'entrusted_mediation_summary'];

/** The clock the case's mediation runs under: the court's (委派/委托) where one was set, else the track's. */
export function mediationKindOf(c: CaseEntity, parties: CasePartyEntity[]): DeadlineKind {
  return (c.mediationClock as DeadlineKind | null) ?? policyFor((c.track ?? 'general') as Track).mediationDeadline(factsOf(c, parties));
}
const NINE_AM_MS = 9 * 3_600_000;
/** Obligation reminders: to the debtor by text this many days before, to the mediator the day before. */
const DEBTOR_REMINDER_DAYS = 3;

export interface AgreementInput {
  text: string;
  signatures: Array<{ partyId: string; signedAt: string }>;
  mediatorSignedAt: string;
  effectiveAt?: string;
  obligations: Array<{ debtorPartyId: string; creditorPartyId?: string; kind: ObligationKind; description: string; amount?: string; dueDate: string }>;
}

@Injectable()
export class OutcomesService {
  constructor(
    private readonly ds: DataSource,
    private readonly cases: CasesService,
    private readonly deadlines: DeadlinesService,
    private readonly calendars: CalendarService,
    private readonly notifications: NotificationsService,
    private readonly sms: SmsService,
    private readonly pii: PiiService,
    private readonly audit: AuditService,
    private readonly followUps: FollowUpsService,
    private readonly events: CaseEvents,
    private readonly clock: Clock,
  ) {}

  /** Reads the case for a change: scope, If-Match, and the transition the action needs. */
  private async open(m: EntityManager, principal: StaffPrincipal, caseId: string, ifMatch: string | undefined, action: CaseAction, label?: string) {
    const { entity, parties } = await this.cases.get(principal, caseId, m);
    const version = expectedVersion(ifMatch, entity.version);
    assertTransition(action, entity.status, principal, label);
    const unit = await m.findOneByOrFail(OrgUnitEntity, { id: entity.orgUnitId });
    return { c: entity, parties, version, unit, track: (entity.track ?? 'general') as Track };
  }

  // ---- suspension and extension -----------------------------------------------------------

  async suspend(principal: StaffPrincipal, caseId: string, reason: string, ifMatch: string | undefined, ctx: AuditContext) {
    return this.ds.transaction(async (m) => {
      const { c, version } = await this.open(m, principal, caseId, ifMatch, 'suspend');
      await updateVersioned(m, CaseEntity, caseId, version, { status: 'suspended' });
      const clocks = await this.deadlines.pauseCase(m, caseId, reason, principal.displayName, ctx);
      await this.audit.record(m, ctx, { action: 'case.suspended', subjectType: 'case', subjectId: caseId, orgUnitId: c.orgUnitId, before: { status: c.status }, after: { status: 'suspended', reason, paused: clocks.paused.map((d) => d.kind), stillRunning: clocks.running.map((d) => d.kind) } });
      return { entity: await m.findOneByOrFail(CaseEntity, { id: caseId }), ...clocks };
    });
  }

  async resume(principal: StaffPrincipal, caseId: string, ifMatch: string | undefined, ctx: AuditContext) {
    return this.ds.transaction(async (m) => {
      const { c, version } = await this.open(m, principal, caseId, ifMatch, 'resume');
      await updateVersioned(m, CaseEntity, caseId, version, { status: 'in_mediation' });
      const resumed = await this.deadlines.resumeCase(m, caseId, ctx);
      await this.audit.record(m, ctx, { action: 'case.resumed', subjectType: 'case', subjectId: caseId, orgUnitId: c.orgUnitId, before: { status: c.status }, after: { status: 'in_mediation', resumed: resumed.map((d) => ({ kind: d.kind, dueAt: d.dueAt.toISOString() })) } });
      return { entity: await m.findOneByOrFail(CaseEntity, { id: caseId }), resumed };
    });
  }

  /**
   * Longer mediation with the consent of both sides (人民调解: 双方同意可以继续; 医疗纠纷条例
   * Art.38: 约定延长). Every party's consent is named in the extension record, with how it was given.
   */
  async extend(principal: StaffPrincipal, caseId: string, input: { duration: number; reason: string; consents: Array<{ partyId: string; method: ConsentMethod }> }, ifMatch: string | undefined, ctx: AuditContext): Promise<DeadlineEntity> {
    return this.ds.transaction(async (m) => {
      // Extending is possible while mediating, the same moment an agreement could be recorded.
      const { c, parties } = await this.open(m, principal, caseId, ifMatch, 'record_agreement', '延长调解期限');
      const missing = parties.filter((p) => (p.role === 'applicant' || p.role === 'respondent') && !input.consents.some((x) => x.partyId === p.id));
      if (missing.length) {
        throw new DomainError('MEDIATION.CONSENT_REQUIRED', { names: missing.map((p) => p.name).join('、') }, [{ field: 'consents', code: 'allPartiesConsent', params: { message: `缺少：${missing.map((p) => p.name).join('、')}` } }]);
      }
      const by = input.consents.map((x) => `${parties.find((p) => p.id === x.partyId)?.name ?? x.partyId}（${METHOD_LABELS[x.method]}）`).join('、');
      const kind = mediationKindOf(c, parties);
      return this.deadlines.extendCase(m, caseId, [kind], input.duration, { kind: 'both_parties_consent', by, reason: input.reason }, principal.displayName, ctx);
    });
  }

  // ---- outcomes --------------------------------------------------------------------------

  /**
   * Records the signed agreement and what each party owes. The mediation clock is met; where the
   * terms can be confirmed by a court, the 30-day window to apply together starts at the
   * agreement's effect (民诉法 Art.205); each obligation gets reminders before it falls due.
   */
  async recordAgreement(principal: StaffPrincipal, caseId: string, input: AgreementInput, ifMatch: string | undefined, ctx: AuditContext) {
    return this.ds.transaction(async (m) => {
      const { c, parties, version, unit, track } = await this.open(m, principal, caseId, ifMatch, 'record_agreement');
      const errors: FieldError[] = [];
      const partyIds = new Set(parties.map((p) => p.id));
      input.signatures.forEach((s, i) => partyIds.has(s.partyId) || errors.push({ field: `signatures[${i}].partyId`, code: 'unknownParty', params: {} }));
      const unsigned = parties.filter((p) => (p.role === 'applicant' || p.role === 'respondent') && !input.signatures.some((s) => s.partyId === p.id));
      if (unsigned.length) errors.push({ field: 'signatures', code: 'allPartiesSign', params: { message: `缺少当事人签名：${unsigned.map((p) => p.name).join('、')}` } });
      const now = this.clock.now();
      const effectiveAt = new Date(input.effectiveAt ?? [input.mediatorSignedAt, ...input.signatures.map((s) => s.signedAt)].sort().at(-1)!);
      if (effectiveAt.getTime() > now.getTime()) errors.push({ field: 'effectiveAt', code: 'notInFuture', params: { message: '协议生效时间不能晚于现在' } });
      const today = localDateOf(now);
      input.obligations.forEach((o, i) => {
        if (!partyIds.has(o.debtorPartyId)) errors.push({ field: `obligations[${i}].debtorPartyId`, code: 'unknownParty', params: {} });
        if (o.creditorPartyId && !partyIds.has(o.creditorPartyId)) errors.push({ field: `obligations[${i}].creditorPartyId`, code: 'unknownParty', params: {} });
        if (o.dueDate < today) errors.push({ field: `obligations[${i}].dueDate`, code: 'notInPast', params: { message: '履行期限不能早于今天' } });
      });
      if (errors.length) throw new DomainError('MEDIATION.INVALID_AGREEMENT', {}, errors);

      const policy = policyFor(track);
      const confirmability = policy.confirmability(input.obligations.map((o) => o.kind));
      const signatures = [
        ...input.signatures.map((s) => ({ partyId: s.partyId, name: parties.find((p) => p.id === s.partyId)!.name, signedAt: new Date(s.signedAt).toISOString() })),
        { staffUserId: principal.id, name: principal.displayName, signedAt: new Date(input.mediatorSignedAt).toISOString() },
      ];
      const agreement = await m.save(AgreementEntity, m.create(AgreementEntity, { caseId, text: input.text, signatures, effectiveAt, confirmable: confirmability.ok || confirmability.confirmable.length > 0, recordedById: principal.id }));
      const obligations: ObligationEntity[] = [];
      for (const o of input.obligations) {
        obligations.push(await m.save(ObligationEntity, m.create(ObligationEntity, {
          agreementId: agreement.id, caseId, debtorPartyId: o.debtorPartyId, creditorPartyId: o.creditorPartyId ?? null, kind: o.kind,
          description: o.description, amountFen: o.amount ? toFen(o.amount) : null, dueDate: o.dueDate, status: 'pending',
        })));
      }
      const status = obligations.length ? 'performing' : 'agreement';
      await updateVersioned(m, CaseEntity, caseId, version, { status, decision: withMediation(c, { outcome: 'agreement', agreementId: agreement.id, effectiveAt: effectiveAt.toISOString(), confirmability }) });
      await this.deadlines.meet(m, caseId, MEDIATION_KINDS as never);
      if (agreement.confirmable) await this.deadlines.start(m, { caseId, orgUnitId: c.orgUnitId, kind: 'judicial_confirmation_application', startAt: effectiveAt });
      const workers = await caseworkerIds(m, this.notifications, c.id, unit.path);
      for (const o of obligations) await this.remindObligation(m, c, unit, parties, o, workers);
      // 回访 at the configured days after the agreement took effect (评价督导).
      await this.followUps.schedule(m, await m.findOneByOrFail(CaseEntity, { id: caseId }), effectiveAt, ctx);
      await this.audit.record(m, ctx, {
        action: 'case.agreement_recorded', subjectType: 'case', subjectId: caseId, orgUnitId: c.orgUnitId,
        before: { status: c.status },
        after: { status, agreementId: agreement.id, effectiveAt: effectiveAt.toISOString(), obligations: obligations.length, confirmable: agreement.confirmable, excludedFromConfirmation: confirmability.excluded },
      });
      const entity = await m.findOneByOrFail(CaseEntity, { id: caseId });
      await this.events.emit(m, {
        type: 'mediation.concluded',
        kase: entity,
        data: { outcome: 'agreement', concludedAt: this.clock.now().toISOString(), agreement: { id: agreement.id, effectiveAt: effectiveAt.toISOString(), obligations: obligations.length, confirmable: agreement.confirmable } },
      });
      return { entity, agreement, obligations, confirmability };
    });
  }

  private async remindObligation(m: EntityManager, c: CaseEntity, unit: OrgUnitEntity, parties: CasePartyEntity[], o: ObligationEntity, workers: string[]): Promise<void> {
    const now = this.clock.now();
    const debtor = parties.find((p) => p.id === o.debtorPartyId)!;
    const at = (date: string) => new Date(startOfLocalDay(date).getTime() + NINE_AM_MS);
    const textAt = at(addDays(o.dueDate, -DEBTOR_REMINDER_DAYS));
    if (debtor.mobileEnc && textAt.getTime() > now.getTime()) {
      await this.sms.send(m, {
        caseId: c.id, partyId: debtor.id, orgUnitId: c.orgUnitId, mobile: this.pii.decrypt(debtor.mobileEnc, 'case_party.mobile'),
        template: 'obligation_reminder', params: { caseNumber: c.number, obligation: o.description, dueDate: o.dueDate, unitName: unit.name }, notBefore: textAt,
      });
    }
    const dayBefore = at(addDays(o.dueDate, -1));
    await this.notifications.send(m, workers, {
      kind: 'obligation.due',
      title: `协议履行到期：${c.number}`,
      body: `${debtor.name}应于 ${o.dueDate} 前履行：${o.description}。请跟进并记录履行情况。`,
      subjectType: 'case', subjectId: c.id,
      visibleAt: dayBefore.getTime() > now.getTime() ? dayBefore : now,
    });
  }

  async caseOf(principal: StaffPrincipal, caseId: string) {
    return this.cases.get(principal, caseId);
  }

  async agreementOf(principal: StaffPrincipal, caseId: string) {
    await this.cases.get(principal, caseId);
    const agreement = await this.ds.getRepository(AgreementEntity).findOneBy({ caseId });
    if (!agreement) throw new DomainError('MEDIATION.NO_AGREEMENT', { id: caseId });
    const obligations = await this.ds.getRepository(ObligationEntity).find({ where: { agreementId: agreement.id }, order: { dueDate: 'ASC' } });
    return { agreement, obligations };
  }

  /**
   * The party or the mediator reports an obligation kept or broken. A breach opens the roads the
   * law gives for the track and the term (judicial confirmation while the window is open, a
   * payment order for wages, arbitration, a suit); when every obligation is kept the case closes.
   */
  async settleObligation(principal: StaffPrincipal, obligationId: string, input: { outcome: 'performed' | 'breached'; note: string }, ifMatch: string | undefined, ctx: AuditContext) {
    return this.ds.transaction(async (m) => {
      const o = await m.findOneBy(ObligationEntity, { id: obligationId });
      if (!o) throw new DomainError('MEDIATION.OBLIGATION_NOT_FOUND', { id: obligationId });
      const { entity: c, parties } = await this.cases.get(principal, o.caseId, m).catch(() => {
        throw new DomainError('MEDIATION.OBLIGATION_NOT_FOUND', { id: obligationId });
      });
      const version = expectedVersion(ifMatch, o.version);
      if (!principal.roles.some((r) => r === 'director' || r === 'mediator')) throw new DomainError('AUTH.FORBIDDEN', { actor: principal.displayName });
      if (o.status !== 'pending') throw new DomainError('MEDIATION.OBLIGATION_SETTLED', { status: o.status });
      const now = this.clock.now();
      const agreement = await m.findOneByOrFail(AgreementEntity, { id: o.agreementId });
      const unit = await m.findOneByOrFail(OrgUnitEntity, { id: c.orgUnitId });
      let roads: Road[] | null = null;
      if (input.outcome === 'breached') {
        const confirmed = (await m.countBy(JudicialConfirmationEntity, { agreementId: agreement.id, status: 'confirmed' })) > 0;
        roads = policyFor((c.track ?? 'general') as Track).breachRoads({ obligationKind: o.kind, agreementEffectiveAt: agreement.effectiveAt, now, judiciallyConfirmed: confirmed, calendar: await this.calendars.calendar(m) });
      }
      await updateVersioned(m, ObligationEntity, o.id, version, { status: input.outcome, settledAt: now, note: input.note, roads: roads as never });
      const debtor = parties.find((p) => p.id === o.debtorPartyId);
      if (roads) {
        await this.notifications.send(m, await caseworkerIds(m, this.notifications, c.id, unit.path), {
          kind: 'agreement.breached',
          title: `协议未履行：${c.number}`,
          body: `${debtor?.name ?? '当事人'}未履行「${o.description}」。可选途径：${roads.map((r) => `${r.label}（${r.basis}）`).join('；')}。`,
          subjectType: 'case', subjectId: c.id,
        });
      }
      await this.audit.record(m, ctx, {
        action: input.outcome === 'performed' ? 'obligation.performed' : 'agreement.breached', subjectType: 'case', subjectId: c.id, orgUnitId: c.orgUnitId,
        after: { obligationId: o.id, description: o.description, debtor: debtor?.name ?? null, note: input.note, roads: roads?.map((r) => r.code) ?? null },
      });
      if (roads) {
        await this.events.emit(m, {
          type: 'agreement.breached',
          kase: c,
          data: { agreementId: agreement.id, obligation: { id: o.id, kind: o.kind, dueDate: o.dueDate }, roads: roads.map((r) => r.code), reportedAt: now.toISOString() },
        });
      }
      const open = await m.count(ObligationEntity, { where: { agreementId: agreement.id, status: In(['pending', 'breached']) } });
      if (open === 0 && c.status === 'performing') {
        await updateVersioned(m, CaseEntity, c.id, c.version, { status: 'closed' });
        await this.audit.record(m, ctx, { action: 'case.closed', subjectType: 'case', subjectId: c.id, orgUnitId: c.orgUnitId, before: { status: c.status }, after: { status: 'closed', reason: '调解协议已全部履行' } });
        await this.events.emit(m, { type: 'case.closed', kase: await m.findOneByOrFail(CaseEntity, { id: c.id }), data: { how: 'performed', closedAt: now.toISOString(), summary: '调解协议已全部履行' } });
      }
      return { obligation: await m.findOneByOrFail(ObligationEntity, { id: o.id }), roads, caseStatus: (await m.findOneByOrFail(CaseEntity, { id: c.id })).status };
    });
  }

  /** No agreement: the mediation ends and the parties are told which roads remain (人民调解法 Art.26). */
  async fail(principal: StaffPrincipal, caseId: string, input: { reason: string }, ifMatch: string | undefined, ctx: AuditContext) {
    return this.ds.transaction(async (m) => {
      const { c, parties, version, unit, track } = await this.open(m, principal, caseId, ifMatch, 'fail');
      const roads = policyFor(track).failureRoads(factsOf(c, parties));
      await updateVersioned(m, CaseEntity, caseId, version, { status: 'failed', decision: withMediation(c, { outcome: 'failed', reason: input.reason, roads, decidedAt: this.clock.now().toISOString() }) });
      await this.deadlines.cancel(m, caseId);
      await this.notifications.send(m, await caseworkerIds(m, this.notifications, c.id, unit.path), {
        kind: 'case.mediation_failed', title: `调解不成：${c.number} ${c.title}`,
        body: `调解未达成协议（${input.reason}）。请书面告知当事人可选择的途径：${roads.map((r) => r.label).join('；')}。`, subjectType: 'case', subjectId: caseId,
      });
      await this.audit.record(m, ctx, { action: 'case.mediation_failed', subjectType: 'case', subjectId: caseId, orgUnitId: c.orgUnitId, before: { status: c.status }, after: { status: 'failed', reason: input.reason, roads: roads.map((r) => r.code) } });
      const entity = await m.findOneByOrFail(CaseEntity, { id: caseId });
      await this.events.emit(m, { type: 'mediation.concluded', kase: entity, data: { outcome: 'failed', concludedAt: this.clock.now().toISOString(), reason: input.reason, roads: roads.map((r) => r.code) } });
      return { entity, roads };
    });
  }

  /** A party withdraws the application (调解是自愿的): the clocks stop; the case can then be closed. */
  async withdraw(principal: StaffPrincipal, caseId: string, input: { partyId: string; reason: string }, ifMatch: string | undefined, ctx: AuditContext) {
    return this.ds.transaction(async (m) => {
      const { c, parties, version } = await this.open(m, principal, caseId, ifMatch, 'withdraw');
      const party = parties.find((p) => p.id === input.partyId);
      if (!party) throw new DomainError('CASE.PARTY_NOT_FOUND', { id: input.partyId }, [{ field: 'partyId', code: 'unknownParty', params: {} }]);
      await updateVersioned(m, CaseEntity, caseId, version, { status: 'withdrawn', decision: withMediation(c, { outcome: 'withdrawn', party: party.name, reason: input.reason, decidedAt: this.clock.now().toISOString() }) });
      await this.deadlines.cancel(m, caseId);
      await this.audit.record(m, ctx, { action: 'case.withdrawn', subjectType: 'case', subjectId: caseId, orgUnitId: c.orgUnitId, before: { status: c.status }, after: { status: 'withdrawn', party: party.name, reason: input.reason } });
      const entity = await m.findOneByOrFail(CaseEntity, { id: caseId });
      await this.events.emit(m, { type: 'mediation.concluded', kase: entity, data: { outcome: 'withdrawn', concludedAt: this.clock.now().toISOString(), reason: input.reason } });
      return { entity };
    });
  }

  async close(principal: StaffPrincipal, caseId: string, input: { summary: string }, ifMatch: string | undefined, ctx: AuditContext) {
    return this.ds.transaction(async (m) => {
      const { c, version } = await this.open(m, principal, caseId, ifMatch, 'close');
      await updateVersioned(m, CaseEntity, caseId, version, { status: 'closed' });
      await this.deadlines.cancel(m, caseId);
      // A closure without an agreement is visited too (a failed or withdrawn dispute can flare up); idempotent.
      await this.followUps.schedule(m, await m.findOneByOrFail(CaseEntity, { id: caseId }), this.clock.now(), ctx);
      const how = await closureHow(m, c);
      await this.audit.record(m, ctx, { action: 'case.closed', subjectType: 'case', subjectId: caseId, orgUnitId: c.orgUnitId, before: { status: c.status }, after: { status: 'closed', how, summary: input.summary } });
      const entity = await m.findOneByOrFail(CaseEntity, { id: caseId });
      await this.events.emit(m, { type: 'case.closed', kase: entity, data: { how, closedAt: this.clock.now().toISOString(), summary: input.summary } });
      return { entity };
    });
  }
}

/**
 * How a case closed by hand ended: an agreement whose obligations were all kept is `performed` (a
 * police station may then decide not to punish, 程序规定 Art.186); with terms still open, or with
 * none to perform, `agreement`; otherwise the mediation's own outcome.
 */
async function closureHow(m: EntityManager, c: CaseEntity): Promise<ClosureHow> {
  const outcome = (c.decision as { mediation?: { outcome?: string } } | null)?.mediation?.outcome;
  if (outcome === 'failed' || outcome === 'consent_refused') return 'failed';
  if (outcome === 'withdrawn') return 'withdrawn';
  if (outcome !== 'agreement') return 'other';
  const statuses = (await m.find(ObligationEntity, { where: { caseId: c.id }, select: { status: true } })).map((o) => o.status);
  return statuses.length > 0 && statuses.every((s) => s === 'performed') ? 'performed' : 'agreement';
}

/** The case's decision record with the mediation's outcome under `mediation` (triage's stays beside it). */
export function withMediation(c: CaseEntity, outcome: Record<string, unknown>): CaseEntity['decision'] {
  return { ...(c.decision ?? {}), mediation: outcome };
}

const METHOD_LABELS: Record<ConsentMethod, string> = { written: '书面', oral: '口头', phone: '电话', online: '线上', video: '视频' };
