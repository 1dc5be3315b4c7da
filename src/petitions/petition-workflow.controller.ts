import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { Access, Actor, AuditCtx } from '../auth/access.decorator';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import type { ErrorCode } from '../common/errors/error-catalog';
import { etagOf, IfMatch } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import type { StaffPrincipal } from '../common/principal';
import {
  AcceptPetitionDto, ClosureDto, DeclinePetitionDto, DeliveryDto, DivertPetitionDto, EvaluationDto, ExtendPetitionDto, LeaderAssignmentInputDto, OpenMediationDto, ReplyDto,
  ReviewRequestDto, TransferPetitionDto,
} from './dto/petition-actions.dto';
import { PetitionDto, PetitionView } from './dto/petition.dto';
import { PetitionWorkflowService } from './petition-workflow.service';

/** What every change may answer besides its own rule. */
const CHANGE: ErrorCode[] = ['REQUEST.VALIDATION_FAILED', 'PETITION.NOT_FOUND', 'PETITION.INVALID_TRANSITION', 'PETITION.INVALID_ACTION', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED'];
const HANDLERS = ['petition_officer', 'leader'] as const;

const notice = (servedOn: string, text: string, method = 'post') => ({ servedOn, method, text });

@ApiTags('petitions 信访')
@Controller('v1/petitions')
export class PetitionWorkflowController {
  constructor(private readonly workflow: PetitionWorkflowService) {}

  private reply(res: Response, v: PetitionView): PetitionDto {
    const body = PetitionDto.from(v);
    res.setHeader('ETag', etagOf(body.version));
    return body;
  }

  @Post(':id/acceptance')
  @Access({ roles: HANDLERS })
  @HttpCode(200)
  @ApiOperation({
    summary: '受理 (accept a claim or suggestion for handling; the petitioner is told)',
    description: 'Meets the 15-day routing clock (X1). A claim (申诉求决) starts the 60 days to a written decision, counted from acceptance (X4, Art.34); a suggestion is studied and answered (Art.29). Accusations go to the discipline bodies through diversion. Needs If-Match.',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: AcceptPetitionDto, examples: { claim: { summary: '受理申诉求决类事项', value: { category: 'claim', acceptedOn: '2026-07-03', notice: notice('2026-07-03', '您反映的拆违认定问题已于2026年7月3日受理，本机关将在六十日内办结并出具信访处理意见书。') } } } })
  @ApiOkResponse({ type: PetitionDto })
  @ApiProblems(...CHANGE)
  async accept(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: AcceptPetitionDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, await this.workflow.accept(actor, id, dto, ifMatch, ctx));
  }

  @Post(':id/transfer')
  @Access({ roles: HANDLERS })
  @HttpCode(200)
  @ApiOperation({
    summary: '转送、交办或告知 (route to the organ with power to handle it, or tell the petitioner where to go)',
    description: 'transfer 转送 / assign 交办 (Art.22) / inform 告知 (Art.23 ¶1): meets the routing clock; the petitioner\'s notice is recorded. Needs If-Match.',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: TransferPetitionDto, examples: { transfer: { summary: '转送区住建局', value: { mode: 'transfer', organ: '杭州市上城区住房和城乡建设局', notice: notice('2026-07-06', '您反映的住宅专项维修资金问题已转送杭州市上城区住房和城乡建设局办理，请向该局了解办理情况。') } } } })
  @ApiOkResponse({ type: PetitionDto })
  @ApiProblems(...CHANGE)
  async transfer(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: TransferPetitionDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, await this.workflow.transfer(actor, id, dto, ifMatch, ctx));
  }

  @Post(':id/diversion')
  @Access({ roles: HANDLERS })
  @HttpCode(200)
  @ApiOperation({
    summary: '导入法定途径 (诉访分离: lead a claim into litigation, arbitration, administrative review, the procuratorate or police; accusations to 纪检监察)',
    description: 'Art.31: claims that belong to a legal procedure are led into it; 涉法涉诉 letters go to the 政法 department of the same level (Art.22 ¶2); accusations to the discipline inspection organs (Art.30). The road, the organ and the written notice to the petitioner are recorded; running clocks stop. Needs If-Match.',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({
    type: DivertPetitionDto,
    examples: {
      politicalLegal: { summary: '涉法涉诉：转区委政法委', value: { category: 'claim', road: 'political_legal', organ: '中共杭州市上城区委政法委员会', reason: '信访人对已生效民事判决不服，属涉法涉诉事项', notice: notice('2026-09-15', '您反映的事项属于对人民法院生效判决不服，依照《信访工作条例》第二十二条第二款，已转同级政法部门依法处理；您也可以依法向人民法院申请再审。') } },
      arbitration: { summary: '劳动争议：导入仲裁', value: { category: 'claim', road: 'arbitration', organ: '杭州市上城区劳动人事争议仲裁委员会', notice: notice('2026-09-15', '您反映的欠薪问题属于劳动争议，请自知道权利被侵害之日起一年内向杭州市上城区劳动人事争议仲裁委员会申请仲裁。', 'in_person') } },
    },
  })
  @ApiOkResponse({ type: PetitionDto })
  @ApiProblems(...CHANGE)
  async divert(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: DivertPetitionDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, await this.workflow.divert(actor, id, dto, ifMatch, ctx));
  }

  @Post(':id/non-acceptance')
  @Access({ roles: HANDLERS })
  @HttpCode(200)
  @ApiOperation({ summary: '不予受理 (decline, with the rule and the notice)', description: 'E.g. a repeat of a matter accepted by a lower organ and still in handling, raised with this higher organ (Art.19 ¶3). Meets the routing clock. Needs If-Match.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: DeclinePetitionDto, examples: { repeat: { summary: '重复信访不予受理', value: { reason: '同一信访事项已由清波街道受理、正在办理，依照信访工作条例第十九条第三款不予受理。', basis: '信访工作条例 第十九条第三款', notice: notice('2026-07-10', '您反映的事项已由清波街道办事处受理、正在办理，请等待办理结果；对处理意见不服的，可以依法请求复查。') } } } })
  @ApiOkResponse({ type: PetitionDto })
  @ApiProblems(...CHANGE)
  async decline(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: DeclinePetitionDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, await this.workflow.decline(actor, id, dto, ifMatch, ctx));
  }

  @Post(':id/extension')
  @Access({ roles: HANDLERS })
  @HttpCode(200)
  @ApiOperation({
    summary: '延长办理期限 (extend handling by at most 30 days, with the head\'s approval, telling the petitioner why)',
    description: 'Art.34: counted from the current last day; at most 30 days in all; only with 本机关负责人 approval (head_approval) and a reason, which the petitioner is told (petitionerNotifiedOn). A request without the approval is refused with DEADLINE.EXTENSION_REFUSED naming the rule. Needs If-Match.',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: ExtendPetitionDto, examples: { approved: { summary: '负责人批准延长 30 日', value: { duration: 30, approval: { kind: 'head_approval', by: '清波街道办事处主任 周明', reason: '涉及规划、城管多个部门，需调取1985年建房审批档案' }, petitionerNotifiedOn: '2026-08-25' } } } })
  @ApiOkResponse({ type: PetitionDto })
  @ApiProblems(...CHANGE, 'DEADLINE.EXTENSION_REFUSED', 'DEADLINE.NOT_FOUND')
  async extend(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: ExtendPetitionDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, await this.workflow.extend(actor, id, dto, ifMatch, ctx));
  }

  @Post(':id/reply')
  @Access({ roles: HANDLERS })
  @HttpCode(200)
  @ApiOperation({ summary: '出具信访处理意见书 (the written decision: support, explain, or not supported)', description: 'Art.32; meets the handling clock (X4). deliveredOn (the petitioner received it) starts their 30 days to request 复查; it may be recorded later through /delivery. Needs If-Match.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: ReplyDto, examples: { notSupported: { summary: '不予支持', value: { result: 'not_supported', summary: '经调查，该杂物间未取得规划许可，认定为违法建筑事实清楚，限期拆除决定并无不当，对信访人的请求不予支持。', issuedOn: '2026-09-03', deliveredOn: '2026-09-04' } } } })
  @ApiOkResponse({ type: PetitionDto })
  @ApiProblems(...CHANGE)
  async answer(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: ReplyDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, await this.workflow.reply(actor, id, dto, ifMatch, ctx));
  }

  @Post(':id/delivery')
  @Access({ roles: HANDLERS })
  @HttpCode(200)
  @ApiOperation({ summary: '记录送达 (the day the petitioner received a written answer)', description: 'For an answer recorded without it (sent by post). The 30 days to contest the answer run from the next day. Needs If-Match.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: DeliveryDto, examples: { posted: { summary: '邮寄送达回证', value: { stage: 'reply', deliveredOn: '2026-09-04' } } } })
  @ApiOkResponse({ type: PetitionDto })
  @ApiProblems(...CHANGE)
  async delivery(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: DeliveryDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, await this.workflow.recordDelivery(actor, id, dto, ifMatch, ctx));
  }

  @Post(':id/review-request')
  @Access({ roles: HANDLERS })
  @HttpCode(200)
  @ApiOperation({
    summary: '登记复查请求 (a request for review, within 30 days of receiving the decision)',
    description: 'Art.35: refused with PETITION.REQUEST_TOO_LATE after the thirtieth day from receipt (a last day on a rest day runs to the next working day). Starts the reviewing organ\'s 30 days (X5) from the day it received the request. Claims only. Needs If-Match.',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: ReviewRequestDto, examples: { review: { summary: '向区政府请求复查', value: { requestedOn: '2026-10-08', organ: '杭州市上城区人民政府', grounds: '信访人认为处理意见未考虑1985年村集体建房批准材料' } } } })
  @ApiOkResponse({ type: PetitionDto })
  @ApiProblems(...CHANGE, 'PETITION.REQUEST_TOO_LATE')
  async reviewRequest(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: ReviewRequestDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, await this.workflow.requestReview(actor, id, dto, ifMatch, ctx));
  }

  @Post(':id/review-reply')
  @Access({ roles: HANDLERS })
  @HttpCode(200)
  @ApiOperation({ summary: '出具复查意见 (the review opinion)', description: 'Meets the review clock (X5). Its delivery starts the 30 days to request 复核. Needs If-Match.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: ReplyDto, examples: { upheld: { summary: '维持原处理意见', value: { result: 'not_supported', summary: '经复查，原处理意见认定事实清楚、适用依据正确，予以维持。', issuedOn: '2026-10-30', deliveredOn: '2026-11-02' } } } })
  @ApiOkResponse({ type: PetitionDto })
  @ApiProblems(...CHANGE)
  async reviewReply(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: ReplyDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, await this.workflow.reviewReply(actor, id, dto, ifMatch, ctx));
  }

  @Post(':id/re-review-request')
  @Access({ roles: HANDLERS })
  @HttpCode(200)
  @ApiOperation({ summary: '登记复核请求 (a request for re-review, within 30 days of receiving the review opinion)', description: 'Art.36 ¶1: refused with PETITION.REQUEST_TOO_LATE after the window. Starts the 30 days of X6 (hearing time excluded: pause the deadline during a 听证). Needs If-Match.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: ReviewRequestDto, examples: { reReview: { summary: '向市政府请求复核', value: { requestedOn: '2026-11-11', organ: '杭州市人民政府', grounds: '信访人认为复查未听取其陈述' } } } })
  @ApiOkResponse({ type: PetitionDto })
  @ApiProblems(...CHANGE, 'PETITION.REQUEST_TOO_LATE')
  async reReviewRequest(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: ReviewRequestDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, await this.workflow.requestReReview(actor, id, dto, ifMatch, ctx));
  }

  @Post(':id/re-review-reply')
  @Access({ roles: HANDLERS })
  @HttpCode(200)
  @ApiOperation({ summary: '出具复核意见 (the re-review opinion: the matter is final)', description: 'Meets the re-review clock (X6). The petition is final: the same facts and reasons are not accepted again (Art.36 ¶3), which registration enforces. Needs If-Match.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: ReplyDto, examples: { final: { summary: '复核维持', value: { result: 'not_supported', summary: '经复核，复查意见认定事实清楚，予以维持。本复核意见为终结意见。', issuedOn: '2026-12-04', deliveredOn: '2026-12-07' } } } })
  @ApiOkResponse({ type: PetitionDto })
  @ApiProblems(...CHANGE)
  async reReviewReply(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: ReplyDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, await this.workflow.reReviewReply(actor, id, dto, ifMatch, ctx));
  }

  @Post(':id/evaluations')
  @Access({ roles: HANDLERS })
  @HttpCode(200)
  @ApiOperation({ summary: '满意度评价 (the petitioner\'s rating of a written answer)', description: '满意 / 基本满意 / 不满意 of the 信访处理意见, 复查意见 or 复核意见; a later rating of the same answer replaces it (both on the timeline). Needs If-Match.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: EvaluationDto, examples: { dissatisfied: { summary: '不满意', value: { stage: 'reply', rating: 'dissatisfied', note: '信访人认为未考虑其提交的建房审批材料' } } } })
  @ApiOkResponse({ type: PetitionDto })
  @ApiProblems(...CHANGE)
  async evaluate(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: EvaluationDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, await this.workflow.evaluate(actor, id, dto, ifMatch, ctx));
  }

  @Post(':id/closure')
  @Access({ roles: HANDLERS })
  @HttpCode(200)
  @ApiOperation({ summary: '办结 (close after an answer)', description: 'A claim closes once the petitioner said they are (basically) satisfied, or their window to contest the answer has passed; before that PETITION.NOT_CLOSABLE names the last day. Needs If-Match.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: ClosureDto, examples: { satisfied: { summary: '信访人满意', value: { summary: '信访人对处理意见表示满意，事项办结。' } } } })
  @ApiOkResponse({ type: PetitionDto })
  @ApiProblems(...CHANGE, 'PETITION.NOT_CLOSABLE')
  async close(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: ClosureDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, await this.workflow.close(actor, id, dto, ifMatch, ctx));
  }

  @Post(':id/leader-assignment')
  @Access({ roles: ['director'] })
  @HttpCode(200)
  @ApiOperation({
    summary: '指定包案领导 (a director puts a leader in charge of a prominent or backlogged petition)',
    description: '领导包案 (Art.18 ¶2). The leader (role leader, at the petition\'s unit or above) is notified at once, sees it at GET /v1/petitions?leader=me, and hears its clocks\' reminders and misses from now on. Needs If-Match.',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: LeaderAssignmentInputDto, examples: { backlog: { summary: '积案包案', value: { leaderId: '3d6f1a2b-4c5d-4e6f-8a7b-9c0d1e2f3a4b', reason: '重复信访积案，由街道党工委副书记包案化解' } } } })
  @ApiOkResponse({ type: PetitionDto })
  @ApiProblems(...CHANGE, 'PETITION.NOT_A_LEADER')
  async assignLeader(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: LeaderAssignmentInputDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, await this.workflow.assignLeader(actor, id, dto, ifMatch, ctx));
  }

  @Post(':id/mediation')
  @Access({ roles: HANDLERS })
  @HttpCode(200)
  @ApiOperation({
    summary: '信访转调解 (open a dispute case from the petition and link it)',
    description: 'Art.37: the petitioners become the applicants of a new case (channel petition, externalRef = the petition number), which triage then takes. Before acceptance the petition is diverted to people\'s mediation (routing clock met); during handling mediation is the method and the handling clock keeps running. 409 CASE.POSSIBLE_DUPLICATE when open cases look the same (resend with registerAnyway). Needs If-Match.',
  })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: OpenMediationDto, examples: { neighbours: { summary: '邻里纠纷转人民调解', value: { title: '邻里排水纠纷（信访转调解）', respondents: [{ role: 'respondent', kind: 'person', name: '赵强', mobile: '13700001111' }] } } } })
  @ApiOkResponse({ type: PetitionDto })
  @ApiProblems(...CHANGE, 'PETITION.ALREADY_LINKED', 'CASE.POSSIBLE_DUPLICATE', 'CASE.INVALID_REGISTRATION', 'CASE.INVALID_PARTY_DATA', 'ORG_UNIT.NOT_FOUND', 'ORG_UNIT.INACTIVE')
  async mediation(@Actor() actor: StaffPrincipal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: OpenMediationDto, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.reply(res, await this.workflow.openMediation(actor, id, dto, ifMatch, ctx));
  }
}
