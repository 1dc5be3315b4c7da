/**
 * Track policies (DESIGN.md §3): what each mediation track (family, labor, property, general)
 * adds to the common mediation core — its time limit, its risk rules, the guidance a mediator
 * must give, which agreement terms a court can confirm, and where breach or failure leads.
 *
 * Pure: no Nest, no database, no clock. `now` and the business calendar are parameters, so the
 * same facts always give the same answer and every rule can be tested against the official
 * 2025/2026 calendar.
 *
 * This file holds the types and what every track shares: judicial confirmation (人民调解法
 * Art.33; 民事诉讼法 Art.205), its exclusions (民诉解释 Art.355) and the common breach roads.
 */
import { computeKindDue, DeadlineKind, DeadlineKindOverrides, KindDueResult } from '../../deadlines/deadline-kinds';
import { BusinessCalendar, startOfLocalDay } from '../../deadlines/period';
import { RISK_LEVELS, RiskLevel } from '../../triage/rules';
import { Track } from '../../triage/taxonomy';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

export type TrackPartyRole = 'applicant' | 'respondent' | 'third_party' | 'agent';

export interface TrackCaseFacts {
  category: string | null;
  subcategory: string | null;
  parties: ReadonlyArray<{
    /** A TrackPartyRole (the cases module's PartyRole); any other string is tolerated and ignored. */
    role: string;
    kind: 'person' | 'organisation';
    idType?: string | null;
  }>;
  flags: { domesticViolence?: boolean; minorsInvolved?: boolean };
  /** labor: workers on the applicant side. */
  workerCount?: number | null;
  /** labor: YYYY-MM-DD (Beijing date), when the worker knew or should have known of the infringement (L4). */
  knewOfInfringementOn?: string | null;
  /** labor: wage arrears during employment have no limitation (劳动争议调解仲裁法 Art.27 ¶4). */
  employmentEnded?: boolean | null;
  /** property: households on the owners' side. */
  households?: number | null;
}

export interface Guidance {
  /** Stable machine code, snake_case. */
  code: string;
  /** Chinese, for the mediator (and, where it says so, to be passed on to the party). */
  text: string;
  /** Legal citation, when the guidance rests on one. */
  basis?: string;
}

export type TrackWarning = Guidance & { dueDate?: string; daysLeft?: number };

export interface TrackRiskReason {
  code: string;
  level: RiskLevel;
  description: string;
}

export interface TrackAssessment {
  /** Risk the track itself requires (never lowers the case's risk: callers take the max, see maxRiskLevel). */
  minimumRisk: RiskLevel | null;
  /** Most severe first. */
  riskReasons: TrackRiskReason[];
  /** e.g. 'domestic_violence', 'minors', 'collective', 'group'. */
  flags: string[];
  guidance: Guidance[];
  warnings: TrackWarning[];
}

/**
 * What an agreement term obliges. Beyond the brief's list: `parentage_status` (亲子关系) and
 * `right_confirmation` (物权、知识产权确权), the two other exclusions of 民诉解释 Art.355 that
 * DOMAIN.md §4.1 names.
 */
export const OBLIGATION_KINDS = [
  'payment',
  'wage',
  'work_injury_compensation',
  'economic_compensation',
  'act',
  'support',
  'property_transfer',
  'marriage_status',
  'adoption_status',
  'parentage_status',
  'right_confirmation',
  'other',
] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

export const OBLIGATION_LABELS: Readonly<Record<ObligationKind, string>> = Object.freeze({
  payment: '金钱给付',
  wage: '劳动报酬',
  work_injury_compensation: '工伤医疗费/工伤赔偿',
  economic_compensation: '经济补偿或赔偿金',
  act: '行为义务',
  support: '抚养费/赡养费/扶养费',
  property_transfer: '财产分割/交付',
  marriage_status: '婚姻关系',
  adoption_status: '收养关系',
  parentage_status: '亲子关系',
  right_confirmation: '物权/知识产权确权',
  other: '其他',
});

/**
 * `enforcement` is added to the brief's codes: once a court has confirmed the agreement, the road
 * on breach is enforcement (人民调解法 Art.33 ¶2; 民事诉讼法 Art.206), not a new suit.
 */
export type RoadCode =
  | 'judicial_confirmation'
  | 'litigation'
  | 'labor_arbitration'
  | 'payment_order'
  | 'administrative'
  | 're_mediation'
  | 'enforcement';

export interface Road {
  code: RoadCode;
  /** Chinese. */
  label: string;
  /** Legal citation. */
  basis: string;
  note?: string;
  /** Last day to take the road, when it has one (judicial confirmation: the 30-day window). */
  dueDate?: string;
}

export interface Confirmability {
  /** True when every listed term can be confirmed (and there is at least one). */
  ok: boolean;
  confirmable: ObligationKind[];
  excluded: ObligationKind[];
  /** Chinese; set when ok is false. */
  reason?: string;
}

export interface BreachArgs {
  obligationKind: ObligationKind;
  agreementEffectiveAt: Date;
  now: Date;
  judiciallyConfirmed: boolean;
  calendar: BusinessCalendar;
  /** Per-deployment deadline overrides (deadline-kinds.ts), e.g. for the 30-day window. */
  deadlineOverrides?: DeadlineKindOverrides;
}

export interface TrackOptions {
  /** labor: workers on the applicant side from which the dispute is collective. Default 10 (劳动争议调解仲裁法 Art.7). */
  collectiveThreshold?: number;
  /** property: households from which the dispute is a group dispute. Default 10. */
  groupHouseholdThreshold?: number;
  /** labor: warn when fewer than this many days of the arbitration limitation remain. Default 30. */
  limitationWarningDays?: number;
  /** Per-deployment deadline overrides (deadline-kinds.ts). */
  deadlineOverrides?: DeadlineKindOverrides;
}

export interface TrackPolicy {
  readonly track: Track;
  readonly label: string;
  /** The deadline kind the mediation runs under once accepted (general → medical_committee_mediation for medical cases). */
  mediationDeadline(facts: TrackCaseFacts): DeadlineKind;
  assess(facts: TrackCaseFacts, now: Date, calendar: BusinessCalendar, options?: TrackOptions): TrackAssessment;
  /** Which agreement terms a court can confirm (民诉解释 Art.355). */
  confirmability(terms: readonly ObligationKind[]): Confirmability;
  /** The roads the law opens when an obligation is breached. */
  breachRoads(args: BreachArgs): Road[];
  /** The roads to tell the parties when mediation fails (人民调解法 Art.26). */
  failureRoads(facts: TrackCaseFacts): Road[];
}

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

export interface ResolvedTrackOptions {
  collectiveThreshold: number;
  groupHouseholdThreshold: number;
  limitationWarningDays: number;
  deadlineOverrides?: DeadlineKindOverrides;
}

type ThresholdOption = Exclude<keyof ResolvedTrackOptions, 'deadlineOverrides'>;

export const DEFAULT_TRACK_OPTIONS: Readonly<Record<ThresholdOption, number>> = Object.freeze({
  collectiveThreshold: 10,
  groupHouseholdThreshold: 10,
  limitationWarningDays: 30,
});

/**
 * Defaults applied and values checked. Options come from deployment configuration; a bad one
 * (0, -3, 2.5) must fail loudly rather than silently switch a rule off, as in resolvePolicy.
 */
export function resolveTrackOptions(options?: TrackOptions): ResolvedTrackOptions {
  const resolved: ResolvedTrackOptions = { ...DEFAULT_TRACK_OPTIONS };
  for (const key of Object.keys(DEFAULT_TRACK_OPTIONS) as ThresholdOption[]) {
    const value = options?.[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw new RangeError(`Track option ${key} must be a positive integer, got ${String(value)}`);
    }
    resolved[key] = value;
  }
  if (options?.deadlineOverrides) resolved.deadlineOverrides = options.deadlineOverrides;
  return resolved;
}

// ---------------------------------------------------------------------------------------------
// Risk
// ---------------------------------------------------------------------------------------------

const severity = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);

/** The most severe of the levels given (RISK_LEVELS runs from red down to blue); null when none. */
export function maxRiskLevel(...levels: ReadonlyArray<RiskLevel | null | undefined>): RiskLevel | null {
  let best: RiskLevel | null = null;
  for (const level of levels) {
    if (level && (best === null || severity(level) < severity(best))) best = level;
  }
  return best;
}

/** Builds an assessment: reasons sorted most severe first, minimumRisk their maximum, flags deduplicated. */
export function buildAssessment(parts: {
  riskReasons?: TrackRiskReason[];
  flags?: string[];
  guidance?: Guidance[];
  warnings?: TrackWarning[];
}): TrackAssessment {
  const riskReasons = [...(parts.riskReasons ?? [])].sort((a, b) => severity(a.level) - severity(b.level));
  return {
    minimumRisk: maxRiskLevel(...riskReasons.map((r) => r.level)),
    riskReasons,
    flags: [...new Set(parts.flags ?? [])],
    guidance: parts.guidance ?? [],
    warnings: parts.warnings ?? [],
  };
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

export function assertInstant(value: Date, what: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new RangeError(`${what} must be a valid Date`);
}

/**
 * The instant to start a period on a recorded civil date (YYYY-MM-DD, Beijing). computeDue counts
 * from the *local date* of the start instant (first day not counted, 民法典 Art.201), so any
 * instant inside that day gives the same due date; noon (+08:00) is used so that no rounding or
 * offset mistake near midnight can move it to a neighbouring day. Invalid dates (2026-02-30) throw.
 */
export function instantOfLocalDate(date: string): Date {
  return new Date(startOfLocalDay(date).getTime() + 12 * 3_600_000);
}

// ---------------------------------------------------------------------------------------------
// Judicial confirmation (人民调解法 Art.33; 民事诉讼法 Art.205; 民诉解释 Art.355)
// ---------------------------------------------------------------------------------------------

/** Terms a court refuses to confirm (民诉解释 Art.355 (3) and (5)), in every track. */
export const NOT_CONFIRMABLE: readonly ObligationKind[] = Object.freeze([
  'marriage_status',
  'parentage_status',
  'adoption_status',
  'right_confirmation',
]);

export const CONFIRMATION_EXCLUSION_BASIS = '民诉解释 第三百五十五条';

/**
 * Splits the terms into confirmable and excluded ones. Duplicates are collapsed; an unknown kind
 * throws (it comes from an API body, and guessing would give a party wrong advice).
 */
export function confirmabilityOf(terms: readonly ObligationKind[]): Confirmability {
  if (!Array.isArray(terms as unknown)) throw new RangeError('terms must be an array of obligation kinds');
  const unique = [...new Set(terms)];
  for (const term of unique) {
    if (!(OBLIGATION_KINDS as readonly string[]).includes(term)) {
      throw new RangeError(`Unknown obligation kind: ${JSON.stringify(term)}`);
    }
  }
  const excluded = unique.filter((t) => NOT_CONFIRMABLE.includes(t));
  const confirmable = unique.filter((t) => !NOT_CONFIRMABLE.includes(t));
  if (unique.length === 0) {
    return { ok: false, confirmable, excluded, reason: '调解协议未列明任何条款，无可申请司法确认的内容' };
  }
  if (excluded.length === 0) return { ok: true, confirmable, excluded };
  const names = excluded.map((t) => OBLIGATION_LABELS[t]).join('、');
  const rest = confirmable.length
    ? `可以仅就${confirmable.map((t) => OBLIGATION_LABELS[t]).join('、')}等内容申请司法确认`
    : '本协议没有可以申请司法确认的内容';
  return {
    ok: false,
    confirmable,
    excluded,
    reason: `调解协议中涉及${names}的内容不属于司法确认范围，人民法院裁定不予受理（${CONFIRMATION_EXCLUSION_BASIS}）；${rest}`,
  };
}

export function isConfirmable(kind: ObligationKind): boolean {
  return !NOT_CONFIRMABLE.includes(kind);
}

/** The 30-day window to apply for judicial confirmation (P2), from the agreement taking effect. */
export function confirmationWindow(
  agreementEffectiveAt: Date,
  calendar: BusinessCalendar,
  overrides?: DeadlineKindOverrides,
): KindDueResult {
  return computeKindDue('judicial_confirmation_application', agreementEffectiveAt, calendar, overrides);
}

// ---------------------------------------------------------------------------------------------
// Roads shared by the tracks
// ---------------------------------------------------------------------------------------------

export const JUDICIAL_CONFIRMATION_BASIS = '人民调解法 第三十三条；民事诉讼法 第二百零五条';

export function judicialConfirmationRoad(dueDate: string): Road {
  return {
    code: 'judicial_confirmation',
    label: '共同申请司法确认',
    basis: JUDICIAL_CONFIRMATION_BASIS,
    note: `双方当事人应当自调解协议生效之日起三十日内共同向人民法院申请，本案截至 ${dueDate}（期满日遇休息日、法定节假日已顺延）；确认有效后一方不履行的，对方可以申请强制执行`,
    dueDate,
  };
}

export function agreementLitigationRoad(note?: string): Road {
  return {
    code: 'litigation',
    label: '就调解协议的履行向人民法院提起诉讼',
    basis: '人民调解法 第三十二条',
    ...(note ? { note } : {}),
  };
}

export function enforcementRoad(): Road {
  return {
    code: 'enforcement',
    label: '向人民法院申请强制执行',
    basis: '人民调解法 第三十三条第二款；民事诉讼法 第二百零六条',
    note: '调解协议已经人民法院确认有效，一方拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行',
  };
}

export function reMediationRoad(): Road {
  return {
    code: 're_mediation',
    label: '督促履行或者重新调解',
    basis: '人民调解法 第三十一条',
    note: '人民调解委员会应当对调解协议的履行情况进行监督，督促当事人履行；双方同意的，可以变更原协议或者达成新的调解协议',
  };
}

/** Failure road of every people's-mediation track: tell the parties they may sue (Art.26). */
export function failureLitigationRoad(extraBasis?: string, note?: string): Road {
  return {
    code: 'litigation',
    label: '向人民法院提起诉讼',
    basis: extraBasis ? `人民调解法 第二十六条；${extraBasis}` : '人民调解法 第二十六条',
    ...(note ? { note } : {}),
  };
}

/**
 * The judicial-confirmation road, or null: open while `now` is before the window's exclusive
 * bound (24:00 of the last day, rolled off rest days), the term is confirmable and the court has
 * not confirmed it yet. Also returns the window, so callers can say when it closed.
 */
export function openConfirmationRoad(args: BreachArgs): { road: Road | null; window: KindDueResult } {
  assertInstant(args.now, 'now');
  const window = confirmationWindow(args.agreementEffectiveAt, args.calendar, args.deadlineOverrides);
  const open = !args.judiciallyConfirmed && isConfirmable(args.obligationKind) && args.now.getTime() < window.dueAt.getTime();
  return { road: open ? judicialConfirmationRoad(window.dueDate) : null, window };
}

/**
 * Common breach roads (family, property, general):
 * - confirmed by a court (and the term is confirmable, so the confirmation covers it): enforcement;
 * - otherwise: judicial confirmation while the window is open, a suit on the agreement, and
 *   always the committee's supervision / re-mediation.
 */
export function commonBreachRoads(args: BreachArgs): Road[] {
  if (args.judiciallyConfirmed && isConfirmable(args.obligationKind)) {
    assertInstant(args.now, 'now');
    assertInstant(args.agreementEffectiveAt, 'agreementEffectiveAt');
    return [enforcementRoad(), reMediationRoad()];
  }
  const { road, window } = openConfirmationRoad(args);
  const roads: Road[] = [];
  if (road) roads.push(road);
  const closedNote =
    !road && isConfirmable(args.obligationKind) && !args.judiciallyConfirmed
      ? `申请司法确认的期限已于 ${window.dueDate} 届满，调解协议仍具有法律约束力`
      : undefined;
  roads.push(agreementLitigationRoad(closedNote));
  roads.push(reMediationRoad());
  return roads;
}
