import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AuditEventDto, AuditEventPage } from '../audit/audit.dto';
import { AuditEventEntity } from '../audit/audit-event.entity';
import type { AuditContext } from '../audit/audit.service';
import { Access, Actor, AuditCtx } from '../auth/access.decorator';
import type { StaffRole } from '../auth/roles';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { etagOf } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import { paginate, PageQueryDto } from '../common/pagination/pagination';
import type { StaffPrincipal } from '../common/principal';
import { ListPetitionsQueryDto, PetitionDto, PetitionPage, PetitionSummaryDto, RegisterPetitionDto } from './dto/petition.dto';
import { PetitionsService } from './petitions.service';

/** Who reads petitions: the officers who work them, the leaders who take charge, directors, auditors. */
export const PETITION_READERS: readonly StaffRole[] = ['petition_officer', 'leader', 'director', 'auditor'];

const REGISTER_EXAMPLES = {
  letter: {
    summary: '来信：反映街道拆违认定错误',
    value: {
      form: 'letter',
      receivedOn: '2026-06-29',
      title: '反映清波街道拆除违建认定错误',
      content: '信访人反映：清波街道办事处将其位于河坊街88号的自建杂物间认定为违法建筑并作出限期拆除决定，信访人认为该杂物间建于1985年、有村集体批准，认定错误，要求撤销限期拆除决定并赔偿损失。',
      concernedOrgan: '清波街道办事处',
      petitioners: [{ name: '周桂兰', idType: 'resident_id', idNumber: '11010519491231002X', mobile: '13857101234', address: '浙江省杭州市上城区清波街道河坊街88号2单元301室' }],
    },
  },
  groupVisit: {
    summary: '集体访：小区业主反映物业维修资金（代表 3 人）',
    value: {
      form: 'visit',
      receivedOn: '2026-11-23',
      title: '清波门小区业主反映维修资金使用问题',
      content: '清波门小区23户业主集体来访，反映物业公司未经业主大会表决动用专项维修资金更换电梯，要求公开账目并返还资金。',
      concernedOrgan: '杭州某某物业服务有限公司',
      groupVisit: true,
      headcount: 23,
      petitioners: [{ name: '王建国', mobile: '13900001111' }, { name: '李秀芳', mobile: '13900002222' }, { name: '陈明', mobile: '13900003333' }],
    },
  },
  newFacts: {
    summary: '复核终结后以新的事实再次提出',
    value: {
      form: 'visit',
      receivedOn: '2026-12-14',
      title: '再次反映清波街道拆除违建认定错误',
      content: '信访人再次反映清波街道办事处将其自建杂物间认定为违法建筑错误，并提交新取得的1985年村集体建房审批原件。',
      concernedOrgan: '清波街道办事处',
      petitioners: [{ name: '周桂兰', idNumber: '11010519491231002X' }],
      newFactsOrReasons: '信访人提交了2026年11月新取得的村集体1985年建房审批原件，系原复核时未提交的新证据。',
    },
  },
};

@ApiTags('petitions 信访')
@Controller('v1/petitions')
export class PetitionsController {
  constructor(
    private readonly petitions: PetitionsService,
    private readonly ds: DataSource,
  ) {}

  @Post()
  @Access({ roles: ['petition_officer'] })
  @ApiOperation({
    summary: '登记信访事项 (register a petition: letter, visit, online or phone)',
    description:
      'Enters the petition into the system (信访工作条例 Art.21) with a number XF-<unit code>-<year>-<sequence> and starts the 15 days to route it, counted from the day it was received (X1, Art.22). ' +
      'Petitioners\' ID numbers and mobiles are checked, stored encrypted and shown masked. A group visit (集体访) registers its elected representatives, at most five (Art.20). ' +
      'Repeat petitions (same petitioner by ID number or mobile; same organ and similar content) of a matter accepted, in progress or final are found: a matter final after 复核 is refused with PETITION.FINAL_NOT_ACCEPTED (Art.36 ¶3) unless newFactsOrReasons is given (then registered and audited); other repeats are registered with repeat: true, the earlier numbers and the rule that applies (Art.19 ¶3, Art.35, Art.36).',
  })
  @ApiBody({ type: RegisterPetitionDto, examples: REGISTER_EXAMPLES })
  @ApiCreatedResponse({ type: PetitionDto, headers: { ETag: { schema: { type: 'string', example: '"1"' } } } })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'PETITION.INVALID_REGISTRATION', 'PETITION.INVALID_PETITIONER_DATA', 'PETITION.FINAL_NOT_ACCEPTED', 'ORG_UNIT.NOT_FOUND', 'ORG_UNIT.INACTIVE', 'CASE.NOT_FOUND')
  async register(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Body() dto: RegisterPetitionDto, @Res({ passthrough: true }) res: Response): Promise<PetitionDto> {
    const id = await this.petitions.register(actor, dto, ctx);
    const body = PetitionDto.from(await this.petitions.view(actor, id));
    res.setHeader('ETag', etagOf(body.version));
    res.setHeader('Location', `/v1/petitions/${id}`);
    return body;
  }

  @Get()
  @Access({ roles: PETITION_READERS })
  @ApiOperation({
    summary: '信访事项列表 (list petitions: status, form, due soon, overdue, repeat, backlog, leader, organ, text)',
    description:
      "Newest first, in your scope. Filters combine: overdue (a clock missed or running past its due time), repeat, backlog (积案: open and overdue or repeated), leader=me (the petitions you took charge of, 领导包案), dueWithinDays, organ (被反映单位), q (title, content, organ, petitioner names; Chinese works).",
  })
  @ApiOkResponse({ type: PetitionPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REQUEST.INVALID_CURSOR', 'ORG_UNIT.NOT_FOUND')
  async list(@Actor() actor: StaffPrincipal, @Query() q: ListPetitionsQueryDto) {
    const page = await this.petitions.list(actor, q);
    return { items: page.items.map((p) => PetitionSummaryDto.fromEntity(p, page.running.get(p.id) ?? [], page.now)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Access({ roles: PETITION_READERS })
  @ApiOperation({
    summary: '信访事项详情 (a petition with its clocks, windows and legal basis)',
    description: 'Personal data is masked. deadlines: every clock (X1 routing, X4 handling, X5 复查, X6 复核) with its computation and citation; windows: the petitioner\'s 30 days to request 复查 or 复核, rolled off rest days. The ETag is the version to send in If-Match.',
  })
  @ApiOkResponse({ type: PetitionDto, headers: { ETag: { schema: { type: 'string', example: '"3"' } } } })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'PETITION.NOT_FOUND')
  async get(@Actor() actor: StaffPrincipal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<PetitionDto> {
    const body = PetitionDto.from(await this.petitions.view(actor, id));
    res.setHeader('ETag', etagOf(body.version));
    return body;
  }

  @Get(':id/timeline')
  @Access({ roles: PETITION_READERS })
  @ApiOperation({ summary: '信访事项时间线 (everything that happened to the petition)', description: 'Oldest first: registration, routing, extensions with the head\'s approval, answers, requests, evaluations, reminders and misses of its clocks, leader assignment.' })
  @ApiOkResponse({ type: AuditEventPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'PETITION.NOT_FOUND', 'REQUEST.INVALID_CURSOR')
  async timeline(@Actor() actor: StaffPrincipal, @Param('id', UuidParam()) id: string, @Query() q: PageQueryDto) {
    await this.petitions.load(actor, id);
    const qb = this.ds.getRepository(AuditEventEntity).createQueryBuilder('a').where('a.subjectType = :t AND a.subjectId = :id', { t: 'petition', id });
    const page = await paginate(qb, { column: 'a.seq', idColumn: 'a.id', key: (a) => a.seq, direction: 'ASC' }, q);
    return { items: page.items.map(AuditEventDto.from), nextCursor: page.nextCursor };
  }
}
