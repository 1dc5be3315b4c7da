import { toIso } from '../../common/time/iso';
import { queryBool, trim } from '../../common/http/transforms';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageOf, PageQueryDto } from '../../common/pagination/pagination';
import { ORG_KINDS, ORG_LEVELS, OrgKind, OrgLevel, OrgUnitEntity } from '../org-unit.entity';


export class OrgUnitDto {
  @ApiProperty({ format: 'uuid', example: '0b5e8f0e-6d0a-4c43-9a43-3f1c0c2a9d11' })
  id: string;
  @ApiProperty({ description: '统计用区划代码：区县 6 位，镇街 9 位，村社区 12 位', example: '330102001' })
  code: string;
  @ApiProperty({ example: '清波街道' })
  name: string;
  @ApiProperty({ enum: ORG_LEVELS, example: 'town' })
  level: OrgLevel;
  @ApiProperty({ enum: ORG_KINDS, example: 'street', description: 'district 区, county 县, town 镇, street 街道, village 村, community 社区' })
  kind: OrgKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '5d7c1a52-9a4e-4b53-8c1a-1e2f3a4b5c6d' })
  parentId: string | null;
  @ApiProperty({ type: String, nullable: true, example: '清波街道综治中心' })
  centerName: string | null;
  @ApiProperty({ example: true })
  active: boolean;
  @ApiProperty({ example: 1, description: 'Also sent as the ETag; send it back in If-Match to change the unit' })
  version: number;
  @ApiProperty({ example: '2026-11-23T09:30:00.000+08:00' })
  createdAt: string;
  @ApiProperty({ example: '2026-11-23T09:30:00.000+08:00' })
  updatedAt: string;

  static from(e: OrgUnitEntity): OrgUnitDto {
    return {
      id: e.id,
      code: e.code,
      name: e.name,
      level: e.level,
      kind: e.kind,
      parentId: e.parentId,
      centerName: e.centerName,
      active: e.active,
      version: e.version,
      createdAt: toIso(e.createdAt),
      updatedAt: toIso(e.updatedAt),
    };
  }
}

export const OrgUnitPage = PageOf(OrgUnitDto, 'OrgUnitPage');

export class CreateOrgUnitDto {
  @ApiProperty({ format: 'uuid', description: '上级单位 (parent unit); the root county is created at first start' })
  @IsUUID()
  parentId: string;

  @ApiProperty({ description: '统计用区划代码，须以上级代码开头：镇街 9 位，村社区 12 位', example: '330102001' })
  @Matches(/^\d{9}(\d{3})?$/)
  code: string;

  @ApiProperty({ example: '清波街道', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: ['town', 'street', 'village', 'community'], example: 'street' })
  @IsIn(['town', 'street', 'village', 'community'])
  kind: OrgKind;

  @ApiPropertyOptional({ example: '清波街道综治中心', maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  centerName?: string;
}

export class UpdateOrgUnitDto {
  @ApiPropertyOptional({ example: '清波街道', maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '清波街道综治中心' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  centerName?: string | null;

  @ApiPropertyOptional({ example: false, description: '停用 (false) 或启用 (true)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ListOrgUnitsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只列直接下级 (direct children of this unit)' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ enum: ORG_LEVELS })
  @IsOptional()
  @IsIn(ORG_LEVELS)
  level?: OrgLevel;

  @ApiPropertyOptional({ description: '名称或代码包含 (name or code contains)', example: '清波' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ description: '是否只看启用的单位', example: true })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean()
  active?: boolean;
}
