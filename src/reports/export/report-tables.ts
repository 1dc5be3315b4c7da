import type { ReportSummaryDto, ReportTrendDto, TrendMonthDto } from '../dto/report.dto';
import type { Cell } from './csv';
import type { Column, ColumnKind } from './table-writer';

/** One line of the summary as a table: section, item, code, value. */
export interface SummaryLine {
  section: string;
  item: string;
  code: string;
  value: Cell;
  kind: ColumnKind;
}

export const SUMMARY_COLUMNS: readonly Column<SummaryLine>[] = [
  { header: '分组', value: (r) => r.section, width: 14 },
  { header: '指标', value: (r) => r.item, width: 36 },
  { header: '代码', value: (r) => r.code, width: 36 },
  { header: '数值', value: (r) => r.value, kind: (r) => r.kind, width: 18 },
];

/**
 * The summary flattened to one uniform four-column table, so the CSV is as easy to read back as
 * the XLSX: the scope first, then each section in the order of the API document.
 */
export function summaryLines(s: ReportSummaryDto): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const add = (section: string, item: string, code: string, value: Cell, kind: ColumnKind = 'int') => lines.push({ section, item, code, value, kind });
  add('统计范围', '统计单位', 'orgUnit', `${s.orgUnit.name}（${s.orgUnit.code}）`, 'text');
  add('统计范围', '开始日期', 'period.from', s.period.from, 'text');
  add('统计范围', '结束日期', 'period.to', s.period.to, 'text');
  add('统计范围', '生成时间', 'generatedAt', s.generatedAt, 'text');
  add('登记', '登记案件数', 'registered', s.registered);
  for (const [section, code, list] of [
    ['纠纷类别', 'byCategory', s.byCategory],
    ['来源渠道', 'byChannel', s.byChannel],
    ['专门调解路径', 'byTrack', s.byTrack],
    ['案件状态', 'byStatus', s.byStatus],
    ['风险等级', 'byRiskLevel', s.byRiskLevel],
  ] as const) {
    for (const c of list) add(section, c.label, `${code}.${c.key ?? 'unclassified'}`, c.count);
  }
  add('调解结果', '结束调解', 'concluded.total', s.concluded.total);
  for (const o of s.concluded.byOutcome) add('调解结果', o.label, `concluded.${o.outcome}`, o.count);
  add('调解结果', '调解成功率', 'concluded.successRate', s.concluded.successRate, 'percent');
  for (const l of s.concluded.byLevel) {
    add('化解层级', `${l.label}结束调解`, `byLevel.${l.level}.concluded`, l.concluded);
    add('化解层级', `${l.label}达成协议`, `byLevel.${l.level}.agreements`, l.agreements);
    add('化解层级', `${l.label}占比`, `byLevel.${l.level}.share`, l.share, 'percent');
  }
  add('办理时长', '登记至结束调解天数·中位数', 'daysToConclusion.medianDays', s.daysToConclusion.medianDays, 'decimal');
  add('办理时长', '登记至结束调解天数·90 百分位', 'daysToConclusion.p90Days', s.daysToConclusion.p90Days, 'decimal');
  add('诉讼分流', '移送法院', 'litigation.referredToCourt', s.litigation.referredToCourt);
  add('诉讼分流', '未进入诉讼', 'litigation.withoutLitigation', s.litigation.withoutLitigation);
  add('诉讼分流', '非诉化解率', 'litigation.withoutLitigationRate', s.litigation.withoutLitigationRate, 'percent');
  add('期限', '按期办结', 'deadlines.onTime', s.deadlines.onTime);
  add('期限', '逾期', 'deadlines.late', s.deadlines.late);
  add('期限', '按期率', 'deadlines.onTimeRate', s.deadlines.onTimeRate, 'percent');
  for (const k of s.deadlines.byKind) {
    add('期限', `${k.label}·按期`, `deadlines.${k.kind}.onTime`, k.onTime);
    add('期限', `${k.label}·逾期`, `deadlines.${k.kind}.late`, k.late);
    add('期限', `${k.label}·按期率`, `deadlines.${k.kind}.onTimeRate`, k.onTimeRate, 'percent');
    add('期限', `${k.label}·当前超期运行`, `deadlines.${k.kind}.pastDueNow`, k.pastDueNow);
  }
  add('期限', '当前超期案件', 'deadlines.overdueCasesNow', s.deadlines.overdueCasesNow);
  add('回访', '回访次数', 'satisfaction.visits', s.satisfaction.visits);
  add('回访', '评价次数', 'satisfaction.ratings', s.satisfaction.ratings);
  for (const r of s.satisfaction.distribution) add('回访', `满意度 ${r.rating} 分`, `satisfaction.rating${r.rating}`, r.count);
  add('回访', '平均满意度', 'satisfaction.average', s.satisfaction.average, 'decimal');
  add('回访', '发现反弹', 'satisfaction.relapses', s.satisfaction.relapses);
  if (s.petitions) {
    add('信访', '受理', 'petitions.accepted', s.petitions.accepted);
    add('信访', '办结', 'petitions.answered', s.petitions.answered);
    add('信访', '按期办结', 'petitions.answeredOnTime', s.petitions.answeredOnTime);
    add('信访', '按期办结率', 'petitions.onTimeRate', s.petitions.onTimeRate, 'percent');
  }
  return lines;
}

const int = (header: string, value: (m: TrendMonthDto) => number): Column<TrendMonthDto> => ({ header, value, kind: 'int' });
const pct = (header: string, value: (m: TrendMonthDto) => number | null): Column<TrendMonthDto> => ({ header, value, kind: 'percent' });
const dec = (header: string, value: (m: TrendMonthDto) => number | null): Column<TrendMonthDto> => ({ header, value, kind: 'decimal' });

export function trendColumns(t: ReportTrendDto): Column<TrendMonthDto>[] {
  const columns: Column<TrendMonthDto>[] = [
    { header: '月份', value: (m) => m.month, width: 10 },
    { header: '开始日期', value: (m) => m.from, width: 12 },
    { header: '结束日期', value: (m) => m.to, width: 12 },
    int('登记', (m) => m.registered),
    int('结束调解', (m) => m.concluded),
    int('达成协议', (m) => m.agreements),
    pct('调解成功率', (m) => m.successRate),
    dec('中位天数', (m) => m.medianDays),
    dec('90百分位天数', (m) => m.p90Days),
    int('村（社区）化解', (m) => m.resolvedAt.village),
    int('镇（街道）化解', (m) => m.resolvedAt.town),
    int('县（区）化解', (m) => m.resolvedAt.county),
    int('移送法院', (m) => m.referredToCourt),
    pct('非诉化解率', (m) => m.withoutLitigationRate),
    int('期限按期', (m) => m.deadlinesOnTime),
    int('期限逾期', (m) => m.deadlinesLate),
    pct('按期率', (m) => m.onTimeRate),
    int('回访次数', (m) => m.visits),
    dec('平均满意度', (m) => m.averageSatisfaction),
  ];
  if (t.months.some((m) => m.petitions)) {
    columns.push(int('信访受理', (m) => m.petitions?.accepted ?? 0), int('信访按期办结', (m) => m.petitions?.answeredOnTime ?? 0), pct('信访按期办结率', (m) => m.petitions?.onTimeRate ?? null));
  }
  return columns;
}
