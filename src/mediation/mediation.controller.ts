import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { Access, Actor, AuditCtx } from '../auth/access.decorator';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { etagOf, IfMatch } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import type { Principal, StaffPrincipal } from '../common/principal';
import { AssignCaseDto, AssignmentDto, AssignmentResultDto, ConsentSummaryDto, ListMediatorsQueryDto, MediatorDto, RecordConsentDto, UpdateMediatorProfileDto } from './dto/mediation.dto';
import { MediationService } from './mediation.service';
import { MediatorsService } from './mediators.service';

@ApiTags('mediation 调解')
@Controller('v1')
export class MediationController {
  constructor(
    private readonly mediators: MediatorsService,
    private readonly mediation: MediationService,
  ) {}

  @Get('mediators')
  @Access({ roles: ['director', 'leader', 'mediator', 'admin'] })
  @ApiOperation({ summary: '调解员与在办案件数 (mediators of a unit with their specialties and current load)' })
  @ApiOkResponse({ type: [MediatorDto] })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'ORG_UNIT.NOT_FOUND')
  async list(@Actor() actor: Principal, @Query() q: ListMediatorsQueryDto): Promise<MediatorDto[]> {
    return (await this.mediators.list(actor, q)).map((v) => MediatorDto.from(v));
  }

  @Put('mediators/:userId/profile')
  @Access({ roles: ['director', 'admin'] })
  @ApiOperation({ summary: '设置调解员专长与办案上限 (a mediator\'s tracks, case cap and availability)', description: 'The user must have the mediator role. Automatic assignment uses only mediators with the track among their specialties, accepting cases, below their cap.' })
  @ApiBody({ type: UpdateMediatorProfileDto, examples: { labor: { summary: '劳动争议调解员', value: { specialties: ['labor', 'general'], maxOpenCases: 25, accepting: true } }, leave: { summary: '休假，暂停分案', value: { accepting: false } } } })
  @ApiOkResponse({ type: MediatorDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'MEDIATION.NOT_A_MEDIATOR')
  async updateProfile(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Param('userId', UuidParam()) userId: string, @Body() dto: UpdateMediatorProfileDto): Promise<MediatorDto> {
    return MediatorDto.from(await this.mediators.updateProfile(actor, userId, dto, ctx));
  }

  @Post('cases/:id/assignment')
  @Access({ roles: ['director'] })
  @HttpCode(200)
  @ApiOperation({
    summary: '指派调解员 (assign, reassign or auto-assign the mediators of a case)',
    description:
      'By hand (mediatorId) or automatically (auto: true: the least-loaded mediator of the case\'s track, in the case\'s unit or the nearest unit above with one, in turn among equals). Co-mediators optional. A reassignment keeps the history; party_request records that a party asked for another mediator (reason required, and the same mediator cannot be chosen). The first assignment starts the mediation. Needs If-Match (the case\'s ETag).',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({
    type: AssignCaseDto,
    examples: {
      auto: { summary: '自动分派', value: { auto: true } },
      manual: { summary: '指定主调与协调员', value: { mediatorId: '3f0c8a52-1d2e-4b7a-9c1e-2a4b6c8d0e1f', coMediatorIds: ['7b9d1f3a-5c7e-4a9b-8d1f-3a5c7e9b1d3f'] } },
      partyRequest: { summary: '当事人申请更换', value: { auto: true, how: 'party_request', reason: '申请人认为原调解员与被申请人系同村亲属，申请回避' } },
    },
  })
  @ApiOkResponse({ type: AssignmentResultDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND', 'CASE.INVALID_TRANSITION', 'MEDIATION.NOT_A_MEDIATOR', 'MEDIATION.MEDIATOR_FULL', 'MEDIATION.NO_MEDIATOR_AVAILABLE', 'MEDIATION.INVALID_ASSIGNMENT', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async assign(
    @Actor() actor: StaffPrincipal,
    @AuditCtx() ctx: AuditContext,
    @Param('id', UuidParam()) id: string,
    @Body() dto: AssignCaseDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AssignmentResultDto> {
    const { entity, assignments } = await this.mediation.assign(actor, id, dto, ifMatch, ctx);
    res.setHeader('ETag', etagOf(entity.version));
    return { caseId: entity.id, status: entity.status, assigneeId: entity.assigneeId!, version: entity.version, assignments: assignments.map((a) => AssignmentDto.from(a)) };
  }

  @Get('cases/:id/assignments')
  @Access({ staff: true })
  @ApiOperation({ summary: '调解员指派记录 (who mediated the case, when, and why it changed hands)' })
  @ApiOkResponse({ type: [AssignmentDto] })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND')
  async assignments(@Actor() actor: Principal, @Param('id', UuidParam()) id: string): Promise<AssignmentDto[]> {
    return (await this.mediation.assignments(actor, id)).map((a) => AssignmentDto.from(a));
  }

  @Get('cases/:id/consents')
  @Access({ staff: true })
  @ApiOperation({ summary: '调解意愿 (each party\'s consent to mediation)' })
  @ApiOkResponse({ type: ConsentSummaryDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND')
  async consents(@Actor() actor: Principal, @Param('id', UuidParam()) id: string): Promise<ConsentSummaryDto> {
    return ConsentSummaryDto.from(await this.mediation.consents(actor, id));
  }

  @Post('cases/:id/consents')
  @Access({ roles: ['director', 'mediator', 'intake_clerk'] })
  @ApiOperation({
    summary: '记录当事人调解意愿 (record a party\'s consent or refusal)',
    description: 'Mediation is voluntary (人民调解法 Art.17). A clear refusal ends the mediation at once: the case fails with the roads the law leaves open for its track (decision.mediation.roads), its mediation clocks are cancelled and the mediator and director are told.',
  })
  @ApiBody({
    type: RecordConsentDto,
    examples: {
      agree: { summary: '书面同意', value: { partyId: '5d2b7c1e-9a3f-4e8b-b6c4-1f2e3d4c5b6a', decision: 'agree', method: 'written', note: '当事人在《人民调解申请书》上签字同意调解' } },
      refuse: { summary: '电话明确拒绝', value: { partyId: '8e4c2a1b-7d6f-4b3a-9c8e-2d1f4a6b8c0e', decision: 'refuse', method: 'phone', note: '被申请人电话表示不同意调解，要求直接起诉' } },
    },
  })
  @ApiOkResponse({ type: ConsentSummaryDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'CASE.NOT_FOUND', 'CASE.PARTY_NOT_FOUND', 'CASE.INVALID_TRANSITION')
  async recordConsent(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: RecordConsentDto): Promise<ConsentSummaryDto> {
    return ConsentSummaryDto.from(await this.mediation.recordConsent(actor, id, dto, ctx));
  }
}
