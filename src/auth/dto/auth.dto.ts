import { lowerTrim, queryBool, trim } from '../../common/http/transforms';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageOf, PageQueryDto } from '../../common/pagination/pagination';
import { toIso } from '../../common/time/iso';
import type { ApiKeyEntity } from '../api-key.entity';
import type { PartnerEntity } from '../partner.entity';
import { PARTNER_KINDS, PartnerKind, STAFF_ROLES, StaffRole } from '../roles';
import type { StaffUserEntity } from '../staff-user.entity';

const optionalIso = (d: Date | null) => (d ? toIso(d) : null);

export class SignInDto {
  @ApiProperty({ example: 'wangfang' })
  @Transform(lowerTrim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'Qingbo#2026-tj', format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid', example: '3f6c8a2e-4b1d-4e7a-9c3b-7d2e1f0a9b8c' })
  id: string;
  @ApiProperty({ example: 'wangfang' })
  username: string;
  @ApiProperty({ example: '王芳' })
  displayName: string;
  @ApiProperty({ enum: STAFF_ROLES, isArray: true, example: ['mediator'] })
  roles: StaffRole[];
  @ApiProperty({ format: 'uuid', example: '0b5e8f0e-6d0a-4c43-9a43-3f1c0c2a9d11' })
  orgUnitId: string;
  @ApiProperty({ example: true })
  active: boolean;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-23T08:55:12.000+08:00' })
  lastSignInAt: string | null;
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ example: '2026-11-20T10:00:00.000+08:00' })
  createdAt: string;
  @ApiProperty({ example: '2026-11-23T08:55:12.000+08:00' })
  updatedAt: string;

  static from(u: StaffUserEntity): UserDto {
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      orgUnitId: u.orgUnitId,
      active: u.active,
      lastSignInAt: optionalIso(u.lastSignInAt),
      version: u.version,
      createdAt: toIso(u.createdAt),
      updatedAt: toIso(u.updatedAt),
    };
  }
}

export const UserPage = PageOf(UserDto, 'UserPage');

export class TokenDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIzZjZj…' })
  accessToken: string;
  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';
  @ApiProperty({ example: 1800, description: 'Seconds until the token expires' })
  expiresIn: number;
  @ApiProperty({ example: '2026-11-23T09:25:12.000+08:00' })
  expiresAt: string;
  @ApiProperty({ type: UserDto })
  user: UserDto;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password', example: 'Qingbo#2026-tj' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ format: 'password', minLength: 10, example: 'Xihu-tiaojie-2027' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  newPassword: string;
}

class MeUnitDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: '330102001' })
  code: string;
  @ApiProperty({ example: '清波街道' })
  name: string;
}

export class MeDto {
  @ApiProperty({ enum: ['staff', 'partner'], example: 'staff' })
  type: 'staff' | 'partner';
  @ApiProperty({ format: 'uuid', description: 'The staff user, or the partner' })
  id: string;
  @ApiProperty({ example: '王芳', description: 'Display name of the user, or the partner name' })
  name: string;
  @ApiPropertyOptional({ enum: STAFF_ROLES, isArray: true, example: ['mediator'] })
  roles?: StaffRole[];
  @ApiPropertyOptional({ enum: PARTNER_KINDS, example: 'court' })
  partnerKind?: PartnerKind;
  @ApiPropertyOptional({ example: 'tjk_3f9a2c1b', description: 'For partners: the prefix of the key used' })
  keyPrefix?: string;
  @ApiProperty({ type: MeUnitDto, description: 'The unit whose subtree you see' })
  orgUnit: MeUnitDto;
}

export class CreateUserDto {
  @ApiProperty({ example: 'wangfang', description: '3-64 lower-case letters, digits, . _ -; used to sign in' })
  @Transform(lowerTrim)
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/)
  username: string;

  @ApiProperty({ example: '王芳', maxLength: 50 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  displayName: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true, example: ['mediator'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true })
  roles: StaffRole[];

  @ApiProperty({ format: 'uuid', example: '0b5e8f0e-6d0a-4c43-9a43-3f1c0c2a9d11' })
  @IsUUID()
  orgUnitId: string;

  @ApiPropertyOptional({ format: 'password', minLength: 10, description: 'Omit to have one generated and returned once' })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;
}

export class CreatedUserDto extends UserDto {
  @ApiPropertyOptional({ example: 'k7Q2-mZp9-xW4d', description: 'Only when the password was generated; shown this once' })
  initialPassword?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: '王芳' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  displayName?: string;

  @ApiPropertyOptional({ enum: STAFF_ROLES, isArray: true, example: ['mediator', 'director'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true })
  roles?: StaffRole[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ example: false, description: 'false signs the user out everywhere and blocks sign-in' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ResetPasswordDto {
  @ApiPropertyOptional({ format: 'password', minLength: 10, description: 'Omit to have one generated and returned once' })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;
}

export class ResetPasswordResultDto {
  @ApiPropertyOptional({ example: 'k7Q2-mZp9-xW4d', description: 'Only when generated; shown this once' })
  password?: string;
  @ApiProperty({ type: UserDto })
  user: UserDto;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Users of this unit only (not its subtree)' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ enum: STAFF_ROLES })
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;

  @ApiPropertyOptional({ description: '姓名或用户名包含', example: '王' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean()
  active?: boolean;
}

export class PartnerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: '杭州市上城区人民法院' })
  name: string;
  @ApiProperty({ enum: PARTNER_KINDS, example: 'court' })
  kind: PartnerKind;
  @ApiProperty({ format: 'uuid', description: 'The unit whose subtree the partner works with' })
  orgUnitId: string;
  @ApiProperty({ type: String, nullable: true, example: 'J3301020', description: "The partner's own code (法院代码, 机构代码)" })
  externalCode: string | null;
  @ApiProperty({ example: true })
  active: boolean;
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ example: '2026-11-20T10:00:00.000+08:00' })
  createdAt: string;

  static from(p: PartnerEntity): PartnerDto {
    return { id: p.id, name: p.name, kind: p.kind, orgUnitId: p.orgUnitId, externalCode: p.externalCode, active: p.active, version: p.version, createdAt: toIso(p.createdAt) };
  }
}

export const PartnerPage = PageOf(PartnerDto, 'PartnerPage');

export class CreatePartnerDto {
  @ApiProperty({ example: '杭州市上城区人民法院', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: PARTNER_KINDS, example: 'court' })
  @IsIn(PARTNER_KINDS)
  kind: PartnerKind;

  @ApiProperty({ format: 'uuid', description: 'The unit it serves; its keys see only that subtree' })
  @IsUUID()
  orgUnitId: string;

  @ApiPropertyOptional({ example: 'J3301020', maxLength: 64 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  externalCode?: string;
}

export class UpdatePartnerDto {
  @ApiPropertyOptional({ example: '杭州市上城区人民法院' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'J3301020' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  externalCode?: string | null;

  @ApiPropertyOptional({ example: false, description: 'false stops every key of the partner at once' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ListPartnersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PARTNER_KINDS })
  @IsOptional()
  @IsIn(PARTNER_KINDS)
  kind?: PartnerKind;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: '诉调对接平台生产环境', maxLength: 100, description: 'What the key is for, to tell keys apart when rotating' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  label: string;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: '诉调对接平台生产环境' })
  label: string;
  @ApiProperty({ example: 'tjk_3f9a2c1b', description: 'The public start of the key, for telling keys apart' })
  prefix: string;
  @ApiProperty({ example: '2026-11-23T09:00:00.000+08:00' })
  createdAt: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-23T09:41:07.000+08:00' })
  lastUsedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null })
  revokedAt: string | null;

  static from(k: ApiKeyEntity): ApiKeyDto {
    return { id: k.id, label: k.label, prefix: k.prefix, createdAt: toIso(k.createdAt), lastUsedAt: optionalIso(k.lastUsedAt), revokedAt: optionalIso(k.revokedAt) };
  }
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ example: 'tjk_3f9a2c1b_Vq3sJ0m2b8xQn4LwR6tY1uZ7aC5eG9iK2oM4pS6vX8z', description: 'The whole key. Shown only in this response: store it in the partner system now' })
  key: string;
}
