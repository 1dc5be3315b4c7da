import { CASE_STATUS_LABELS, CASE_STATUSES } from '../cases/case-status';
import { CHANNELS, RISK_LEVELS } from '../cases/case.entity';
import { ORG_LEVELS, OrgLevel } from '../org-units/org-unit.entity';
import { CATEGORY_CODES, CATEGORY_LABELS, TRACK_LABELS, TRACKS } from '../triage/taxonomy';

/** What a director reads beside each code in the reports and their exports. */
export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = {
  walk_in: '来访', phone: '来电', online: '网上申请', grid: '网格上报', hotline: '12345 热线', police: '公安转来（警调对接）', court: '法院委派委托（诉调对接）', petition: '信访转来',
};
export const RISK_LABELS: Record<(typeof RISK_LEVELS)[number], string> = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' };
/** 小事不出村、大事不出镇: the three levels a dispute can be resolved at. */
export const LEVEL_LABELS: Record<OrgLevel, string> = { village: '村（社区）', town: '镇（街道）', county: '县（区）' };

export const MEDIATION_OUTCOMES = ['agreement', 'failed', 'withdrawn', 'consent_refused'] as const;
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];
export const OUTCOME_LABELS: Record<MediationOutcome, string> = { agreement: '达成协议', failed: '调解不成', withdrawn: '撤回申请', consent_refused: '当事人拒绝调解' };

/** Cases not yet triaged have no category or track: they are counted under this key's label. */
export const UNCLASSIFIED_LABEL = '未分类';

export interface Dimension {
  /** Every key the dimension can take, listed with zero counts so a dashboard's rows never jump. */
  keys: readonly string[];
  label(key: string | null): string;
}

export const DIMENSIONS = {
  category: { keys: CATEGORY_CODES, label: (k: string | null) => (k ? (CATEGORY_LABELS as Record<string, string>)[k] ?? k : UNCLASSIFIED_LABEL) },
  channel: { keys: CHANNELS, label: (k: string | null) => (k ? (CHANNEL_LABELS as Record<string, string>)[k] ?? k : UNCLASSIFIED_LABEL) },
  track: { keys: TRACKS, label: (k: string | null) => (k ? (TRACK_LABELS as Record<string, string>)[k] ?? k : UNCLASSIFIED_LABEL) },
  status: { keys: CASE_STATUSES, label: (k: string | null) => (k ? (CASE_STATUS_LABELS as Record<string, string>)[k] ?? k : UNCLASSIFIED_LABEL) },
  riskLevel: { keys: RISK_LEVELS, label: (k: string | null) => (k ? (RISK_LABELS as Record<string, string>)[k] ?? k : UNCLASSIFIED_LABEL) },
} satisfies Record<string, Dimension>;
export type DimensionName = keyof typeof DIMENSIONS;

export { ORG_LEVELS };
