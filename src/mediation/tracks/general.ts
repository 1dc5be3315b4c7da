/**
 * General track (综合): neighbour, medical, consumer, traffic, commercial, land, other.
 *
 * - Time limit: people's mediation, one month (P1) — except medical disputes, which the medical
 *   dispute mediation committee (医调委) must finish within 30 working days of acceptance (M1,
 *   医疗纠纷预防和处理条例 Art.38; appraisal time excluded).
 * - Failure: litigation; for some categories the law names an administrative road too (health
 *   authority mediation, traffic police mediation, consumer complaints, land ownership/use
 *   disputes decided by the government).
 */
import { DeadlineKind } from '../../deadlines/deadline-kinds';
import { BusinessCalendar } from '../../deadlines/period';
import { TAXONOMY, TRACK_LABELS } from '../../triage/taxonomy';
import {
  BreachArgs,
  buildAssessment,
  commonBreachRoads,
  Confirmability,
  confirmabilityOf,
  failureLitigationRoad,
  Guidance,
  resolveTrackOptions,
  Road,
  TrackAssessment,
  TrackCaseFacts,
  TrackOptions,
  TrackPolicy,
} from './track-policy';

const MEDICAL_REGULATION = '医疗纠纷预防和处理条例';

/**
 * Subcategory codes that only the `medical` category has. `other` is shared by every category
 * (taxonomy.ts), so it says nothing by itself.
 */
export const MEDICAL_SUBCATEGORIES: readonly string[] = Object.freeze(
  Object.keys(TAXONOMY.medical.subcategories).filter((code) => code !== 'other'),
);

export function isMedical(facts: Pick<TrackCaseFacts, 'category' | 'subcategory'>): boolean {
  return facts.category === 'medical' || (facts.subcategory !== null && MEDICAL_SUBCATEGORIES.includes(facts.subcategory));
}

const MEDICAL_GUIDANCE: Guidance[] = [
  {
    code: 'medical_application',
    text: '医疗纠纷人民调解由医患双方共同申请，或者一方申请、另一方同意；当事人已经向人民法院起诉并被受理，或者已经申请卫生主管部门调解并被受理的，医疗纠纷人民调解委员会不予受理。',
    basis: `${MEDICAL_REGULATION} 第三十一条`,
  },
  {
    code: 'medical_period',
    text: '应当自受理之日起30个工作日内完成调解；需要鉴定的，鉴定时间不计入调解期限；因特殊情况可以与医患双方约定延长；超过调解期限未达成调解协议的，视为调解不成。',
    basis: `${MEDICAL_REGULATION} 第三十八条`,
  },
  {
    code: 'medical_judicial_confirmation',
    text: '达成调解协议的，应当告知医患双方可以依法向人民法院申请司法确认（自协议生效之日起三十日内共同申请）。',
    basis: `${MEDICAL_REGULATION} 第三十九条；人民调解法 第三十三条`,
  },
];

function assess(facts: TrackCaseFacts, _now: Date, _calendar: BusinessCalendar, options?: TrackOptions): TrackAssessment {
  resolveTrackOptions(options);
  return buildAssessment({ guidance: isMedical(facts) ? [...MEDICAL_GUIDANCE] : [] });
}

function failureRoads(facts: TrackCaseFacts): Road[] {
  if (isMedical(facts)) {
    return [
      failureLitigationRoad(`${MEDICAL_REGULATION} 第二十二条`),
      {
        code: 'administrative',
        label: '申请卫生主管部门行政调解',
        basis: `${MEDICAL_REGULATION} 第二十二条、第四十条`,
        note: '向医疗纠纷发生地县级人民政府卫生主管部门申请，5个工作日内决定是否受理，受理后30个工作日内完成调解。注意：已经申请医疗纠纷人民调解委员会调解并被受理的，卫生主管部门不予受理，因此本途径主要适用于未经医调委受理的纠纷',
      },
    ];
  }
  switch (facts.category) {
    case 'traffic':
      return [
        failureLitigationRoad(),
        {
          code: 'administrative',
          label: '请求公安机关交通管理部门调解',
          basis: '道路交通安全法 第七十四条',
          note: '对交通事故损害赔偿的争议，当事人可以请求公安机关交通管理部门调解，也可以直接向人民法院提起民事诉讼',
        },
      ];
    case 'consumer':
      return [
        failureLitigationRoad(),
        {
          code: 'administrative',
          label: '向市场监督管理等有关行政部门投诉',
          basis: '消费者权益保护法 第三十九条',
          note: '也可以请求消费者协会调解，或者依据与经营者的仲裁协议申请仲裁',
        },
      ];
    case 'land':
      return [
        facts.subcategory === 'contracted_land'
          ? failureLitigationRoad(
              '农村土地承包经营纠纷调解仲裁法 第四条',
              '土地承包经营纠纷也可以向农村土地承包仲裁委员会申请仲裁',
            )
          : failureLitigationRoad(),
        {
          code: 'administrative',
          label: '土地所有权和使用权争议由人民政府处理',
          basis: '土地管理法 第十四条',
          note: '涉及土地所有权、使用权归属（确权）的，协商不成由人民政府处理，对处理决定不服的可以起诉；确权内容不能申请司法确认（民诉解释第三百五十五条）。侵权、补偿款等纠纷可以直接起诉',
        },
      ];
    default:
      return [failureLitigationRoad()];
  }
}

export const generalPolicy: TrackPolicy = Object.freeze({
  track: 'general',
  label: TRACK_LABELS.general,
  mediationDeadline: (facts: TrackCaseFacts): DeadlineKind => (isMedical(facts) ? 'medical_committee_mediation' : 'people_mediation'),
  assess,
  confirmability: (terms: Parameters<TrackPolicy['confirmability']>[0]): Confirmability => confirmabilityOf(terms),
  breachRoads: (args: BreachArgs): Road[] => commonBreachRoads(args),
  failureRoads,
});
