import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Access, Actor } from '../auth/access.decorator';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { DomainError } from '../common/errors/domain-error';
import { paginate } from '../common/pagination/pagination';
import type { Principal } from '../common/principal';
import { scopePattern } from '../org-units/org-units.service';
import { AuditEventEntity } from './audit-event.entity';
import { AuditEventDto, AuditEventPage, ListAuditEventsQueryDto } from './audit.dto';

const MAX_DAYS = 366;

@ApiTags('audit 审计')
@Controller('v1/audit-events')
export class AuditController {
  constructor(private readonly ds: DataSource) {}

  @Get()
  @Access({ roles: ['auditor', 'admin'] })
  @ApiOperation({
    summary: '审计记录 (audit trail by actor, subject and period)',
    description: 'Newest first. Only changes to subjects in your unit and below. Personal data appears masked.',
  })
  @ApiOkResponse({ type: AuditEventPage })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REQUEST.INVALID_CURSOR', 'AUDIT.INVALID_PERIOD')
  async list(@Actor() actor: Principal, @Query() q: ListAuditEventsQueryDto) {
    const from = q.from ? new Date(q.from) : undefined;
    const to = q.to ? new Date(q.to) : undefined;
    if (from && to && (from >= to || to.getTime() - from.getTime() > MAX_DAYS * 86400_000)) throw new DomainError('AUDIT.INVALID_PERIOD', { maxDays: MAX_DAYS });
    const qb = this.ds
      .getRepository(AuditEventEntity)
      .createQueryBuilder('a')
      .innerJoin('org_units', 'unit', 'unit.id = a.org_unit_id')
      .where('unit.path LIKE :scope', { scope: scopePattern(actor.orgUnitPath) });
    if (q.actorId) qb.andWhere('a.actorId = :actorId', { actorId: q.actorId });
    if (q.subjectType) qb.andWhere('a.subjectType = :subjectType', { subjectType: q.subjectType });
    if (q.subjectId) qb.andWhere('a.subjectId = :subjectId', { subjectId: q.subjectId });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    if (from) qb.andWhere('a.occurredAt >= :from', { from });
    if (to) qb.andWhere('a.occurredAt < :to', { to });
    const page = await paginate(qb, { column: 'a.seq', idColumn: 'a.id', key: (a) => a.seq, direction: 'DESC' }, q);
    return { items: page.items.map(AuditEventDto.from), nextCursor: page.nextCursor };
  }
}
