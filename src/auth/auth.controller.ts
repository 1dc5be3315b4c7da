import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { requestIdOf } from '../common/http/request-id';
import type { Principal, StaffPrincipal } from '../common/principal';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { toIso } from '../common/time/iso';
import { Access, Actor, AuthedRequest, Public } from './access.decorator';
import { AuthService, IssuedToken } from './auth.service';
import { ChangePasswordDto, MeDto, SignInDto, TokenDto, UserDto } from './dto/auth.dto';
import { PARTNER_KINDS } from './roles';

@ApiTags('auth 登录与身份')
@Controller('v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly ds: DataSource,
  ) {}

  @Post('auth/token')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: '工作人员登录 (staff sign-in)',
    description: 'Exchanges a username and password for a short-lived bearer token. Repeated failures lock the username for a while (429).',
  })
  @ApiBody({ type: SignInDto, examples: { mediator: { summary: '调解员登录', value: { username: 'wangfang', password: 'Qingbo#2026-tj' } } } })
  @ApiOkResponse({ type: TokenDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'AUTH.INVALID_CREDENTIALS', 'AUTH.ACCOUNT_LOCKED')
  async token(@Body() dto: SignInDto, @Req() req: AuthedRequest): Promise<TokenDto> {
    return this.toTokenDto(await this.auth.signIn(dto.username, dto.password, requestIdOf(req)));
  }

  @Get('me')
  @Access({ partners: PARTNER_KINDS })
  @ApiOperation({ summary: '当前身份 (who am I)', description: 'Works with a staff token or a partner API key: the quickest way for an integrator to test a key.' })
  @ApiOkResponse({ type: MeDto })
  async me(@Actor() actor: Principal): Promise<MeDto> {
    const unit = await this.ds.getRepository(OrgUnitEntity).findOneByOrFail({ id: actor.orgUnitId });
    const orgUnit = { id: unit.id, code: unit.code, name: unit.name };
    return actor.type === 'staff'
      ? { type: 'staff', id: actor.id, name: actor.displayName, roles: actor.roles, orgUnit }
      : { type: 'partner', id: actor.id, name: actor.name, partnerKind: actor.kind, keyPrefix: actor.keyPrefix, orgUnit };
  }

  @Post('me/password')
  @Access()
  @HttpCode(200)
  @ApiOperation({ summary: '修改本人密码 (change your password)', description: 'Signs out your other sessions and returns a fresh token for this one.' })
  @ApiBody({ type: ChangePasswordDto, examples: { change: { value: { currentPassword: 'Qingbo#2026-tj', newPassword: 'Xihu-tiaojie-2027' } } } })
  @ApiOkResponse({ type: TokenDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'AUTH.WRONG_PASSWORD')
  async changePassword(@Actor() actor: Principal, @Body() dto: ChangePasswordDto, @Req() req: AuthedRequest): Promise<TokenDto> {
    return this.toTokenDto(await this.auth.changeOwnPassword(actor as StaffPrincipal, dto.currentPassword, dto.newPassword, requestIdOf(req)));
  }

  private toTokenDto(t: IssuedToken): TokenDto {
    return {
      accessToken: t.accessToken,
      tokenType: 'Bearer',
      expiresIn: t.expiresIn,
      expiresAt: toIso(t.expiresAt),
      user: UserDto.from(t.user),
    };
  }
}
