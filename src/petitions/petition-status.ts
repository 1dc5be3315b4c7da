import type { StaffRole } from '../auth/roles';
import { DomainError } from '../common/errors/domain-error';
import type { Principal } from '../common/principal';

/**
 * 信访事项 lifecycle (信访工作条例 2022; DOMAIN.md §4.4):
 *
 * ```
 * received ──accept──▶ accepted ──reply──▶ replied ──request_review──▶ under_review ──review_reply──▶ reviewed
 *    │  (X1: 15 days)     │ (X4: 60 days,     │  (≤30 days after      (X5: 30 days)                     │
 *    │                    │  +≤30 approved)   │   receipt, Art.35)                                       │ request_re_review (≤30 days, Art.36)
 *    ├─transfer─▶ transferred (转送/交办/告知)    ├─close─▶ closed                                           ▼
 *    ├─divert──▶ diverted (诉访分离: 法定途径;   │                                       final ◀──re_review_reply── under_re_review
 *    │            检举控告 → 纪检监察; 转调解)   │                                    (X7: 不再受理, Art.36 ¶3)   (X6: 30 days)
 *    └─decline─▶ declined (不予受理)           └─divert (a claim found to belong to a legal channel)
 * ```
 */
export const PETITION_STATUSES = [
  'received', 'accepted', 'replied', 'under_review', 'reviewed', 'under_re_review', 'final', 'closed', 'transferred', 'diverted', 'declined',
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

export const PETITION_STATUS_LABELS: Record<PetitionStatus, string> = {
  received: '已登记', accepted: '办理中', replied: '已出具处理意见', under_review: '复查中', reviewed: '已出具复查意见', under_re_review: '复核中',
  final: '复核终结', closed: '已办结', transferred: '已转送交办', diverted: '已导入法定途径', declined: '不予受理',
};

/** Still being worked here: these count for due-soon, overdue and backlog (积案) lists. */
export const OPEN_PETITION_STATUSES: readonly PetitionStatus[] = ['received', 'accepted', 'replied', 'under_review', 'reviewed', 'under_re_review'];

/**
 * Accepted, in progress or final: a new petition with the same petitioner and matter is a repeat
 * of one of these (Art.19 ¶3, Art.35, Art.36 ¶3). A petition that was only registered, or left for
 * another organ or a legal channel, was never accepted here.
 */
export const REPEAT_BASIS_STATUSES: readonly PetitionStatus[] = ['accepted', 'replied', 'under_review', 'reviewed', 'under_re_review', 'closed', 'final'];

export type PetitionAction =
  | 'accept' | 'transfer' | 'divert' | 'decline' | 'extend' | 'reply' | 'record_delivery' | 'request_review' | 'review_reply'
  | 'request_re_review' | 're_review_reply' | 'close' | 'evaluate' | 'assign_leader' | 'open_mediation';

interface Transition {
  from: readonly PetitionStatus[];
  /** null: the status does not change (or depends on the case, e.g. 信访转调解). */
  to: PetitionStatus | null;
  roles: readonly StaffRole[];
}

/** The petition officer works the matter; a leader who took charge of it (包案) may too. */
const HANDLERS: readonly StaffRole[] = ['petition_officer', 'leader'];
const REPLIED: readonly PetitionStatus[] = ['replied', 'under_review', 'reviewed', 'under_re_review', 'final', 'closed'];

export const PETITION_TRANSITIONS: Record<PetitionAction, Transition> = {
  accept: { from: ['received'], to: 'accepted', roles: HANDLERS },
  transfer: { from: ['received'], to: 'transferred', roles: HANDLERS },
  divert: { from: ['received', 'accepted'], to: 'diverted', roles: HANDLERS },
  decline: { from: ['received'], to: 'declined', roles: HANDLERS },
  extend: { from: ['accepted'], to: null, roles: HANDLERS },
  reply: { from: ['accepted'], to: 'replied', roles: HANDLERS },
  record_delivery: { from: REPLIED, to: null, roles: HANDLERS },
  request_review: { from: ['replied'], to: 'under_review', roles: HANDLERS },
  review_reply: { from: ['under_review'], to: 'reviewed', roles: HANDLERS },
  request_re_review: { from: ['reviewed'], to: 'under_re_review', roles: HANDLERS },
  re_review_reply: { from: ['under_re_review'], to: 'final', roles: HANDLERS },
  close: { from: ['replied', 'reviewed'], to: 'closed', roles: HANDLERS },
  evaluate: { from: REPLIED, to: null, roles: HANDLERS },
  // 领导包案 (Art.18 ¶2): prominent or backlogged items, including old final ones still causing visits.
  assign_leader: { from: ['received', 'accepted', 'replied', 'under_review', 'reviewed', 'under_re_review', 'final', 'closed'], to: null, roles: ['director'] },
  // 信访转调解 (Art.37): before acceptance it is the road the matter takes; during handling, a method (Art.33).
  open_mediation: { from: ['received', 'accepted'], to: null, roles: HANDLERS },
};

export const PETITION_ACTION_LABELS: Record<PetitionAction, string> = {
  accept: '受理', transfer: '转送交办', divert: '导入法定途径', decline: '不予受理', extend: '延长办理期限', reply: '出具处理意见书', record_delivery: '记录送达',
  request_review: '登记复查请求', review_reply: '出具复查意见', request_re_review: '登记复核请求', re_review_reply: '出具复核意见', close: '办结', evaluate: '记录满意度评价',
  assign_leader: '指定包案领导', open_mediation: '信访转调解',
};

export type PetitionTransitionCheck =
  | { ok: true; to: PetitionStatus | null }
  | { ok: false; reason: 'invalid_transition'; allowedFrom: readonly PetitionStatus[] }
  | { ok: false; reason: 'role'; roles: readonly StaffRole[] };

export function checkPetitionTransition(action: PetitionAction, current: PetitionStatus, roles: readonly StaffRole[]): PetitionTransitionCheck {
  const t = PETITION_TRANSITIONS[action];
  if (!t.roles.some((r) => roles.includes(r))) return { ok: false, reason: 'role', roles: t.roles };
  if (!t.from.includes(current)) return { ok: false, reason: 'invalid_transition', allowedFrom: t.from };
  return { ok: true, to: t.to };
}

/** Throws what a failed check means: 403 for the role, 409 naming the statuses it is allowed from. */
export function assertPetitionTransition(action: PetitionAction, status: PetitionStatus, principal: Principal): void {
  const check = checkPetitionTransition(action, status, principal.type === 'staff' ? principal.roles : []);
  if (check.ok) return;
  if (check.reason === 'role') throw new DomainError('AUTH.FORBIDDEN', { actor: principal.type === 'staff' ? principal.displayName : principal.name });
  throw new DomainError(
    'PETITION.INVALID_TRANSITION',
    { status, statusLabel: PETITION_STATUS_LABELS[status], action, actionLabel: PETITION_ACTION_LABELS[action], allowedFrom: check.allowedFrom.map((s) => PETITION_STATUS_LABELS[s]).join('、') },
    [],
    {},
    { currentStatus: status },
  );
}
