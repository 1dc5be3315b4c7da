import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { PartyInputDto } from '../../cases/dto/case.dto';
import { CivilDate, Text } from '../../common/http/text-fields';
import { APPROVAL_LABELS, ExtensionApprovalKind } from '../../deadlines/deadline-kinds';
import {
  MANUAL_DIVERSION_ROADS, NOTICE_METHODS, NoticeMethod, REPLY_RESULTS, REPLY_STAGES, ReplyResult, ReplyStage, SATISFACTION_RATINGS, SatisfactionRating, TRANSFER_MODES, TransferMode,
} from '../petition-rules';
import type { DiversionRoadCode } from '../petition-rules';

const APPROVAL_KINDS = Object.keys(APPROVAL_LABELS) as ExtensionApprovalKind[];

/** A written notice served on the petitioner: when, how, and what it said. */
export class NoticeDto {
  @ApiProperty({ example: '2026-07-03', description: 'The day it was served or sent' })
  @CivilDate()
  servedOn: string;

  @ApiProperty({ enum: NOTICE_METHODS, example: 'post', description: 'in_person 当面送达, post 邮寄, online 网上信访系统, sms 短信, phone 电话告知并记录' })
  @IsIn(NOTICE_METHODS)
  method: NoticeMethod;

  @ApiProperty({ example: '您反映的事项已于2026年7月3日受理，本机关将在六十日内办结并出具信访处理意见书。', maxLength: 2000 })
  @Text(2000)
  text: string;
}

export class AcceptPetitionDto {
  @ApiProperty({ enum: ['claim', 'suggestion'], example: 'claim', description: 'claim 申诉求决 (60-day handling clock, Art.34) or suggestion 建议意见 (Art.29). Accusations go to the discipline bodies: use diversion' })
  @IsIn(['claim', 'suggestion', 'accusation'])
  category: 'claim' | 'suggestion' | 'accusation';

  @ApiProperty({ example: '2026-07-03', description: '受理之日: the handling period runs from the next day' })
  @CivilDate()
  acceptedOn: string;

  @ApiProperty({ type: NoticeDto, description: '告知信访人接收情况以及处理途径和程序 (Art.23)' })
  @ValidateNested()
  @Type(() => NoticeDto)
  notice: NoticeDto;
}

export class TransferPetitionDto {
  @ApiProperty({ enum: TRANSFER_MODES, example: 'transfer', description: 'transfer 转送, assign 交办 (results to be reported back), inform 告知信访人向有权处理的机关提出' })
  @IsIn(TRANSFER_MODES)
  mode: TransferMode;

  @ApiProperty({ example: '杭州市上城区住房和城乡建设局', maxLength: 100 })
  @Text(100)
  organ: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The organ as a unit of the tree, when it is one' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiProperty({ type: NoticeDto, description: 'What the petitioner was told: where it went (转送、交办去向) or where to go' })
  @ValidateNested()
  @Type(() => NoticeDto)
  notice: NoticeDto;
}

export class DivertPetitionDto {
  @ApiProperty({ enum: ['claim', 'accusation'], example: 'claim' })
  @IsIn(['claim', 'accusation'])
  category: 'claim' | 'accusation';

  @ApiProperty({
    enum: MANUAL_DIVERSION_ROADS,
    example: 'political_legal',
    description:
      'litigation 诉讼, procuratorate 检察机关, police 公安机关, political_legal 涉法涉诉转政法部门 (Art.22 ¶2), arbitration 仲裁, party_appeal 党员申诉, administrative 行政复议等行政程序 (Art.31); discipline_inspection 检举控告转纪检监察 (Art.30)',
  })
  @IsIn(MANUAL_DIVERSION_ROADS)
  road: DiversionRoadCode;

  @ApiProperty({ example: '中共杭州市上城区委政法委员会', maxLength: 100, description: 'The organ the petitioner is sent to' })
  @Text(100)
  organ: string;

  @ApiPropertyOptional({ example: '信访人对已生效民事判决不服，属涉法涉诉事项', maxLength: 1000 })
  @IsOptional()
  @Text(1000)
  reason?: string;

  @ApiProperty({ type: NoticeDto, description: 'The written notice telling the petitioner the legal road (诉访分离)' })
  @ValidateNested()
  @Type(() => NoticeDto)
  notice: NoticeDto;
}

export class DeclinePetitionDto {
  @ApiProperty({ example: '同一信访事项已由清波街道受理、正在办理，依照信访工作条例第十九条第三款不予受理。', maxLength: 1000 })
  @Text(1000)
  reason: string;

  @ApiPropertyOptional({ example: '信访工作条例 第十九条第三款', maxLength: 100, description: 'The rule relied on; defaults to the repeat rule found at registration' })
  @IsOptional()
  @Text(100)
  basis?: string;

  @ApiProperty({ type: NoticeDto })
  @ValidateNested()
  @Type(() => NoticeDto)
  notice: NoticeDto;
}

export class PetitionApprovalDto {
  @ApiProperty({ enum: APPROVAL_KINDS, example: 'head_approval', description: 'Petition handling needs head_approval: 本机关、单位负责人批准 (Art.34)' })
  @IsIn(APPROVAL_KINDS)
  kind: ExtensionApprovalKind;

  @ApiProperty({ example: '清波街道办事处主任 周明', maxLength: 100 })
  @Text(100)
  by: string;

  @ApiProperty({ example: '涉及规划、城管多个部门，需调取1985年建房审批档案', maxLength: 500, description: 'The reason, which the petitioner is told' })
  @Text(500)
  reason: string;
}

export class ExtendPetitionDto {
  @ApiProperty({ example: 30, description: 'Days added to the handling period, counted from its current last day; at most 30 in all (Art.34)' })
  @IsInt()
  @Min(1)
  @Max(365)
  duration: number;

  @ApiPropertyOptional({ type: PetitionApprovalDto, description: "The head's approval; a request without it is refused" })
  @IsOptional()
  @ValidateNested()
  @Type(() => PetitionApprovalDto)
  approval?: PetitionApprovalDto;

  @ApiProperty({ example: '2026-08-25', description: 'The day the petitioner was told the reason for the extension (告知信访人延期理由)' })
  @CivilDate()
  petitionerNotifiedOn: string;
}

export class ReplyDto {
  @ApiProperty({ enum: REPLY_RESULTS, example: 'not_supported', description: 'support 予以支持, explain 解释说明, not_supported 不予支持 (Art.32)' })
  @IsIn(REPLY_RESULTS)
  result: ReplyResult;

  @ApiProperty({ example: '经调查，该杂物间未取得规划许可，认定为违法建筑事实清楚，限期拆除决定并无不当，对信访人的请求不予支持。', maxLength: 5000 })
  @Text(5000)
  summary: string;

  @ApiPropertyOptional({ example: '杭州市上城区清波街道办事处', maxLength: 100, description: 'The organ that issued it; defaults to the registering unit (复查、复核: the organ named in the request)' })
  @IsOptional()
  @Text(100)
  organ?: string;

  @ApiProperty({ example: '2026-09-03' })
  @CivilDate()
  issuedOn: string;

  @ApiPropertyOptional({ example: '2026-09-04', description: 'The day the petitioner received it (送达回证); may be recorded later through /delivery' })
  @IsOptional()
  @CivilDate()
  deliveredOn?: string;
}

export class DeliveryDto {
  @ApiProperty({ enum: REPLY_STAGES, example: 'reply', description: 'reply 信访处理意见, review 复查意见, re_review 复核意见' })
  @IsIn(REPLY_STAGES)
  stage: ReplyStage;

  @ApiProperty({ example: '2026-09-04' })
  @CivilDate()
  deliveredOn: string;
}

export class ReviewRequestDto {
  @ApiProperty({ example: '2026-10-08', description: 'The day the reviewing organ received the request: within 30 days of the petitioner receiving the answer' })
  @CivilDate()
  requestedOn: string;

  @ApiProperty({ example: '杭州市上城区人民政府', maxLength: 100, description: '复查: the organ above the one that answered; 复核: the organ above the reviewing one' })
  @Text(100)
  organ: string;

  @ApiProperty({ example: '信访人认为处理意见未考虑1985年村集体建房批准材料', maxLength: 2000 })
  @Text(2000)
  grounds: string;
}

export class EvaluationDto {
  @ApiProperty({ enum: REPLY_STAGES, example: 'reply' })
  @IsIn(REPLY_STAGES)
  stage: ReplyStage;

  @ApiProperty({ enum: SATISFACTION_RATINGS, example: 'dissatisfied', description: 'satisfied 满意, basically_satisfied 基本满意, dissatisfied 不满意' })
  @IsIn(SATISFACTION_RATINGS)
  rating: SatisfactionRating;

  @ApiPropertyOptional({ example: '信访人认为未考虑其提交的建房审批材料', maxLength: 500 })
  @IsOptional()
  @Text(500)
  note?: string;
}

export class ClosureDto {
  @ApiProperty({ example: '信访人对处理意见表示满意，事项办结。', maxLength: 1000 })
  @Text(1000)
  summary: string;
}

export class LeaderAssignmentInputDto {
  @ApiProperty({ format: 'uuid', description: 'A staff user with the leader role, at the petition\'s unit or above' })
  @IsUUID()
  leaderId: string;

  @ApiProperty({ example: '重复信访积案，由街道党工委副书记包案化解', maxLength: 500 })
  @Text(500)
  reason: string;
}

export class OpenMediationDto {
  @ApiPropertyOptional({ type: [PartyInputDto], description: 'The other side of the dispute (被申请人); the petitioners become the applicants' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PartyInputDto)
  respondents?: PartyInputDto[];

  @ApiPropertyOptional({ example: '邻里排水纠纷（信访转调解）', maxLength: 200, description: "Defaults to the petition's title" })
  @IsOptional()
  @Text(200)
  title?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The unit that mediates; defaults to the petition's unit" })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ example: false, description: 'Register even though open cases look the same (after 409 CASE.POSSIBLE_DUPLICATE)' })
  @IsOptional()
  @IsBoolean()
  registerAnyway?: boolean;
}
