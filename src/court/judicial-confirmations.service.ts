import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { PartnerEntity } from '../auth/partner.entity';
import { CaseEntity } from '../cases/case.entity';
import { CaseEvents } from '../cases/case-events';
import { CasesService } from '../cases/cases.service';
import { invalidTransition } from '../cases/case-status';
import { DomainError } from '../common/errors/domain-error';
import { expectedVersion } from '../common/http/etag';
import type { Principal, StaffPrincipal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { inTransaction, updateVersioned } from '../database/versioned-update';
import { DeadlineEntity } from '../deadlines/deadline.entity';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { localDateOf, startOfLocalDay } from '../deadlines/period';
import { AgreementEntity } from '../mediation/agreement.entity';
import { caseworkerIds } from '../mediation/case-team';
import { NotificationsService } from '../notifications/notifications.service';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { scopedToCase } from '../cases/case-scope';
import { OutboxService } from '../webhooks/outbox.service';
import type { ApplyConfirmationDto, ConfirmationAcceptanceDto, ConfirmationRulingDto } from './dto/judicial-confirmation.dto';
import { ConfirmationRoad, JudicialConfirmationEntity } from './judicial-confirmation.entity';

/** 民诉法 Art.206 (and 人民调解法 Art.33 ¶3): what is left when the court rejects the application. */
export const REJECTION_ROADS: ConfirmationRoad[] = [
  { code: 'amend_by_mediation', label: '通过调解方式变更原调解协议或者达成新的调解协议', basis: '民事诉讼法 第二百零六条；人民调解法 第三十三条第三款' },
  { code: 'civil_suit', label: '向人民法院提起诉讼', basis: '民事诉讼法 第二百零六条；人民调解法 第三十三条第三款' },
];
/** Confirmed: enforcement on breach (民诉法 Art.206: 对方当事人可以向人民法院申请执行). */
export const CONFIRMED_ROADS: ConfirmationRoad[] = [
  { code: 'enforcement', label: '一方拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行', basis: '民事诉讼法 第二百零六条；人民调解法 第三十三条第二款' },
];

export interface ConfirmationView {
  confirmation: JudicialConfirmationEntity;
  kase: CaseEntity;
  window: DeadlineEntity | null;
  decision: DeadlineEntity | null;
}

@Injectable()
export class JudicialConfirmationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly cases: CasesService,
    private readonly events: CaseEvents,
    private readonly deadlines: DeadlinesService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The parties' joint application (人民调解法 Art.33; 民诉法 Art.205), recorded by the mediator who
   * helped them file it: every applicant and respondent applies, within 30 days of the agreement's
   * effect, for terms a court may confirm (not marriage or adoption status, 民诉解释 Art.355).
   */
  async apply(principal: StaffPrincipal, caseId: string, dto: ApplyConfirmationDto, ctx: AuditContext): Promise<ConfirmationView> {
    const id = await this.ds.transaction(async (m) => {
      const { entity: c, parties } = await this.cases.get(principal, caseId, m);
      if (!principal.roles.some((r) => r === 'director' || r === 'mediator')) throw new DomainError('AUTH.FORBIDDEN', { actor: principal.displayName });
      const allowed = ['agreement', 'performing', 'closed'] as const;
      if (!allowed.includes(c.status as (typeof allowed)[number])) throw invalidTransition(c.status, 'judicial_confirmation', '申请司法确认', allowed);
      const agreement = await m.findOneBy(AgreementEntity, { caseId });
      if (!agreement) throw new DomainError('MEDIATION.NO_AGREEMENT', { id: caseId });
      if (!agreement.confirmable) throw new DomainError('COURT.NOT_CONFIRMABLE');
      const open = await m.findOneBy(JudicialConfirmationEntity, { agreementId: agreement.id, status: In(['applied', 'accepted', 'confirmed']) });
      if (open) throw new DomainError('COURT.CONFIRMATION_EXISTS', { status: open.status }, [], {}, { confirmationId: open.id });

      const errors = [];
      const today = localDateOf(this.clock.now());
      const effectiveOn = localDateOf(agreement.effectiveAt);
      if (dto.appliedOn > today) errors.push({ field: 'appliedOn', code: 'notInFuture', params: { message: '申请日期不能晚于今天' } });
      if (dto.appliedOn < effectiveOn) errors.push({ field: 'appliedOn', code: 'beforeAgreement', params: { message: `调解协议 ${effectiveOn} 生效，申请不能早于生效日` } });
      const byId = new Map(parties.map((p) => [p.id, p]));
      dto.partyIds.forEach((pid, i) => byId.has(pid) || errors.push({ field: `partyIds[${i}]`, code: 'unknownParty', params: {} }));
      const absent = parties.filter((p) => (p.role === 'applicant' || p.role === 'respondent') && !dto.partyIds.includes(p.id));
      if (absent.length) errors.push({ field: 'partyIds', code: 'jointApplication', params: { message: `司法确认须双方当事人共同申请，缺少：${absent.map((p) => p.name).join('、')}` } });
      let court: PartnerEntity | null = null;
      if (dto.courtPartnerId) {
        court = await m.findOneBy(PartnerEntity, { id: dto.courtPartnerId, kind: 'court', active: true });
        if (!court) errors.push({ field: 'courtPartnerId', code: 'notACourt', params: { message: '不是有效的法院对接系统' } });
      } else if (!dto.courtName) {
        errors.push({ field: 'courtName', code: 'isNotEmpty', params: { message: '请填写受理法院，或选择法院对接系统' } });
      }
      if (errors.length) throw new DomainError('COURT.INVALID_CONFIRMATION', {}, errors);

      // The window is the clock started when the agreement took effect; its last day is the law's.
      const window = await this.windowOf(m, caseId);
      const lastDay = window ? localDateOf(new Date(window.dueAt.getTime() - 1)) : null;
      if (lastDay && dto.appliedOn > lastDay) {
        throw new DomainError('COURT.CONFIRMATION_WINDOW_CLOSED', { lastDay }, [{ field: 'appliedOn', code: 'windowClosed', params: { message: `申请期限已于 ${lastDay} 届满（人民调解法第三十三条）` } }]);
      }
      const inserted = await m.insert(JudicialConfirmationEntity, {
        caseId, agreementId: agreement.id, partnerId: court?.id ?? null, courtName: court?.name ?? dto.courtName!, appliedOn: dto.appliedOn,
        applicants: dto.partyIds.map((pid) => ({ partyId: pid, name: byId.get(pid)!.name, role: byId.get(pid)!.role })), status: 'applied', recordedById: principal.id,
      });
      const jc = await m.findOneByOrFail(JudicialConfirmationEntity, { id: inserted.identifiers[0].id as string });
      await this.deadlines.meet(m, caseId, ['judicial_confirmation_application']);
      await this.audit.record(m, ctx, {
        action: 'judicial_confirmation.applied', subjectType: 'case', subjectId: caseId, orgUnitId: c.orgUnitId,
        after: { confirmationId: jc.id, court: jc.courtName, appliedOn: jc.appliedOn, applicants: jc.applicants.map((a) => a.name), windowLastDay: lastDay },
      });
      if (court) await this.tell(m, jc, c, court.id, 'judicial_confirmation.applied', { appliedOn: jc.appliedOn, applicants: jc.applicants.map((a) => ({ partyId: a.partyId, role: a.role })) });
      return jc.id;
    });
    return this.get(principal, id);
  }

  /** 立案: the court took the application; its 30 days to decide run (民诉法 Art.187). */
  async accept(principal: Principal, id: string, dto: ConfirmationAcceptanceDto, ifMatch: string | undefined, ctx: AuditContext, tx?: EntityManager): Promise<ConfirmationView> {
    await inTransaction(this.ds, tx, async (m) => {
      const { confirmation: jc, kase } = await this.load(m, principal, id);
      const version = principal.type === 'partner' ? jc.version : expectedVersion(ifMatch, jc.version);
      this.assertRecorder(principal);
      if (jc.status !== 'applied') throw new DomainError('COURT.CONFIRMATION_STATE', { status: jc.status });
      if (dto.filedOn < jc.appliedOn || dto.filedOn > localDateOf(this.clock.now())) {
        throw new DomainError('COURT.INVALID_CONFIRMATION', {}, [{ field: 'filedOn', code: 'range', params: { message: `立案日期应在申请日 ${jc.appliedOn} 与今天之间` } }]);
      }
      await updateVersioned(m, JudicialConfirmationEntity, jc.id, version, { status: 'accepted', filedOn: dto.filedOn, courtCaseNumber: dto.courtCaseNumber });
      const d = await this.deadlines.start(m, { caseId: kase.id, orgUnitId: kase.orgUnitId, kind: 'judicial_confirmation_decision', startAt: startOfLocalDay(dto.filedOn) });
      await this.audit.record(m, ctx, {
        action: 'judicial_confirmation.accepted', subjectType: 'case', subjectId: kase.id, orgUnitId: kase.orgUnitId,
        after: { confirmationId: jc.id, filedOn: dto.filedOn, courtCaseNumber: dto.courtCaseNumber, decisionDueAt: d.dueAt.toISOString() },
      });
    });
    return this.get(principal, id, tx);
  }

  /**
   * The ruling, posted by the court's system or recorded by staff from the paper ruling. Confirmed:
   * the agreement can be enforced; rejected: the roads of Art.206 are shown to the mediator.
   */
  async rule(principal: Principal, id: string, dto: ConfirmationRulingDto, ifMatch: string | undefined, ctx: AuditContext, tx?: EntityManager): Promise<ConfirmationView> {
    await inTransaction(this.ds, tx, async (m) => {
      const { confirmation: jc, kase } = await this.load(m, principal, id);
      const version = principal.type === 'partner' ? jc.version : expectedVersion(ifMatch, jc.version);
      this.assertRecorder(principal);
      if (jc.status !== 'applied' && jc.status !== 'accepted') throw new DomainError('COURT.CONFIRMATION_STATE', { status: jc.status });
      if (dto.ruledOn < jc.appliedOn || dto.ruledOn > localDateOf(this.clock.now())) {
        throw new DomainError('COURT.INVALID_CONFIRMATION', {}, [{ field: 'ruledOn', code: 'range', params: { message: `裁定日期应在申请日 ${jc.appliedOn} 与今天之间` } }]);
      }
      if (dto.result === 'rejected' && !dto.reasons) throw new DomainError('COURT.INVALID_CONFIRMATION', {}, [{ field: 'reasons', code: 'isNotEmpty', params: { message: '驳回申请须写明理由' } }]);
      const roads = dto.result === 'confirmed' ? CONFIRMED_ROADS : REJECTION_ROADS;
      await updateVersioned(m, JudicialConfirmationEntity, jc.id, version, { status: dto.result, rulingNumber: dto.rulingNumber, ruledOn: dto.ruledOn, rulingReasons: dto.reasons ?? null, roads });
      await this.deadlines.meet(m, kase.id, ['judicial_confirmation_decision']);
      const unit = await m.findOneByOrFail(OrgUnitEntity, { id: kase.orgUnitId });
      await this.notifications.send(m, await caseworkerIds(m, this.notifications, kase.id, unit.path), {
        kind: 'judicial_confirmation.ruled',
        title: `司法确认${dto.result === 'confirmed' ? '裁定有效' : '被驳回'}：${kase.number}`,
        body: dto.result === 'confirmed'
          ? `${jc.courtName}（${dto.rulingNumber}）裁定调解协议有效，协议具有强制执行力。一方不履行的，对方可以向人民法院申请强制执行。`
          : `${jc.courtName}（${dto.rulingNumber}）裁定驳回申请：${dto.reasons}。当事人可以${REJECTION_ROADS.map((r) => r.label).join('，也可以')}。`,
        subjectType: 'case', subjectId: kase.id,
      });
      await this.audit.record(m, ctx, {
        action: `judicial_confirmation.${dto.result}`, subjectType: 'case', subjectId: kase.id, orgUnitId: kase.orgUnitId,
        after: { confirmationId: jc.id, court: jc.courtName, rulingNumber: dto.rulingNumber, ruledOn: dto.ruledOn, reasons: dto.reasons ?? null, roads: roads.map((r) => r.code) },
      });
      const data = { confirmationId: jc.id, result: dto.result, enforceable: dto.result === 'confirmed', rulingNumber: dto.rulingNumber, ruledOn: dto.ruledOn, courtName: jc.courtName, roads: roads.map((r) => r.code) };
      // The court that ruled hears about it only when staff typed it in (its system already knows).
      const actorPartnerId = principal.type === 'partner' ? principal.id : null;
      if (jc.partnerId && jc.partnerId !== actorPartnerId) await this.tell(m, jc, kase, jc.partnerId, 'judicial_confirmation.ruled', data);
      await this.events.emit(m, { type: 'judicial_confirmation.ruled', kase, data, actorPartnerId: actorPartnerId ?? jc.partnerId });
    });
    return this.get(principal, id, tx);
  }

  private assertRecorder(principal: Principal): void {
    if (principal.type === 'partner') return; // load() already limited a court to its own applications
    if (!principal.roles.some((r) => r === 'director' || r === 'mediator')) throw new DomainError('AUTH.FORBIDDEN', { actor: principal.displayName });
  }

  private async tell(m: EntityManager, jc: JudicialConfirmationEntity, kase: CaseEntity, partnerId: string, eventType: string, data: Record<string, unknown>): Promise<void> {
    await this.outbox.emit(m, partnerId, {
      eventType, subjectType: 'judicial_confirmation', subjectId: jc.id,
      payload: { confirmationId: jc.id, caseId: kase.id, caseNumber: kase.number, externalRef: kase.externalRef, status: kase.status, courtName: jc.courtName, ...data },
    });
  }

  // ---- reading -----------------------------------------------------------------------------

  private async load(m: EntityManager, principal: Principal, id: string): Promise<{ confirmation: JudicialConfirmationEntity; kase: CaseEntity }> {
    const confirmation = await scopedToCase(m, JudicialConfirmationEntity, 'j', principal).andWhere('j.id = :id', { id }).getOne();
    if (!confirmation) throw new DomainError('COURT.CONFIRMATION_NOT_FOUND', { id });
    return { confirmation, kase: await m.findOneByOrFail(CaseEntity, { id: confirmation.caseId }) };
  }

  async get(principal: Principal, id: string, m: EntityManager = this.ds.manager): Promise<ConfirmationView> {
    const { confirmation, kase } = await this.load(m, principal, id);
    return this.view(confirmation, kase, m);
  }

  /** The case's applications, newest first, with the window (staff). */
  async forCase(principal: StaffPrincipal, caseId: string): Promise<{ items: ConfirmationView[]; window: DeadlineEntity | null }> {
    const { entity: kase } = await this.cases.get(principal, caseId);
    const [rows, clocks] = await Promise.all([
      this.ds.getRepository(JudicialConfirmationEntity).find({ where: { caseId }, order: { createdAt: 'DESC' } }),
      this.clocks(this.ds.manager, caseId),
    ]);
    return { items: rows.map((confirmation) => ({ confirmation, kase, ...clocks })), window: clocks.window };
  }

  private async view(confirmation: JudicialConfirmationEntity, kase: CaseEntity, m: EntityManager = this.ds.manager): Promise<ConfirmationView> {
    return { confirmation, kase, ...(await this.clocks(m, kase.id)) };
  }

  /** The case's latest joint-application window (P2) and court decision clock (P3): one per case, shared by its applications. */
  private async clocks(m: EntityManager, caseId: string): Promise<{ window: DeadlineEntity | null; decision: DeadlineEntity | null }> {
    const [window, decision] = await Promise.all([this.windowOf(m, caseId), m.findOne(DeadlineEntity, { where: { caseId, kind: 'judicial_confirmation_decision' }, order: { createdAt: 'DESC' } })]);
    return { window, decision };
  }

  private windowOf(m: EntityManager, caseId: string): Promise<DeadlineEntity | null> {
    return m.findOne(DeadlineEntity, { where: { caseId, kind: 'judicial_confirmation_application' }, order: { createdAt: 'DESC' } });
  }
}
