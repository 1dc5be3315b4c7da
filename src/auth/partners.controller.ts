import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { etagOf, IfMatch } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import { PageOf, PageQueryDto } from '../common/pagination/pagination';
import type { Principal } from '../common/principal';
import { Access, Actor, AuditCtx } from './access.decorator';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto, CreatePartnerDto, ListPartnersQueryDto, PartnerDto, PartnerPage, UpdatePartnerDto } from './dto/auth.dto';
import { PartnersService } from './partners.service';

const ApiKeyPage = PageOf(ApiKeyDto, 'ApiKeyPage');

@ApiTags('partners 对接单位与 API 密钥')
@Controller('v1/partners')
@Access({ roles: ['admin'] })
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Get()
  @ApiOperation({ summary: '列出对接单位 (partner systems in your scope)' })
  @ApiOkResponse({ type: PartnerPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REQUEST.INVALID_CURSOR')
  async list(@Actor() actor: Principal, @Query() q: ListPartnersQueryDto) {
    const page = await this.partners.list(actor, q);
    return { items: page.items.map(PartnerDto.from), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: '查看对接单位 (read a partner)' })
  @ApiOkResponse({ type: PartnerDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'PARTNER.NOT_FOUND')
  async get(@Actor() actor: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response) {
    const partner = await this.partners.getInScope(actor, id);
    res.setHeader('ETag', etagOf(partner.version));
    return PartnerDto.from(partner);
  }

  @Post()
  @ApiOperation({ summary: '登记对接单位 (register a court, police station, petition bureau, 12345 or grid system)' })
  @ApiBody({
    type: CreatePartnerDto,
    examples: {
      court: { summary: '法院', value: { name: '杭州市上城区人民法院', kind: 'court', orgUnitId: '5d7c1a52-9a4e-4b53-8c1a-1e2f3a4b5c6d', externalCode: 'J3301020' } },
      police: { summary: '派出所', value: { name: '杭州市公安局上城区分局清波派出所', kind: 'police', orgUnitId: '0b5e8f0e-6d0a-4c43-9a43-3f1c0c2a9d11' } },
    },
  })
  @ApiCreatedResponse({ type: PartnerDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'ORG_UNIT.NOT_FOUND', 'ORG_UNIT.INACTIVE')
  async create(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Body() dto: CreatePartnerDto, @Res({ passthrough: true }) res: Response) {
    const partner = await this.partners.create(actor, dto, ctx);
    res.setHeader('ETag', etagOf(partner.version));
    res.setHeader('Location', `/v1/partners/${partner.id}`);
    return PartnerDto.from(partner);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改对接单位 (rename, change code, disable)', description: 'Disabling stops all of its keys at once.' })
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiBody({ type: UpdatePartnerDto, examples: { disable: { value: { active: false } } } })
  @ApiOkResponse({ type: PartnerDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'PARTNER.NOT_FOUND', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async update(
    @Actor() actor: Principal,
    @AuditCtx() ctx: AuditContext,
    @Param('id', UuidParam()) id: string,
    @Body() dto: UpdatePartnerDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const partner = await this.partners.update(actor, id, dto, ifMatch, ctx);
    res.setHeader('ETag', etagOf(partner.version));
    return PartnerDto.from(partner);
  }

  @Post(':id/api-keys')
  @ApiOperation({ summary: '签发 API 密钥 (issue an API key)', description: 'The whole key is in this response only; we keep just its hash. Issue a new key before revoking the old one to rotate without downtime.' })
  @ApiBody({ type: CreateApiKeyDto, examples: { prod: { value: { label: '诉调对接平台生产环境' } } } })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'PARTNER.NOT_FOUND')
  async createKey(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { entity, key } = await this.partners.createKey(actor, id, dto.label, ctx);
    return { ...ApiKeyDto.from(entity), key };
  }

  @Get(':id/api-keys')
  @ApiOperation({ summary: '列出 API 密钥 (list keys, without secrets)' })
  @ApiOkResponse({ type: ApiKeyPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'PARTNER.NOT_FOUND', 'REQUEST.INVALID_CURSOR')
  async listKeys(@Actor() actor: Principal, @Param('id', UuidParam()) id: string, @Query() q: PageQueryDto) {
    const page = await this.partners.listKeys(actor, id, q);
    return { items: page.items.map(ApiKeyDto.from), nextCursor: page.nextCursor };
  }

  @Post(':id/api-keys/:keyId/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: '吊销 API 密钥 (revoke a key)', description: 'Immediate and idempotent: the next request with the key gets 401.' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'PARTNER.NOT_FOUND', 'API_KEY.NOT_FOUND')
  async revokeKey(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Param('keyId', UuidParam('keyId')) keyId: string) {
    return ApiKeyDto.from(await this.partners.revokeKey(actor, id, keyId, ctx));
  }
}
