// Controlled vocabularies shared by HTTP and events. Codes in English, labels in Chinese for the UI.
export const CHANNELS = { online: '网上申请', hotline_12348: '12348热线', window: '窗口', workstation: '派驻工作站', mobile_station: '流动服务站' } as const;
export type Channel = keyof typeof CHANNELS;

export const MATTERS = {
  wage_arrears: '拖欠劳动报酬',
  work_injury: '工伤赔偿',
  labor_contract: '劳动合同争议',
  social_insurance: '社会保险争议',
  other: '其他',
} as const;
export type Matter = keyof typeof MATTERS;

/** Matters on the green channel: no means test (Legal Aid Law art. 42), priority handling. */
export const GREEN_CHANNEL_MATTERS: readonly Matter[] = ['wage_arrears', 'work_injury'];

export const INDUSTRIES = {
  construction: '建筑业', manufacturing: '制造业', services: '服务业', logistics: '交通物流', agriculture: '农业', mining: '采矿业', other: '其他',
} as const;
export type Industry = keyof typeof INDUSTRIES;

export const DECLINE_REASONS = {
  out_of_jurisdiction: '不属于本机关管辖',
  in_arbitration_or_court: '已进入仲裁或诉讼程序',
  beyond_lookback: '超过两年查处时限',
  not_labor_relation: '不属于劳动关系',
  insufficient_information: '材料不足',
  other: '其他原因',
} as const;
export type DeclineReason = keyof typeof DECLINE_REASONS;

export const OUTCOMES = {
  paid_in_full: '已足额支付', paid_in_part: '部分支付', order_issued: '已下达限期整改指令', transferred: '已移送', withdrawn: '申请人撤回', other: '其他',
} as const;
export type Outcome = keyof typeof OUTCOMES;

/** Why personal data crosses an agency boundary (PIPL art. 13(3): statutory duty). */
export const DISCLOSURE_PURPOSES = { statutory_referral: '依法移送办理' } as const;
export type DisclosurePurpose = keyof typeof DISCLOSURE_PURPOSES;

export const keysOf = <T extends object>(o: T) => Object.keys(o) as (keyof T)[];
