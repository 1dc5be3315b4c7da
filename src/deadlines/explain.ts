import { toIso } from '../common/time/iso';
import type { DueResult } from './period';

const UNIT_ZH: Record<DueResult['unit'], string> = { calendar_days: '日', working_days: '个工作日', months: '个月', hours: '小时' };
const local = (d: Date) => toIso(d).slice(0, 16).replace('T', ' ');

/** The computation in the words a clerk would use to explain it to a party at the desk. */
export function explainDue(r: DueResult, start: Date): string {
  if (r.unit === 'hours') return `自 ${local(start)} 起算 ${r.duration} 小时，于 ${local(r.dueAt)} 届满（按小时计算的期间不因节假日顺延）。`;
  let text = `自 ${r.startDate} 次日起算 ${r.duration} ${UNIT_ZH[r.unit]}`;
  if (r.rolledFrom) {
    const reasons = [...new Set((r.rolledOver ?? []).map((d) => d.name ?? (d.reason === 'weekend' ? '休息日' : '节假日')))].join('、');
    text += `，本应于 ${r.rolledFrom} 届满；因${reasons}顺延至 ${r.dueDate}`;
  } else {
    text += `，至 ${r.dueDate}`;
  }
  text += '（当日 24 时届满）。';
  if (r.calendarIncomplete) text += '注意：期间涉及尚未录入节假日安排的年份，已按周一至周五为工作日推算，安排公布后请重新计算。';
  return text;
}
