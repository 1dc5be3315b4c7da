import type { StaffRole } from '../auth/roles';
import { DomainError } from '../common/errors/domain-error';
import type { StaffPrincipal } from '../common/principal';
import { assertPetitionTransition, checkPetitionTransition, PETITION_STATUSES, PETITION_TRANSITIONS, PetitionAction, PetitionStatus } from './petition-status';

const OFFICER: StaffRole[] = ['petition_officer'];

describe('petition lifecycle', () => {
  // [action, from, to] for the road of one claim from receipt to finality, and the side roads.
  it.each<[PetitionAction, PetitionStatus, PetitionStatus | null]>([
    ['accept', 'received', 'accepted'],
    ['transfer', 'received', 'transferred'],
    ['divert', 'received', 'diverted'],
    ['divert', 'accepted', 'diverted'],
    ['decline', 'received', 'declined'],
    ['extend', 'accepted', null],
    ['reply', 'accepted', 'replied'],
    ['record_delivery', 'replied', null],
    ['request_review', 'replied', 'under_review'],
    ['review_reply', 'under_review', 'reviewed'],
    ['request_re_review', 'reviewed', 'under_re_review'],
    ['re_review_reply', 'under_re_review', 'final'],
    ['close', 'replied', 'closed'],
    ['close', 'reviewed', 'closed'],
    ['evaluate', 'final', null],
    ['open_mediation', 'received', null],
    ['open_mediation', 'accepted', null],
  ])('%s from %s → %s', (action, from, to) => {
    expect(checkPetitionTransition(action, from, OFFICER)).toEqual({ ok: true, to });
  });

  // What the 条例 does not allow: no handling before acceptance, no review before an answer, no
  // second round after 复核 (Art.36 ¶3), no routing twice.
  it.each<[PetitionAction, PetitionStatus]>([
    ['reply', 'received'],
    ['extend', 'replied'],
    ['extend', 'received'],
    ['request_review', 'accepted'],
    ['request_review', 'reviewed'],
    ['request_review', 'final'],
    ['request_re_review', 'replied'],
    ['request_re_review', 'final'],
    ['re_review_reply', 'reviewed'],
    ['accept', 'accepted'],
    ['accept', 'transferred'],
    ['transfer', 'accepted'],
    ['decline', 'accepted'],
    ['divert', 'replied'],
    ['close', 'final'],
    ['close', 'accepted'],
    ['evaluate', 'accepted'],
    ['open_mediation', 'replied'],
    ['assign_leader', 'transferred'],
    ['assign_leader', 'diverted'],
  ])('refuses %s from %s', (action, from) => {
    const check = checkPetitionTransition(action, from, action === 'assign_leader' ? ['director'] : OFFICER);
    expect(check).toMatchObject({ ok: false, reason: 'invalid_transition' });
  });

  it.each<[PetitionAction, StaffRole[], boolean]>([
    ['accept', ['petition_officer'], true],
    ['accept', ['leader'], true],
    ['accept', ['intake_clerk'], false],
    ['accept', ['director'], false],
    ['assign_leader', ['director'], true],
    ['assign_leader', ['petition_officer'], false],
    ['assign_leader', ['leader'], false],
    ['reply', ['mediator', 'petition_officer'], true],
  ])('%s by %j allowed: %s', (action, roles, allowed) => {
    const from = PETITION_TRANSITIONS[action].from[0];
    expect(checkPetitionTransition(action, from, roles).ok).toBe(allowed);
  });

  it('every status is reachable, and every transition starts from a known status', () => {
    const reached = new Set<PetitionStatus>(['received']);
    for (const t of Object.values(PETITION_TRANSITIONS)) {
      for (const s of t.from) expect(PETITION_STATUSES).toContain(s);
      if (t.to) reached.add(t.to);
    }
    expect([...reached].sort()).toEqual([...PETITION_STATUSES].sort());
  });

  it('throws 409 naming the allowed statuses, and 403 for the wrong role', () => {
    const officer = { type: 'staff', id: 'u', username: 'wu', displayName: '吴倩', roles: ['petition_officer'], orgUnitId: 'x', orgUnitPath: '/x/' } as StaffPrincipal;
    const conflict = (() => {
      try {
        assertPetitionTransition('request_review', 'final', officer);
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(conflict).toMatchObject({ code: 'PETITION.INVALID_TRANSITION', status: 409, params: { statusLabel: '复核终结', allowedFrom: '已出具处理意见' } });
    expect(() => assertPetitionTransition('assign_leader', 'accepted', officer)).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
  });
});
