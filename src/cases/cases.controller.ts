import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { AuditEventDto, AuditEventPage } from '../audit/audit.dto';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { Access, Actor, AuditCtx } from '../auth/access.decorator';
import { PARTNER_KINDS } from '../auth/roles';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { DomainError } from '../common/errors/domain-error';
import { etagOf, IfMatch } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { paginate, PageQueryDto } from '../common/pagination/pagination';
import type { Principal } from '../common/principal';
import { DataSource } from 'typeorm';
import { CasesService } from './cases.service';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { DeadlineDto } from '../deadlines/dto/deadline.dto';
import { Clock } from '../common/time/clock';
import { CaseDto, CasePage, CaseSummaryDto, ListCasesQueryDto, RegisterCaseDto, TrackAssessmentDto, TrackFactsDto, TriageDecisionDto, UnmaskDto, UnmaskedPartyDto } from './dto/case.dto';

const REGISTER_EXAMPLES = {
  walkIn: {
    summary: '来访登记：农民工欠薪',
    value: {
      channel: 'walk_in',
      title: '农民工讨要拖欠工资',
      description: '申请人等12名农民工在清波街道某工地务工，包工头李某拖欠三个月工资共计8万元，多次讨要未果。',
      amount: '80000.00',
      parties: [
        { role: 'applicant', kind: 'person', name: '张秀英', idType: 'resident_id', idNumber: '11010519491231002X', mobile: '13812345678', address: '浙江省杭州市上城区清波街道劳动路12号3单元501室' },
        { role: 'respondent', kind: 'person', name: '李建军', mobile: '13900001111' },
        { role: 'respondent', kind: 'organisation', name: '杭州某某建筑劳务有限公司', idType: 'credit_code', idNumber: '91350100M000100Y43' },
      ],
    },
  },
  police: {
    summary: '派出所转来（警调对接）',
    value: {
      externalRef: '330102202611230015',
      title: '邻里噪音纠纷',
      description: '楼上住户夜间装修噪音扰民，双方发生口角，民警现场劝解后移交人民调解。',
      parties: [
        { role: 'applicant', kind: 'person', name: '王丽华', mobile: '13712345678' },
        { role: 'respondent', kind: 'person', name: '赵强' },
      ],
    },
  },
};

@ApiTags('cases 案件')
@Controller('v1/cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly idempotency: IdempotencyService,
    private readonly ds: DataSource,
    private readonly deadlines: DeadlinesService,
    private readonly clock: Clock,
  ) {}

  @Get(':id/deadlines')
  @Access()
  @ApiOperation({ summary: '案件期限 (the case\'s time limits, with computation and legal basis)', description: 'Soonest first, including met and cancelled ones.' })
  @ApiOkResponse({ type: [DeadlineDto] })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND')
  async caseDeadlines(@Actor() actor: Principal, @Param('id', UuidParam()) id: string): Promise<DeadlineDto[]> {
    await this.cases.get(actor, id);
    const now = this.clock.now();
    return (await this.deadlines.forCase(id)).map((d) => DeadlineDto.from(d, now));
  }

  @Post()
  @Access({ roles: ['intake_clerk', 'director', 'grid_worker', 'petition_officer'], partners: ['court', 'police', 'petition_bureau', 'hotline', 'grid'] })
  @ApiOperation({
    summary: '登记纠纷 (register a dispute, from any channel)',
    description:
      'One registration per dispute (一案一码). Staff choose the channel; a partner system\'s channel follows from its kind (court, police, petition bureau, 12345, grid) and it must send an Idempotency-Key: a retry with the same key returns the first answer (Idempotent-Replayed: true), the same key with another body is refused. ' +
      'ID numbers (GB 11643, GB 32100) and mobiles are checked and stored encrypted; responses show them masked. Staff get 409 CASE.POSSIBLE_DUPLICATE with the candidates when open cases look the same; resubmit with registerAnyway: true, or merge at triage.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Required for partner systems; one value per business request, unchanged on retries (kept 48 h)' })
  @ApiBody({ type: RegisterCaseDto, examples: REGISTER_EXAMPLES })
  @ApiCreatedResponse({ type: CaseDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.INVALID_REGISTRATION', 'CASE.INVALID_PARTY_DATA', 'CASE.POSSIBLE_DUPLICATE', 'ORG_UNIT.NOT_FOUND', 'ORG_UNIT.INACTIVE', 'IDEMPOTENCY.KEY_REQUIRED', 'IDEMPOTENCY.KEY_REUSED', 'IDEMPOTENCY.IN_PROGRESS')
  async register(
    @Actor() actor: Principal,
    @AuditCtx() ctx: AuditContext,
    @Body() dto: RegisterCaseDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseDto> {
    if (actor.type === 'partner' && !key) throw new DomainError('IDEMPOTENCY.KEY_REQUIRED');
    const owner = `${actor.type}:${actor.id}`;
    const result = await this.idempotency.run(owner, key, 'POST /v1/cases', req.body, async (m) => {
      const { entity, parties } = await this.cases.register(m, actor, dto, ctx);
      return { status: 201, body: CaseDto.from(entity, parties) };
    });
    res.status(result.status);
    res.setHeader('ETag', etagOf(result.body.version));
    res.setHeader('Location', `/v1/cases/${result.body.id}`);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Get()
  @Access({ partners: PARTNER_KINDS })
  @ApiOperation({
    summary: '案件列表 (list cases in your scope)',
    description: 'Newest first. Filters combine; q searches title, description and party names, Chinese included. Partner systems see only the cases they sent.',
  })
  @ApiOkResponse({ type: CasePage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REQUEST.INVALID_CURSOR', 'ORG_UNIT.NOT_FOUND')
  async list(@Actor() actor: Principal, @Query() q: ListCasesQueryDto) {
    const page = await this.cases.list(actor, q);
    return { items: page.items.map(CaseSummaryDto.fromEntity), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Access({ partners: PARTNER_KINDS })
  @ApiOperation({ summary: '案件详情 (read a case)', description: 'Personal data is masked; the ETag is the version to send in If-Match.' })
  @ApiOkResponse({ type: CaseDto, headers: { ETag: { schema: { type: 'string', example: '"1"' } } } })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND')
  async get(@Actor() actor: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<CaseDto> {
    const { entity, parties } = await this.cases.get(actor, id);
    res.setHeader('ETag', etagOf(entity.version));
    return CaseDto.from(entity, parties);
  }

  @Get(':id/timeline')
  @Access()
  @ApiOperation({
    summary: '案件时间线 (everything that happened to the case)',
    description: 'Oldest first: registration, triage decisions, alerts, look-ups of personal data. Staff only: it names staff and why they looked at personal data; partner systems read the case and its status.',
  })
  @ApiOkResponse({ type: AuditEventPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND', 'REQUEST.INVALID_CURSOR')
  async timeline(@Actor() actor: Principal, @Param('id', UuidParam()) id: string, @Query() q: PageQueryDto) {
    await this.cases.get(actor, id);
    const qb = this.ds.getRepository(AuditEventEntity).createQueryBuilder('a').where('a.subjectType = :t AND a.subjectId = :id', { t: 'case', id });
    const page = await paginate(qb, { column: 'a.seq', idColumn: 'a.id', key: (a) => a.seq, direction: 'ASC' }, q);
    return { items: page.items.map(AuditEventDto.from), nextCursor: page.nextCursor };
  }

  @Post(':id/parties/:partyId/unmask')
  @Access({ roles: ['director', 'mediator', 'intake_clerk', 'petition_officer', 'leader'] })
  @HttpCode(200)
  @ApiOperation({ summary: '查看完整个人信息 (reveal a party\'s ID number, mobile or address)', description: 'Needs a stated purpose; who looked, at what and why goes to the case timeline and the audit trail.' })
  @ApiBody({ type: UnmaskDto, examples: { call: { value: { purpose: '电话通知当事人参加调解', fields: ['mobile'] } } } })
  @ApiOkResponse({ type: UnmaskedPartyDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND', 'CASE.PARTY_NOT_FOUND')
  async unmask(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Param('partyId', UuidParam('partyId')) partyId: string, @Body() dto: UnmaskDto) {
    return this.cases.unmask(actor, id, partyId, dto.fields, dto.purpose, ctx);
  }

  @Post(':id/triage')
  @Access({ roles: ['director', 'intake_clerk'] })
  @HttpCode(200)
  @ApiOperation({
    summary: '分流决定 (triage: accept, refer out, reject, merge, escalate)',
    description:
      'accept → accepted (category and track; optionally hand to a unit below); refer_out → referred_out (where, and the road explained to the party); reject → rejected (不予受理: reason and road); merge → merged into another open case; escalate → the unit above, still to be triaged (小事不出村、大事不出镇). Needs If-Match.',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({
    type: TriageDecisionDto,
    examples: {
      accept: { summary: '受理，进入劳动争议调解', value: { decision: 'accept', category: 'labor', subcategory: 'wage_arrears' } },
      referOut: { summary: '移交仲裁', value: { decision: 'refer_out', referredTo: 'arbitration', road: '请向上城区劳动人事争议仲裁委员会申请仲裁（一年仲裁时效）。' } },
      reject: { summary: '不予受理', value: { decision: 'reject', reason: '申请人明确拒绝调解（人民调解法第十七条）。', road: '可向人民法院起诉。' } },
      merge: { summary: '合并重复登记', value: { decision: 'merge', mergeIntoCaseId: '6a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' } },
      escalate: { summary: '上交街道', value: { decision: 'escalate', reason: '涉及多个社区，需街道协调。' } },
    },
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND', 'CASE.INVALID_TRANSITION', 'CASE.INVALID_DECISION', 'CASE.NO_HIGHER_UNIT', 'ORG_UNIT.NOT_FOUND', 'ORG_UNIT.INACTIVE', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async triage(
    @Actor() actor: Principal,
    @AuditCtx() ctx: AuditContext,
    @Param('id', UuidParam()) id: string,
    @Body() dto: TriageDecisionDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseDto> {
    const { entity, parties } = await this.cases.decide(actor, id, dto, ifMatch, ctx);
    res.setHeader('ETag', etagOf(entity.version));
    return CaseDto.from(entity, parties);
  }

  @Get(':id/track')
  @Access({ staff: true })
  @ApiOperation({
    summary: '专门调解路径评估 (what the track requires now: risk floor, guidance, time-critical warnings)',
    description: 'Recomputed at every read: the labor arbitration limitation (one year from when the worker knew of the infringement) shows the days left and warns when fewer than 30 remain.',
  })
  @ApiOkResponse({ type: TrackAssessmentDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND')
  async track(@Actor() actor: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<TrackAssessmentDto> {
    const r = await this.cases.trackAssessment(actor, id);
    res.setHeader('ETag', etagOf(r.entity.version));
    return { track: r.track, label: r.label, mediationDeadline: r.mediationDeadline, facts: r.facts, assessment: r.assessment };
  }

  @Put(':id/track-facts')
  @Access({ roles: ['director', 'mediator', 'intake_clerk'] })
  @ApiOperation({
    summary: '补充案情要素 (facts the track needs: limitation start, domestic violence, workers, households)',
    description: 'Merged into what is recorded. Risk only rises: domestic violence makes the case red and alerts the directors and the police serving the area; ten or more workers or households make it orange. Needs If-Match.',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: TrackFactsDto, examples: { labor: { summary: '劳动争议：知道权利受侵害之日', value: { knewOfInfringementOn: '2026-01-15', employmentEnded: true, workerCount: 12 } }, family: { summary: '婚姻家庭：家暴、未成年子女', value: { domesticViolence: true, minorsInvolved: true } } } })
  @ApiOkResponse({ type: TrackAssessmentDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND', 'CASE.INVALID_TRANSITION', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async trackFacts(
    @Actor() actor: Principal,
    @AuditCtx() ctx: AuditContext,
    @Param('id', UuidParam()) id: string,
    @Body() dto: TrackFactsDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TrackAssessmentDto> {
    const r = await this.cases.updateTrackFacts(actor, id, dto, ifMatch, ctx);
    res.setHeader('ETag', etagOf(r.entity.version));
    return { track: r.track, label: r.label, mediationDeadline: r.mediationDeadline, facts: r.facts, assessment: r.assessment };
  }
}
