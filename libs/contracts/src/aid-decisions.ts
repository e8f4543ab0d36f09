// The legal aid center's decisions that end or refuse aid, and the applicant's remedy (Legal Aid Law arts. 43, 48, 49).
// Pure data: the services validate with it, the portal shows it.

/** Why aid is refused (art. 43: a refusal is written and gives its reasons). */
export const REFUSAL_GROUNDS = {
  not_in_scope: '申请事项不属于法律援助范围（《法律援助法》第二十二条、第三十一条）',
  means_not_met: '申请人经济状况不符合法律援助条件（《法律援助法》第三十四条）',
  not_this_center: '不属于本法律援助机构受理，已告知向有管辖的法律援助机构申请（《法律援助法》第三十八条）',
  already_represented: '申请人已就同一事项委托律师或者其他代理人',
  other: '其他理由（须在决定书中具体说明）',
} as const;
export type RefusalGround = keyof typeof REFUSAL_GROUNDS;

/** Why aid already given ends (art. 48, its eight grounds). */
export const TERMINATION_GROUNDS = {
  deception: '受援人以欺骗或者其他不正当手段获得法律援助（第四十八条第一项）',
  concealment: '受援人故意隐瞒与案件有关的重要事实或者提供虚假证据（第四十八条第二项）',
  unlawful_use: '受援人利用法律援助从事违法活动（第四十八条第三项）',
  means_changed: '受援人的经济状况发生变化，不再符合法律援助条件（第四十八条第四项）',
  proceedings_ended: '案件终止审理或者已经被撤销（第四十八条第五项）',
  own_counsel: '受援人自行委托律师或者其他代理人（第四十八条第六项）',
  recipient_request: '受援人有正当理由要求终止法律援助（第四十八条第七项）',
  other_law: '法律法规规定的其他情形（第四十八条第八项）',
} as const;
export type TerminationGround = keyof typeof TERMINATION_GROUNDS;

/** What the written decision tells the applicant (art. 49). */
export const DECISION_REMEDY =
  '申请人、受援人对法律援助机构不予法律援助、终止法律援助的决定有异议的，可以向设立该法律援助机构的司法行政部门提出；' +
  '司法行政部门应当自收到异议之日起五日内进行审查，作出维持法律援助机构决定或者责令法律援助机构改正的决定（《法律援助法》第四十九条）。';

/** The justice bureau's answer to an objection (art. 49). */
export const OBJECTION_DECISIONS = { upheld: '维持法律援助机构的决定', corrected: '责令法律援助机构改正' } as const;
export type ObjectionDecision = keyof typeof OBJECTION_DECISIONS;
export const OBJECTION_STATUSES = { pending: '审查中', ...OBJECTION_DECISIONS } as const;

/**
 * Migrant workers (进城务工人员) claiming labor remuneration or work-injury compensation are exempt from the means
 * check (art. 42(3)); refusing them for their means is refused.
 */
export const MIGRANT_EXEMPTION_BASIS = '《法律援助法》第四十二条第三项：申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员，免予核查经济困难状况';
