import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { assertTransition, invalidTransition } from '../cases/case-status';
import { CaseEntity } from '../cases/case.entity';
import { CasePartyEntity } from '../cases/case-party.entity';
import { CasesService } from '../cases/cases.service';
import { CaseEvents } from '../cases/case-events';
import { DomainError } from '../common/errors/domain-error';
import { expectedVersion } from '../common/http/etag';
import type { Principal, StaffPrincipal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { updateVersioned } from '../database/versioned-update';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import type { Track } from '../triage/taxonomy';
import { CaseAssignmentEntity } from './case-assignment.entity';
import { CaseConsentEntity, ConsentMethod } from './case-consent.entity';
import { MediatorProfileEntity } from './mediator-profile.entity';
import { MediatorsService } from './mediators.service';
import { policyFor } from './tracks';
import { factsOf } from './case-facts';
import { caseworkerIds, currentAssignments } from './case-team';
import { withMediation } from './outcomes.service';

export interface AssignInput {
  /** The lead mediator; omit with auto: true to choose by specialty and load. */
  mediatorId?: string;
  auto?: boolean;
  coMediatorIds?: string[];
  /** party_request: a party asked for another mediator (the reason is then required). */
  how?: 'manual' | 'party_request';
  reason?: string;
}

export interface ConsentSummary {
  parties: Array<{ partyId: string; name: string; role: string; decision: 'agree' | 'refuse' | null; method: ConsentMethod | null; recordedAt: Date | null }>;
  allAgreed: boolean;
  refused: boolean;
  history: CaseConsentEntity[];
}

@Injectable()
export class MediationService {
  constructor(
    private readonly ds: DataSource,
    private readonly cases: CasesService,
    private readonly mediators: MediatorsService,
    private readonly deadlines: DeadlinesService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly events: CaseEvents,
    private readonly clock: Clock,
  ) {}

  // ---- assignment --------------------------------------------------------------------------

  async assignments(principal: Principal, caseId: string): Promise<CaseAssignmentEntity[]> {
    await this.cases.get(principal, caseId);
    return this.history(this.ds.manager, caseId);
  }

  /** Every assignment of the case, oldest first, the lead before co-mediators assigned with it. */
  private history(m: EntityManager, caseId: string): Promise<CaseAssignmentEntity[]> {
    return m.find(CaseAssignmentEntity, { where: { caseId }, order: { assignedAt: 'ASC', role: 'DESC' } });
  }

  /**
   * Gives the case a lead mediator (and co-mediators), by hand or automatically. Reassigning ends
   * the current rows with the reason and opens new ones, so the history shows every hand the case
   * passed through. The first assignment starts the mediation (status in_mediation).
   */
  async assign(principal: StaffPrincipal, caseId: string, input: AssignInput, ifMatch: string | undefined, ctx: AuditContext): Promise<{ entity: CaseEntity; assignments: CaseAssignmentEntity[] }> {
    return this.ds.transaction(async (m) => {
      const c = (await this.cases.get(principal, caseId, m)).entity;
      const version = expectedVersion(ifMatch, c.version);
      assertTransition('assign', c.status, principal);
      const how = input.how ?? 'manual';
      if (how === 'party_request' && !input.reason?.trim()) {
        throw new DomainError('MEDIATION.INVALID_ASSIGNMENT', {}, [{ field: 'reason', code: 'isNotEmpty', params: { message: '当事人申请更换调解员的，应记录理由' } }]);
      }
      const unit = await m.findOneByOrFail(OrgUnitEntity, { id: c.orgUnitId });
      const track = (c.track ?? 'general') as Track;
      const current = await currentAssignments(m, caseId);
      const currentLead = current.find((a) => a.role === 'lead');

      let leadId: string;
      if (input.auto) {
        // A party asking for someone else must not get the same mediator back.
        const picked = await this.mediators.pick(m, unit.path, track, how === 'party_request' && currentLead ? [currentLead.mediatorId] : []);
        if (!picked) throw new DomainError('MEDIATION.NO_MEDIATOR_AVAILABLE', { track, unit: unit.name });
        leadId = picked.user.id;
      } else {
        if (!input.mediatorId) throw new DomainError('MEDIATION.INVALID_ASSIGNMENT', {}, [{ field: 'mediatorId', code: 'isNotEmpty', params: { message: '请指定调解员，或选择自动分派' } }]);
        leadId = input.mediatorId;
      }
      if (how === 'party_request' && currentLead?.mediatorId === leadId) {
        throw new DomainError('MEDIATION.INVALID_ASSIGNMENT', {}, [{ field: 'mediatorId', code: 'sameMediator', params: { message: '当事人申请更换调解员，不能仍指派原调解员' } }]);
      }
      const coIds = [...new Set(input.coMediatorIds ?? [])].filter((id) => id !== leadId);
      const chosen = new Map<string, { name: string; open: number; cap: number }>();
      for (const id of [leadId, ...coIds]) {
        const v = await this.mediators.get(principal, id, m);
        if (!v.user.active) throw new DomainError('MEDIATION.NOT_A_MEDIATOR', { id });
        chosen.set(id, { name: v.user.displayName, open: v.openCases, cap: v.profile.maxOpenCases });
      }
      const lead = chosen.get(leadId)!;
      const alreadyLead = currentLead?.mediatorId === leadId;
      if (!alreadyLead && lead.open >= lead.cap) throw new DomainError('MEDIATION.MEDIATOR_FULL', { name: lead.name, open: lead.open, cap: lead.cap });

      const now = this.clock.now();
      const endReason = input.reason?.trim() || (how === 'party_request' ? '当事人申请更换调解员' : '重新指派');
      const keep = new Set<string>();
      for (const a of current) {
        const stays = (a.role === 'lead' && a.mediatorId === leadId) || (a.role === 'co' && coIds.includes(a.mediatorId));
        if (stays) keep.add(`${a.role}:${a.mediatorId}`);
        else await m.update(CaseAssignmentEntity, { id: a.id }, { endedAt: now, endReason });
      }
      const added: string[] = [];
      for (const [id, role] of [[leadId, 'lead'], ...coIds.map((x) => [x, 'co'])] as Array<[string, 'lead' | 'co']>) {
        if (keep.has(`${role}:${id}`)) continue;
        await m.insert(CaseAssignmentEntity, { caseId, mediatorId: id, role, how: input.auto ? 'auto' : how, reason: input.reason?.trim() || null, assignedById: principal.id, assignedAt: now });
        await m.upsert(MediatorProfileEntity, { staffUserId: id, lastAssignedAt: now }, { conflictPaths: ['staffUserId'], skipUpdateIfNoValuesChanged: false });
        added.push(id);
      }
      await updateVersioned(m, CaseEntity, caseId, version, { assigneeId: leadId, status: 'in_mediation' });
      await this.notifications.send(m, added, {
        kind: 'case.assigned',
        title: `新案件：${c.number} ${c.title}`,
        body: `${principal.displayName}将案件 ${c.number}（${c.title}）交由您${added.includes(leadId) ? '主持' : '协助'}调解。`,
        subjectType: 'case',
        subjectId: caseId,
      });
      await this.audit.record(m, ctx, {
        action: 'case.assigned',
        subjectType: 'case',
        subjectId: caseId,
        orgUnitId: c.orgUnitId,
        before: { status: c.status, lead: currentLead?.mediatorId ?? null, co: current.filter((a) => a.role === 'co').map((a) => a.mediatorId) },
        after: { status: 'in_mediation', lead: leadId, leadName: lead.name, co: coIds, how: input.auto ? 'auto' : how, reason: input.reason ?? null },
      });
      return { entity: await m.findOneByOrFail(CaseEntity, { id: caseId }), assignments: await this.history(m, caseId) };
    });
  }

  // ---- consent -----------------------------------------------------------------------------

  async consents(principal: Principal, caseId: string, m: EntityManager = this.ds.manager): Promise<ConsentSummary> {
    const { parties } = await this.cases.get(principal, caseId, m);
    return this.summarise(m, caseId, parties);
  }

  private async summarise(m: EntityManager, caseId: string, parties: CasePartyEntity[]): Promise<ConsentSummary> {
    const history = await m.find(CaseConsentEntity, { where: { caseId }, order: { recordedAt: 'ASC' } });
    const latest = new Map<string, CaseConsentEntity>();
    for (const h of history) latest.set(h.partyId, h);
    const rows = parties.map((p) => {
      const l = latest.get(p.id);
      return { partyId: p.id, name: p.name, role: p.role, decision: l?.decision ?? null, method: l?.method ?? null, recordedAt: l?.recordedAt ?? null };
    });
    return { parties: rows, allAgreed: rows.length > 0 && rows.every((r) => r.decision === 'agree'), refused: rows.some((r) => r.decision === 'refuse'), history };
  }

  /**
   * Records one party's answer. A clear refusal ends the mediation at once (人民调解法 Art.17):
   * the case fails with the roads the law leaves open for its track, its mediation clocks stop,
   * and the mediator is told to explain those roads to the parties.
   */
  async recordConsent(principal: StaffPrincipal, caseId: string, input: { partyId: string; decision: 'agree' | 'refuse'; method: ConsentMethod; note?: string }, ctx: AuditContext): Promise<ConsentSummary> {
    return this.ds.transaction(async (m) => {
      const { entity: c, parties } = await this.cases.get(principal, caseId, m);
      if (!['accepted', 'in_mediation', 'suspended'].includes(c.status)) {
        throw invalidTransition(c.status, 'consent', '记录调解意愿', ['accepted', 'in_mediation', 'suspended']);
      }
      if (!principal.roles.some((r) => r === 'director' || r === 'mediator' || r === 'intake_clerk')) throw new DomainError('AUTH.FORBIDDEN', { actor: principal.displayName });
      const party = parties.find((p) => p.id === input.partyId);
      if (!party) throw new DomainError('CASE.PARTY_NOT_FOUND', { id: input.partyId }, [{ field: 'partyId', code: 'unknownParty', params: {} }]);
      const now = this.clock.now();
      await m.insert(CaseConsentEntity, { caseId, partyId: party.id, decision: input.decision, method: input.method, note: input.note?.trim() || null, recordedById: principal.id, recordedAt: now });
      await this.audit.record(m, ctx, {
        action: input.decision === 'agree' ? 'case.consent_given' : 'case.consent_refused',
        subjectType: 'case',
        subjectId: caseId,
        orgUnitId: c.orgUnitId,
        after: { party: party.name, role: party.role, decision: input.decision, method: input.method },
      });
      if (input.decision === 'refuse') {
        const track = (c.track ?? 'general') as Track;
        const roads = policyFor(track).failureRoads(factsOf(c, parties));
        const outcome = {
          outcome: 'consent_refused',
          party: party.name,
          basis: '人民调解法 第十七条',
          roads,
          decidedById: principal.id,
          decidedAt: now.toISOString(),
        };
        await updateVersioned(m, CaseEntity, caseId, c.version, { status: 'failed', decision: withMediation(c, outcome) });
        await this.deadlines.cancel(m, caseId);
        const unit = await m.findOneByOrFail(OrgUnitEntity, { id: c.orgUnitId });
        await this.notifications.send(m, await caseworkerIds(m, this.notifications, caseId, unit.path), {
          kind: 'case.consent_refused',
          title: `当事人拒绝调解：${c.number} ${c.title}`,
          body: `${party.name}明确拒绝调解，依照《人民调解法》第十七条不得调解。请告知当事人可选择的途径：${roads.map((r) => r.label).join('；')}。`,
          subjectType: 'case',
          subjectId: caseId,
        });
        await this.audit.record(m, ctx, {
          action: 'case.mediation_ended',
          subjectType: 'case',
          subjectId: caseId,
          orgUnitId: c.orgUnitId,
          before: { status: c.status },
          after: { status: 'failed', outcome: 'consent_refused', roads: roads.map((r) => r.code) },
        });
        await this.events.emit(m, {
          type: 'mediation.concluded',
          kase: await m.findOneByOrFail(CaseEntity, { id: caseId }),
          data: { outcome: 'failed', concludedAt: now.toISOString(), reason: `${party.name}拒绝调解`, roads: roads.map((r) => r.code) },
        });
      }
      return this.summarise(m, caseId, parties);
    });
  }
}

