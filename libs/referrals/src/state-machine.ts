// The referral lifecycle shared by every receiving agency and mirrored by the sender.
export const REFERRAL_STATUSES = {
  requested: '已移送',
  received: '已接收',
  accepted: '已受理',
  declined: '不予受理',
  returned: '退回补充材料',
  resolved: '已办结',
  revoked: '已撤回',
} as const;
export type ReferralStatus = keyof typeof REFERRAL_STATUSES;

export type ReferralAction = 'receive' | 'accept' | 'decline' | 'return' | 'resubmit' | 'resolve' | 'revoke';

const TRANSITIONS: Record<ReferralStatus, Partial<Record<ReferralAction, ReferralStatus>>> = {
  requested: { receive: 'received', revoke: 'revoked' },
  received: { accept: 'accepted', decline: 'declined', return: 'returned', revoke: 'revoked' },
  returned: { resubmit: 'received', revoke: 'revoked' },
  accepted: { resolve: 'resolved' },
  declined: {},
  resolved: {},
  revoked: {},
};

/** Statuses in which the sender's clock and the receiver's work have ended. */
export const FINAL_STATUSES: readonly ReferralStatus[] = ['declined', 'resolved', 'revoked'];

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: ReferralStatus,
    readonly action: ReferralAction,
  ) {
    super(`转介状态为“${REFERRAL_STATUSES[from]}”，不能执行该操作（${action}）`);
  }
}

export function canTransition(from: ReferralStatus, action: ReferralAction): boolean {
  return TRANSITIONS[from][action] !== undefined;
}

export function transition(from: ReferralStatus, action: ReferralAction): ReferralStatus {
  const to = TRANSITIONS[from][action];
  if (!to) throw new IllegalTransitionError(from, action);
  return to;
}

export function allowedActions(from: ReferralStatus): ReferralAction[] {
  return Object.keys(TRANSITIONS[from]) as ReferralAction[];
}

/** The action a status-update event reports, so the sender replays the same machine. */
export const ACTION_OF_EVENT: Record<string, ReferralAction> = {
  'referral.received': 'receive',
  'referral.accepted': 'accept',
  'referral.declined': 'decline',
  'referral.returned': 'return',
  'referral.resolved': 'resolve',
};
