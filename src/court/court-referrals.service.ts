import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { CaseEntity } from '../cases/case.entity';
import { CaseEvent, CaseEvents } from '../cases/case-events';
import { CasesService } from '../cases/cases.service';
import { CASE_STATUS_LABELS, invalidTransition } from '../cases/case-status';
import type { RegisterCaseDto } from '../cases/dto/case.dto';
import { DomainError } from '../common/errors/domain-error';
import { expectedVersion } from '../common/http/etag';
import { paginate, Page } from '../common/pagination/pagination';
import type { PartnerPrincipal, Principal, StaffPrincipal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { updateVersioned } from '../database/versioned-update';
import type { DeadlineKind } from '../deadlines/deadline-kinds';
import { DeadlineEntity } from '../deadlines/deadline.entity';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { AgreementEntity, ObligationEntity } from '../mediation/agreement.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { scopedToCase } from '../cases/case-scope';
import { OutboxService } from '../webhooks/outbox.service';
import { CourtReferralEntity, CourtProcedure, ReferralKind, ReferralMaterial, ReferralResult } from './court-referral.entity';
import type { ListReferralsQueryDto, MaterialsReturnDto, MaterialsReceiptDto, ReceiveReferralDto } from './dto/court-referral.dto';

/** 特邀调解规定 Art.27: the clock each kind of referral sets. */
export function referralClock(kind: ReferralKind, procedure: CourtProcedure | null | undefined): DeadlineKind {
  if (kind === 'delegated') return 'delegated_mediation_prefiling';
  return procedure === 'summary' ? 'entrusted_mediation_summary' : 'entrusted_mediation_ordinary';
}

/** What the court does with the result (特邀调解规定 Art.19–21, 26). */
const COURT_ACTIONS = {
  delegated: {
    agreement: '调解协议已送达双方当事人，并报委派法院备案（特邀调解规定第十九条）；当事人可以自协议生效之日起三十日内共同申请司法确认',
    failed: '调解不成，书面报告委派法院并移送材料，由人民法院依法登记立案（特邀调解规定第二十一条、第二十六条）',
  },
  entrusted: {
    agreement: '调解协议已提交委托法院，由人民法院审查后制作调解书或者准许撤诉（特邀调解规定第二十条）',
    failed: '调解不成，书面报告委托法院并移送材料，人民法院恢复审理（特邀调解规定第二十一条、第二十六条）',
  },
} as const;

export interface ReferralView {
  referral: CourtReferralEntity;
  kase: CaseEntity;
  deadline: DeadlineEntity | null;
  agreement: AgreementEntity | null;
  obligations: ObligationEntity[];
}

@Injectable()
export class CourtReferralsService implements OnModuleInit {
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

  onModuleInit(): void {
    // The result goes back to the court as soon as the mediation ends, in the same transaction.
    this.events.on('mediation.concluded', (m, event) => this.report(m, event));
  }

  // ---- intake ------------------------------------------------------------------------------

  /**
   * The court's system sends a 委派 or 委托 referral. It becomes a case registered through the
   * court's door; its mediation clock waits for the mediator to sign for the materials.
   */
  async receive(m: EntityManager, court: PartnerPrincipal, dto: ReceiveReferralDto, ctx: AuditContext): Promise<ReferralView> {
    if (court.kind !== 'court') throw new DomainError('AUTH.FORBIDDEN', { actor: court.name });
    if (dto.kind === 'entrusted' && !dto.procedure) {
      throw new DomainError('COURT.INVALID_REFERRAL', {}, [{ field: 'procedure', code: 'isNotEmpty', params: { message: '委托调解须注明适用普通程序或简易程序' } }]);
    }
    if (dto.kind === 'delegated' && dto.procedure) {
      throw new DomainError('COURT.INVALID_REFERRAL', {}, [{ field: 'procedure', code: 'notForDelegation', params: { message: '委派调解（诉前）尚未立案，不适用审判程序' } }]);
    }
    if (dto.callbackUrl) await this.outbox.assertCallbackUrl(m, court.id, dto.callbackUrl);
    // One referral per court case number: a second key for the same case is a mistake to surface.
    const existing = await m.findOneBy(CourtReferralEntity, { partnerId: court.id, courtCaseNumber: dto.courtCaseNumber });
    if (existing) throw new DomainError('COURT.REFERRAL_EXISTS', { courtCaseNumber: dto.courtCaseNumber }, [], {}, { referralId: existing.id });

    const deadlineKind = referralClock(dto.kind, dto.procedure);
    const registration: RegisterCaseDto = {
      title: dto.title,
      description: `${dto.description}\n诉讼请求：${dto.claims}`,
      amount: dto.amount,
      parties: dto.parties,
      externalRef: dto.courtCaseNumber,
      orgUnitId: dto.orgUnitId,
    } as RegisterCaseDto;
    const { entity: kase } = await this.cases.register(m, court, registration, ctx, { mediationClock: deadlineKind });
    const inserted = await m.insert(CourtReferralEntity, {
      caseId: kase.id,
      partnerId: court.id,
      kind: dto.kind,
      procedure: dto.procedure ?? null,
      courtCaseNumber: dto.courtCaseNumber,
      deadlineKind,
      judgeName: dto.judgeName ?? null,
      claims: dto.claims,
      materials: dto.materials.map((x) => ({ name: x.name, copies: x.copies ?? 1, ...(x.pages ? { pages: x.pages } : {}) })),
      callbackUrl: dto.callbackUrl ?? null,
      status: 'awaiting_materials',
    });
    const referral = await m.findOneByOrFail(CourtReferralEntity, { id: inserted.identifiers[0].id as string });
    const unit = await m.findOneByOrFail(OrgUnitEntity, { id: kase.orgUnitId });
    const directors = await this.notifications.directorsFor(m, unit.path);
    await this.notifications.send(m, directors.map((d) => d.id), {
      kind: 'court_referral.received',
      title: `法院${dto.kind === 'delegated' ? '委派' : '委托'}调解：${kase.number} ${kase.title}`,
      body: `${court.name}（${dto.courtCaseNumber}）${dto.kind === 'delegated' ? '委派' : '委托'}调解。请尽快指派调解员签收移交材料：调解期限自签收之日起计算。`,
      subjectType: 'case',
      subjectId: kase.id,
    });
    await this.audit.record(m, ctx, {
      action: 'court_referral.received', subjectType: 'case', subjectId: kase.id, orgUnitId: kase.orgUnitId,
      after: { referralId: referral.id, court: court.name, kind: dto.kind, procedure: dto.procedure ?? null, courtCaseNumber: dto.courtCaseNumber, materials: referral.materials.length, clock: deadlineKind },
    });
    return { referral, kase, deadline: null, agreement: null, obligations: [] };
  }

  // ---- the clock ---------------------------------------------------------------------------

  /** 签收材料: the mediator (or the director) signs for the court's materials and the clock starts. */
  async signMaterials(principal: StaffPrincipal, id: string, dto: MaterialsReceiptDto, ifMatch: string | undefined, ctx: AuditContext): Promise<ReferralView> {
    await this.ds.transaction(async (m) => {
      const { referral, kase } = await this.load(m, principal, id);
      const version = expectedVersion(ifMatch, referral.version);
      if (!principal.roles.some((r) => r === 'director' || r === 'mediator')) throw new DomainError('AUTH.FORBIDDEN', { actor: principal.displayName });
      if (referral.status !== 'awaiting_materials') throw new DomainError('COURT.MATERIALS_ALREADY_SIGNED', { signedAt: referral.materialsSignedAt?.toISOString() ?? '' });
      const open = ['registered', 'accepted', 'in_mediation'] as const;
      if (!open.includes(kase.status as (typeof open)[number])) throw invalidTransition(kase.status, 'sign_materials', '签收法院移交材料', open);
      const now = this.clock.now();
      const signedAt = dto.signedAt ? new Date(dto.signedAt) : now;
      if (signedAt.getTime() > now.getTime() || signedAt.getTime() < referral.createdAt.getTime()) {
        throw new DomainError('COURT.INVALID_REFERRAL', {}, [{ field: 'signedAt', code: 'range', params: { message: '签收时间应在收到委派（委托）之后、不晚于现在' } }]);
      }
      const deadline = await this.deadlines.start(m, { caseId: kase.id, orgUnitId: kase.orgUnitId, kind: referral.deadlineKind as DeadlineKind, startAt: signedAt });
      await updateVersioned(m, CourtReferralEntity, referral.id, version, {
        status: 'mediating', materialsSignedAt: signedAt, materialsSignedById: principal.id, materialsSignedBy: principal.displayName, deadlineId: deadline.id,
      });
      await this.audit.record(m, ctx, {
        action: 'court_referral.materials_signed', subjectType: 'case', subjectId: kase.id, orgUnitId: kase.orgUnitId,
        after: { referralId: referral.id, signedAt: signedAt.toISOString(), by: principal.displayName, note: dto.note ?? null, deadline: deadline.kind, dueAt: deadline.dueAt.toISOString() },
      });
      await this.tellCourt(m, referral, kase, 'referral.materials_signed', {
        materialsSignedAt: signedAt.toISOString(),
        mediationDueAt: deadline.dueAt.toISOString(),
        deadlineKind: deadline.kind,
      });
    });
    return this.get(principal, id);
  }

  /**
   * The listener on mediation.concluded: records the result and sends it to the court. A
   * withdrawal is a failure from the court's side: the dispute comes back to it.
   */
  private async report(m: EntityManager, event: CaseEvent): Promise<void> {
    const referral = await m.findOneBy(CourtReferralEntity, { caseId: event.kase.id });
    if (!referral || (referral.status !== 'mediating' && referral.status !== 'awaiting_materials')) return;
    const data = event.data as { outcome: 'agreement' | 'failed' | 'withdrawn'; concludedAt: string; reason?: string; roads?: string[]; agreement?: { id: string } };
    const outcome = data.outcome === 'agreement' ? 'agreement' : 'failed';
    const result: ReferralResult = {
      outcome,
      concludedAt: data.concludedAt,
      courtAction: COURT_ACTIONS[referral.kind][outcome],
      ...(outcome === 'agreement' ? { agreementId: data.agreement?.id } : { reason: data.outcome === 'withdrawn' ? `当事人撤回调解申请：${data.reason ?? ''}` : data.reason, roads: data.roads ?? [] }),
    };
    await m.update(CourtReferralEntity, { id: referral.id }, { status: outcome, result });
    await this.audit.record(m, { actor: 'system' }, {
      action: 'court_referral.result_sent', subjectType: 'case', subjectId: event.kase.id, orgUnitId: event.kase.orgUnitId,
      after: { referralId: referral.id, outcome, courtAction: result.courtAction, materialsToReturn: outcome === 'failed' ? referral.materials.map((x) => x.name) : [] },
    });
    await this.tellCourt(m, referral, event.kase, 'referral.result', {
      outcome,
      concludedAt: data.concludedAt,
      courtAction: result.courtAction,
      ...(outcome === 'agreement' ? { agreementId: result.agreementId } : { reason: result.reason, materialsToReturn: referral.materials }),
    });
  }

  /** The failure report's second half: the court's materials handed back (特邀调解规定 Art.26). */
  async returnMaterials(principal: StaffPrincipal, id: string, dto: MaterialsReturnDto, ifMatch: string | undefined, ctx: AuditContext): Promise<ReferralView> {
    await this.ds.transaction(async (m) => {
      const { referral, kase } = await this.load(m, principal, id);
      const version = expectedVersion(ifMatch, referral.version);
      if (!principal.roles.some((r) => r === 'director' || r === 'mediator')) throw new DomainError('AUTH.FORBIDDEN', { actor: principal.displayName });
      if (referral.status !== 'failed') throw new DomainError('COURT.REFERRAL_NOT_FAILED', { status: referral.status });
      const now = this.clock.now();
      const returnedAt = dto.returnedAt ? new Date(dto.returnedAt) : now;
      if (returnedAt.getTime() > now.getTime()) throw new DomainError('COURT.INVALID_REFERRAL', {}, [{ field: 'returnedAt', code: 'notInFuture', params: {} }]);
      const names = new Set(referral.materials.map((x) => x.name));
      const unknown = (dto.items ?? []).filter((n) => !names.has(n));
      if (unknown.length) throw new DomainError('COURT.INVALID_REFERRAL', {}, [{ field: 'items', code: 'unknownMaterial', params: { message: `不在移交清单中：${unknown.join('、')}` } }]);
      const returned: ReferralMaterial[] = dto.items?.length ? referral.materials.filter((x) => dto.items!.includes(x.name)) : referral.materials;
      await updateVersioned(m, CourtReferralEntity, referral.id, version, { status: 'materials_returned', materialsReturnedAt: returnedAt, materialsReturned: returned });
      const missing = referral.materials.filter((x) => !returned.includes(x)).map((x) => x.name);
      await this.audit.record(m, ctx, {
        action: 'court_referral.materials_returned', subjectType: 'case', subjectId: kase.id, orgUnitId: kase.orgUnitId,
        after: { referralId: referral.id, returnedAt: returnedAt.toISOString(), items: returned.map((x) => x.name), notReturned: missing, note: dto.note ?? null },
      });
      await this.tellCourt(m, referral, kase, 'referral.materials_returned', { returnedAt: returnedAt.toISOString(), items: returned, notReturned: missing, note: dto.note ?? null });
    });
    return this.get(principal, id);
  }

  // ---- reading -----------------------------------------------------------------------------

  /** A court sees the referrals it sent; staff those of cases in their scope. Anything else is a 404. */
  private scoped(m: EntityManager, principal: Principal) {
    return scopedToCase(m, CourtReferralEntity, 'r', principal);
  }

  private async load(m: EntityManager, principal: Principal, id: string): Promise<{ referral: CourtReferralEntity; kase: CaseEntity }> {
    const referral = await this.scoped(m, principal).andWhere('r.id = :id', { id }).getOne();
    if (!referral) throw new DomainError('COURT.REFERRAL_NOT_FOUND', { id });
    return { referral, kase: await m.findOneByOrFail(CaseEntity, { id: referral.caseId }) };
  }

  async get(principal: Principal, id: string, m: EntityManager = this.ds.manager): Promise<ReferralView> {
    const { referral, kase } = await this.load(m, principal, id);
    return this.view(m, referral, kase);
  }

  async view(m: EntityManager, referral: CourtReferralEntity, kase: CaseEntity): Promise<ReferralView> {
    const deadline = referral.deadlineId ? await m.findOneBy(DeadlineEntity, { id: referral.deadlineId }) : null;
    const agreement = referral.result?.agreementId ? await m.findOneBy(AgreementEntity, { id: referral.result.agreementId }) : null;
    const obligations = agreement ? await m.find(ObligationEntity, { where: { agreementId: agreement.id }, order: { dueDate: 'ASC' } }) : [];
    return { referral, kase, deadline, agreement, obligations };
  }

  async list(principal: Principal, q: ListReferralsQueryDto): Promise<Page<CourtReferralEntity & { caseNumber: string; caseStatus: string }>> {
    const qb = this.scoped(this.ds.manager, principal);
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.kind) qb.andWhere('r.kind = :kind', { kind: q.kind });
    if (q.courtCaseNumber) qb.andWhere('r.courtCaseNumber = :ccn', { ccn: q.courtCaseNumber });
    const page = await paginate(qb, { column: 'r.createdAt', idColumn: 'r.id', key: (r) => r.createdAt, direction: 'DESC' }, q);
    const numbers = page.items.length ? await this.ds.getRepository(CaseEntity).createQueryBuilder('c').select(['c.id', 'c.number', 'c.status']).where('c.id IN (:...ids)', { ids: page.items.map((r) => r.caseId) }).getMany() : [];
    const byId = new Map(numbers.map((c) => [c.id, c]));
    return { items: page.items.map((r) => Object.assign(r, { caseNumber: byId.get(r.caseId)!.number, caseStatus: byId.get(r.caseId)!.status })), nextCursor: page.nextCursor };
  }

  // ---- the court's side ---------------------------------------------------------------------

  /** Events about a referral go to the court that sent it, at the callback it gave, if any. */
  private async tellCourt(m: EntityManager, referral: CourtReferralEntity, kase: CaseEntity, eventType: string, data: Record<string, unknown>): Promise<void> {
    await this.outbox.emit(m, referral.partnerId, {
      eventType,
      subjectType: 'court_referral',
      subjectId: referral.id,
      targetUrl: referral.callbackUrl ?? undefined,
      payload: {
        referralId: referral.id, courtCaseNumber: referral.courtCaseNumber, kind: referral.kind, caseId: kase.id, caseNumber: kase.number,
        caseStatus: kase.status, caseStatusLabel: CASE_STATUS_LABELS[kase.status], ...data,
      },
    });
  }
}
