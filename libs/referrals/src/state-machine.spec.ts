import { allowedActions, canTransition, FINAL_STATUSES, IllegalTransitionError, REFERRAL_STATUSES, ReferralStatus, transition } from './index';

describe('referral state machine', () => {
  it('runs the happy path requested → received → accepted → resolved', () => {
    let s: ReferralStatus = 'requested';
    s = transition(s, 'receive');
    expect(s).toBe('received');
    s = transition(s, 'accept');
    expect(s).toBe('accepted');
    expect(transition(s, 'resolve')).toBe('resolved');
  });

  it('lets a received referral be declined, returned and resubmitted, or revoked', () => {
    expect(transition('received', 'decline')).toBe('declined');
    expect(transition('received', 'return')).toBe('returned');
    expect(transition('returned', 'resubmit')).toBe('received');
    expect(transition('received', 'revoke')).toBe('revoked');
    expect(transition('requested', 'revoke')).toBe('revoked');
  });

  it.each([
    ['requested', 'accept'],
    ['accepted', 'decline'],
    ['accepted', 'revoke'],
    ['declined', 'accept'],
    ['resolved', 'resolve'],
    ['revoked', 'receive'],
  ] as const)('refuses %s --%s-->', (from, action) => {
    expect(canTransition(from, action)).toBe(false);
    expect(() => transition(from, action)).toThrow(IllegalTransitionError);
    expect(() => transition(from, action)).toThrow(REFERRAL_STATUSES[from]);
  });

  it('has no way out of a final status', () => {
    for (const s of FINAL_STATUSES) expect(allowedActions(s)).toEqual([]);
  });
});
