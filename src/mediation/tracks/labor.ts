/**
 * Labor track (劳动争议/欠薪/工伤), 劳动争议调解仲裁法.
 *
 * - Time limit: 15 days from the mediation body's receipt of the application (L1, Art.14); then
 *   the parties may apply for arbitration, so arbitration is the first failure road (Art.14 ¶3).
 * - Arbitration limitation: one year from when the worker knew or should have known of the
 *   infringement (L4, Art.27 ¶1), computed with the catalogue's `labor_arbitration_limitation`
 *   kind (12 months, 民法典 Art.202, rolled off rest days). Wage arrears while the employment
 *   lasts have no limitation (Art.27 ¶4).
 * - Collective: ten or more workers with a common claim may elect representatives (Art.7); such a
 *   dispute is orange, like triage's collective rule.
 * - Breach: arbitration (Art.15); a payment order for wages, work-injury medical costs, economic
 *   compensation or damages (Art.16); judicial confirmation within 30 days (民事诉讼法 Art.205).
 */
import { computeKindDue, DeadlineKind } from '../../deadlines/deadline-kinds';
import { BusinessCalendar, daysBetween, localDateOf } from '../../deadlines/period';
import { TRACK_LABELS } from '../../triage/taxonomy';
import {
  assertInstant,
  BreachArgs,
  buildAssessment,
  Confirmability,
  confirmabilityOf,
  enforcementRoad,
  Guidance,
  instantOfLocalDate,
  isConfirmable,
  ObligationKind,
  openConfirmationRoad,
  reMediationRoad,
  resolveTrackOptions,
  ResolvedTrackOptions,
  Road,
  TrackAssessment,
  TrackCaseFacts,
  TrackOptions,
  TrackPolicy,
  TrackRiskReason,
  TrackWarning,
} from './track-policy';

const LIMITATION_BASIS = '劳动争议调解仲裁法 第二十七条';
const WAGE_EXEMPTION_BASIS = '劳动争议调解仲裁法 第二十七条第四款';

/** Obligations for which the worker may apply for a payment order on the agreement (Art.16). */
export const PAYMENT_ORDER_KINDS: readonly ObligationKind[] = Object.freeze([
  'wage',
  'work_injury_compensation',
  'economic_compensation',
]);

/** Subcategories whose claims the labor administration handles on complaint (Art.9). */
const COMPLAINT_SUBCATEGORIES: readonly string[] = ['wage_arrears', 'work_injury', 'contract_termination'];

// ---------------------------------------------------------------------------------------------
// Assessment

function collective(facts: TrackCaseFacts, options: ResolvedTrackOptions): { reason: TrackRiskReason; guidance: Guidance } | null {
  const n = facts.workerCount;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < options.collectiveThreshold) return null;
  return {
    reason: {
      code: 'collective_labor',
      level: 'orange',
      description: `集体劳动争议：劳动者一方 ${n} 人（达到 ${options.collectiveThreshold} 人），应及时报告并会同人社、工会等部门联合化解，防止矛盾激化`,
    },
    guidance: {
      code: 'collective_representatives',
      text: '劳动者一方在十人以上并有共同请求的，可以推举代表参加调解、仲裁或者诉讼活动；建议引导劳动者推举代表，核实每名劳动者的请求和金额，并通报属地人社部门和工会。',
      basis: '劳动争议调解仲裁法 第七条',
    },
  };
}

/**
 * The arbitration limitation (L4) as guidance or warnings. Wage arrears while still employed have
 * no limitation (Art.27 ¶4), so they get guidance, never a countdown.
 */
function limitation(
  facts: TrackCaseFacts,
  now: Date,
  calendar: BusinessCalendar,
  options: ResolvedTrackOptions,
): { guidance: Guidance[]; warnings: TrackWarning[] } {
  const guidance: Guidance[] = [];
  const warnings: TrackWarning[] = [];
  const wageArrears = facts.subcategory === 'wage_arrears';

  if (wageArrears && facts.employmentEnded === false) {
    guidance.push({
      code: 'wage_arrears_no_limitation',
      text: '劳动关系存续期间因拖欠劳动报酬发生争议的，劳动者申请仲裁不受一年仲裁时效期间的限制；但劳动关系终止的，应当自劳动关系终止之日起一年内提出。劳动者离职时请重新核算时效。',
      basis: WAGE_EXEMPTION_BASIS,
    });
    return { guidance, warnings };
  }
  if (wageArrears && facts.employmentEnded === true) {
    guidance.push({
      code: 'wage_arrears_after_termination',
      text: '劳动关系已经终止：拖欠劳动报酬的仲裁时效自劳动关系终止之日起计算一年。请确认登记的“知道或者应当知道权利被侵害之日”为劳动关系终止之日。',
      basis: WAGE_EXEMPTION_BASIS,
    });
  }
  if (wageArrears && (facts.employmentEnded === null || facts.employmentEnded === undefined)) {
    guidance.push({
      code: 'employment_status_unknown',
      text: '未登记劳动关系是否仍然存续：仍在职的，拖欠劳动报酬不受一年仲裁时效限制；已离职的，自劳动关系终止之日起一年内申请仲裁。以下时效按已登记日期计算，请核实。',
      basis: WAGE_EXEMPTION_BASIS,
    });
  }

  const knewOn = facts.knewOfInfringementOn;
  if (!knewOn) {
    guidance.push({
      code: 'limitation_start_unknown',
      text: '未登记劳动者知道或者应当知道其权利被侵害之日，无法核算一年仲裁时效，请补充登记。',
      basis: LIMITATION_BASIS,
    });
    return { guidance, warnings };
  }

  // L4 counts from the day the worker knew (first day not counted, 民法典 Art.201): the catalogue
  // takes the local date of the start instant, so the recorded date is given as its noon (+08:00).
  const due = computeKindDue('labor_arbitration_limitation', instantOfLocalDate(knewOn), calendar, options.deadlineOverrides);
  const daysLeft = daysBetween(localDateOf(now), due.dueDate);
  const rolled = due.rolledFrom ? `（本应于 ${due.rolledFrom} 届满，遇休息日、法定节假日顺延）` : '';
  const incomplete = due.calendarIncomplete ? '注意：该年度节假日安排尚未载入，届满日按周末规则推算，安排公布后请重新核算。' : '';

  if (now.getTime() >= due.dueAt.getTime()) {
    warnings.push({
      code: 'arbitration_limitation_expired',
      text: `一年仲裁时效已于 ${due.dueDate} 届满${rolled}。对方当事人提出时效抗辩的，仲裁请求可能得不到支持；如存在时效中断事由（向对方主张权利、向有关部门请求权利救济、对方同意履行）或中止事由（不可抗力等），请收集证据并提示劳动者尽快申请仲裁。${incomplete}`,
      basis: LIMITATION_BASIS,
      dueDate: due.dueDate,
      daysLeft,
    });
  } else if (daysLeft < options.limitationWarningDays) {
    const left = daysLeft === 0 ? '今日 24 时届满' : `剩余 ${daysLeft} 日`;
    warnings.push({
      code: 'arbitration_limitation_expiring',
      text: `一年仲裁时效将于 ${due.dueDate} 届满${rolled}，${left}。调解期间应提示劳动者：调解不成或者调解期限届满的，尽快向劳动争议仲裁委员会申请仲裁；向调解组织请求权利救济一般可以中断时效，但以仲裁机构认定为准。${incomplete}`,
      basis: LIMITATION_BASIS,
      dueDate: due.dueDate,
      daysLeft,
    });
  } else {
    guidance.push({
      code: 'arbitration_limitation',
      text: `一年仲裁时效预计于 ${due.dueDate} 届满${rolled}（自 ${knewOn} 起算）。${incomplete}`,
      basis: LIMITATION_BASIS,
    });
  }
  return { guidance, warnings };
}

function assess(facts: TrackCaseFacts, now: Date, calendar: BusinessCalendar, options?: TrackOptions): TrackAssessment {
  assertInstant(now, 'now');
  const resolved = resolveTrackOptions(options);
  const riskReasons: TrackRiskReason[] = [];
  const flags: string[] = [];
  const guidance: Guidance[] = [];

  const group = collective(facts, resolved);
  if (group) {
    riskReasons.push(group.reason);
    flags.push('collective');
    guidance.push(group.guidance);
  }
  const limit = limitation(facts, now, calendar, resolved);
  guidance.push(...limit.guidance);

  return buildAssessment({ riskReasons, flags, guidance, warnings: limit.warnings });
}

// ---------------------------------------------------------------------------------------------
// Roads

function arbitrationOnBreach(): Road {
  return {
    code: 'labor_arbitration',
    label: '申请劳动争议仲裁',
    basis: '劳动争议调解仲裁法 第十五条',
    note: '达成调解协议后，一方当事人在协议约定期限内不履行调解协议的，另一方当事人可以依法申请仲裁；注意一年仲裁时效（第二十七条）',
  };
}

function paymentOrderRoad(): Road {
  return {
    code: 'payment_order',
    label: '持调解协议书向人民法院申请支付令',
    basis: '劳动争议调解仲裁法 第十六条',
    note: '因支付拖欠劳动报酬、工伤医疗费、经济补偿或者赔偿金达成调解协议，用人单位在约定期限内不履行的，劳动者可以申请支付令。人民法院受理后十五日内发出支付令，用人单位应当自收到之日起十五日内清偿或者提出书面异议（民事诉讼法第二百二十七条、第二百二十八条）',
  };
}

/**
 * Suing on a labor agreement is the exception, not the rule (仲裁前置, Art.5): only a wage-only
 * agreement may be sued on directly (劳动争议解释（一）Art.51 ¶2), and the other payment-order
 * kinds after the court has ended the payment-order procedure (DOMAIN.md L3). For other terms the
 * road to court runs through arbitration, so no litigation road is offered.
 */
function laborLitigationRoad(kind: ObligationKind, closedNote: string | undefined): Road | null {
  const suffix = closedNote ? `；${closedNote}` : '';
  if (kind === 'wage') {
    return {
      code: 'litigation',
      label: '就拖欠劳动报酬直接向人民法院起诉',
      basis: '劳动争议解释（一） 第五十一条第二款',
      note: `仅就劳动报酬争议达成调解协议，用人单位不履行给付义务的，劳动者可以直接起诉，人民法院可以按照普通民事纠纷受理${suffix}`,
    };
  }
  if (PAYMENT_ORDER_KINDS.includes(kind)) {
    return {
      code: 'litigation',
      label: '支付令程序终结后依据调解协议起诉',
      basis: '劳动争议解释（一） 第十三条',
      note: `用人单位对支付令提出异议、人民法院裁定终结督促程序后，劳动者可以依据调解协议向人民法院起诉${suffix}`,
    };
  }
  return null;
}

function breachRoads(args: BreachArgs): Road[] {
  // A court-confirmed agreement is an enforceable title: enforcement, not a new arbitration.
  if (args.judiciallyConfirmed && isConfirmable(args.obligationKind)) {
    assertInstant(args.now, 'now');
    assertInstant(args.agreementEffectiveAt, 'agreementEffectiveAt');
    return [enforcementRoad(), reMediationRoad()];
  }
  const roads: Road[] = [arbitrationOnBreach()];
  if (PAYMENT_ORDER_KINDS.includes(args.obligationKind)) roads.push(paymentOrderRoad());
  const { road: confirmation, window } = openConfirmationRoad(args);
  if (confirmation) roads.push(confirmation);
  const closedNote =
    !confirmation && isConfirmable(args.obligationKind) && !args.judiciallyConfirmed
      ? `申请司法确认的期限已于 ${window.dueDate} 届满`
      : undefined;
  const litigation = laborLitigationRoad(args.obligationKind, closedNote);
  if (litigation) roads.push(litigation);
  roads.push(reMediationRoad());
  return roads;
}

function failureRoads(facts: TrackCaseFacts): Road[] {
  const roads: Road[] = [
    {
      code: 'labor_arbitration',
      label: '申请劳动争议仲裁',
      basis: '劳动争议调解仲裁法 第十四条第三款',
      note: '自劳动争议调解组织收到调解申请之日起十五日内未达成调解协议的，当事人可以依法申请仲裁；注意一年仲裁时效（第二十七条）',
    },
  ];
  if (facts.subcategory && COMPLAINT_SUBCATEGORIES.includes(facts.subcategory)) {
    roads.push({
      code: 'administrative',
      label: '向劳动行政部门投诉（劳动保障监察）',
      basis: '劳动争议调解仲裁法 第九条',
      note: '用人单位拖欠或者未足额支付劳动报酬，或者拖欠工伤医疗费、经济补偿或者赔偿金的，劳动者可以向劳动行政部门投诉',
    });
  }
  roads.push({
    code: 'litigation',
    label: '对仲裁裁决不服的，向人民法院起诉',
    basis: '劳动争议调解仲裁法 第五条、第四十八条、第五十条',
    note: '劳动争议须先经仲裁（仲裁前置）；对仲裁裁决不服的，可以自收到仲裁裁决书之日起十五日内向人民法院提起诉讼',
  });
  return roads;
}

export const laborPolicy: TrackPolicy = Object.freeze({
  track: 'labor',
  label: TRACK_LABELS.labor,
  mediationDeadline: (_facts: TrackCaseFacts): DeadlineKind => 'labor_mediation',
  assess,
  confirmability: (terms: Parameters<TrackPolicy['confirmability']>[0]): Confirmability => confirmabilityOf(terms),
  breachRoads,
  failureRoads,
});
