import type { StaffRole } from '../auth/roles';
import { DomainError } from '../common/errors/domain-error';
import type { Principal } from '../common/principal';

export const CASE_STATUSES = [
  'registered', 'accepted', 'in_mediation', 'suspended', 'agreement', 'performing',
  'failed', 'withdrawn', 'referred_out', 'rejected', 'merged', 'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  registered: '已登记', accepted: '已受理', in_mediation: '调解中', suspended: '中止', agreement: '已达成协议',
  performing: '履行中', failed: '调解不成', withdrawn: '已撤回', referred_out: '已移交', rejected: '不予受理',
  merged: '已合并', closed: '已结案',
};

/** A case in one of these is still being worked: it counts for duplicates and overdue lists. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['registered', 'accepted', 'in_mediation', 'suspended', 'agreement', 'performing', 'failed'];

export type CaseAction =
  | 'accept' | 'refer_out' | 'reject' | 'merge' | 'escalate'
  | 'assign' | 'suspend' | 'resume' | 'record_agreement' | 'start_performance' | 'fail' | 'withdraw' | 'close' | 'reopen';

interface Transition {
  from: readonly CaseStatus[];
  /** null: the status does not change (escalation moves the case up a unit, still to be triaged). */
  to: CaseStatus | null;
  roles: readonly StaffRole[];
}

const TRIAGE_ROLES: readonly StaffRole[] = ['director', 'intake_clerk'];
const CASEWORK_ROLES: readonly StaffRole[] = ['director', 'mediator'];

/**
 * DESIGN.md §3. Triage decides the road of a registered case (accept into a track, refer out,
 * reject with 不予受理, merge into a duplicate, or escalate to the unit above: 小事不出村、
 * 大事不出镇); mediation then runs from acceptance to closure.
 */
export const TRANSITIONS: Record<CaseAction, Transition> = {
  accept: { from: ['registered'], to: 'accepted', roles: TRIAGE_ROLES },
  refer_out: { from: ['registered', 'accepted', 'failed', 'performing'], to: 'referred_out', roles: TRIAGE_ROLES },
  reject: { from: ['registered'], to: 'rejected', roles: TRIAGE_ROLES },
  merge: { from: ['registered', 'accepted'], to: 'merged', roles: TRIAGE_ROLES },
  escalate: { from: ['registered', 'accepted'], to: null, roles: TRIAGE_ROLES },
  assign: { from: ['accepted', 'in_mediation'], to: 'in_mediation', roles: ['director'] },
  suspend: { from: ['in_mediation'], to: 'suspended', roles: CASEWORK_ROLES },
  resume: { from: ['suspended'], to: 'in_mediation', roles: CASEWORK_ROLES },
  record_agreement: { from: ['in_mediation'], to: 'agreement', roles: CASEWORK_ROLES },
  start_performance: { from: ['agreement'], to: 'performing', roles: CASEWORK_ROLES },
  fail: { from: ['in_mediation', 'suspended'], to: 'failed', roles: CASEWORK_ROLES },
  withdraw: { from: ['in_mediation', 'suspended', 'accepted'], to: 'withdrawn', roles: CASEWORK_ROLES },
  close: { from: ['performing', 'agreement', 'failed', 'withdrawn'], to: 'closed', roles: CASEWORK_ROLES },
  // A follow-up visit finds the dispute flaring up again or the agreement not kept (回访发现反弹).
  reopen: { from: ['agreement', 'performing', 'closed', 'failed'], to: 'in_mediation', roles: ['director'] },
};

export type TransitionCheck =
  | { ok: true; to: CaseStatus | null }
  | { ok: false; reason: 'invalid_transition'; allowedFrom: readonly CaseStatus[] }
  | { ok: false; reason: 'role'; roles: readonly StaffRole[] };

export function checkTransition(action: CaseAction, current: CaseStatus, roles: readonly StaffRole[]): TransitionCheck {
  const t = TRANSITIONS[action];
  if (!t.roles.some((r) => roles.includes(r))) return { ok: false, reason: 'role', roles: t.roles };
  if (!t.from.includes(current)) return { ok: false, reason: 'invalid_transition', allowedFrom: t.from };
  return { ok: true, to: t.to };
}

export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  accept: '受理', refer_out: '移交', reject: '不予受理', merge: '合并', escalate: '上交', assign: '指派调解员', suspend: '中止调解', resume: '恢复调解',
  record_agreement: '记录调解协议', start_performance: '开始履行', fail: '终止调解', withdraw: '撤回', close: '结案', reopen: '重新调解',
};

/** 409 for something the case's status does not allow, naming the statuses it is allowed from. */
export function invalidTransition(status: CaseStatus, action: string, actionLabel: string, allowedFrom: readonly CaseStatus[]): DomainError {
  return new DomainError(
    'CASE.INVALID_TRANSITION',
    { status, statusLabel: CASE_STATUS_LABELS[status], action, actionLabel, allowedFrom: allowedFrom.map((s) => CASE_STATUS_LABELS[s]).join('、') },
    [],
    {},
    { currentStatus: status },
  );
}

/** Throws what a failed transition check means: 403 for the role, 409 for the status. */
export function assertTransition(action: CaseAction, status: CaseStatus, principal: Principal, actionLabel = CASE_ACTION_LABELS[action]): void {
  const check = checkTransition(action, status, principal.type === 'staff' ? principal.roles : []);
  if (check.ok) return;
  if (check.reason === 'role') throw new DomainError('AUTH.FORBIDDEN', { actor: principal.type === 'staff' ? principal.displayName : principal.name });
  throw invalidTransition(status, action, actionLabel, check.allowedFrom);
}
