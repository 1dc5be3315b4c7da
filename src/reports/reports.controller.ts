import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { Access, Actor, AuditCtx } from '../auth/access.decorator';
import type { StaffRole } from '../auth/roles';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import type { Principal } from '../common/principal';
import { CaseExportService } from './case-export.service';
import { ExportCasesQueryDto, ReportQueryDto, ReportSummaryDto, ReportTrendDto } from './dto/report.dto';
import { summaryLines, SUMMARY_COLUMNS, trendColumns } from './export/report-tables';
import { CONTENT_TYPES, contentDisposition, ExportFormat, tableWriter } from './export/table-writer';
import { ReportsService } from './reports.service';

/** 评价督导 is the directors', the leaders' (包案领导), the auditors' and the administrators'. */
const REPORT_ROLES: readonly StaffRole[] = ['director', 'leader', 'auditor', 'admin'];

const PERIOD_NOTE =
  'The unit (default: your own) and every unit below it; from and to are calendar dates in Asia/Shanghai, both included, at most 1830 days apart. ' +
  'Counts by category, channel, track, status and risk, and everything about conclusion, are over the cases registered in the period (their state now); ' +
  'deadline figures are over case deadlines closed in the period, satisfaction over follow-up visits made in it, overdue cases are those open and overdue now.';

const SUMMARY_EXAMPLE: ReportSummaryDto = {
  orgUnit: { id: '0b5e8f0e-6d0a-4c43-9a43-3f1c0c2a9d11', code: '330102001', name: '清波街道', level: 'town' },
  period: { from: '2026-01-01', to: '2026-12-31', timeZone: 'Asia/Shanghai' },
  generatedAt: '2026-11-23T09:30:00.000+08:00',
  registered: 180,
  byCategory: [{ key: 'labor', label: '劳动争议', count: 46 }, { key: 'neighbour', label: '邻里纠纷', count: 52 }, { key: 'property_management', label: '物业纠纷', count: 38 }, { key: null, label: '未分类', count: 9 }],
  byChannel: [{ key: 'walk_in', label: '来访', count: 96 }, { key: 'grid', label: '网格上报', count: 41 }, { key: 'police', label: '公安转来（警调对接）', count: 23 }],
  byTrack: [{ key: 'labor', label: '劳动争议', count: 46 }, { key: 'general', label: '综合', count: 77 }],
  byStatus: [{ key: 'closed', label: '已结案', count: 88 }, { key: 'in_mediation', label: '调解中', count: 21 }],
  byRiskLevel: [{ key: 'blue', label: '蓝色', count: 120 }, { key: 'yellow', label: '黄色', count: 47 }, { key: 'orange', label: '橙色', count: 11 }, { key: 'red', label: '红色', count: 2 }],
  concluded: {
    total: 113, agreements: 95, successRate: 0.8407,
    byOutcome: [{ outcome: 'agreement', label: '达成协议', count: 95 }, { outcome: 'failed', label: '调解不成', count: 12 }, { outcome: 'withdrawn', label: '撤回申请', count: 4 }, { outcome: 'consent_refused', label: '当事人拒绝调解', count: 2 }],
    byLevel: [
      { level: 'village', label: '村（社区）', concluded: 70, agreements: 61, share: 0.6195 },
      { level: 'town', label: '镇（街道）', concluded: 43, agreements: 34, share: 0.3805 },
      { level: 'county', label: '县（区）', concluded: 0, agreements: 0, share: 0 },
    ],
  },
  daysToConclusion: { cases: 113, medianDays: 9.5, p90Days: 27.3 },
  litigation: { concluded: 113, referredToCourt: 6, withoutLitigation: 107, withoutLitigationRate: 0.9469 },
  deadlines: {
    onTime: 230, late: 9, onTimeRate: 0.9623, overdueCasesNow: 3,
    byKind: [{ kind: 'triage', label: '分流研判（内部目标）', onTime: 142, late: 5, onTimeRate: 0.966, pastDueNow: 1 }, { kind: 'people_mediation', label: '人民调解调结期限', onTime: 88, late: 4, onTimeRate: 0.9565, pastDueNow: 0 }],
  },
  satisfaction: {
    visits: 64, ratings: 60, average: 4.35, relapses: 2,
    distribution: [{ rating: 1, count: 1 }, { rating: 2, count: 2 }, { rating: 3, count: 5 }, { rating: 4, count: 15 }, { rating: 5, count: 37 }],
  },
  petitions: null,
};

@ApiTags('reports 统计报表')
@Controller('v1/reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly caseExport: CaseExportService,
  ) {}

  @Get('summary')
  @Access({ roles: REPORT_ROLES })
  @ApiOperation({
    summary: '统计汇总 (summary figures of a unit and the units below it for a period)',
    description:
      '来源、类别、渠道、风险与状态分布；化解层级（小事不出村、大事不出镇）；调解成功率；办理时长中位数与 90 百分位；各类期限按期率与当前超期案件；非诉化解率；回访满意度。 ' +
      PERIOD_NOTE,
  })
  @ApiOkResponse({ type: ReportSummaryDto, content: { 'application/json': { example: SUMMARY_EXAMPLE } } })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REPORT.INVALID_PERIOD', 'ORG_UNIT.NOT_FOUND')
  summary(@Actor() actor: Principal, @Query() q: ReportQueryDto): Promise<ReportSummaryDto> {
    return this.reports.summary(actor, q);
  }

  @Get('trend')
  @Access({ roles: REPORT_ROLES })
  @ApiOperation({
    summary: '月度趋势 (the headline figures per calendar month)',
    description: '每个自然月（北京时间）一行，含无案件的月份；首尾月份按统计时段截取。Each month of the period, oldest first, clipped to the period. ' + PERIOD_NOTE,
  })
  @ApiOkResponse({ type: ReportTrendDto })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REPORT.INVALID_PERIOD', 'ORG_UNIT.NOT_FOUND')
  trend(@Actor() actor: Principal, @Query() q: ReportQueryDto): Promise<ReportTrendDto> {
    return this.reports.trend(actor, q);
  }

  @Get('summary.csv')
  @Access({ roles: REPORT_ROLES })
  @ApiOperation({ summary: '导出统计汇总 CSV (the summary as CSV: UTF-8 with BOM, one line per figure)', description: 'Columns 分组, 指标, 代码, 数值; rates as percentages. The same figures as GET /v1/reports/summary.' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV file', content: { 'text/csv': { schema: { type: 'string' }, example: '\uFEFF分组,指标,代码,数值\r\n统计范围,统计单位,orgUnit,清波街道（330102001）\r\n登记,登记案件数,registered,180\r\n调解结果,调解成功率,concluded.successRate,84.07%\r\n' } } })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REPORT.INVALID_PERIOD', 'ORG_UNIT.NOT_FOUND')
  summaryCsv(@Actor() actor: Principal, @Query() q: ReportQueryDto, @Res() res: Response): Promise<void> {
    return this.sendSummary(actor, q, 'csv', res);
  }

  @Get('summary.xlsx')
  @Access({ roles: REPORT_ROLES })
  @ApiOperation({ summary: '导出统计汇总 Excel (the summary as XLSX)', description: 'One sheet 统计汇总 with the columns of the CSV; rates are numbers formatted as percentages.' })
  @ApiProduces(CONTENT_TYPES.xlsx)
  @ApiOkResponse({ description: 'XLSX workbook', content: { [CONTENT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REPORT.INVALID_PERIOD', 'ORG_UNIT.NOT_FOUND')
  summaryXlsx(@Actor() actor: Principal, @Query() q: ReportQueryDto, @Res() res: Response): Promise<void> {
    return this.sendSummary(actor, q, 'xlsx', res);
  }

  @Get('trend.csv')
  @Access({ roles: REPORT_ROLES })
  @ApiOperation({ summary: '导出月度趋势 CSV (the trend as CSV, one line per month)', description: 'The same figures as GET /v1/reports/trend.' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV file', content: { 'text/csv': { schema: { type: 'string' }, example: '\uFEFF月份,开始日期,结束日期,登记,结束调解,达成协议,调解成功率,…\r\n2026-01,2026-01-01,2026-01-31,15,10,8,80%,…\r\n' } } })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REPORT.INVALID_PERIOD', 'ORG_UNIT.NOT_FOUND')
  trendCsv(@Actor() actor: Principal, @Query() q: ReportQueryDto, @Res() res: Response): Promise<void> {
    return this.sendTrend(actor, q, 'csv', res);
  }

  @Get('trend.xlsx')
  @Access({ roles: REPORT_ROLES })
  @ApiOperation({ summary: '导出月度趋势 Excel (the trend as XLSX)' })
  @ApiProduces(CONTENT_TYPES.xlsx)
  @ApiOkResponse({ description: 'XLSX workbook', content: { [CONTENT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'REPORT.INVALID_PERIOD', 'ORG_UNIT.NOT_FOUND')
  trendXlsx(@Actor() actor: Principal, @Query() q: ReportQueryDto, @Res() res: Response): Promise<void> {
    return this.sendTrend(actor, q, 'xlsx', res);
  }

  @Get('cases.csv')
  @Access({ roles: REPORT_ROLES })
  @ApiOperation({
    summary: '导出案件清单 CSV (the case list as CSV, streamed)',
    description:
      'The filters and scope of GET /v1/cases, without paging: every matching case, newest first, streamed in pages. Personal data masked: no ID numbers, phones or addresses, ' +
      'no description; party names as the API shows them; ID numbers or phones typed into a title are masked. UTF-8 with BOM. Each export is recorded in the audit trail.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV file', content: { 'text/csv': { schema: { type: 'string' }, example: '\uFEFF案件编号,登记时间,所在单位,…,申请人,被申请人,调解结果,是否超期\r\nTJ-330102001-2026-000123,2026-11-23 09:30:00,清波街道,…,张秀英,李建军、杭州某某建筑劳务有限公司,达成协议,否\r\n' } } })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'ORG_UNIT.NOT_FOUND')
  casesCsv(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Query() q: ExportCasesQueryDto, @Res() res: Response): Promise<void> {
    return this.caseExport.export(actor, ctx, q, 'csv', res);
  }

  @Get('cases.xlsx')
  @Access({ roles: REPORT_ROLES })
  @ApiOperation({ summary: '导出案件清单 Excel (the case list as XLSX, streamed)', description: 'As cases.csv, as a workbook; past 1,000,000 cases the list goes on in a further sheet.' })
  @ApiProduces(CONTENT_TYPES.xlsx)
  @ApiOkResponse({ description: 'XLSX workbook', content: { [CONTENT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems('REQUEST.VALIDATION_FAILED', 'ORG_UNIT.NOT_FOUND')
  casesXlsx(@Actor() actor: Principal, @AuditCtx() ctx: AuditContext, @Query() q: ExportCasesQueryDto, @Res() res: Response): Promise<void> {
    return this.caseExport.export(actor, ctx, q, 'xlsx', res);
  }

  private async sendSummary(actor: Principal, q: ReportQueryDto, format: ExportFormat, res: Response): Promise<void> {
    const s = await this.reports.summary(actor, q);
    start(res, format, `统计汇总_${s.orgUnit.name}_${s.period.from}_${s.period.to}.${format}`);
    const writer = tableWriter(format, res, '统计汇总', SUMMARY_COLUMNS);
    await writer.write(summaryLines(s));
    await writer.end();
  }

  private async sendTrend(actor: Principal, q: ReportQueryDto, format: ExportFormat, res: Response): Promise<void> {
    const t = await this.reports.trend(actor, q);
    start(res, format, `月度趋势_${t.orgUnit.name}_${t.period.from}_${t.period.to}.${format}`);
    const writer = tableWriter(format, res, '月度趋势', trendColumns(t));
    await writer.write(t.months);
    await writer.end();
  }
}

function start(res: Response, format: ExportFormat, filename: string): void {
  res.status(200);
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', contentDisposition(filename));
  res.setHeader('Cache-Control', 'no-store');
}
