import { Body, Controller, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiSecurity, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Access, Actor, Public } from '../../auth/access.decorator';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { PageOf, PageQueryDto, paginate } from '../../common/pagination/pagination';
import type { Principal } from '../../common/principal';
import { toIso } from '../../common/time/iso';
import { AppConfig } from '../../config/app-config';
import { scopePattern } from '../../org-units/org-units.service';
import { SMS_STATUSES, SmsMessageEntity, SmsStatus } from './sms-message.entity';
import { SMS_TEMPLATES } from './sms-templates';
import { SmsService } from './sms.service';

class SmsMessageDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  caseId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  partyId: string | null;
  @ApiProperty({ example: 'labor_arbitration_eligible' })
  template: string;
  @ApiProperty({ example: '【矛调中心】您的劳动争议调解（TJ-330102001-2026-000042）自收到申请之日起十五日内未达成协议，您可以依法向劳动人事争议仲裁委员会申请仲裁，仲裁时效为一年。详询清波街道。' })
  text: string;
  @ApiProperty({ example: '138****5678' })
  recipient: string;
  @ApiProperty({ enum: SMS_STATUSES, example: 'delivered' })
  status: SmsStatus;
  @ApiProperty({ type: String, nullable: true, example: 'http' })
  provider: string | null;
  @ApiProperty({ example: 1 })
  attempts: number;
  @ApiProperty({ type: String, nullable: true, example: null })
  lastError: string | null;
  @ApiProperty({ example: '2026-12-09T00:00:05.000+08:00' })
  queuedAt: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-09T00:00:06.000+08:00' })
  sentAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-09T00:00:09.000+08:00' })
  deliveredAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null })
  failedAt: string | null;

  static from(s: SmsMessageEntity): SmsMessageDto {
    const t = (d: Date | null) => (d ? toIso(d) : null);
    return {
      id: s.id, caseId: s.caseId, partyId: s.partyId, template: s.template, text: s.text, recipient: s.recipientMasked, status: s.status, provider: s.provider,
      attempts: s.attempts, lastError: s.lastError, queuedAt: toIso(s.queuedAt), sentAt: t(s.sentAt), deliveredAt: t(s.deliveredAt), failedAt: t(s.failedAt),
    };
  }
}
const SmsPage = PageOf(SmsMessageDto, 'SmsPage');

class ListSmsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "One case's notices (evidence of service)" })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ enum: SMS_STATUSES, example: 'failed' })
  @IsOptional()
  @IsIn(SMS_STATUSES)
  status?: SmsStatus;
}

class SmsReceiptDto {
  @ApiProperty({ example: 'gw-20261209-000123', description: 'The messageId the gateway returned when it accepted the text' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  messageId: string;

  @ApiProperty({ enum: ['delivered', 'failed'], example: 'delivered' })
  @IsIn(['delivered', 'failed'])
  status: 'delivered' | 'failed';

  @ApiPropertyOptional({ example: '用户关机', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  error?: string;
}

@ApiTags('notifications 通知')
@Controller('v1/sms')
export class SmsController {
  constructor(
    private readonly ds: DataSource,
    private readonly sms: SmsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Access({ roles: ['director', 'mediator', 'intake_clerk', 'petition_officer', 'auditor', 'admin', 'leader'] })
  @ApiOperation({
    summary: '短信送达记录 (texts to parties, with their delivery status)',
    description: `Evidence of service: every text sent to a party, newest first, with the number masked. Templates: ${Object.entries(SMS_TEMPLATES).map(([k, v]) => `${k} (${v.label})`).join(', ')}.`,
  })
  @ApiOkResponse({ type: SmsPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REQUEST.INVALID_CURSOR')
  async list(@Actor() actor: Principal, @Query() q: ListSmsQueryDto) {
    const qb = this.ds
      .getRepository(SmsMessageEntity)
      .createQueryBuilder('s')
      .innerJoin('org_units', 'u', 'u.id = s.org_unit_id')
      .where('u.path LIKE :scope', { scope: scopePattern(actor.orgUnitPath) });
    if (q.caseId) qb.andWhere('s.caseId = :caseId', { caseId: q.caseId });
    if (q.status) qb.andWhere('s.status = :status', { status: q.status });
    const page = await paginate(qb, { column: 's.queuedAt', idColumn: 's.id', key: (s) => s.queuedAt, direction: 'DESC' }, q);
    return { items: page.items.map((s) => SmsMessageDto.from(s)), nextCursor: page.nextCursor };
  }

  @Post('receipts')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: '短信回执 (delivery receipt from the SMS gateway)',
    description: 'Called by the SMS gateway configured with SMS_GATEWAY_URL, presenting SMS_GATEWAY_TOKEN in X-Sms-Gateway-Token.',
  })
  @ApiSecurity('smsGatewayToken')
  @ApiBody({ type: SmsReceiptDto, examples: { delivered: { value: { messageId: 'gw-20261209-000123', status: 'delivered' } }, failed: { value: { messageId: 'gw-20261209-000124', status: 'failed', error: '空号' } } } })
  @ApiOkResponse({ type: SmsMessageDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'AUTH.UNAUTHENTICATED', 'AUTH.FORBIDDEN', 'SMS.UNKNOWN_MESSAGE')
  async receipt(@Headers('x-sms-gateway-token') token: string | undefined, @Body() dto: SmsReceiptDto): Promise<SmsMessageDto> {
    const expected = this.config.SMS_GATEWAY_TOKEN;
    // Without a configured gateway nobody may post receipts: refused, not merely unauthenticated.
    if (!expected) throw new DomainError('AUTH.FORBIDDEN', { actor: 'SMS gateway (SMS_GATEWAY_TOKEN not configured)' });
    const given = Buffer.from(token ?? '');
    if (given.length !== Buffer.byteLength(expected) || !timingSafeEqual(given, Buffer.from(expected))) {
      throw new DomainError('AUTH.UNAUTHENTICATED');
    }
    const row = await this.sms.receipt(dto.messageId, dto.status, dto.error);
    if (!row) throw new DomainError('SMS.UNKNOWN_MESSAGE', { messageId: dto.messageId }, [{ field: 'messageId', code: 'unknownMessage', params: {} }]);
    return SmsMessageDto.from(row);
  }
}
