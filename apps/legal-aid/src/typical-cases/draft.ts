// The first draft of a typical case, written from a closed case with its personal data taken out.
import { AGENCY_TYPE_NAMES, CHANNELS, INDUSTRIES, MATTERS, OUTCOMES } from '@yuanlian/contracts';
import { anonymise, namesByRole, serviceAreaName } from '@yuanlian/identity';
import type { KnownPersonalData } from '@yuanlian/identity';
import { localDate } from '@yuanlian/deadlines';
import { FINAL_STATUSES, REFERRAL_STATUSES } from '@yuanlian/referrals';
import type { Application } from '../applications/application.entity';
import { URGENT_KINDS } from '../applications/application.entity';
import type { Referral } from '../referrals/referral.entity';

/** What the case's own file says is personal: every text drafted from it or edited later is checked against it. */
export function knownPersonalData(a: Application): KnownPersonalData {
  return {
    // Others the file names by role (包工头李国强) are as personal as the worker, wherever they appear.
    names: [a.workerName, ...(a.lawyerName ? [a.lawyerName] : []), ...namesByRole(`${a.summary}\n${a.closingNote ?? ''}`)],
    idNumbers: [a.workerIdNumber],
    phones: [a.workerPhone],
    organisations: [a.employerName],
    creditCodes: [a.employerCreditCode],
    addresses: a.projectAddress ? [a.projectAddress] : [],
    places: a.projectName ? [a.projectName] : [],
  };
}

/** 1250000 fen → 12,500元; 1250050 → 12,500.5元. */
export function yuanText(fen: number): string {
  return `${(fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}元`;
}

const monthText = (at: Date) => {
  const d = localDate(at);
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月`;
};
const dayText = (at: Date) => {
  const d = localDate(at);
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
};

const WORKPLACE: Partial<Record<keyof typeof INDUSTRIES, string>> = {
  construction: '某工地', manufacturing: '某工厂', catering: '某餐饮店', property_management: '某小区', sanitation: '某环卫作业点', courier: '某快递站点', logistics: '某物流企业',
};

const CLAIM: Partial<Record<keyof typeof MATTERS, string>> = {
  wage_arrears: '追索劳动报酬',
  work_injury: '工伤赔偿',
  social_insurance: '社会保险争议',
  labor_contract: '劳动合同争议',
};

export interface Draft {
  title: string;
  facts: string;
  handling: string;
  result: string;
  significance: string;
  keywords: string[];
  agencies: string[];
  amountRecoveredFen: number;
}

/** The draft: the facts, what each agency did, the result and why it matters, with no one identifiable. */
export function draftTypicalCase(a: Application, referrals: Referral[]): Draft {
  const known = knownPersonalData(a);
  const county = serviceAreaName(a.divisionCode);
  const industry = INDUSTRIES[a.industry];
  const claim = CLAIM[a.matter] ?? MATTERS[a.matter];
  const who = a.workersAffected > 1 ? `${a.workersAffected}名农民工` : '农民工';
  const sent = [...referrals].sort((x, y) => x.requestedAt.getTime() - y.requestedAt.getTime());
  const agencies = [...new Set(sent.map((r) => r.toAgencyType))];
  const recovered = sent.reduce((s, r) => s + (r.amountRecoveredFen ?? 0), 0);

  const facts = [
    `${monthText(a.createdAt)}，${a.workersAffected > 1 ? who : `农民工${known.names![0].slice(0, 1)}某`}在${county}${a.projectName ? '某项目' : WORKPLACE[a.industry] ?? '某单位'}从事${industry}工作，` +
      `因用人单位拖欠${a.matter === 'work_injury' ? '工伤待遇' : '劳动报酬'}等问题，主张金额共计${yuanText(a.amountOwedFen)}。` +
      `${a.workersAffected > 1 ? '农民工们' : '其'}通过${CHANNELS[a.channel]}向${county}法律援助中心申请法律援助。`,
    a.summary,
  ].join('\n');

  const steps: string[] = [];
  if (a.greenChannel) steps.push(`因属农民工${claim}事项，中心开通“绿色通道”，免予经济困难审查，优先受理。`);
  if (a.acceptFirst) steps.push(`因${a.urgentKind ? URGENT_KINDS[a.urgentKind] : '情况紧急'}，中心先行提供法律援助，事后补交材料。`);
  if (a.acceptedAt) steps.push(`${dayText(a.acceptedAt)}，中心决定给予法律援助${a.assignedAt ? '，并指派援助律师承办' : ''}。`);
  for (const r of sent) {
    const where = `${county}${AGENCY_TYPE_NAMES[r.toAgencyType]}`;
    const outcome = r.outcome ? `，办理结果：${OUTCOMES[r.outcome]}` : '';
    const money = r.amountRecoveredFen ? `，追回${yuanText(r.amountRecoveredFen)}` : '';
    const state = FINAL_STATUSES.includes(r.status) ? REFERRAL_STATUSES[r.status] : '办理中';
    steps.push(`${dayText(r.requestedAt)}，中心将案件转介至${where}（${state}${outcome}${money}）。`);
  }
  const handling = steps.join('\n') || '中心受理后依法提供法律咨询和代理服务。';

  const result = [
    recovered > 0
      ? `经多部门协作，${a.workersAffected > 1 ? '为农民工们' : '为农民工'}追回${a.matter === 'work_injury' ? '赔偿款' : '劳动报酬'}${yuanText(recovered)}，案件于${a.closedAt ? dayText(a.closedAt) : ''}结案。`
      : `案件于${a.closedAt ? dayText(a.closedAt) : ''}依法办结。`,
    a.closingNote ?? '',
  ].filter(Boolean).join('\n');

  const meaning: string[] = [];
  if (a.greenChannel) meaning.push('本案是法律援助“绿色通道”服务农民工的具体实践：免予经济困难审查、优先受理，缩短了农民工维权周期。');
  if (agencies.length) meaning.push(`法律援助中心与${agencies.map((t) => AGENCY_TYPE_NAMES[t]).join('、')}协作联动，受理、转介、反馈全程衔接，形成了保障农民工工资支付的工作合力。`);
  if (a.acceptFirst) meaning.push('对时效将届满等紧急情形先行提供援助、事后补交材料，体现了“应援尽援、急事急办”。');
  if (a.workersAffected >= 10) meaning.push('本案涉及人数较多，及时介入、依法化解，有效防范了群体性欠薪事件的发生。');
  if (!meaning.length) meaning.push('（请承办人结合本案补充典型意义）');

  const keywords = [MATTERS[a.matter], industry, ...(a.greenChannel ? ['绿色通道'] : []), ...(a.acceptFirst ? ['先行援助'] : []),
    ...(a.workersAffected >= 10 ? ['群体欠薪'] : []), ...agencies.map((t) => AGENCY_TYPE_NAMES[t])];

  // The whole text once more, the template's words included: what the draft says must pass the checks every edit does.
  const clean = (text: string) => anonymise(text, known);
  return {
    title: clean(`${county}${who}${claim}法律援助案`),
    facts: clean(facts), handling: clean(handling), result: clean(result), significance: clean(meaning.join('')),
    keywords: keywords.map(clean), agencies, amountRecoveredFen: recovered,
  };
}
