/**
 * Property-management track (物业): fees, services, repairs, owners' committees, parking.
 *
 * - Time limit: no statutory one (DOMAIN.md §4.6), so people's mediation, one month (P1), and
 *   judicial confirmation (P2) as for any people's-mediation agreement.
 * - The other side is usually the property-service company, an organisation party: it acts
 *   through its legal representative or an authorised employee (民法典 Art.61).
 * - Many households on the owners' side make a group dispute (flag 'group').
 * - Failure: litigation, and the administrative road — the housing authority supervises property
 *   management (物业管理条例 Art.5), the street/township and residents' committee guide owners'
 *   assemblies and committees (民法典 Art.277 ¶2).
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
  resolveTrackOptions,
  Road,
  TrackAssessment,
  TrackCaseFacts,
  TrackOptions,
  TrackPolicy,
  TrackRiskReason,
} from './track-policy';

/** Principal parties (not agents): the ones whose identity the agreement must carry (人民调解法 Art.29). */
const PRINCIPAL_ROLES: readonly string[] = ['applicant', 'respondent', 'third_party'];

function assess(facts: TrackCaseFacts, _now: Date, _calendar: BusinessCalendar, options?: TrackOptions): TrackAssessment {
  const resolved = resolveTrackOptions(options);
  const riskReasons: TrackRiskReason[] = [];
  const flags: string[] = [];
  const guidance: Guidance[] = [];

  // Orange, not yellow: ten or more households is an estate- or building-wide dispute (stopped
  // services, banners, collective visits), the same level triage gives any collective dispute
  // (rules.ts risk-collective, orange from 5 parties) and the labor track gives 10 workers.
  // Yellow would rank it below what triage already says about a smaller crowd.
  const households = facts.households;
  if (typeof households === 'number' && Number.isFinite(households) && households >= resolved.groupHouseholdThreshold) {
    flags.push('group');
    riskReasons.push({
      code: 'group_property',
      level: 'orange',
      description: `群体性物业纠纷：业主一方 ${households} 户（达到 ${resolved.groupHouseholdThreshold} 户），应通报街道（乡镇）、社区和住建（房管）部门联合化解，防止矛盾激化`,
    });
    guidance.push({
      code: 'group_representatives',
      text: '业主一方户数较多：建议由业主委员会或者业主推选的代表参加调解，逐户核实诉求和金额，调解协议由各户签字或者出具授权委托书；邀请社区、物业主管部门参与。',
    });
  }

  const organisations = facts.parties.filter((p) => p.kind === 'organisation' && PRINCIPAL_ROLES.includes(p.role));
  if (organisations.length === 0) {
    guidance.push({
      code: 'property_company_missing',
      text: '物业纠纷未登记组织一方当事人：争议涉及物业服务企业的，应将物业服务企业（而非其项目经理个人）列为当事人。',
    });
  } else {
    guidance.push({
      code: 'property_company_party',
      text: '物业服务企业等组织作为当事人：核验营业执照及统一社会信用代码，由法定代表人或者持授权委托书（载明调解、签署协议权限）的工作人员参加调解并签署协议，协议加盖单位公章。',
      basis: '民法典 第六十一条；人民调解法 第二十九条',
    });
    if (organisations.some((p) => p.idType !== 'credit_code')) {
      guidance.push({
        code: 'credit_code_missing',
        text: '组织一方未登记统一社会信用代码，请补充登记，便于申请司法确认和日后执行。',
      });
    }
  }

  if (facts.subcategory === 'owners_committee') {
    guidance.push({
      code: 'owners_committee',
      text: '涉及业主大会、业主委员会：其决定对业主具有法律约束力；决定侵害业主合法权益的，受侵害的业主可以请求人民法院撤销。街道（乡镇）和居民委员会应当对设立业主大会和选举业主委员会给予指导和协助。',
      basis: '民法典 第二百七十七条、第二百八十条',
    });
  }

  return buildAssessment({ riskReasons, flags, guidance });
}

function failureRoads(_facts: TrackCaseFacts): Road[] {
  return [
    failureLitigationRoad(),
    {
      code: 'administrative',
      label: '向住房城乡建设（物业）主管部门投诉，或者请求街道（乡镇）协调',
      basis: '物业管理条例 第五条；民法典 第二百七十七条第二款',
      note: '物业服务质量、收费、维修等属于物业管理活动的监督管理范围，由县级以上地方人民政府房地产行政主管部门负责；业主大会、业主委员会的设立和运作由街道（乡镇）、居民委员会指导协助',
    },
  ];
}

export const propertyPolicy: TrackPolicy = Object.freeze({
  track: 'property',
  label: TRACK_LABELS.property,
  mediationDeadline: (_facts: TrackCaseFacts): DeadlineKind => 'people_mediation',
  assess,
  confirmability: (terms: Parameters<TrackPolicy['confirmability']>[0]): Confirmability => confirmabilityOf(terms),
  breachRoads: (args: BreachArgs): Road[] => commonBreachRoads(args),
  failureRoads,
});
