/**
 * Family track (婚姻家庭): divorce, custody, support, inheritance, domestic violence.
 *
 * - Time limit: people's mediation, one month (P1).
 * - Domestic violence: safety comes before settlement. The victim is told about the personal
 *   safety protection order (反家庭暴力法 Art.23, 27, 28: the court rules within 72 h, 24 h when
 *   urgent) and the police warning letter (Art.16); the case is red, because a mediation session
 *   may bring the parties face to face and 人民调解法 Art.25 requires reporting disputes that may
 *   turn into public-order or criminal cases.
 * - Status terms (marriage, parent-child, adoption) cannot be judicially confirmed (民诉解释
 *   Art.355); divorce itself needs the registry (民法典 Art.1076–1078) or a court (Art.1079).
 */
import { DeadlineKind } from '../../deadlines/deadline-kinds';
import { BusinessCalendar } from '../../deadlines/period';
import { TRACK_LABELS } from '../../triage/taxonomy';
import {
  BreachArgs,
  buildAssessment,
  commonBreachRoads,
  Confirmability,
  confirmabilityOf,
  failureLitigationRoad,
  Guidance,
  reMediationRoad,
  resolveTrackOptions,
  Road,
  TrackAssessment,
  TrackCaseFacts,
  TrackOptions,
  TrackPolicy,
  TrackRiskReason,
} from './track-policy';

/** Subcategories whose claims are support claims, to which no limitation applies (民法典 Art.196 (3)). */
const SUPPORT_SUBCATEGORIES: readonly string[] = ['custody', 'elder_support', 'spousal_support'];

export function hasDomesticViolence(facts: TrackCaseFacts): boolean {
  return facts.flags?.domesticViolence === true || facts.subcategory === 'domestic_violence';
}

const DV_REASON: TrackRiskReason = {
  code: 'domestic_violence',
  level: 'red',
  description:
    '涉及家庭暴力：优先保障受害人人身安全，告知申请人身安全保护令、报警并请求出具告诫书；可能激化为治安、刑事案件的应当及时报告公安机关（人民调解法第二十五条）',
};

const GUIDANCE = {
  protectionOrder: {
    code: 'protection_order',
    text:
      '告知受害人：可以向人民法院申请人身安全保护令（禁止实施家庭暴力、禁止骚扰跟踪接触、责令迁出住所等）。本人无法申请的，可由其近亲属、公安机关、妇女联合会、居民委员会、村民委员会、救助管理机构代为申请。申请须有明确的被申请人、具体的请求和遭受家庭暴力或者面临家庭暴力现实危险的情形。人民法院受理后应当在72小时内作出人身安全保护令或者驳回申请，情况紧急的应当在24小时内作出；保护令有效期不超过六个月。',
    basis: '反家庭暴力法 第二十三条、第二十七条、第二十八条、第二十九条、第三十条',
  },
  warningLetter: {
    code: 'police_warning_letter',
    text:
      '告知受害人：遭受家庭暴力可以报警。家庭暴力情节较轻、依法不给予治安管理处罚的，公安机关对加害人给予批评教育或者出具告诫书；告诫书、出警记录、伤情鉴定意见可以作为认定家庭暴力的证据，请提示受害人保存。',
    basis: '反家庭暴力法 第十六条',
  },
  safetyFirst: {
    code: 'dv_safety_first',
    text:
      '家庭暴力案件调解：不得以调解代替对家庭暴力的处置，不安排受害人与加害人单独见面，必要时采用分别调解（背对背）；发现人身危险的，立即报警。',
    basis: '人民调解法 第二十五条',
  },
  counselling: {
    code: 'psychological_counselling',
    text:
      '案件涉及未成年子女：建议为未成年人安排心理疏导（可转介学校心理教师、社会工作者或专业心理咨询机构），调解中避免未成年人目睹父母冲突；涉及抚养的，按照最有利于未成年子女的原则协商，子女已满八周岁的应当尊重其真实意愿。',
    basis: '民法典 第一千零八十四条',
  },
  statusNotConfirmable: {
    code: 'status_not_confirmable',
    text:
      '婚姻关系、亲子关系、收养关系等身份关系不能申请司法确认，只能就财产分割、抚养费、赡养费、扶养费等财产和给付内容申请司法确认。调解协议中的离婚约定本身不解除婚姻关系：须双方到婚姻登记机关办理离婚登记（自登记机关收到申请之日起三十日离婚冷静期，期满后三十日内双方亲自申请发给离婚证），或者向人民法院提起离婚诉讼。',
    basis: '民诉解释 第三百五十五条；民法典 第一千零七十六条至第一千零七十九条',
  },
  supportNoLimitation: {
    code: 'support_no_limitation',
    text: '请求支付抚养费、赡养费或者扶养费不适用诉讼时效，调解不成的可以随时向人民法院起诉。',
    basis: '民法典 第一百九十六条',
  },
} satisfies Record<string, Guidance>;

function assess(facts: TrackCaseFacts, _now: Date, _calendar: BusinessCalendar, options?: TrackOptions): TrackAssessment {
  resolveTrackOptions(options);
  const riskReasons: TrackRiskReason[] = [];
  const flags: string[] = [];
  const guidance: Guidance[] = [];

  if (hasDomesticViolence(facts)) {
    riskReasons.push(DV_REASON);
    flags.push('domestic_violence');
    guidance.push(GUIDANCE.protectionOrder, GUIDANCE.warningLetter, GUIDANCE.safetyFirst);
  }
  if (facts.flags?.minorsInvolved === true) {
    flags.push('minors');
    guidance.push(GUIDANCE.counselling);
  }
  if (facts.subcategory && SUPPORT_SUBCATEGORIES.includes(facts.subcategory)) guidance.push(GUIDANCE.supportNoLimitation);
  // Always: mediators are asked daily to "confirm the divorce"; the answer is no.
  guidance.push(GUIDANCE.statusNotConfirmable);

  return buildAssessment({ riskReasons, flags, guidance });
}

function breachRoads(args: BreachArgs): Road[] {
  switch (args.obligationKind) {
    // A status term cannot be confirmed or enforced; what it was meant to achieve needs a court.
    case 'marriage_status':
      return [
        {
          code: 'litigation',
          label: '向人民法院提起离婚诉讼',
          basis: '民法典 第一千零七十九条',
          note: '一方不按约定办理离婚登记的，调解协议不能强制解除婚姻关系，另一方可以向人民法院提起离婚诉讼；协议中的财产、抚养内容可以在诉讼中一并主张',
        },
        reMediationRoad(),
      ];
    case 'adoption_status':
      return [
        {
          code: 'litigation',
          label: '向人民法院提起解除收养关系诉讼',
          basis: '民法典 第一千一百一十四条至第一千一百一十六条',
          note: '收养关系的解除须办理解除收养关系登记或者由人民法院判决，调解协议不能代替',
        },
        reMediationRoad(),
      ];
    case 'parentage_status':
      return [
        {
          code: 'litigation',
          label: '向人民法院提起亲子关系确认或者否认之诉',
          basis: '民法典 第一千零七十三条',
          note: '亲子关系只能由人民法院确认或者否认，调解协议不能代替',
        },
        reMediationRoad(),
      ];
    default:
      return commonBreachRoads(args);
  }
}

function failureRoads(facts: TrackCaseFacts): Road[] {
  const divorce = facts.subcategory === 'divorce';
  return [
    divorce
      ? failureLitigationRoad(
          '民法典 第一千零七十九条',
          '可以直接向人民法院提起离婚诉讼；双方就离婚及子女抚养、财产分割达成一致的，也可以到婚姻登记机关申请协议离婚（民法典第一千零七十六条）',
        )
      : failureLitigationRoad(),
  ];
}

export const familyPolicy: TrackPolicy = Object.freeze({
  track: 'family',
  label: TRACK_LABELS.family,
  mediationDeadline: (_facts: TrackCaseFacts): DeadlineKind => 'people_mediation',
  assess,
  confirmability: (terms: Parameters<TrackPolicy['confirmability']>[0]): Confirmability => confirmabilityOf(terms),
  breachRoads,
  failureRoads,
});
