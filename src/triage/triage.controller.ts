import { trim } from '../common/http/transforms';
import { Body, Controller, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { Access, Actor, AuditCtx } from '../auth/access.decorator';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { DomainError } from '../common/errors/domain-error';
import { etagOf, IfMatch, ifMatchVersions } from '../common/http/etag';
import { YUAN_PATTERN } from '../common/money';
import type { Principal } from '../common/principal';
import { DEFAULT_RULES } from './rules';
import { VULNERABLE_FLAG_CODES } from './taxonomy';
import { TriageService } from './triage.service';


class SuggestPartyDto {
  @ApiProperty({ enum: ['applicant', 'respondent', 'third_party', 'agent'], example: 'applicant' })
  @IsIn(['applicant', 'respondent', 'third_party', 'agent'])
  role: 'applicant' | 'respondent' | 'third_party' | 'agent';

  @ApiPropertyOptional({ enum: VULNERABLE_FLAG_CODES, isArray: true, example: ['elderly_alone'] })
  @IsOptional()
  @IsArray()
  @IsIn(VULNERABLE_FLAG_CODES, { each: true })
  vulnerable?: string[];
}

class SuggestDto {
  @ApiProperty({ example: '讨薪' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '包工头拖欠我们12个农民工三个月工资共计8万元，再不给钱就去堵门。' })
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  description: string;

  @ApiPropertyOptional({ type: [SuggestPartyDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SuggestPartyDto)
  parties?: SuggestPartyDto[];

  @ApiPropertyOptional({ example: '80000.00' })
  @IsOptional()
  @Matches(YUAN_PATTERN)
  amount?: string;

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  priorVisits?: number;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  priorFailedMediation?: boolean;
}

@ApiTags('triage 分流研判')
@Controller('v1/triage')
export class TriageController {
  constructor(private readonly triage: TriageService) {}

  @Post('suggest')
  @Access({ roles: ['intake_clerk', 'director', 'mediator', 'grid_worker', 'petition_officer'] })
  @HttpCode(200)
  @ApiOperation({ summary: '分类与风险预判 (preview category, track and risk for a text)', description: 'What registration would suggest, without storing anything: for the front desk while the clerk types.' })
  @ApiBody({ type: SuggestDto })
  @ApiOkResponse({ schema: { type: 'object', example: { classification: { category: 'labor', subcategory: 'wage_arrears', track: 'labor', confidence: 'high' }, risk: { level: 'orange', reasons: [{ code: 'collective_dispute', level: 'orange', description: '群体性纠纷' }] } } } })
  @ApiProblems('REQUEST.VALIDATION_FAILED')
  async suggest(@Body() dto: SuggestDto) {
    return this.triage.assess({ ...dto, parties: dto.parties ?? [] });
  }

  @Get('rules')
  @Access({ roles: ['admin', 'director', 'intake_clerk'] })
  @ApiOperation({ summary: '分流规则 (the classification and risk rules in force)', description: 'Version 0 means the built-in defaults. The ETag is the version to send in If-Match when replacing them.' })
  @ApiOkResponse({ schema: { type: 'object', example: { version: 0, rules: { classification: DEFAULT_RULES.classification.slice(0, 2), risk: DEFAULT_RULES.risk.slice(0, 1) } } } })
  async rules(@Res({ passthrough: true }) res: Response) {
    const current = await this.triage.current();
    res.setHeader('ETag', etagOf(current.version));
    return current;
  }

  @Put('rules')
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: '修改分流规则 (replace the rules)', description: 'Saves a new version (old versions are kept). Validated as a whole: nothing is saved if any rule is wrong. Needs If-Match with the current version.' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'e.g. "0" for the defaults' })
  @ApiBody({ schema: { type: 'object', example: { classification: DEFAULT_RULES.classification.slice(0, 2), risk: DEFAULT_RULES.risk.slice(0, 1) } } })
  @ApiOkResponse({ schema: { type: 'object', example: { version: 1 } } })
  @ApiProblems('TRIAGE.INVALID_RULES', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async replace(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Body() body: Record<string, unknown>, @IfMatch() ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    if (!ifMatch) throw new DomainError('REQUEST.PRECONDITION_REQUIRED');
    const [expected] = ifMatchVersions(ifMatch);
    if (expected === undefined) throw new DomainError('REQUEST.PRECONDITION_FAILED', { current: etagOf((await this.triage.current()).version) });
    const saved = await this.triage.replace(body, expected, actor.id, ctx, actor.orgUnitId);
    res.setHeader('ETag', etagOf(saved.version));
    return saved;
  }
}
