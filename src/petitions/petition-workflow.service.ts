import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { StaffUserEntity } from '../auth/staff-user.entity';
import type { PartyInputDto, RegisterCaseDto } from '../cases/dto/case.dto';
import { CasesService } from '../cases/cases.service';
import { DomainError, FieldError } from '../common/errors/domain-error';
import { expectedVersion } from '../common/http/etag';
import { PiiService } from '../common/pii/pii.service';
import type { StaffPrincipal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { updateVersioned } from '../database/versioned-update';
import { CalendarService } from '../deadlines/calendar.service';
import { DeadlineEntity } from '../deadlines/deadline.entity';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { localDateOf, startOfLocalDay } from '../deadlines/period';
import { toIso } from '../common/time/iso';
import { NotificationsService } from '../notifications/notifications.service';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import type {
  AcceptPetitionDto, ClosureDto, DeclinePetitionDto, DeliveryDto, DivertPetitionDto, EvaluationDto, ExtendPetitionDto, LeaderAssignmentInputDto, NoticeDto, OpenMediationDto,
  ReplyDto, ReviewRequestDto, TransferPetitionDto,
} from './dto/petition-actions.dto';
import type { PetitionView } from './dto/petition.dto';
import { PetitionEntity, PetitionNotice, ReplyRecord, RequestRecord, RoutingRecord } from './petition.entity';
import {
  checkClosure, checkRequestDate, DIVERSION_ROADS, diversionAllowed, PETITION_CATEGORY_INFO, REPLY_RESULT_LABELS, REPLY_STAGE_LABELS, ReplyStage, requestWindow,
  SATISFACTION_LABELS, TRANSFER_MODE_INFO,
} from './petition-rules';
import { assertPetitionTransition, PetitionAction } from './petition-status';
import { maskedPetitioners, PETITIONER_PII_CONTEXT, PetitionsService } from './petitions.service';

type Work = (m: EntityManager, p: PetitionEntity, version: number, today: string) => Promise<void>;

/** A date the officer records must lie between an earlier event of the petition and today. */
function dateIn(errors: FieldError[], field: string, value: string, from: { date: string; label: string }, today: string): void {
  if (value > today) errors.push({ field, code: 'notInFuture', params: { message: '日期不能晚于今天' } });
  else if (value < from.date) errors.push({ field, code: 'beforeEarlierStep', params: { message: `日期不能早于${from.label}（${from.date}）` } });
}

const noticeOf = (n: NoticeDto): PetitionNotice => ({ servedOn: n.servedOn, method: n.method, text: n.text });

/**
 * The steps of a petition after registration, each in one transaction with If-Match on the
 * petition: the status, the clock it meets or starts (through the deadline engine, so reminders,
 * misses and overdue lists follow), and the audit row for its timeline.
 */
@Injectable()
export class PetitionWorkflowService {
  constructor(
    private readonly ds: DataSource,
    private readonly petitions: PetitionsService,
    private readonly cases: CasesService,
    private readonly deadlines: DeadlinesService,
    private readonly calendars: CalendarService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly pii: PiiService,
    private readonly clock: Clock,
  ) {}

  private async act(principal: StaffPrincipal, id: string, ifMatch: string | undefined, action: PetitionAction, work: Work): Promise<PetitionView> {
    await this.ds.transaction(async (m) => {
      const p = await this.petitions.load(principal, id, m, true);
      const version = expectedVersion(ifMatch, p.version);
      assertPetitionTransition(action, p.status, principal);
      // A leader works the petitions they took charge of (包案), not every petition in their view.
      const leaderOnly = principal.roles.includes('leader') && !principal.roles.includes('petition_officer');
      if (leaderOnly && action !== 'assign_leader' && p.leaderId !== principal.id) throw new DomainError('AUTH.FORBIDDEN', { actor: principal.displayName });
      await work(m, p, version, localDateOf(this.clock.now()));
    });
    return this.petitions.view(principal, id);
  }

  private routing(principal: StaffPrincipal, fields: Omit<RoutingRecord, 'decidedAt' | 'decidedBy' | 'decidedById'>): RoutingRecord {
    return { ...fields, decidedAt: this.clock.now().toISOString(), decidedBy: principal.displayName, decidedById: principal.id };
  }

  private record(principal: StaffPrincipal) {
    return { recordedAt: this.clock.now().toISOString(), recordedBy: principal.displayName };
  }

  // ---- routing within the 15 days (X1) --------------------------------------------------------

  /** 受理: a claim's 60 days start (X4, Art.34); a suggestion is studied and answered (Art.29). */
  accept(principal: StaffPrincipal, id: string, dto: AcceptPetitionDto, ifMatch: string | undefined, ctx: AuditContext): Promise<PetitionView> {
    return this.act(principal, id, ifMatch, 'accept', async (m, p, version, today) => {
      const errors: FieldError[] = [];
      if (dto.category === 'accusation') {
        errors.push({ field: 'category', code: 'accusationToDiscipline', params: { message: '检举控告类事项应转送纪检监察机关依规依纪依法处理（信访工作条例第二十二条第二款、第三十条），请用 diversion 导入' } });
      }
      dateIn(errors, 'acceptedOn', dto.acceptedOn, { date: p.receivedOn, label: '收到日期' }, today);
      dateIn(errors, 'notice.servedOn', dto.notice.servedOn, { date: p.receivedOn, label: '收到日期' }, today);
      if (errors.length) throw new DomainError('PETITION.INVALID_ACTION', {}, errors);
      const category = dto.category as 'claim' | 'suggestion';
      const routing = this.routing(principal, { decision: 'accept', basis: `${PETITION_CATEGORY_INFO[category].basis}；信访工作条例 第二十三条`, notice: noticeOf(dto.notice) });
      await updateVersioned(m, PetitionEntity, p.id, version, { status: 'accepted', category, acceptedOn: dto.acceptedOn, routing });
      await this.deadlines.meet(m, { petitionId: p.id }, ['petition_routing']);
      const handling = category === 'claim'
        ? await this.deadlines.start(m, { petitionId: p.id, orgUnitId: p.orgUnitId, kind: 'petition_handling', startAt: startOfLocalDay(dto.acceptedOn) })
        : null;
      await this.audit.record(m, ctx, {
        action: 'petition.accepted', subjectType: 'petition', subjectId: p.id, orgUnitId: p.orgUnitId, before: { status: p.status },
        after: { status: 'accepted', category, acceptedOn: dto.acceptedOn, notice: { servedOn: dto.notice.servedOn, method: dto.notice.method }, handlingDueAt: handling?.dueAt.toISOString() ?? null },
      });
    });
  }

  /** 转送、交办 to the organ with power to handle it, or 告知 the petitioner where to go (Art.22, 23). */
  transfer(principal: StaffPrincipal, id: string, dto: TransferPetitionDto, ifMatch: string | undefined, ctx: AuditContext): Promise<PetitionView> {
    return this.act(principal, id, ifMatch, 'transfer', async (m, p, version, today) => {
      const errors: FieldError[] = [];
      dateIn(errors, 'notice.servedOn', dto.notice.servedOn, { date: p.receivedOn, label: '收到日期' }, today);
      if (dto.orgUnitId && !(await m.findOneBy(OrgUnitEntity, { id: dto.orgUnitId }))) errors.push({ field: 'orgUnitId', code: 'unknownUnit', params: { message: '单位不存在' } });
      if (errors.length) throw new DomainError('PETITION.INVALID_ACTION', {}, errors);
      const info = TRANSFER_MODE_INFO[dto.mode];
      const routing = this.routing(principal, { decision: dto.mode, organ: dto.organ, orgUnitId: dto.orgUnitId ?? null, roadLabel: info.label, basis: info.basis, notice: noticeOf(dto.notice) });
      await updateVersioned(m, PetitionEntity, p.id, version, { status: 'transferred', routing });
      await this.deadlines.meet(m, { petitionId: p.id }, ['petition_routing']);
      await this.audit.record(m, ctx, {
        action: 'petition.transferred', subjectType: 'petition', subjectId: p.id, orgUnitId: p.orgUnitId, before: { status: p.status },
        after: { status: 'transferred', mode: dto.mode, organ: dto.organ, basis: info.basis, notice: { servedOn: dto.notice.servedOn, method: dto.notice.method } },
      });
    });
  }

  /**
   * 诉访分离: a claim that belongs to litigation, the procuratorate, the police, arbitration, a party
   * appeal or an administrative procedure is led into it, 涉法涉诉 letters to the 政法 departments
   * (Art.22 ¶2, 31); an accusation goes to the discipline inspection organs (Art.30). The written
   * notice telling the petitioner the road is part of the record.
   */
  divert(principal: StaffPrincipal, id: string, dto: DivertPetitionDto, ifMatch: string | undefined, ctx: AuditContext): Promise<PetitionView> {
    return this.act(principal, id, ifMatch, 'divert', async (m, p, version, today) => {
      const errors: FieldError[] = [];
      const road = DIVERSION_ROADS[dto.road];
      if (!diversionAllowed(dto.road, dto.category)) {
        errors.push({ field: 'road', code: 'roadNotForCategory', params: { message: `${PETITION_CATEGORY_INFO[dto.category].label}事项不能导入“${road.label}”` } });
      }
      dateIn(errors, 'notice.servedOn', dto.notice.servedOn, { date: p.receivedOn, label: '收到日期' }, today);
      if (errors.length) throw new DomainError('PETITION.INVALID_ACTION', {}, errors);
      const routing = this.routing(principal, { decision: 'divert', road: dto.road, roadLabel: road.label, organ: dto.organ, reason: dto.reason, basis: road.basis, notice: noticeOf(dto.notice) });
      await updateVersioned(m, PetitionEntity, p.id, version, { status: 'diverted', category: dto.category, routing });
      await this.deadlines.meet(m, { petitionId: p.id }, ['petition_routing']);
      // Diverted during handling: the handling clock stops, the matter is the legal channel's now.
      await this.deadlines.cancel(m, { petitionId: p.id });
      await this.audit.record(m, ctx, {
        action: 'petition.diverted', subjectType: 'petition', subjectId: p.id, orgUnitId: p.orgUnitId, before: { status: p.status },
        after: { status: 'diverted', category: dto.category, road: dto.road, organ: dto.organ, basis: road.basis, notice: { servedOn: dto.notice.servedOn, method: dto.notice.method } },
      });
    });
  }

  /** 不予受理, with the rule and the notice (e.g. a repeat to a higher organ, Art.19 ¶3). */
  decline(principal: StaffPrincipal, id: string, dto: DeclinePetitionDto, ifMatch: string | undefined, ctx: AuditContext): Promise<PetitionView> {
    return this.act(principal, id, ifMatch, 'decline', async (m, p, version, today) => {
      const errors: FieldError[] = [];
      dateIn(errors, 'notice.servedOn', dto.notice.servedOn, { date: p.receivedOn, label: '收到日期' }, today);
      if (errors.length) throw new DomainError('PETITION.INVALID_ACTION', {}, errors);
      const basis = dto.basis ?? p.repeatRule?.basis ?? '信访工作条例';
      const routing = this.routing(principal, { decision: 'decline', reason: dto.reason, basis, notice: noticeOf(dto.notice) });
      await updateVersioned(m, PetitionEntity, p.id, version, { status: 'declined', routing });
      await this.deadlines.meet(m, { petitionId: p.id }, ['petition_routing']);
      await this.audit.record(m, ctx, {
        action: 'petition.declined', subjectType: 'petition', subjectId: p.id, orgUnitId: p.orgUnitId, before: { status: p.status },
        after: { status: 'declined', reason: dto.reason, basis, notice: { servedOn: dto.notice.servedOn, method: dto.notice.method } },
      });
    });
  }

  // ---- handling (X4) --------------------------------------------------------------------------

  /**
   * 情况复杂的，经本机关、单位负责人批准，可以适当延长办理期限，但延长期限不得超过三十日，并告知
   * 信访人延期理由 (Art.34). The deadline engine applies the catalogue's rule (validateExtension: the
   * head's approval, the approver, the reason, thirty days in all); the day the petitioner was told
   * the reason is recorded with it.
   */
  extend(principal: StaffPrincipal, id: string, dto: ExtendPetitionDto, ifMatch: string | undefined, ctx: AuditContext): Promise<PetitionView> {
    return this.act(principal, id, ifMatch, 'extend', async (m, p, version, today) => {
      const errors: FieldError[] = [];
      if (p.category !== 'claim') errors.push({ field: 'duration', code: 'noHandlingClock', params: { message: '只有申诉求决类事项有法定办理期限（信访工作条例第三十四条）' } });
      dateIn(errors, 'petitionerNotifiedOn', dto.petitionerNotifiedOn, { date: p.acceptedOn ?? p.receivedOn, label: '受理日期' }, today);
      if (errors.length) throw new DomainError('PETITION.INVALID_ACTION', {}, errors);
      const before = await m.findOne(DeadlineEntity, { where: { petitionId: p.id, kind: 'petition_handling', status: In(['pending', 'paused']) } });
      // An extension is decided while the period runs; once it has run out the miss stands.
      if (!before) throw new DomainError('PETITION.INVALID_ACTION', {}, [{ field: 'duration', code: 'handlingClockNotRunning', params: { message: '办理期限已届满，不能再延长' } }]);
      const after = await this.deadlines.extendFor(m, { petitionId: p.id }, ['petition_handling'], dto.duration, dto.approval, principal.displayName, ctx);
      const extension = {
        duration: dto.duration, approvedBy: dto.approval!.by, reason: dto.approval!.reason, petitionerNotifiedOn: dto.petitionerNotifiedOn,
        dueBefore: toIso(before.dueAt), dueAfter: toIso(after.dueAt), ...this.record(principal),
      };
      await updateVersioned(m, PetitionEntity, p.id, version, { extensions: [...p.extensions, extension] });
      await this.audit.record(m, ctx, {
        action: 'petition.extended', subjectType: 'petition', subjectId: p.id, orgUnitId: p.orgUnitId,
        after: { duration: dto.duration, approvedBy: extension.approvedBy, reason: extension.reason, petitionerNotifiedOn: dto.petitionerNotifiedOn, dueBefore: extension.dueBefore, dueAfter: extension.dueAfter },
      });
    });
  }

  /** 信访处理意见书 (Art.32: support, explain, or not supported); meets the handling clock. */
  reply(principal: StaffPrincipal, id: string, dto: ReplyDto, ifMatch: string | undefined, ctx: AuditContext): Promise<PetitionView> {
    return this.act(principal, id, ifMatch, 'reply', async (m, p, version, today) => {
      const reply = await this.answer(m, p, dto, { date: p.acceptedOn ?? p.receivedOn, label: '受理日期' }, today, principal);
      await updateVersioned(m, PetitionEntity, p.id, version, { status: 'replied', reply });
      await this.deadlines.meet(m, { petitionId: p.id }, ['petition_handling']);
      await this.audit.record(m, ctx, {
        action: 'petition.replied', subjectType: 'petition', subjectId: p.id, orgUnitId: p.orgUnitId, before: { status: p.status },
        after: { status: 'replied', result: reply.result, organ: reply.organ, issuedOn: reply.issuedOn, deliveredOn: reply.deliveredOn },
      });
    });
  }

  private async answer(m: EntityManager, p: PetitionEntity, dto: ReplyDto, after: { date: string; label: string }, today: string, principal: StaffPrincipal, organ?: string): Promise<ReplyRecord> {
    const errors: FieldError[] = [];
    dateIn(errors, 'issuedOn', dto.issuedOn, after, today);
    if (dto.deliveredOn) dateIn(errors, 'deliveredOn', dto.deliveredOn, { date: dto.issuedOn, label: '出具日期' }, today);
    if (errors.length) throw new DomainError('PETITION.INVALID_ACTION', {}, errors);
    const unit = organ ? null : await m.findOneByOrFail(OrgUnitEntity, { id: p.orgUnitId });
    return {
      result: dto.result, resultLabel: REPLY_RESULT_LABELS[dto.result], summary: dto.summary, organ: dto.organ ?? organ ?? unit!.name, issuedOn: dto.issuedOn,
      deliveredOn: dto.deliveredOn ?? null, ...this.record(principal),
    };
  }

  /** The day the petitioner received a written answer (送达), when it was not known at issue. */
  recordDelivery(principal: StaffPrincipal, id: string, dto: DeliveryDto, ifMatch: string | undefined, ctx: AuditContext): Promise<PetitionView> {
    return this.act(principal, id, ifMatch, 'record_delivery', async (m, p, version, today) => {
      const reply = replyOf(p, dto.stage);
      const errors: FieldError[] = [];
      if (!reply) errors.push({ field: 'stage', code: 'noAnswer', params: { message: `尚未出具${REPLY_STAGE_LABELS[dto.stage]}` } });
      else if (reply.deliveredOn) errors.push({ field: 'stage', code: 'alreadyDelivered', params: { message: `${REPLY_STAGE_LABELS[dto.stage]}已于 ${reply.deliveredOn} 送达` } });
      else dateIn(errors, 'deliveredOn', dto.deliveredOn, { date: reply.issuedOn, label: '出具日期' }, today);
      if (errors.length) throw new DomainError('PETITION.INVALID_ACTION', {}, errors);
      await updateVersioned(m, PetitionEntity, p.id, version, withReply(p, dto.stage, { ...reply!, deliveredOn: dto.deliveredOn }));
      await this.audit.record(m, ctx, { action: 'petition.answer_delivered', subjectType: 'petition', subjectId: p.id, orgUnitId: p.orgUnitId, after: { stage: dto.stage, deliveredOn: dto.deliveredOn } });
    });
  }

  // ---- 复查 (X5) and 复核 (X6, X7) ----------------------------------------------------------------

  /** 复查: requested within 30 days of receiving the 信访处理意见 (Art.35); the reviewing organ has 30 days. */
  requestReview(principal: StaffPrincipal, id: string, dto: ReviewRequestDto, ifMatch: string | undefined, ctx: AuditContext): Promise<PetitionView> {
    return this.act(principal, id, ifMatch, 'request_review', async (m, p, version, today) => {
      if (p.category !== 'claim') {
        throw new DomainError('PETITION.INVALID_ACTION', {}, [{ field: 'category', code: 'noReview', params: { message: '复查适用于申诉求决类事项的信访处理意见（信访工作条例第三十五条）' } }]);
      }
      const request = await this.request(m, p, 'review', p.reply!, dto, today, principal);
      await updateVersioned(m, PetitionEntity, p.id, version, { status: 'under_review', review: request });
      const d = await this.deadlines.start(m, { petitionId: p.id, orgUnitId: p.orgUnitId, kind: 'petition_review', startAt: startOfLocalDay(dto.requestedOn) });
      await this.audit.record(m, ctx, {
        action: 'petition.review_requested', subjectType: 'petition', subjectId: p.id, orgUnitId: p.orgUnitId, before: { status: p.status },
        after: { status: 'under_review', requestedOn: dto.requestedOn, organ: dto.organ, windowLastDay: request.windowLastDay, reviewDueAt: d.dueAt.toISOString() },
      });
    });
  }

  reviewReply(principal: StaffPrincipal, id: string, dto: ReplyDto, ifMatch: string | undefined, ctx: AuditContext): Promise<PetitionView> {
    return this.act(principal, id, ifMatch, 'review_reply', async (m, p, version, today) => {
      const reply = await this.answer(m, p, dto, { date: p.review!.requestedOn, label: '收到复查请求之日' }, today, principal, p.review!.organ);
      await updateVersioned(m, PetitionEntity, p.id, version, { status: 'reviewed', review: { ...p.review!, reply } });
      await this.deadlines.meet(m, { petitionId: p.id }, ['petition_review']);
      await this.audit.record(m, ctx, {
        action: 'petition.reviewed', subjectType: 'petition', subjectId: p.id, orgUnitId: p.orgUnitId, before: { status: p.status },
        after: { status: 'reviewed', result: reply.result, organ: reply.organ, issuedOn: reply.issuedOn, deliveredOn: reply.deliveredOn },
      });
    });
  }

  /** 复核: requested within 30 days of receiving the 复查意见 (Art.36 ¶1); the organ has 30 days (hearing time excluded). */
  requestReReview(principal: StaffPrincipal, id: string, dto: ReviewRequestDto, ifMatch: string | undefined, ctx: AuditContext): Promise<PetitionView> {
    return this.act(principal, id, ifMatch, 'request_re_review', async (m, p, version, today) => {
      const request = await this.request(m, p, 're_review', p.review!.reply!, dto, today, principal);
      await updateVersioned(m, PetitionEntity, p.id, version, { status: 'under_re_review', reReview: request });
      const d = await this.deadlines.start(m, { petitionId: p.id, orgUnitId: p.orgUnitId, kind: 'petition_re_review', startAt: startOfLocalDay(dto.requestedOn) });
      await this.audit.record(m, ctx, {
        action: 'petition.re_review_requested', subjectType: 'petition', subjectId: p.id, orgUnitId: p.orgUnitId, before: { status: p.status },
        after: { status: 'under_re_review', requestedOn: dto.requestedOn, organ: dto.organ, windowLastDay: request.windowLastDay, reReviewDueAt: d.dueAt.toISOString() },
      });
    });
  }

  /** 复核意见: the matter is final; the same facts and reasons are not accepted again (Art.36 ¶3, X7). */
  reReviewReply(principal: StaffPrincipal, id: string, dto: ReplyDto, ifMatch: string | undefined, ctx: AuditContext): Promise<PetitionView> {
    return this.act(principal, id, ifMatch, 're_review_reply', async (m, p, version, today) => {
      const reply = await this.answer(m, p, dto, { date: p.reReview!.requestedOn, label: '收到复核请求之日' }, today, principal, p.reReview!.organ);
      await updateVersioned(m, PetitionEntity, p.id, version, { status: 'final', reReview: { ...p.reReview!, reply } });
      await this.deadlines.meet(m, { petitionId: p.id }, ['petition_re_review']);
      await this.audit.record(m, ctx, {
        action: 'petition.re_reviewed', subjectType: 'petition', subjectId: p.id, orgUnitId: p.orgUnitId, before: { status: p.status },
        after: { status: 'final', result: reply.result, organ: reply.organ, issuedOn: reply.issuedOn, deliveredOn: reply.deliveredOn, basis: '信访工作条例 第三十六条第三款' },
      });
    });
  }

  private async request(m: EntityManager, p: PetitionEntity, stage: 'review' | 're_review', answer: ReplyRecord, dto: ReviewRequestDto, today: string, principal: StaffPrincipal): Promise<RequestRecord> {
    const answerLabel = REPLY_STAGE_LABELS[stage === 'review' ? 'reply' : 'review'];
    const stageLabel = stage === 'review' ? '复查' : '复核';
    if (!answer.deliveredOn) {
      throw new DomainError('PETITION.INVALID_ACTION', {}, [{ field: 'requestedOn', code: 'answerNotDelivered', params: { message: `请先记录信访人收到${answerLabel}的日期（POST …/delivery），${stageLabel}期限自收到之日起计算` } }]);
    }
    if (dto.requestedOn > today) throw new DomainError('PETITION.INVALID_ACTION', {}, [{ field: 'requestedOn', code: 'notInFuture', params: { message: '日期不能晚于今天' } }]);
    const window = requestWindow(stage, answer.deliveredOn, await this.calendars.calendar(m));
    const check = checkRequestDate(dto.requestedOn, window);
    if (!check.ok && check.reason === 'before_receipt') {
      throw new DomainError('PETITION.INVALID_ACTION', {}, [{ field: 'requestedOn', code: 'beforeReceipt', params: { message: `请求日期不能早于信访人收到${answerLabel}之日（${answer.deliveredOn}）` } }]);
    }
    if (!check.ok) {
      throw new DomainError(
        'PETITION.REQUEST_TOO_LATE',
        { receivedOn: answer.deliveredOn, answer: answerLabel, answerEn: stage === 'review' ? 'written reply' : 'review opinion', stageLabel, stageEn: stage === 'review' ? 'a review' : 'a re-review', lastDay: window.lastDay, basis: window.basis, requestedOn: dto.requestedOn },
        [{ field: 'requestedOn', code: 'windowClosed', params: { message: `${stageLabel}请求期限已于 ${window.lastDay} 届满（${window.basis}）` } }],
        {},
        { window },
      );
    }
    return { requestedOn: dto.requestedOn, organ: dto.organ, grounds: dto.grounds, windowLastDay: window.lastDay, ...this.record(principal) };
  }

  // ---- closing and evaluation -----------------------------------------------------------------

  close(principal: StaffPrincipal, id: string, dto: ClosureDto, ifMatch: string | undefined, ctx: AuditContext): Promise<PetitionView> {
    return this.act(principal, id, ifMatch, 'close', async (m, p, version, today) => {
      const calendar = await this.calendars.calendar(m);
      const latest = p.status === 'reviewed' ? p.review!.reply! : p.reply!;
      const window = latest.deliveredOn ? requestWindow(p.status === 'reviewed' ? 're_review' : 'review', latest.deliveredOn, calendar) : null;
      const check = checkClosure({ category: p.category, window, rating: latest.evaluation?.rating ?? null, today });
      if (!check.ok) throw new DomainError('PETITION.NOT_CLOSABLE', { reason: check.reason });
      const closure = { summary: dto.summary, closedAt: this.clock.now().toISOString(), closedBy: principal.displayName };
      await updateVersioned(m, PetitionEntity, p.id, version, { status: 'closed', closure });
      await this.deadlines.cancel(m, { petitionId: p.id });
      await this.audit.record(m, ctx, { action: 'petition.closed', subjectType: 'petition', subjectId: p.id, orgUnitId: p.orgUnitId, before: { status: p.status }, after: { status: 'closed', summary: dto.summary } });
    });
  }

  /** 满意度评价 of a written answer (满意 / 基本满意 / 不满意). */
  evaluate(principal: StaffPrincipal, id: string, dto: EvaluationDto, ifMatch: string | undefined, ctx: AuditContext): Promise<PetitionView> {
    return this.act(principal, id, ifMatch, 'evaluate', async (m, p, version) => {
      const reply = replyOf(p, dto.stage);
      if (!reply) throw new DomainError('PETITION.INVALID_ACTION', {}, [{ field: 'stage', code: 'noAnswer', params: { message: `尚未出具${REPLY_STAGE_LABELS[dto.stage]}` } }]);
      const evaluation = { rating: dto.rating, ratingLabel: SATISFACTION_LABELS[dto.rating], note: dto.note ?? null, ...this.record(principal) };
      await updateVersioned(m, PetitionEntity, p.id, version, withReply(p, dto.stage, { ...reply, evaluation }));
      await this.audit.record(m, ctx, {
        action: 'petition.evaluated', subjectType: 'petition', subjectId: p.id, orgUnitId: p.orgUnitId,
        before: reply.evaluation ? { stage: dto.stage, rating: reply.evaluation.rating } : null, after: { stage: dto.stage, rating: dto.rating, note: dto.note ?? null },
      });
    });
  }

  // ---- 领导包案 and 信访转调解 ---------------------------------------------------------------------

  /**
   * 领导包案 (Art.18 ¶2): a director puts a leader in personal charge of a prominent or backlogged
   * petition. The leader must be active, hold the leader role, and sit at the petition's unit or
   * above (so it is in their view); they are told at once, and its clocks remind them from now on.
   */
  assignLeader(principal: StaffPrincipal, id: string, dto: LeaderAssignmentInputDto, ifMatch: string | undefined, ctx: AuditContext): Promise<PetitionView> {
    return this.act(principal, id, ifMatch, 'assign_leader', async (m, p, version) => {
      const leader = await m.findOneBy(StaffUserEntity, { id: dto.leaderId });
      const [leaderUnit, unit] = await Promise.all([leader ? m.findOneBy(OrgUnitEntity, { id: leader.orgUnitId }) : null, m.findOneByOrFail(OrgUnitEntity, { id: p.orgUnitId })]);
      if (!leader || !leader.active || !leader.roles.includes('leader') || !leaderUnit || !unit.path.startsWith(leaderUnit.path)) {
        throw new DomainError('PETITION.NOT_A_LEADER', { id: dto.leaderId }, [{ field: 'leaderId', code: 'notALeader', params: { message: '不是该单位或其上级单位的在职包案领导' } }]);
      }
      const leaderAssignment = { leaderId: leader.id, leaderName: leader.displayName, reason: dto.reason, assignedAt: toIso(this.clock.now()), assignedBy: principal.displayName };
      await updateVersioned(m, PetitionEntity, p.id, version, { leaderId: leader.id, leaderAssignment });
      const next = (await this.deadlines.forPetition(p.id, m)).find((d) => d.status === 'pending');
      await this.notifications.send(m, [leader.id], {
        kind: 'petition.leader_assigned',
        title: `领导包案：${p.number} ${p.title}`,
        body: `${principal.displayName}指定您包案化解信访事项 ${p.number}（${p.title}）：${dto.reason}。${p.overdue ? '该事项已超期。' : ''}${p.repeat ? '该事项为重复信访。' : ''}${next ? `「${next.label}」将于 ${toIso(next.dueAt)} 届满（${next.legalBasis.citation}）。` : ''}`,
        subjectType: 'petition',
        subjectId: p.id,
      });
      await this.audit.record(m, ctx, {
        action: 'petition.leader_assigned', subjectType: 'petition', subjectId: p.id, orgUnitId: p.orgUnitId,
        before: p.leaderAssignment ? { leaderId: p.leaderAssignment.leaderId, leaderName: p.leaderAssignment.leaderName } : null,
        after: { leaderId: leader.id, leaderName: leader.displayName, reason: dto.reason, basis: '信访工作条例 第十八条第二款' },
      });
    });
  }

  /**
   * 信访转调解 (Art.37): the petitioners' dispute becomes a case of the center (channel petition, the
   * petition number as its external reference), linked both ways. Before acceptance this is the
   * road the petition takes (diverted to people's mediation, the routing clock met); during
   * handling, mediation is the method (Art.33) and the handling clock keeps running.
   */
  openMediation(principal: StaffPrincipal, id: string, dto: OpenMediationDto, ifMatch: string | undefined, ctx: AuditContext): Promise<PetitionView> {
    return this.act(principal, id, ifMatch, 'open_mediation', async (m, p, version) => {
      if (p.caseId) {
        const linked = await this.cases.get(principal, p.caseId, m).catch(() => null);
        throw new DomainError('PETITION.ALREADY_LINKED', { caseNumber: linked?.entity.number ?? p.caseId });
      }
      const petitioners = await this.petitions.petitioners(p.id, m);
      const applicants: PartyInputDto[] = petitioners.map((x) => ({
        role: 'applicant', kind: 'person', name: x.name,
        ...(x.idNumberEnc && x.idType ? { idType: x.idType, idNumber: this.pii.decrypt(x.idNumberEnc, `${PETITIONER_PII_CONTEXT}.id_number`) } : {}),
        ...(x.mobileEnc ? { mobile: this.pii.decrypt(x.mobileEnc, `${PETITIONER_PII_CONTEXT}.mobile`) } : {}),
        ...(x.addressEnc ? { address: this.pii.decrypt(x.addressEnc, `${PETITIONER_PII_CONTEXT}.address`) } : {}),
      }));
      const registration: RegisterCaseDto = {
        channel: 'petition', externalRef: p.number, title: dto.title ?? p.title, description: p.content, orgUnitId: dto.orgUnitId ?? p.orgUnitId,
        parties: [...applicants, ...(dto.respondents ?? []).map((r) => ({ ...r, role: 'respondent' as const }))], registerAnyway: dto.registerAnyway,
      };
      const { entity: kase } = await this.cases.register(m, principal, registration, ctx);
      const changes: Partial<PetitionEntity> = { caseId: kase.id };
      if (p.status === 'received') {
        const road = DIVERSION_ROADS.people_mediation;
        Object.assign(changes, {
          status: 'diverted', category: 'claim',
          routing: this.routing(principal, { decision: 'mediation', road: 'people_mediation', roadLabel: road.label, organ: road.organ, basis: road.basis }),
        });
      }
      await updateVersioned(m, PetitionEntity, p.id, version, changes);
      if (p.status === 'received') await this.deadlines.meet(m, { petitionId: p.id }, ['petition_routing']);
      await this.audit.record(m, ctx, {
        action: 'petition.mediation_opened', subjectType: 'petition', subjectId: p.id, orgUnitId: p.orgUnitId, before: { status: p.status },
        after: { status: changes.status ?? p.status, caseId: kase.id, caseNumber: kase.number, applicants: maskedPetitioners(petitioners), basis: DIVERSION_ROADS.people_mediation.basis },
      });
    });
  }
}

function replyOf(p: PetitionEntity, stage: ReplyStage): ReplyRecord | null {
  if (stage === 'reply') return p.reply;
  if (stage === 'review') return p.review?.reply ?? null;
  return p.reReview?.reply ?? null;
}

function withReply(p: PetitionEntity, stage: ReplyStage, reply: ReplyRecord): Partial<PetitionEntity> {
  if (stage === 'reply') return { reply };
  if (stage === 'review') return { review: { ...p.review!, reply } };
  return { reReview: { ...p.reReview!, reply } };
}
