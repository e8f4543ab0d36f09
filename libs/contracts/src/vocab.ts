// Controlled vocabularies shared by HTTP and events. Codes in English, labels in Chinese for the UI.
export const CHANNELS = { online: '网上申请', hotline_12348: '12348热线', window: '窗口', workstation: '派驻工作站', mobile_station: '流动服务站' } as const;
export type Channel = keyof typeof CHANNELS;

/** Matters the program covers: the key matters, then the supplementary ones (法援惠民生·助力农民工). */
export const MATTERS = {
  wage_arrears: '拖欠劳动报酬',
  work_injury: '工伤赔偿',
  social_insurance: '社会保险争议',
  labor_contract: '劳动合同争议',
  labor_security: '劳动保障',
  marriage_family: '婚姻家庭',
  food_drugs: '食品药品',
  education_medical: '教育医疗',
  environment: '环境污染',
  other: '其他',
} as const;
export type Matter = keyof typeof MATTERS;
export const KEY_MATTERS: readonly Matter[] = ['wage_arrears', 'work_injury', 'social_insurance', 'labor_contract'];
export const SUPPLEMENTARY_MATTERS: readonly Matter[] = ['labor_security', 'marriage_family', 'food_drugs', 'education_medical', 'environment'];

/** Matters on the green channel: no means test (Legal Aid Law art. 42), priority handling. */
export const GREEN_CHANNEL_MATTERS: readonly Matter[] = ['wage_arrears', 'work_injury'];

/** The program's key industries first, then the rest. */
export const INDUSTRIES = {
  construction: '建筑业', manufacturing: '制造业', catering: '餐饮业', property_management: '物业管理', sanitation: '环卫',
  courier: '快递配送', logistics: '交通运输物流', services: '其他服务业', agriculture: '农业', mining: '采矿业', other: '其他',
} as const;
export type Industry = keyof typeof INDUSTRIES;
export const KEY_INDUSTRIES: readonly Industry[] = ['construction', 'manufacturing', 'catering', 'property_management', 'sanitation', 'courier', 'logistics'];

export const DECLINE_REASONS = {
  out_of_jurisdiction: '不属于本机关管辖',
  in_arbitration_or_court: '已进入仲裁或诉讼程序',
  beyond_lookback: '超过两年查处时限',
  not_labor_relation: '不属于劳动关系',
  insufficient_information: '材料不足',
  other: '其他原因',
} as const;
export type DeclineReason = keyof typeof DECLINE_REASONS;

/** Each receiving agency's own steps, reported as progress on a referral. */
export const AGENCY_STEPS = {
  'labor-inspection': {
    investigation_opened: '立案调查',
    order_to_pay_issued: '下达限期支付指令',
    administrative_decision: '作出行政处理决定（责令支付、加付赔偿金）',
    contractor_ordered_first: '责令施工总承包单位先行清偿',
    builder_advanced: '建设单位先行垫付',
    wage_deposit_drawn: '动用工资保证金支付',
    payment_recorded: '已记录支付',
    crime_transferred: '涉嫌拒不支付劳动报酬罪，移送公安机关',
  },
  arbitration: {
    mediation_started: '开始调解',
    mediation_failed: '调解不成',
    mediation_succeeded: '调解成功',
    award_final: '作出终局裁决',
    award_non_final: '作出非终局裁决',
    handed_to_court: '当事人起诉，移交法院',
  },
  court: {
    filed: '立案',
    preservation_ordered: '裁定财产保全',
    judgment: '作出判决',
    enforcement: '强制执行',
  },
  union: {
    support_given: '提供帮扶',
    collective_consultation: '开展集体协商',
    field_risk_report: '一线风险报告',
  },
  'work-injury': {
    injury_recognized: '认定为工伤（视同工伤）',
    injury_not_recognized: '不予认定工伤',
    assessment_applied: '申请劳动能力鉴定',
    disability_assessed: '作出劳动能力鉴定结论',
  },
  'public-security': {
    wages_paid_before_prosecution: '提起公诉前支付劳动报酬',
    prosecution_transferred: '侦查终结，移送审查起诉',
  },
} as const;
export type AgencyStep = { [K in keyof typeof AGENCY_STEPS]: keyof (typeof AGENCY_STEPS)[K] }[keyof typeof AGENCY_STEPS];

/** The facts a step records, and what must have happened before it, in the agency's own order. */
export interface StepFacts {
  /** Amount in fen: ordered, awarded, adjudged, agreed or paid. */
  amount?: string;
  /** The day the step sets (a payment deadline), not in the past. */
  dueOn?: string;
  /** The document's number (指令书、裁决书、判决书、裁定书). */
  documentNumber?: string;
  /** The day a payment was made, not in the future; how many workers it paid. */
  paidOn?: string;
  workersPaid?: string;
  /** The disability grade (伤残等级, 1–10) a 劳动能力鉴定 sets; 0 when no grade is reached. */
  grade?: string;
  /** One of these steps must come first. */
  after?: readonly string[];
  /** The deadline an earlier step set (an order's 支付期限) must have passed unmet: "责令支付后仍不支付". */
  afterDue?: boolean;
  /** A decision made once on a referral; with `excludes`, not after its opposite either (认定 / 不予认定). */
  once?: boolean;
  excludes?: readonly string[];
  /** A statutory clock the step starts, or stops (the decision it times has been made). */
  starts?: string;
  stops?: string;
}

export const STEP_FACTS: Readonly<Record<string, StepFacts>> = {
  order_to_pay_issued: { amount: '限期支付金额（元）', dueOn: '支付期限', documentNumber: '指令书文号', after: ['investigation_opened'] },
  payment_recorded: { amount: '支付金额（元）', paidOn: '支付日期', workersPaid: '支付人数', after: ['investigation_opened'] },
  // An order left unmet: the administrative decision orders payment with additional compensation of 50–100 % (Labor
  // Contract Law art. 85); past the province's threshold it is the wage-refusal crime, transferred to the public
  // security bureau (Criminal Law art. 276-1; SPC interpretation 法释〔2013〕3号 art. 4: only after the order's deadline).
  administrative_decision: { amount: '责令支付金额（含加付赔偿金，元）', dueOn: '支付期限', documentNumber: '行政处理决定书文号', after: ['order_to_pay_issued'], afterDue: true },
  crime_transferred: { amount: '涉嫌拒不支付的劳动报酬（元）', documentNumber: '涉嫌犯罪案件移送书文号', after: ['order_to_pay_issued', 'administrative_decision', 'contractor_ordered_first'], afterDue: true, once: true },
  // Construction (Wage Payment Regulations 2020): the general contractor pays first for its subcontractor or a crew
  // leader (art. 30, art. 36); the builder advances what it owes on the project (art. 29); the wage deposit is drawn
  // when the contractor does not pay (art. 32; 《工程建设领域农民工工资保证金规定》人社部发〔2021〕65号: after a decision
  // ordering it to pay within a time or to pay first, left unmet).
  contractor_ordered_first: { amount: '先行清偿金额（元）', dueOn: '清偿期限', documentNumber: '先行清偿指令书文号', after: ['investigation_opened'] },
  builder_advanced: { amount: '垫付金额（元）', paidOn: '垫付日期', workersPaid: '支付人数', after: ['investigation_opened'] },
  wage_deposit_drawn: { amount: '动用保证金支付金额（元）', paidOn: '支付日期', workersPaid: '支付人数', documentNumber: '动用工资保证金决定书文号', after: ['contractor_ordered_first', 'administrative_decision'], afterDue: true },
  // Work injury (Work Injury Insurance Regulations): the determination within 60 days of acceptance (art. 20), then
  // the capacity assessment within 60 days of its application, +30 (art. 25).
  injury_recognized: { documentNumber: '认定工伤决定书文号', stops: 'work-injury.determination', once: true, excludes: ['injury_not_recognized'] },
  injury_not_recognized: { documentNumber: '不予认定工伤决定书文号', stops: 'work-injury.determination', once: true, excludes: ['injury_recognized'] },
  assessment_applied: { after: ['injury_recognized'], starts: 'work-injury.assessment', once: true },
  disability_assessed: { grade: '伤残等级（一至十级，未达等级填0）', documentNumber: '鉴定结论书文号', after: ['assessment_applied'], stops: 'work-injury.assessment', once: true },
  // Paid before prosecution, with compensation: the penalty may be reduced or waived (Criminal Law art. 276-1 para. 3).
  wages_paid_before_prosecution: { amount: '支付金额（元）', paidOn: '支付日期', workersPaid: '支付人数' },
  prosecution_transferred: { documentNumber: '起诉意见书文号' },
  // Arbitration mediates before it awards (LDMAL art. 42); a party sues on an award (art. 50).
  mediation_failed: { after: ['mediation_started'] },
  mediation_succeeded: { amount: '调解协议金额（元）', documentNumber: '调解书文号', after: ['mediation_started'], stops: 'arbitration.award' },
  award_final: { amount: '裁决金额（元）', documentNumber: '裁决书文号', after: ['mediation_failed'], stops: 'arbitration.award' },
  award_non_final: { amount: '裁决金额（元）', documentNumber: '裁决书文号', after: ['mediation_failed'], stops: 'arbitration.award' },
  handed_to_court: { after: ['award_final', 'award_non_final'] },
  preservation_ordered: { documentNumber: '裁定书文号' },
  judgment: { amount: '判决金额（元）', documentNumber: '判决书文号', after: ['filed'], stops: 'court.trial' },
  enforcement: { after: ['judgment'] },
};
export const ALL_STEPS = Object.values(AGENCY_STEPS).flatMap((steps) => Object.keys(steps)) as AgencyStep[];

export const OUTCOMES = {
  paid_in_full: '已足额支付', paid_in_part: '部分支付', order_issued: '已下达限期整改指令', transferred: '已移送', withdrawn: '申请人撤回', other: '其他',
} as const;
export type Outcome = keyof typeof OUTCOMES;

/** Why personal data crosses an agency boundary, and on what legal basis. */
export const DISCLOSURE_PURPOSES = { statutory_referral: '依法移送办理', worker_consent: '经劳动者单独同意' } as const;
export type DisclosurePurpose = keyof typeof DISCLOSURE_PURPOSES;
export const DISCLOSURE_BASIS: Record<DisclosurePurpose, string> = {
  statutory_referral: '《个人信息保护法》第十三条第一款第三项（为履行法定职责所必需）、第三十四条',
  worker_consent: '《个人信息保护法》第十三条第一款第一项、第二十三条、第二十九条（取得个人单独同意）',
};

/** What a referral may share beyond the worker's name and pseudonymous key. */
export const SHAREABLE_FIELDS = { idNumber: '身份证号', phone: '联系电话', project: '项目/工地' } as const;
export type ShareableField = keyof typeof SHAREABLE_FIELDS;

export const keysOf = <T extends object>(o: T) => Object.keys(o) as (keyof T)[];

/** A step's label when it is one of the agency's own steps; undefined for another agency's step (an award is arbitration's, not a court's). */
export function agencyStepLabel(agencyType: string, step: string): string | undefined {
  const steps: Record<string, string> | undefined = (AGENCY_STEPS as Record<string, Record<string, string>>)[agencyType];
  return steps && Object.hasOwn(steps, step) ? steps[step] : undefined;
}

/** What a referral's timeline entries say, in Chinese: one vocabulary for every screen (an agency's steps by their own label). */
export const TIMELINE_ENTRIES: Record<string, string> = {
  requested: '移送', received: '已接收', accepted: '已受理', declined: '不予受理', returned: '退回补充材料', progressed: '办理进展',
  resolved: '办结', revoked: '撤回移送', resubmitted: '补充材料后重新移送', 'clock-updated': '办理期限变更', 'clock-extended': '延长办理期限',
  'revoke-refused': '撤回未生效', 'extension-requested': '申请延长办理期限', 'extension-refused': '延长申请未获批准',
};

/** A timeline entry's label: its step's label for `step:<code>` and `progressed`, `… (撤回后)` for updates after a revocation. */
export function timelineLabel(type: string, data?: Record<string, unknown> | null): string {
  if (typeof data?.label === 'string' && data.label) return data.label;
  if (type.startsWith('step:')) return STEP_LABELS[type.slice(5)] ?? TIMELINE_ENTRIES.progressed;
  if (type.endsWith('-after-revoke')) return `${TIMELINE_ENTRIES[type.slice(0, -'-after-revoke'.length)] ?? '办理进展'}（撤回后）`;
  return TIMELINE_ENTRIES[type] ?? '办理记录';
}

const STEP_LABELS: Record<string, string> = Object.assign({}, ...Object.values(AGENCY_STEPS));

/**
 * A labor dispute is arbitrated before it is sued (Labor Dispute Mediation and Arbitration Law arts. 5, 50). The cases
 * where a worker may go to court without an award — the clerk names which one applies.
 */
export const COURT_DIRECT_BASES = {
  arbitration_not_decided: '仲裁委员会不予受理或逾期未作出受理决定、仲裁裁决（《劳动争议调解仲裁法》第二十九条、第四十三条）',
  wage_iou: '以用人单位出具的工资欠条为证据直接起诉，不涉及劳动关系其他争议（最高人民法院《关于审理劳动争议案件适用法律问题的解释（一）》第十五条）',
  payment_order: '申请支付令：调解协议约定的劳动报酬、工伤医疗费、经济补偿或赔偿金未履行（《劳动争议调解仲裁法》第十六条；《民事诉讼法》督促程序）',
  preservation: '情况紧急，申请财产保全或证据保全',
  not_labor_relation: '不属劳动关系的欠款纠纷（如劳务关系、实际施工人追索工程款）',
  administrative_suit: '不服不予认定工伤等行政决定，提起行政诉讼（《工伤保险条例》第五十五条；可先申请行政复议）',
} as const;
export type CourtDirectBasis = keyof typeof COURT_DIRECT_BASES;

/** How the worker agreed to the case moving to another legal aid center (异地协作). */
export const CONSENT_METHODS = { written: '书面同意', recorded_call: '电话录音同意', online: '网上确认' } as const;
export type ConsentMethod = keyof typeof CONSENT_METHODS;
