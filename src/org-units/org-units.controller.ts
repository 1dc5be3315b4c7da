import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, Actor, AuditCtx } from '../auth/access.decorator';
import type { AuditContext } from '../audit/audit.service';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { etagOf, IfMatch } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import type { Principal } from '../common/principal';
import { CreateOrgUnitDto, ListOrgUnitsQueryDto, OrgUnitDto, OrgUnitPage, UpdateOrgUnitDto } from './dto/org-unit.dto';
import { OrgUnitsService } from './org-units.service';

@ApiTags('org-units 单位')
@Controller('v1/org-units')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  @Get()
  @Access({ partners: ['court', 'police', 'petition_bureau', 'hotline', 'grid'] })
  @ApiOperation({ summary: '列出管辖范围内的单位 (units in your scope)', description: 'Your own unit and everything below it, ordered by code. Partners see the subtree of the unit they serve.' })
  @ApiOkResponse({ type: OrgUnitPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REQUEST.INVALID_CURSOR')
  async list(@Actor() actor: Principal, @Query() query: ListOrgUnitsQueryDto) {
    const page = await this.units.list(actor, query);
    return { items: page.items.map(OrgUnitDto.from), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Access({ partners: ['court', 'police', 'petition_bureau', 'hotline', 'grid'] })
  @ApiOperation({ summary: '查看单位 (read a unit)', description: 'The ETag header carries the version to send back in If-Match.' })
  @ApiOkResponse({ type: OrgUnitDto, headers: { ETag: { description: 'Version of the unit', schema: { type: 'string', example: '"1"' } } } })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'ORG_UNIT.NOT_FOUND')
  async get(@Actor() actor: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response) {
    const unit = await this.units.getInScope(actor, id);
    res.setHeader('ETag', etagOf(unit.version));
    return OrgUnitDto.from(unit);
  }

  @Post()
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: '新建下级单位 (create a town, street, village or community)', description: 'The code must extend the parent code: 9 digits under a county, 12 under a town.' })
  @ApiBody({
    type: CreateOrgUnitDto,
    examples: {
      street: { summary: '街道', value: { parentId: '5d7c1a52-9a4e-4b53-8c1a-1e2f3a4b5c6d', code: '330102001', name: '清波街道', kind: 'street', centerName: '清波街道综治中心' } },
      community: { summary: '社区', value: { parentId: '0b5e8f0e-6d0a-4c43-9a43-3f1c0c2a9d11', code: '330102001001', name: '清波门社区', kind: 'community', centerName: '清波门社区人民调解委员会' } },
    },
  })
  @ApiCreatedResponse({ type: OrgUnitDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'ORG_UNIT.NOT_FOUND', 'ORG_UNIT.CODE_TAKEN', 'ORG_UNIT.INVALID_PARENT', 'ORG_UNIT.CODE_MISMATCH', 'ORG_UNIT.INACTIVE')
  async create(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Body() dto: CreateOrgUnitDto, @Res({ passthrough: true }) res: Response) {
    const unit = await this.units.create(actor, dto, ctx);
    res.setHeader('ETag', etagOf(unit.version));
    res.setHeader('Location', `/v1/org-units/${unit.id}`);
    return OrgUnitDto.from(unit);
  }

  @Patch(':id')
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: '修改单位 (rename, set the center name, deactivate or reactivate)' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from the last read, e.g. "3"' })
  @ApiBody({ type: UpdateOrgUnitDto, examples: { rename: { value: { name: '清波街道', centerName: '清波街道矛盾纠纷调处化解中心' } }, deactivate: { value: { active: false } } } })
  @ApiOkResponse({ type: OrgUnitDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'ORG_UNIT.NOT_FOUND', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED', 'ORG_UNIT.HAS_ACTIVE_CHILDREN', 'ORG_UNIT.ROOT_IMMUTABLE')
  async update(
    @Actor() actor: Principal,
    @AuditCtx() ctx: AuditContext,
    @Param('id', UuidParam()) id: string,
    @Body() dto: UpdateOrgUnitDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const unit = await this.units.update(actor, id, dto, ifMatch, ctx);
    res.setHeader('ETag', etagOf(unit.version));
    return OrgUnitDto.from(unit);
  }
}
