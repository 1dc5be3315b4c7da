import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { PartnerEntity } from '../auth/partner.entity';
import { PartnersService } from '../auth/partners.service';
import { CaseEntity } from '../cases/case.entity';
import { CasePartyEntity } from '../cases/case-party.entity';
import { CaseEvents } from '../cases/case-events';
import { CasesService } from '../cases/cases.service';
import { assertTransition, CASE_STATUS_LABELS, CaseStatus } from '../cases/case-status';
import { DomainError } from '../common/errors/domain-error';
import { expectedVersion } from '../common/http/etag';
import { toYuan } from '../common/money';
import { paginate, Page } from '../common/pagination/pagination';
import type { PartnerPrincipal, Principal, StaffPrincipal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { updateVersioned } from '../database/versioned-update';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { localDateOf } from '../deadlines/period';
import { AgreementEntity, ObligationEntity } from '../mediation/agreement.entity';
import { caseworkerIds } from '../mediation/case-team';
import { MediationSessionEntity } from '../mediation/mediation-session.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { scopedToCase } from '../cases/case-scope';
import { OutboxService } from '../webhooks/outbox.service';
import { CourtFilingEntity, FilingStatus } from './court-filing.entity';
import type { FilingRegistrationDto, FilingReturnDto, ListFilingsQueryDto, SendFilingDto } from './dto/court-filing.dto';

export const FILING_STATUS_LABELS: Record<FilingStatus, string> = { sent: '已移送', received: '法院已接收', registered: '法院已立案', returned: '法院已退回' };

@Injectable()
export class CourtFilingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly cases: CasesService,
    private readonly partners: PartnersService,
    private readonly events: CaseEvents,
    private readonly deadlines: DeadlinesService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * 诉调对接, outgoing. Mediation failed, or a party broke the agreement: the director sends the
   * dispute to a court with the package the court needs to register it, and the case leaves the
   * center (referred_out) until the court registers or returns it.
   */
  async send(principal: StaffPrincipal, caseId: string, dto: SendFilingDto, ifMatch: string | undefined, ctx: AuditContext): Promise<{ filing: CourtFilingEntity; court: PartnerEntity }> {
    return this.ds.transaction(async (m) => {
      const { entity: c, parties } = await this.cases.get(principal, caseId, m);
      const version = expectedVersion(ifMatch, c.version);
      assertTransition('refer_out', c.status, principal, '移送法院');
      const court = await this.partners.getInScope(principal, dto.courtPartnerId, m).catch(() => {
        throw new DomainError('COURT.INVALID_FILING', {}, [{ field: 'courtPartnerId', code: 'unknownCourt', params: { message: '不是您辖区内的法院对接系统' } }]);
      });
      if (court.kind !== 'court' || !court.active) throw new DomainError('COURT.INVALID_FILING', {}, [{ field: 'courtPartnerId', code: 'notACourt', params: { message: '所选对接方不是有效的法院' } }]);
      const agreement = await m.findOneBy(AgreementEntity, { caseId });
      const obligations = agreement ? await m.find(ObligationEntity, { where: { agreementId: agreement.id }, order: { dueDate: 'ASC' } }) : [];
      const breached = obligations.filter((o) => o.status === 'breached');
      if (dto.reason === 'mediation_failed' && c.status !== 'failed') {
        throw new DomainError('COURT.INVALID_FILING', {}, [{ field: 'reason', code: 'notFailed', params: { message: `案件为“${CASE_STATUS_LABELS[c.status]}”，不是调解不成` } }]);
      }
      if (dto.reason === 'agreement_breached' && !breached.length) {
        throw new DomainError('COURT.INVALID_FILING', {}, [{ field: 'reason', code: 'noBreach', params: { message: '尚无记录为未履行的协议事项' } }]);
      }
      const pkg = await this.buildPackage(m, c, parties, dto, agreement, obligations, principal);
      const now = this.clock.now();
      const inserted = await m.insert(CourtFilingEntity, {
        caseId, partnerId: court.id, reason: dto.reason, package: pkg as CourtFilingEntity['package'], status: 'sent', sentAt: now, sentById: principal.id,
      });
      const filing = await m.findOneByOrFail(CourtFilingEntity, { id: inserted.identifiers[0].id as string });
      await updateVersioned(m, CaseEntity, caseId, version, {
        status: 'referred_out',
        decision: { ...(c.decision ?? {}), courtFiling: { filingId: filing.id, court: court.name, reason: dto.reason, statusBefore: c.status, sentAt: now.toISOString(), sentBy: principal.displayName } } as CaseEntity['decision'],
      });
      await this.deadlines.cancel(m, caseId);
      await this.audit.record(m, ctx, {
        action: 'case.referred_to_court', subjectType: 'case', subjectId: caseId, orgUnitId: c.orgUnitId,
        before: { status: c.status }, after: { status: 'referred_out', filingId: filing.id, court: court.name, reason: dto.reason, claims: dto.claims.length, documents: dto.documents.length },
      });
      const referred = await m.findOneByOrFail(CaseEntity, { id: caseId });
      const data = { filingId: filing.id, court: { id: court.id, name: court.name }, reason: dto.reason, sentAt: now.toISOString() };
      await this.outbox.emit(m, court.id, { eventType: 'case.referred', subjectType: 'court_filing', subjectId: filing.id, payload: { caseId, caseNumber: c.number, externalRef: c.externalRef, status: referred.status, ...data } });
      await this.events.emit(m, { type: 'case.referred', kase: referred, data, actorPartnerId: court.id });
      return { filing, court };
    });
  }

  /** What the court needs to register the case; identifiers masked (the court sees the originals on paper). */
  private async buildPackage(m: EntityManager, c: CaseEntity, parties: CasePartyEntity[], dto: SendFilingDto, agreement: AgreementEntity | null, obligations: ObligationEntity[], principal: StaffPrincipal) {
    const unit = await m.findOneByOrFail(OrgUnitEntity, { id: c.orgUnitId });
    const sessions = await m.count(MediationSessionEntity, { where: { caseId: c.id, status: 'held' } });
    const mediation = (c.decision as { mediation?: Record<string, unknown> } | null)?.mediation ?? null;
    return {
      summary: dto.summary ?? c.description,
      case: { number: c.number, title: c.title, category: c.category, track: c.track, amount: toYuan(c.amountFen), registeredAt: c.registeredAt.toISOString(), channel: c.channel, externalRef: c.externalRef },
      center: { code: unit.code, name: unit.name, preparedBy: principal.displayName, preparedOn: localDateOf(this.clock.now()) },
      parties: parties.map((p) => ({ role: p.role, kind: p.kind, name: p.name, idType: p.idType, idNumber: p.idNumberMasked, mobile: p.mobileMasked, address: p.addressMasked })),
      claims: dto.claims,
      mediation: { sessionsHeld: sessions, outcome: mediation?.outcome ?? null, reason: mediation?.reason ?? null, roads: ((mediation?.roads as Array<{ code: string }> | undefined) ?? []).map((r) => r.code ?? r) },
      agreement: agreement ? { effectiveAt: agreement.effectiveAt.toISOString(), text: agreement.text } : null,
      breaches: obligations.filter((o) => o.status === 'breached').map((o) => ({ description: o.description, amount: toYuan(o.amountFen), dueDate: o.dueDate, note: o.note })),
      documents: dto.documents.map((d) => ({ name: d.name, copies: d.copies ?? 1 })),
    };
  }

  // ---- the court's answers ------------------------------------------------------------------

  /** 接收 → 立案 (with the court's case number), or 退回 at any point before registration. */
  async advance(m: EntityManager, court: PartnerPrincipal, id: string, action: 'receive' | 'register' | 'return', dto: FilingRegistrationDto | FilingReturnDto | Record<string, never>, ctx: AuditContext): Promise<{ filing: CourtFilingEntity; court: PartnerEntity }> {
    {
      const filing = await m.findOneBy(CourtFilingEntity, { id, partnerId: court.id });
      if (!filing) throw new DomainError('COURT.FILING_NOT_FOUND', { id });
      const allowed: Record<typeof action, FilingStatus[]> = { receive: ['sent'], register: ['sent', 'received'], return: ['sent', 'received'] };
      if (!allowed[action].includes(filing.status)) throw new DomainError('COURT.FILING_STATE', { status: filing.status, statusLabel: FILING_STATUS_LABELS[filing.status] });
      const now = this.clock.now();
      const c = await m.findOneByOrFail(CaseEntity, { id: filing.caseId });
      const unit = await m.findOneByOrFail(OrgUnitEntity, { id: c.orgUnitId });
      let changes: Partial<CourtFilingEntity>;
      let message: string;
      if (action === 'receive') {
        changes = { status: 'received', receivedAt: now };
        message = `${court.name}已接收移送材料`;
      } else if (action === 'register') {
        const r = dto as FilingRegistrationDto;
        if (r.registeredOn > localDateOf(now)) throw new DomainError('COURT.INVALID_FILING', {}, [{ field: 'registeredOn', code: 'notInFuture', params: {} }]);
        changes = { status: 'registered', receivedAt: filing.receivedAt ?? now, courtCaseNumber: r.courtCaseNumber, registeredOn: r.registeredOn };
        message = `${court.name}已立案，案号${r.courtCaseNumber}`;
      } else {
        const r = dto as FilingReturnDto;
        changes = { status: 'returned', returnedAt: now, returnReason: r.reason };
        message = `${court.name}退回移送：${r.reason}`;
        // The court did not take it: the dispute is the center's again, in the status it left.
        const before = ((c.decision as { courtFiling?: { statusBefore?: CaseStatus } } | null)?.courtFiling?.statusBefore) ?? 'failed';
        if (c.status === 'referred_out') await m.update(CaseEntity, { id: c.id }, { status: before });
      }
      await updateVersioned(m, CourtFilingEntity, filing.id, filing.version, changes);
      await this.notifications.send(m, await caseworkerIds(m, this.notifications, c.id, unit.path), {
        kind: `court_filing.${changes.status}`, title: `移送法院：${c.number}`, body: `${message}。`, subjectType: 'case', subjectId: c.id,
      });
      await this.audit.record(m, ctx, { action: `court_filing.${changes.status}`, subjectType: 'case', subjectId: c.id, orgUnitId: c.orgUnitId, before: { status: filing.status }, after: { filingId: filing.id, ...changes, court: court.name } });
      return { filing: await m.findOneByOrFail(CourtFilingEntity, { id: filing.id }), court: await m.findOneByOrFail(PartnerEntity, { id: court.id }) };
    }
  }

  // ---- reading -----------------------------------------------------------------------------

  private scoped(m: EntityManager, principal: Principal) {
    return scopedToCase(m, CourtFilingEntity, 'f', principal);
  }

  async get(principal: Principal, id: string): Promise<{ filing: CourtFilingEntity; court: PartnerEntity }> {
    const filing = await this.scoped(this.ds.manager, principal).andWhere('f.id = :id', { id }).getOne();
    if (!filing) throw new DomainError('COURT.FILING_NOT_FOUND', { id });
    return { filing, court: await this.ds.getRepository(PartnerEntity).findOneByOrFail({ id: filing.partnerId }) };
  }

  async list(principal: Principal, q: ListFilingsQueryDto): Promise<Page<CourtFilingEntity>> {
    const qb = this.scoped(this.ds.manager, principal);
    if (q.status) qb.andWhere('f.status = :status', { status: q.status });
    if (q.caseId) qb.andWhere('f.caseId = :caseId', { caseId: q.caseId });
    return paginate(qb, { column: 'f.sentAt', idColumn: 'f.id', key: (f) => f.sentAt, direction: 'DESC' }, q);
  }
}
