import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { etagOf, IfMatch } from '../common/http/etag';
import { UuidParam } from '../common/http/uuid-param';
import type { Principal } from '../common/principal';
import { Access, Actor, AuditCtx } from './access.decorator';
import { CreatedUserDto, CreateUserDto, ListUsersQueryDto, ResetPasswordDto, ResetPasswordResultDto, UpdateUserDto, UserDto, UserPage } from './dto/auth.dto';
import { UsersService } from './users.service';

@ApiTags('users 工作人员')
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access({ roles: ['admin', 'director', 'auditor'] })
  @ApiOperation({ summary: '列出管辖范围内的工作人员 (staff in your scope)', description: 'Directors use it to pick mediators; filter by unit, role and name.' })
  @ApiOkResponse({ type: UserPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REQUEST.INVALID_CURSOR')
  async list(@Actor() actor: Principal, @Query() q: ListUsersQueryDto) {
    const page = await this.users.list(actor, q);
    return { items: page.items.map(UserDto.from), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Access({ roles: ['admin', 'director', 'auditor'] })
  @ApiOperation({ summary: '查看工作人员 (read a staff user)' })
  @ApiOkResponse({ type: UserDto, headers: { ETag: { schema: { type: 'string', example: '"2"' } } } })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'USER.NOT_FOUND')
  async get(@Actor() actor: Principal, @Param('id', UuidParam()) id: string, @Res({ passthrough: true }) res: Response) {
    const user = await this.users.getInScope(actor, id);
    res.setHeader('ETag', etagOf(user.version));
    return UserDto.from(user);
  }

  @Post()
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: '新建工作人员 (create a staff user)', description: 'Without a password, one is generated and returned once in initialPassword.' })
  @ApiBody({
    type: CreateUserDto,
    examples: {
      mediator: { summary: '街道调解员', value: { username: 'wangfang', displayName: '王芳', roles: ['mediator'], orgUnitId: '0b5e8f0e-6d0a-4c43-9a43-3f1c0c2a9d11' } },
      director: { summary: '中心主任兼调解员', value: { username: 'lijianguo', displayName: '李建国', roles: ['director', 'mediator'], orgUnitId: '5d7c1a52-9a4e-4b53-8c1a-1e2f3a4b5c6d', password: 'Shangcheng-2026!' } },
    },
  })
  @ApiCreatedResponse({ type: CreatedUserDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'ORG_UNIT.NOT_FOUND', 'ORG_UNIT.INACTIVE', 'USER.USERNAME_TAKEN')
  async create(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Body() dto: CreateUserDto, @Res({ passthrough: true }) res: Response): Promise<CreatedUserDto> {
    const { user, initialPassword } = await this.users.create(actor, dto, ctx);
    res.setHeader('ETag', etagOf(user.version));
    res.setHeader('Location', `/v1/users/${user.id}`);
    return { ...UserDto.from(user), ...(initialPassword ? { initialPassword } : {}) };
  }

  @Patch(':id')
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: '修改工作人员 (change name, roles, unit; deactivate)', description: 'A change of roles or unit, or deactivation, signs the user out everywhere.' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from the last read' })
  @ApiBody({ type: UpdateUserDto, examples: { roles: { value: { roles: ['mediator', 'director'] } }, deactivate: { value: { active: false } } } })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'USER.NOT_FOUND', 'ORG_UNIT.NOT_FOUND', 'ORG_UNIT.INACTIVE', 'USER.CANNOT_DISABLE_SELF', 'REQUEST.PRECONDITION_REQUIRED', 'REQUEST.PRECONDITION_FAILED')
  async update(
    @Actor() actor: Principal,
    @AuditCtx() ctx: AuditContext,
    @Param('id', UuidParam()) id: string,
    @Body() dto: UpdateUserDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const user = await this.users.update(actor, id, dto, ifMatch, ctx);
    res.setHeader('ETag', etagOf(user.version));
    return UserDto.from(user);
  }

  @Post(':id/reset-password')
  @Access({ roles: ['admin'] })
  @HttpCode(200)
  @ApiOperation({ summary: '重置密码 (reset a password)', description: 'Signs the user out everywhere. Without a password, one is generated and returned once.' })
  @ApiBody({ type: ResetPasswordDto, examples: { generate: { value: {} } } })
  @ApiOkResponse({ type: ResetPasswordResultDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'USER.NOT_FOUND')
  async resetPassword(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Param('id', UuidParam()) id: string, @Body() dto: ResetPasswordDto): Promise<ResetPasswordResultDto> {
    const { user, password } = await this.users.resetPassword(actor, id, dto.password, ctx);
    return { user: UserDto.from(user), ...(password ? { password } : {}) };
  }
}
