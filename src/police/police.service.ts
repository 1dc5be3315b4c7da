import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { CaseEntity } from '../cases/case.entity';
import { CaseEvent, CaseEvents } from '../cases/case-events';
import { CasesService } from '../cases/cases.service';
import type { RegisterCaseDto } from '../cases/dto/case.dto';
import { RedAlertEntity } from '../cases/red-alert.entity';
import { DomainError } from '../common/errors/domain-error';
import { paginate, Page } from '../common/pagination/pagination';
import { maskAddress } from '../common/pii';
import { PiiService } from '../common/pii/pii.service';
import type { PartnerPrincipal, Principal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { NotificationsService } from '../notifications/notifications.service';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { scopedToCase } from '../cases/case-scope';
import type { AcknowledgeAlertDto, ListTransfersQueryDto, TransferDisputeDto } from './dto/police.dto';
import { PoliceTransferEntity, TransferFeedback } from './police-transfer.entity';

/** What the closure means for the station's own case (shown with the feedback, not decided here). */
export function policeNote(kind: 'dispute' | 'public_order', how: string): string | null {
  if (kind !== 'public_order') return null;
  if (how === 'performed') {
    return '当事人经人民调解委员会调解达成协议并已履行。当事人书面申请、经公安机关认可的，可以依法不予处罚（公安机关办理行政案件程序规定第一百八十六条；治安管理处罚法（2025））。';
  }
  if (how === 'failed' || how === 'withdrawn') {
    return '调解不成。公安机关应当依法处理该治安案件，办理期限自调解不成之日起计算（程序规定第一百六十五条、第一百八十五条）。';
  }
  return '已达成调解协议，尚在履行中；不履行的，公安机关应当依法处理（程序规定第一百八十五条）。';
}

export interface TransferView {
  transfer: PoliceTransferEntity;
  kase: CaseEntity;
}

@Injectable()
export class PoliceService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly cases: CasesService,
    private readonly events: CaseEvents,
    private readonly notifications: NotificationsService,
    private readonly pii: PiiService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // The station hears through the generic case events (case.triaged, mediation.concluded,
    // case.closed); the transfer keeps the same feedback for the station to read back.
    this.events.on('case.triaged', (m, e) => this.record(m, e, (f) => (e.data.decision === 'accept' ? { ...f, acceptedAt: String(e.data.decidedAt) } : f)));
    this.events.on('mediation.concluded', (m, e) => this.record(m, e, (f) => ({ ...f, concluded: { outcome: String(e.data.outcome), at: String(e.data.concludedAt), ...(e.data.reason ? { reason: String(e.data.reason) } : {}) } })));
    this.events.on('case.closed', (m, e) => this.record(m, e, (f) => ({ ...f, closed: { how: String(e.data.how), at: String(e.data.closedAt), ...(e.data.summary ? { summary: String(e.data.summary) } : {}) } })));
  }

  private async record(m: EntityManager, e: CaseEvent, update: (f: TransferFeedback) => TransferFeedback): Promise<void> {
    if (e.kase.channel !== 'police') return;
    const transfer = await m.findOneBy(PoliceTransferEntity, { caseId: e.kase.id });
    if (transfer) await m.update(PoliceTransferEntity, { id: transfer.id }, { feedback: update(transfer.feedback) as PoliceTransferEntity['feedback'] });
  }

  /** The station's transfer becomes a case registered through the police door (channel police). */
  async transfer(m: EntityManager, station: PartnerPrincipal, dto: TransferDisputeDto, ctx: AuditContext): Promise<TransferView> {
    if (station.kind !== 'police') throw new DomainError('AUTH.FORBIDDEN', { actor: station.name });
    const now = this.clock.now();
    if (new Date(dto.incidentAt).getTime() > now.getTime()) {
      throw new DomainError('POLICE.INVALID_TRANSFER', {}, [{ field: 'incidentAt', code: 'notInFuture', params: { message: '警情时间不能晚于现在' } }]);
    }
    const existing = await m.findOneBy(PoliceTransferEntity, { partnerId: station.id, incidentNumber: dto.incidentNumber });
    if (existing) throw new DomainError('POLICE.TRANSFER_EXISTS', { incidentNumber: dto.incidentNumber }, [], {}, { transferId: existing.id });
    const registration = {
      title: dto.title,
      description: `${dto.description}\n民警处置情况：${dto.handling}`,
      amount: dto.amount,
      parties: dto.parties,
      externalRef: dto.incidentNumber,
      orgUnitId: dto.orgUnitId,
    } as RegisterCaseDto;
    const { entity: kase } = await this.cases.register(m, station, registration, ctx);
    const inserted = await m.insert(PoliceTransferEntity, {
      caseId: kase.id, partnerId: station.id, incidentNumber: dto.incidentNumber, kind: dto.kind, incidentAt: new Date(dto.incidentAt),
      placeEnc: dto.place ? this.pii.encrypt(dto.place, 'police_transfer.place') : null, placeMasked: dto.place ? maskAddress(dto.place) : null,
      officerName: dto.officerName ?? null, handling: dto.handling, feedback: {},
    });
    const transfer = await m.findOneByOrFail(PoliceTransferEntity, { id: inserted.identifiers[0].id as string });
    const unit = await m.findOneByOrFail(OrgUnitEntity, { id: kase.orgUnitId });
    await this.notifications.send(m, (await this.notifications.directorsFor(m, unit.path)).map((d) => d.id), {
      kind: 'police_transfer.received',
      title: `派出所移交：${kase.number} ${kase.title}`,
      body: `${station.name}移交${dto.kind === 'public_order' ? '治安调解' : '矛盾纠纷'}（警情号 ${dto.incidentNumber}）。请及时分流受理，受理和办结情况将自动反馈派出所。`,
      subjectType: 'case', subjectId: kase.id,
    });
    await this.audit.record(m, ctx, {
      action: 'police_transfer.received', subjectType: 'case', subjectId: kase.id, orgUnitId: kase.orgUnitId,
      after: { transferId: transfer.id, station: station.name, incidentNumber: dto.incidentNumber, kind: dto.kind, officer: dto.officerName ?? null },
    });
    return { transfer, kase };
  }

  private scoped(m: EntityManager, principal: Principal) {
    return scopedToCase(m, PoliceTransferEntity, 'p', principal);
  }

  async get(principal: Principal, id: string, m: EntityManager = this.ds.manager): Promise<TransferView> {
    const transfer = await this.scoped(m, principal).andWhere('p.id = :id', { id }).getOne();
    if (!transfer) throw new DomainError('POLICE.TRANSFER_NOT_FOUND', { id });
    return { transfer, kase: await m.findOneByOrFail(CaseEntity, { id: transfer.caseId }) };
  }

  async list(principal: Principal, q: ListTransfersQueryDto): Promise<Page<TransferView>> {
    const qb = this.scoped(this.ds.manager, principal);
    if (q.incidentNumber) qb.andWhere('p.incidentNumber = :n', { n: q.incidentNumber });
    if (q.kind) qb.andWhere('p.kind = :kind', { kind: q.kind });
    const page = await paginate(qb, { column: 'p.createdAt', idColumn: 'p.id', key: (p) => p.createdAt, direction: 'DESC' }, q);
    const cases = page.items.length ? await this.ds.getRepository(CaseEntity).createQueryBuilder('c').where('c.id IN (:...ids)', { ids: page.items.map((p) => p.caseId) }).getMany() : [];
    const byId = new Map(cases.map((c) => [c.id, c]));
    return { items: page.items.map((transfer) => ({ transfer, kase: byId.get(transfer.caseId)! })), nextCursor: page.nextCursor };
  }

  // ---- red alerts (吹哨报到) -----------------------------------------------------------------

  private alertScope(m: EntityManager, principal: Principal) {
    return scopedToCase(m, RedAlertEntity, 'a', principal);
  }

  async alert(principal: Principal, id: string, m: EntityManager = this.ds.manager): Promise<{ alert: RedAlertEntity; kase: CaseEntity }> {
    const alert = await this.alertScope(m, principal).andWhere('a.id = :id', { id }).getOne();
    if (!alert) throw new DomainError('POLICE.ALERT_NOT_FOUND', { id });
    return { alert, kase: await m.findOneByOrFail(CaseEntity, { id: alert.caseId }) };
  }

  async alertsOf(principal: Principal, caseId: string): Promise<RedAlertEntity[]> {
    await this.cases.get(principal, caseId);
    return this.ds.getRepository(RedAlertEntity).find({ where: { caseId }, order: { raisedAt: 'ASC' } });
  }

  /** The station confirms it received the alarm and says what it did; the directors are told. */
  async acknowledge(m: EntityManager, station: PartnerPrincipal, id: string, dto: AcknowledgeAlertDto, ctx: AuditContext): Promise<{ alert: RedAlertEntity; kase: CaseEntity }> {
    const { alert, kase } = await this.alert(station, id, m);
    if (alert.acknowledgedAt) throw new DomainError('POLICE.ALERT_ACKNOWLEDGED', { at: alert.acknowledgedAt.toISOString(), by: alert.acknowledgedBy ?? '' });
    const now = this.clock.now();
    await m.update(RedAlertEntity, { id: alert.id }, { acknowledgedAt: now, acknowledgedBy: dto.officerName, action: dto.action });
    const unit = await m.findOneByOrFail(OrgUnitEntity, { id: kase.orgUnitId });
    await this.notifications.send(m, [kase.assigneeId, ...(await this.notifications.directorsFor(m, unit.path)).map((d) => d.id)], {
      kind: 'case.red_risk_acknowledged',
      title: `派出所已响应红色预警：${kase.number}`,
      body: `${station.name}（${dto.officerName}）已接警：${dto.action}`,
      subjectType: 'case', subjectId: kase.id,
    });
    const minutes = Math.round((now.getTime() - alert.raisedAt.getTime()) / 60_000);
    await this.audit.record(m, ctx, {
      action: 'case.red_risk_acknowledged', subjectType: 'case', subjectId: kase.id, orgUnitId: kase.orgUnitId,
      after: { alertId: alert.id, station: station.name, officer: dto.officerName, action: dto.action, minutesAfterAlert: minutes },
    });
    return { alert: await m.findOneByOrFail(RedAlertEntity, { id: alert.id }), kase };
  }
}
