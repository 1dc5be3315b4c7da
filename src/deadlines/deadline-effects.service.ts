import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { CaseEntity } from '../cases/case.entity';
import { Clock } from '../common/time/clock';
import { NotificationsService } from '../notifications/notifications.service';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { OutboxService } from '../webhooks/outbox.service';
import { DeadlineEffectEntity } from './deadline-effect.entity';
import { DeadlineEntity, deadlineSubject, ReminderStage } from './deadline.entity';
import { PetitionEntity } from '../petitions/petition.entity';
import { DeadlineScheduler } from './deadline-scheduler';
import { decide, DUE_STAGE, StageDecision } from './schedule';
import { toIso } from '../common/time/iso';
import { DEADLINE_KINDS, isDeadlineKind } from './deadline-kinds';

const SYSTEM: AuditContext = { actor: 'system' };
const UNIT_WORDS: Record<ReminderStage['unit'], string> = { hours: '小时', calendar_days: '日', working_days: '个工作日' };

export interface ConsequenceContext {
  deadline: DeadlineEntity;
  kase: CaseEntity | null;
  unit: OrgUnitEntity | null;
  now: Date;
}

/** What a track does when one of its limits runs out (e.g. labor day 15: arbitration becomes the road). */
export type Consequence = (m: EntityManager, c: ConsequenceContext) => Promise<void>;

export interface AdvanceResult {
  deadlineId: string;
  act: StageDecision['act'] | 'gone';
  stage?: string;
  next: Date | null;
}

/**
 * Does what a running deadline calls for now: a reminder, or the miss. Every caller (the job on
 * time, the sweep after a loss, a second worker holding a duplicate job) comes through here, and
 * the decision is taken from the row under a row lock, never from the job. The effect's writes
 * and its `deadline_effects` row commit together; the primary key of that row makes a second
 * attempt at the same effect fail and roll back whole, so each effect happens exactly once.
 */
@Injectable()
export class DeadlineEffectsService {
  private readonly logger = new Logger('DeadlineEffects');
  private readonly consequences = new Map<string, Consequence[]>();

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly scheduler: DeadlineScheduler,
  ) {}

  /** Tracks register what their limits trigger; run inside the miss's transaction. */
  onMiss(kind: string, consequence: Consequence): void {
    this.consequences.set(kind, [...(this.consequences.get(kind) ?? []), consequence]);
  }

  async advance(deadlineId: string, via: 'job' | 'sweep'): Promise<AdvanceResult> {
    let result: AdvanceResult;
    try {
      result = await this.ds.transaction(async (m) => {
        const d = await m.getRepository(DeadlineEntity).createQueryBuilder('d').setLock('pessimistic_write').where('d.id = :id', { id: deadlineId }).getOne();
        if (!d || d.status !== 'pending') return { deadlineId, act: 'gone' as const, next: null };
        const done = new Set((await m.find(DeadlineEffectEntity, { where: { deadlineId, dueAt: d.dueAt } })).map((e) => e.stage));
        const now = this.clock.now();
        const decision = decide({ dueAt: d.dueAt, reminders: d.reminders, done, now });
        if (decision.act !== 'none') {
          const stage = decision.act === 'miss' ? DUE_STAGE : decision.stage.stage;
          await m.insert(DeadlineEffectEntity, { deadlineId, stage, dueAt: d.dueAt, firedAt: now, via });
          if (decision.act === 'miss') await this.miss(m, d, now);
          else await this.remind(m, d, decision.stage, now);
          await m.update(DeadlineEntity, { id: deadlineId }, { nextActionAt: decision.next, jobEpoch: null, version: () => 'version' });
          return { deadlineId, act: decision.act, stage, next: decision.next };
        }
        if (decision.next?.getTime() !== d.nextActionAt?.getTime()) {
          await m.update(DeadlineEntity, { id: deadlineId }, { nextActionAt: decision.next, jobEpoch: null, version: () => 'version' });
        }
        return { deadlineId, act: 'none' as const, next: decision.next };
      });
    } catch (e) {
      // Another worker committed the same effect between our read and our insert.
      if (e instanceof QueryFailedError && (e as QueryFailedError & { code?: string }).code === '23505') {
        return { deadlineId, act: 'none', next: null };
      }
      throw e;
    }
    if (result.next) await this.scheduler.schedule([{ id: deadlineId, status: 'pending', nextActionAt: result.next }]);
    return result;
  }

  private async context(m: EntityManager, d: DeadlineEntity): Promise<{ kase: CaseEntity | null; petition: PetitionEntity | null; unit: OrgUnitEntity | null }> {
    const [kase, petition, unit] = await Promise.all([
      d.caseId ? m.findOneBy(CaseEntity, { id: d.caseId }) : null,
      d.petitionId ? m.findOneBy(PetitionEntity, { id: d.petitionId }) : null,
      m.findOneBy(OrgUnitEntity, { id: d.orgUnitId }),
    ]);
    return { kase, petition, unit };
  }

  /**
   * Before the due time: the case's mediator hears; for a statutory limit the unit's director too
   * (a statutory miss is the director's to answer for). With nobody assigned yet, the director.
   * A petition's clock goes to its petition officer and to the leader who took charge of it
   * (领导包案, 信访工作条例 Art.18); the director only when neither exists.
   */
  private async remind(m: EntityManager, d: DeadlineEntity, stage: ReminderStage, now: Date): Promise<void> {
    const { kase, petition, unit } = await this.context(m, d);
    const directors = unit ? await this.notifications.directorsFor(m, unit.path) : [];
    const recipients = petition
      ? [petition.officerId, petition.leaderId, ...(!petition.officerId && !petition.leaderId ? directors.map((u) => u.id) : [])]
      : [kase?.assigneeId, ...(d.statutory || !kase?.assigneeId ? directors.map((u) => u.id) : [])];
    const sent = await this.notifications.send(m, recipients, {
      kind: 'deadline.reminder',
      title: `期限提醒：「${d.label}」将于 ${toIso(d.dueAt)} 届满`,
      body: `${describe(d, kase, petition, true)} 的「${d.label}」还有不到${stage.before}${UNIT_WORDS[stage.unit]}届满（截止 ${toIso(d.dueAt)}，依据：${d.legalBasis.citation}）。`,
      ...deadlineSubject(d),
    });
    await this.audit.record(m, SYSTEM, {
      action: 'deadline.reminded',
      ...deadlineSubject(d),
      orgUnitId: d.orgUnitId,
      after: { deadlineId: d.id, kind: d.kind, label: d.label, dueAt: toIso(d.dueAt), stage: stage.stage, remindedAt: toIso(now), recipients: sent.length },
    });
  }

  /**
   * At the due time: the deadline is missed, the case (or petition) is overdue, the director hears
   * (with a petition's officer and leader), the partner that sent the case is told, and the track's
   * consequence runs, all in one transaction.
   */
  private async miss(m: EntityManager, d: DeadlineEntity, now: Date): Promise<void> {
    const { kase, petition, unit } = await this.context(m, d);
    await m.update(DeadlineEntity, { id: d.id }, { status: 'missed', closedAt: now, nextActionAt: null });
    if (kase && !kase.overdue) await m.update(CaseEntity, { id: kase.id }, { overdue: true, version: () => 'version' });
    if (petition && !petition.overdue) await m.update(PetitionEntity, { id: petition.id }, { overdue: true, version: () => 'version' });
    const directors = unit ? await this.notifications.directorsFor(m, unit.path) : [];
    const notified = await this.notifications.send(m, [...directors.map((u) => u.id), kase?.assigneeId, petition?.officerId, petition?.leaderId], {
      kind: 'deadline.missed',
      title: `期限已超：${describe(d, kase, petition, false)}「${d.label}」`,
      body: `${describe(d, kase, petition, true)} 的「${d.label}」已于 ${toIso(d.dueAt)} 届满而未完成（依据：${d.legalBasis.citation}）。${isDeadlineKind(d.kind) ? `后果：${DEADLINE_KINDS[d.kind].onMiss}。` : ''}请督办。`,
      ...deadlineSubject(d),
    });
    if (kase?.sourcePartnerId) {
      await this.outbox.emit(m, kase.sourcePartnerId, {
        eventType: 'deadline.missed',
        subjectType: 'case',
        subjectId: kase.id,
        payload: {
          caseId: kase.id,
          number: kase.number,
          externalRef: kase.externalRef,
          deadline: { id: d.id, kind: d.kind, label: d.label, statutory: d.statutory, dueAt: toIso(d.dueAt), legalBasis: d.legalBasis },
          missedAt: toIso(now),
        },
      });
    }
    await this.audit.record(m, SYSTEM, {
      action: 'deadline.missed',
      ...deadlineSubject(d),
      orgUnitId: d.orgUnitId,
      before: { deadlineId: d.id, status: 'pending' },
      after: { deadlineId: d.id, kind: d.kind, label: d.label, status: 'missed', dueAt: toIso(d.dueAt), notified: notified.length, partnerNotified: !!kase?.sourcePartnerId },
    });
    for (const consequence of this.consequences.get(d.kind) ?? []) {
      await consequence(m, { deadline: d, kase, unit, now });
    }
    this.logger.log(`Deadline ${d.id} (${d.kind}) missed`);
  }
}

/** `案件 TJ-… 标题` / `信访事项 XF-… 标题` (the noun only where the sentence needs it). */
function describe(d: DeadlineEntity, kase: CaseEntity | null, petition: PetitionEntity | null, noun: boolean): string {
  if (petition) return `${noun ? '信访事项 ' : ''}${petition.number} ${petition.title}`;
  const ref = kase ? `${kase.number} ${kase.title}` : (d.caseId ?? d.petitionId ?? d.id);
  return noun ? `案件 ${ref}` : ref;
}
