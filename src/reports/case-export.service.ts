import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { CASE_STATUS_LABELS } from '../cases/case-status';
import type { CaseEntity } from '../cases/case.entity';
import { CasesService } from '../cases/cases.service';
import type { ListCasesQueryDto } from '../cases/dto/case.dto';
import { toYuan } from '../common/money';
import type { Principal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { toIso } from '../common/time/iso';
import { localDateOf } from '../deadlines/period';
import { OrgUnitsService } from '../org-units/org-units.service';
import type { ExportCasesQueryDto } from './dto/report.dto';
import { scrubIdentifiers } from './export/scrub';
import { Column, CONTENT_TYPES, contentDisposition, ExportFormat, tableWriter } from './export/table-writer';
import { DIMENSIONS, LEVEL_LABELS, OUTCOME_LABELS } from './report-labels';
import { ReportsRepository } from './reports.repository';

/** Cases fetched per round trip: large enough to amortise the query, small enough to stream. */
export const EXPORT_BATCH = 1000;

interface ExportRow {
  c: CaseEntity;
  unit?: { code: string; name: string; level: string };
  applicants: string[];
  respondents: string[];
}

const localTime = (d: Date) => toIso(d).slice(0, 19).replace('T', ' ');

/**
 * The columns of the case list export. Personal data stays out: no ID numbers, phones or
 * addresses (the parties' names are shown, as the API shows them), no description (free text),
 * and the title is scrubbed of anything that looks like an ID number or phone.
 */
export const CASE_COLUMNS: readonly Column<ExportRow>[] = [
  { header: '案件编号', value: (r) => r.c.number, width: 26 },
  { header: '登记时间', value: (r) => localTime(r.c.registeredAt), width: 20 },
  { header: '所在单位', value: (r) => r.unit?.name ?? '', width: 18 },
  { header: '单位代码', value: (r) => r.unit?.code ?? '', width: 14 },
  { header: '单位层级', value: (r) => (r.unit ? (LEVEL_LABELS as Record<string, string>)[r.unit.level] : ''), width: 12 },
  { header: '来源渠道', value: (r) => DIMENSIONS.channel.label(r.c.channel), width: 16 },
  { header: '外部编号', value: (r) => r.c.externalRef ?? '', width: 26 },
  { header: '标题', value: (r) => scrubIdentifiers(r.c.title), width: 36 },
  { header: '纠纷类别', value: (r) => DIMENSIONS.category.label(r.c.category), width: 12 },
  { header: '专门调解路径', value: (r) => DIMENSIONS.track.label(r.c.track), width: 14 },
  { header: '状态', value: (r) => CASE_STATUS_LABELS[r.c.status], width: 10 },
  { header: '风险等级', value: (r) => DIMENSIONS.riskLevel.label(r.c.riskLevel), width: 10 },
  { header: '标的金额（元）', value: (r) => (r.c.amountFen === null ? null : Number(toYuan(r.c.amountFen))), kind: 'decimal', width: 14 },
  { header: '当事人数', value: (r) => r.c.partyCount, kind: 'int', width: 10 },
  { header: '申请人', value: (r) => r.applicants.join('、'), width: 20 },
  { header: '被申请人', value: (r) => r.respondents.join('、'), width: 20 },
  { header: '调解结果', value: (r) => outcomeLabel(r.c), width: 14 },
  { header: '是否超期', value: (r) => r.c.overdue, width: 10 },
];

function outcomeLabel(c: CaseEntity): string {
  const outcome = (c.decision as { mediation?: { outcome?: string } } | null)?.mediation?.outcome;
  return outcome ? ((OUTCOME_LABELS as Record<string, string>)[outcome] ?? outcome) : '';
}

@Injectable()
export class CaseExportService {
  private readonly logger = new Logger('CaseExport');

  constructor(
    private readonly cases: CasesService,
    private readonly units: OrgUnitsService,
    private readonly repo: ReportsRepository,
    private readonly audit: AuditService,
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Streams the case list with exactly the list's filters and scope (it pages through
   * CasesService.list by keyset, EXPORT_BATCH cases a round trip), adding party names and units
   * with one statement each per page. The first page is read before anything is sent, so a bad
   * filter or a unit outside the caller's scope is still a problem document; a failure later can
   * only cut the download short, and is logged.
   */
  async export(principal: Principal, ctx: AuditContext, q: ExportCasesQueryDto, format: ExportFormat, res: Response): Promise<void> {
    const query = q as ListCasesQueryDto;
    let page = await this.cases.list(principal, { ...query, limit: EXPORT_BATCH });
    const unit = await this.units.getInScope(principal, q.orgUnitId ?? principal.orgUnitId);
    // Who took personal data (party names) out of the system, and with which filters (个人信息保护法 Art.51).
    await this.audit.record(this.ds.manager, ctx, {
      action: 'report.cases_exported', subjectType: 'org_unit', subjectId: unit.id, orgUnitId: unit.id,
      after: { format, filters: { ...q } },
    });

    res.status(200);
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', contentDisposition(`案件清单_${unit.name}_${localDateOf(this.clock.now())}.${format}`));
    res.setHeader('Cache-Control', 'no-store');
    const writer = tableWriter(format, res, '案件清单', CASE_COLUMNS);
    const unitCache = new Map<string, { code: string; name: string; level: string }>();
    let rows = 0;
    try {
      for (;;) {
        await writer.write(await this.enrich(page.items, unitCache));
        rows += page.items.length;
        if (!page.nextCursor || res.destroyed) break;
        page = await this.cases.list(principal, { ...query, limit: EXPORT_BATCH, cursor: page.nextCursor });
      }
      await writer.end();
    } catch (e) {
      // Headers are gone: the only honest signal left is an aborted download.
      this.logger.error(`case export failed after ${rows} rows: ${(e as Error).message}`);
      res.destroy(e as Error);
    }
  }

  private async enrich(items: CaseEntity[], unitCache: Map<string, { code: string; name: string; level: string }>): Promise<ExportRow[]> {
    const missing = [...new Set(items.map((c) => c.orgUnitId))].filter((id) => !unitCache.has(id));
    const [parties, units] = await Promise.all([this.repo.partyNames(items.map((c) => c.id)), this.repo.unitsByIds(missing)]);
    for (const u of units) unitCache.set(u.id, u);
    const byCase = new Map<string, { applicants: string[]; respondents: string[] }>();
    for (const p of parties) {
      const entry = byCase.get(p.caseId) ?? { applicants: [], respondents: [] };
      (p.role === 'applicant' ? entry.applicants : entry.respondents).push(p.name);
      byCase.set(p.caseId, entry);
    }
    return items.map((c) => ({ c, unit: unitCache.get(c.orgUnitId), applicants: byCase.get(c.id)?.applicants ?? [], respondents: byCase.get(c.id)?.respondents ?? [] }));
  }
}
