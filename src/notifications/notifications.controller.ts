import { queryBool } from '../common/http/transforms';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { DataSource, IsNull } from 'typeorm';
import { Access, Actor } from '../auth/access.decorator';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { DomainError } from '../common/errors/domain-error';
import { UuidParam } from '../common/http/uuid-param';
import { PageOf, PageQueryDto, paginate } from '../common/pagination/pagination';
import type { Principal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { toIso } from '../common/time/iso';
import { NotificationEntity } from './notification.entity';

class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'case.red_risk' })
  kind: string;
  @ApiProperty({ example: '红色预警：TJ-330102001-2026-000123 农民工讨要拖欠工资' })
  title: string;
  @ApiProperty({ example: '清波街道登记的案件 TJ-330102001-2026-000123 被评为红色风险：文本中有自伤自杀表述。请立即研判处置，并通报公安机关。' })
  body: string;
  @ApiProperty({ type: String, nullable: true, example: 'case' })
  subjectType: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  subjectId: string | null;
  @ApiProperty({ example: '2026-11-23T09:30:00.000+08:00', description: 'When it was shown (a reminder written ahead shows at its time)' })
  createdAt: string;
  @ApiProperty({ type: String, nullable: true, example: null })
  readAt: string | null;

  static from(n: NotificationEntity): NotificationDto {
    return { id: n.id, kind: n.kind, title: n.title, body: n.body, subjectType: n.subjectType, subjectId: n.subjectId, createdAt: toIso(n.visibleAt), readAt: n.readAt ? toIso(n.readAt) : null };
  }
}

const NotificationPage = PageOf(NotificationDto, 'NotificationPage');

class ListNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: true, description: 'Only unread messages' })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean()
  unread?: boolean;
}

/** Staff members' in-app messages (站内消息): alerts now, reminders and escalations later. */
@ApiTags('notifications 站内消息')
@Controller('v1/notifications')
@Access()
export class NotificationsController {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: '我的消息 (your in-app messages)', description: 'Newest first.' })
  @ApiOkResponse({ type: NotificationPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REQUEST.INVALID_CURSOR')
  async list(@Actor() actor: Principal, @Query() q: ListNotificationsQueryDto) {
    const qb = this.ds.getRepository(NotificationEntity).createQueryBuilder('n').where('n.recipientId = :me AND n.visibleAt <= :now', { me: actor.id, now: this.clock.now() });
    if (q.unread) qb.andWhere('n.readAt IS NULL');
    const page = await paginate(qb, { column: 'n.visibleAt', idColumn: 'n.id', key: (n) => n.visibleAt, direction: 'DESC' }, q);
    return { items: page.items.map(NotificationDto.from), nextCursor: page.nextCursor };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标记已读 (mark as read)', description: 'Idempotent.' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'NOTIFICATION.NOT_FOUND')
  async read(@Actor() actor: Principal, @Param('id', UuidParam()) id: string) {
    const repo = this.ds.getRepository(NotificationEntity);
    await repo.update({ id, recipientId: actor.id, readAt: IsNull() }, { readAt: this.clock.now() });
    const n = await repo.findOneBy({ id, recipientId: actor.id });
    if (!n) throw new DomainError('NOTIFICATION.NOT_FOUND', { id });
    return NotificationDto.from(n);
  }
}
