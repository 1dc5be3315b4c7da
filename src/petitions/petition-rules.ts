/**
 * The rules of 信访工作条例 (2022) that decide what a petition officer may do, as pure functions:
 * no Nest, no I/O, no clock. Citations follow DOMAIN.md §1 (X1–X7) and §4.4.
 */
import { BusinessCalendar, computeDue, startOfLocalDay } from '../deadlines/period';
import type { PetitionStatus } from './petition-status';

export const PETITION_FORMS = ['letter', 'visit', 'online', 'phone'] as const;
export type PetitionForm = (typeof PETITION_FORMS)[number];
export const PETITION_FORM_LABELS: Record<PetitionForm, string> = { letter: '来信', visit: '来访', online: '网上信访', phone: '来电' };

/** 信访工作条例 Art.20: 多人采用走访形式提出共同的信访事项的，应当推选代表，代表人数不超过 5 人. */
export const MAX_GROUP_REPRESENTATIVES = 5;

export const PETITION_CATEGORIES = ['suggestion', 'accusation', 'claim'] as const;
export type PetitionCategory = (typeof PETITION_CATEGORIES)[number];
export const PETITION_CATEGORY_INFO: Record<PetitionCategory, { label: string; basis: string }> = {
  suggestion: { label: '建议意见类', basis: '信访工作条例 第二十九条' },
  accusation: { label: '检举控告类', basis: '信访工作条例 第三十条' },
  claim: { label: '申诉求决类', basis: '信访工作条例 第三十一条' },
};

/** 信访处理意见书 (Art.32): 予以支持, 解释说明, 不予支持. */
export const REPLY_RESULTS = ['support', 'explain', 'not_supported'] as const;
export type ReplyResult = (typeof REPLY_RESULTS)[number];
export const REPLY_RESULT_LABELS: Record<ReplyResult, string> = { support: '予以支持', explain: '解释说明', not_supported: '不予支持' };

export const SATISFACTION_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type SatisfactionRating = (typeof SATISFACTION_RATINGS)[number];
export const SATISFACTION_LABELS: Record<SatisfactionRating, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };

export const NOTICE_METHODS = ['in_person', 'post', 'online', 'sms', 'phone'] as const;
export type NoticeMethod = (typeof NOTICE_METHODS)[number];
export const NOTICE_METHOD_LABELS: Record<NoticeMethod, string> = { in_person: '当面送达', post: '邮寄', online: '网上信访系统', sms: '短信', phone: '电话告知并记录' };

/** The stages whose written answer a petitioner receives, evaluates, and may contest. */
export const REPLY_STAGES = ['reply', 'review', 're_review'] as const;
export type ReplyStage = (typeof REPLY_STAGES)[number];
export const REPLY_STAGE_LABELS: Record<ReplyStage, string> = { reply: '信访处理意见', review: '复查意见', re_review: '复核意见' };

// ---------------------------------------------------------------------------------------------
// Routing: 转送、交办、告知 (Art.22, 23) and the legal channels (诉访分离, Art.22 ¶2, 30, 31)
// ---------------------------------------------------------------------------------------------

export const TRANSFER_MODES = ['transfer', 'assign', 'inform'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];
export const TRANSFER_MODE_INFO: Record<TransferMode, { label: string; basis: string }> = {
  transfer: { label: '转送有权处理的机关、单位', basis: '信访工作条例 第二十二条第一款、第二十三条第一款' },
  assign: { label: '交办有权处理的机关、单位并要求反馈结果', basis: '信访工作条例 第二十二条第一款第（三）项、第二十三条第一款' },
  inform: { label: '告知信访人向有权处理的机关、单位提出', basis: '信访工作条例 第二十三条第一款' },
};

export interface DiversionRoad {
  label: string;
  /** Where the matter goes, for the notice. */
  organ: string;
  basis: string;
  categories: readonly PetitionCategory[];
}

/**
 * 诉访分离: a claim that belongs to a legal procedure is led into it, with a written notice to the
 * petitioner saying where and how (Art.31); 涉法涉诉 letters go to the 政法 department of the same
 * level (Art.22 ¶2); accusations to the discipline inspection and supervision organs (Art.22 ¶2, 30).
 * 人民调解 is the road of 信访转调解 (Art.37), taken through its own route.
 */
export const DIVERSION_ROADS = {
  litigation: { label: '通过诉讼程序解决', organ: '人民法院', basis: '信访工作条例 第三十一条第（一）项', categories: ['claim'] },
  procuratorate: { label: '通过检察机关刑事立案程序或者法律监督程序解决', organ: '人民检察院', basis: '信访工作条例 第三十一条第（一）项', categories: ['claim', 'accusation'] },
  police: { label: '通过公安机关法律程序解决', organ: '公安机关', basis: '信访工作条例 第三十一条第（一）项', categories: ['claim', 'accusation'] },
  political_legal: { label: '涉法涉诉事项转同级政法部门依法处理', organ: '同级党委政法委及政法部门', basis: '信访工作条例 第二十二条第二款、第三十一条第（一）项', categories: ['claim'] },
  arbitration: { label: '通过仲裁解决', organ: '仲裁机构（如劳动人事争议仲裁委员会）', basis: '信访工作条例 第三十一条第（二）项', categories: ['claim'] },
  party_appeal: { label: '通过党员申诉、申请复审等程序解决', organ: '有关党组织', basis: '信访工作条例 第三十一条第（三）项', categories: ['claim'] },
  administrative: { label: '通过行政复议、行政裁决、行政确认、行政许可、行政处罚等行政程序解决', organ: '有关行政机关或行政复议机关', basis: '信访工作条例 第三十一条第（四）项', categories: ['claim'] },
  discipline_inspection: { label: '检举控告转纪检监察机关依规依纪依法处理', organ: '纪检监察机关', basis: '信访工作条例 第二十二条第二款、第三十条', categories: ['accusation'] },
  people_mediation: { label: '导入人民调解（信访转调解）', organ: '矛盾纠纷调处化解中心（人民调解委员会）', basis: '信访工作条例 第三十七条', categories: ['claim'] },
} as const satisfies Record<string, DiversionRoad>;
export type DiversionRoadCode = keyof typeof DIVERSION_ROADS;
export const DIVERSION_ROAD_CODES = Object.keys(DIVERSION_ROADS) as DiversionRoadCode[];
/** Roads an officer picks by hand; people_mediation comes with the case it opens. */
export const MANUAL_DIVERSION_ROADS = DIVERSION_ROAD_CODES.filter((c) => c !== 'people_mediation');

export function diversionAllowed(road: DiversionRoadCode, category: PetitionCategory): boolean {
  return (DIVERSION_ROADS[road].categories as readonly PetitionCategory[]).includes(category);
}

// ---------------------------------------------------------------------------------------------
// Review and re-review windows (X5, X6)
// ---------------------------------------------------------------------------------------------

export const REQUEST_WINDOW_DAYS = 30;
export const REQUEST_WINDOW_BASIS: Record<'review' | 're_review', string> = {
  review: '信访工作条例 第三十五条',
  re_review: '信访工作条例 第三十六条第一款',
};

export interface RequestWindow {
  stage: 'review' | 're_review';
  /** The day the petitioner received the written answer; not itself counted. */
  receivedOn: string;
  /** The last day a request is on time (rolled off rest days, 民法典 Art.203). */
  lastDay: string;
  /** The last day before rolling, when it fell on a rest day. */
  rolledFrom?: string;
  basis: string;
  calendarIncomplete: boolean;
}

/**
 * 信访人...可以自收到书面答复之日起三十日内请求复查 / 复核: thirty days counted from the day after
 * receipt, the last one moved to the next working day when it is a rest day (DOMAIN.md §2).
 */
export function requestWindow(stage: 'review' | 're_review', receivedOn: string, calendar: BusinessCalendar): RequestWindow {
  const due = computeDue({ start: startOfLocalDay(receivedOn), unit: 'calendar_days', duration: REQUEST_WINDOW_DAYS, calendar });
  return {
    stage, receivedOn, lastDay: due.dueDate, ...(due.rolledFrom ? { rolledFrom: due.rolledFrom } : {}), basis: REQUEST_WINDOW_BASIS[stage], calendarIncomplete: due.calendarIncomplete,
  };
}

export type WindowCheck = { ok: true } | { ok: false; reason: 'before_receipt' | 'too_late' };

export function checkRequestDate(requestedOn: string, window: RequestWindow): WindowCheck {
  if (requestedOn < window.receivedOn) return { ok: false, reason: 'before_receipt' };
  if (requestedOn > window.lastDay) return { ok: false, reason: 'too_late' };
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Repeat petitions (Art.19 ¶3, Art.35, Art.36 ¶3)
// ---------------------------------------------------------------------------------------------

/** Bigram Jaccard similarity at or above which two petitions' contents are the same matter. */
export const SAME_MATTER_SIMILARITY = 0.5;

// Shared with the case duplicate search; re-exported for the rules' callers and tests.
export { jaccard, textBigrams } from '../common/text/bigrams';

const organKey = (text: string) => text.normalize('NFKC').replace(/[\s（）()·、，,。.]/g, '').toLowerCase();

/**
 * The same organ is complained about: the same unit when both name one, else the same name, one
 * containing the other (清波街道 / 清波街道办事处), as clerks write it either way.
 */
export function sameOrgan(a: { text: string; unitId: string | null }, b: { text: string; unitId: string | null }): boolean {
  if (a.unitId && b.unitId) return a.unitId === b.unitId;
  const x = organKey(a.text);
  const y = organKey(b.text);
  if (x.length < 2 || y.length < 2) return x === y && x.length > 0;
  return x === y || x.includes(y) || y.includes(x);
}

export type RepeatRuleCode = 'final' | 'in_progress' | 're_review_available' | 'review_available' | 'concluded';

export interface RepeatMatchInput {
  number: string;
  status: PetitionStatus;
  /** This organ is above the one that accepted the earlier petition (Art.19 ¶3 is about that case). */
  higherOrgan: boolean;
}

export interface RepeatRule {
  code: RepeatRuleCode;
  /** true: the new petition is refused unless the officer records new facts or reasons. */
  refuse: boolean;
  basis: string;
  /** The earlier petition the rule comes from. */
  earlierNumber: string;
  /** For the officer, in Chinese: what the rule says and what to tell the petitioner. */
  guidance: string;
}

const RULE_ORDER: RepeatRuleCode[] = ['final', 'in_progress', 're_review_available', 'review_available', 'concluded'];

function ruleCodeOf(status: PetitionStatus): RepeatRuleCode | null {
  switch (status) {
    case 'final':
      return 'final';
    case 'accepted':
    case 'under_review':
    case 'under_re_review':
      return 'in_progress';
    case 'reviewed':
      return 're_review_available';
    case 'replied':
      return 'review_available';
    case 'closed':
      return 'concluded';
    default:
      return null;
  }
}

/**
 * Which rule governs a petition that repeats earlier ones (same petitioner, same matter): the
 * strongest of the earlier matters' stages. After 复核 the matter is final and the same facts and
 * reasons are not accepted again anywhere (X7); while accepted or in handling, a higher organ does
 * not accept it again (Art.19 ¶3) and the petitioner waits for the result; once a written answer
 * exists, the road is 复查 or 复核 within thirty days of receiving it (Art.35, 36).
 */
export function selectRepeatRule(matches: readonly RepeatMatchInput[]): RepeatRule | null {
  let best: { code: RepeatRuleCode; match: RepeatMatchInput } | null = null;
  for (const match of matches) {
    const code = ruleCodeOf(match.status);
    if (!code) continue;
    if (!best || RULE_ORDER.indexOf(code) < RULE_ORDER.indexOf(best.code)) best = { code, match };
  }
  if (!best) return null;
  const n = best.match.number;
  switch (best.code) {
    case 'final':
      return {
        code: 'final', refuse: true, basis: '信访工作条例 第三十六条第三款', earlierNumber: n,
        guidance: `同一信访事项已于 ${n} 复核终结：信访人对复核意见不服，仍以同一事实和理由提出的，不再受理。有新的事实或理由的，写明后可以登记；仍应做好解释疏导，需要帮扶的依规帮扶（第三十七条）。`,
      };
    case 'in_progress':
      return {
        code: 'in_progress', refuse: false, basis: '信访工作条例 第十九条第三款', earlierNumber: n,
        guidance: best.match.higherOrgan
          ? `同一信访事项已由下级机关受理、正在办理（${n}）：在规定期限内向其上级机关再提出的，上级机关不予受理。请告知信访人等待办理结果，对处理意见不服的可以依法请求复查。`
          : `同一信访事项已经受理、正在办理（${n}）：请告知信访人等待办理结果，对处理意见不服的可以依法请求复查，不作为新的信访事项重复办理。`,
      };
    case 're_review_available':
      return {
        code: 're_review_available', refuse: false, basis: '信访工作条例 第三十六条第一款', earlierNumber: n,
        guidance: `同一信访事项已出具复查意见（${n}）：信访人不服的，可以自收到书面答复之日起三十日内向复查机关的上一级机关请求复核。`,
      };
    case 'review_available':
      return {
        code: 'review_available', refuse: false, basis: '信访工作条例 第三十五条', earlierNumber: n,
        guidance: `同一信访事项已出具信访处理意见（${n}）：信访人不服的，可以自收到书面答复之日起三十日内向原办理机关的上一级机关请求复查。`,
      };
    case 'concluded':
      return {
        code: 'concluded', refuse: false, basis: '信访工作条例 第三十五条、第三十六条', earlierNumber: n,
        guidance: `同一信访事项已办结（${n}）：请核实信访人是否在期限内请求过复查、复核，并做好解释疏导。`,
      };
  }
}

// ---------------------------------------------------------------------------------------------
// Closing (办结)
// ---------------------------------------------------------------------------------------------

export type ClosureCheck = { ok: true } | { ok: false; reason: string };

/**
 * A claim is not closed while the petitioner may still contest the answer, unless they said they
 * are satisfied: closing it early would make a timely 复查 or 复核 request look like a new petition.
 * A suggestion has no review road (Art.35 is about 信访处理意见 on claims).
 */
export function checkClosure(input: {
  category: PetitionCategory | null;
  window: RequestWindow | null;
  rating: SatisfactionRating | null;
  today: string;
}): ClosureCheck {
  if (input.category !== 'claim') return { ok: true };
  if (input.rating === 'satisfied' || input.rating === 'basically_satisfied') return { ok: true };
  const stage = input.window ? REPLY_STAGE_LABELS[input.window.stage === 'review' ? 'reply' : 'review'] : '书面答复';
  if (!input.window) return { ok: false, reason: `尚未记录信访人收到${stage}的日期，无法确定请求期限；信访人表示满意的，请先记录评价` };
  if (input.today <= input.window.lastDay) {
    return { ok: false, reason: `信访人可以在 ${input.window.lastDay} 前对${stage}提出请求（${input.window.basis}）；期限届满或信访人表示满意后方可办结` };
  }
  return { ok: true };
}
