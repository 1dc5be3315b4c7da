import { CaseAction, CaseStatus, checkTransition, TRANSITIONS } from './case-status';

describe('case status machine', () => {
  it.each<[CaseAction, CaseStatus, CaseStatus | null]>([
    ['accept', 'registered', 'accepted'],
    ['reject', 'registered', 'rejected'],
    ['refer_out', 'registered', 'referred_out'],
    ['refer_out', 'failed', 'referred_out'],
    ['merge', 'registered', 'merged'],
    ['escalate', 'registered', null],
    ['escalate', 'accepted', null],
  ])('%s from %s → %s for a director', (action, from, to) => {
    expect(checkTransition(action, from, ['director'])).toEqual({ ok: true, to });
  });

  it.each<[CaseAction, CaseStatus]>([
    ['accept', 'accepted'],
    ['accept', 'closed'],
    ['reject', 'accepted'],
    ['merge', 'merged'],
    ['escalate', 'in_mediation'],
    ['refer_out', 'closed'],
  ])('refuses %s from %s, naming the states it is allowed from', (action, from) => {
    const result = checkTransition(action, from, ['director']);
    expect(result).toMatchObject({ ok: false, reason: 'invalid_transition' });
    expect(result.ok === false && result.reason === 'invalid_transition' && result.allowedFrom).toEqual(TRANSITIONS[action].from);
  });

  it('checks the role before the state, so nobody learns about states they may not change', () => {
    expect(checkTransition('accept', 'closed', ['mediator'])).toEqual({ ok: false, reason: 'role', roles: ['director', 'intake_clerk'] });
  });

  it('never moves a terminal case by triage', () => {
    for (const terminal of ['closed', 'rejected', 'merged', 'referred_out'] as CaseStatus[]) {
      for (const action of ['accept', 'reject', 'merge', 'escalate'] as CaseAction[]) {
        expect(checkTransition(action, terminal, ['director']).ok).toBe(false);
      }
    }
  });
});
