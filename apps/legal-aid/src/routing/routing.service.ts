import { Injectable } from '@nestjs/common';
import { AGENCY_TYPE_NAMES, officeId, reachesWageCrimeThreshold, SUPPLEMENTARY_MATTERS, wageCrimeThreshold } from '@yuanlian/contracts';
import { localDate } from '@yuanlian/deadlines';
import type { ReceivingAgencyType } from '@yuanlian/contracts';
import { OfficeIndex } from '@yuanlian/directory';
import { serviceAreaName } from '@yuanlian/identity';
import { FINAL_STATUSES } from '@yuanlian/referrals';
import { Application, jurisdictionArea } from '../applications/application.entity';
import { arbitrationLapsed, Referral } from '../referrals/referral.entity';

export interface RoutingSuggestion {
  agencyType: ReceivingAgencyType;
  agencyTypeLabel: string;
  officeId: string;
  officeName: string | null;
  reason: string;
}


/** A referral resolved with the payment confirmed by the worker settles the claim. */
export const settled = (referrals: Pick<Referral, 'status' | 'paymentConfirmed' | 'outcome'>[]) =>
  referrals.some((r) => r.status === 'resolved' && r.paymentConfirmed === true && r.outcome === 'paid_in_full');

/** ≥ 10 workers with a common claim: collective matters (Mediation & Arbitration Law art. 7); the union joins. */
export const COLLECTIVE_THRESHOLD = 10;

/**
 * Where a case should go next, from matter × county × stage; the clerk confirms or changes it. A decline's
 * suggestion comes first, then the stage (an award not honoured, urgent preservation), then the matter, then
 * the union for collective claims. Agencies already holding an open referral are left out.
 */
@Injectable()
export class RoutingService {
  constructor(private readonly directory: OfficeIndex) {}

  private readonly crime = wageCrimeThreshold();

  suggest(a: Application, referrals: Referral[], today = localDate(new Date())): RoutingSuggestion[] {
    const out: RoutingSuggestion[] = [];
    // Paid and confirmed by the worker: the claim is settled, nothing is suggested (the case is ready to close).
    if (settled(referrals)) return out;
    // Open referrals, and agencies that have finished with the case (nothing to send them again unless unpaid below).
    const busy = new Set(referrals.filter((r) => !FINAL_STATUSES.includes(r.status) || r.status === 'resolved').map((r) => r.toAgencyType));
    const add = (type: ReceivingAgencyType, reason: string, id?: string) => {
      if (busy.has(type) || out.some((s) => s.agencyType === type)) return;
      const place = jurisdictionArea(a, type);
      const office = id ? this.directory.get(id) : this.directory.serving(type, place, a.matter);
      out.push({
        agencyType: type,
        agencyTypeLabel: AGENCY_TYPE_NAMES[type],
        officeId: office?.officeId ?? id ?? officeId(type, place),
        officeName: office?.name ?? null,
        reason: !id && place !== a.divisionCode ? `${reason}（${type === 'work-injury' ? '用人单位所在地' : '工作地'}${serviceAreaName(place)}）` : reason,
      });
    };

    for (const r of referrals) {
      if (r.status === 'declined' && r.suggestedAgencyId && !referrals.some((x) => x.toAgencyId === r.suggestedAgencyId)) {
        add(r.suggestedAgencyId.split(':')[0] as ReceivingAgencyType, `${AGENCY_TYPE_NAMES[r.toAgencyType]}不予受理，建议改送`, r.suggestedAgencyId);
      }
    }
    const unpaid = (type: ReceivingAgencyType) => referrals.some((r) => r.toAgencyType === type && r.status === 'resolved' && r.paymentConfirmed === false);
    const stepAt = (type: ReceivingAgencyType, ...steps: string[]) => referrals.some((r) => r.toAgencyType === type && steps.includes(r.lastStep ?? ''));
    if (referrals.some((r) => r.toAgencyType === 'arbitration' && r.lastStep === 'handed_to_court') || unpaid('arbitration')) {
      add('court', '仲裁裁决未履行或当事人不服裁决起诉，移送人民法院');
    }
    if (referrals.some((r) => arbitrationLapsed(r, today))) {
      add('court', '仲裁委员会逾期未作出受理决定或仲裁裁决，可就该劳动争议事项向人民法院起诉（《劳动争议调解仲裁法》第二十九条、第四十三条）');
    }
    if (a.urgentKind === 'preservation' || a.urgentKind === 'advance_execution') add('court', '情况紧急，需申请财产保全或先予执行');
    // The wage-refusal crime: the inspection transferred the case, or an order to pay went unmet on arrears that reach the
    // province's "large amount" — the police file it; the center supports the workers as victims (控告, CPL art. 110).
    if (stepAt('labor-inspection', 'crime_transferred')) {
      add('public-security', '劳动保障监察已将涉嫌拒不支付劳动报酬犯罪案件移送公安机关（《刑法》第二百七十六条之一），报送劳动者材料、跟进立案');
    } else if (a.matter === 'wage_arrears' && unpaid('labor-inspection') && reachesWageCrimeThreshold(a.amountOwedFen, a.workersAffected, this.crime)) {
      const t = this.crime;
      add('public-security', `经责令支付仍不支付，且达到“数额较大”（一人三个月以上${t.oneWorkerFen / 100}元以上，或${t.groupWorkers}人以上累计${t.groupFen / 100}元以上${t.confirmed ? '' : '，本省标准待核实'}）：可请劳动保障监察移送公安机关，或代劳动者控告（${t.basis}）`);
    }
    if (unpaid('labor-inspection')) add('arbitration', '限期支付指令未履行，可申请劳动仲裁');

    if (a.matter === 'wage_arrears') {
      add('labor-inspection', a.industry === 'construction' ? constructionReason(a) : '拖欠劳动报酬，由工资拖欠地的劳动保障监察机构查处');
    } else if (a.matter === 'work_injury') {
      // Benefits follow the determination (WIIR arts. 17, 19), and the capacity assessment; a dispute over them is arbitration's
      // (LDMAL art. 2(5)); a refusal to recognise the injury is challenged by reconsideration or an administrative suit (art. 55).
      if (stepAt('work-injury', 'injury_recognized', 'assessment_applied', 'disability_assessed')) {
        add('arbitration', '已认定工伤，工伤保险待遇、工伤医疗费等争议申请劳动人事争议仲裁（《劳动争议调解仲裁法》第二条第五项）');
      } else if (stepAt('work-injury', 'injury_not_recognized')) {
        add('court', '不服不予认定工伤决定，可申请行政复议或提起行政诉讼（《工伤保险条例》第五十五条）');
      } else {
        add('work-injury', a.hiredByForeman
          ? '工伤待遇须先经工伤认定（《工伤保险条例》第十七条）；劳动者由不具备用工主体资格的包工头招用的，由具备用工主体资格的承包单位承担工伤保险责任（人社部发〔2013〕34号第七条），向其所在地社会保险行政部门申请'
          : '工伤待遇须先经工伤认定：用人单位30日内未申请的，劳动者可在事故伤害发生之日起1年内向用人单位所在地社会保险行政部门申请（《工伤保险条例》第十七条）');
      }
    } else if (a.matter === 'labor_security') {
      // A breach of labor-security law is the inspection's to investigate, or a dispute for arbitration — not a lawsuit.
      add('labor-inspection', '违反劳动保障法律的行为，由劳动保障监察机构查处（《劳动保障监察条例》第十一条）');
      add('arbitration', '因此发生的劳动争议，申请劳动人事争议仲裁（《劳动争议调解仲裁法》第二条、第五条）');
    } else if (a.matter === 'social_insurance') {
      // Arrears of contributions are collected by the administration (Social Insurance Law art. 63), not awarded:
      // inspection first; a loss of benefits because the employer did not pay is a dispute for arbitration.
      add('labor-inspection', '用人单位未足额缴纳社会保险费，由劳动保障监察、社会保险费征收机构责令补缴（《社会保险法》第六十三条、第八十六条）');
      add('arbitration', '因未缴纳社会保险费不能享受待遇的损失赔偿争议，申请劳动人事争议仲裁（《劳动争议调解仲裁法》第二条第四项）');
    } else if (a.matter === 'labor_contract') add('arbitration', '劳动合同争议，先行申请劳动人事争议仲裁');
    else if (SUPPLEMENTARY_MATTERS.includes(a.matter)) add('court', '民事纠纷，可向人民法院起诉');
    if (a.workersAffected >= COLLECTIVE_THRESHOLD) add('union', `涉及${a.workersAffected}名劳动者的共同请求，工会参与帮扶和集体协商`);
    return out;
  }
}

/**
 * Wage arrears on a construction project: what the Wage Payment Regulations (2020) give the worker beyond a lawsuit, for the
 * inspection to order — the general contractor pays first for its subcontractors (art. 30) and for a crew leader it let the
 * work to (art. 36), the wage deposit is drawn when it does not (art. 32), the builder advances what it owes on the project
 * (art. 29).
 */
export function constructionReason(a: Pick<Application, 'generalContractorName' | 'hiredByForeman' | 'governmentFunded'>): string {
  const who = a.generalContractorName ? `施工总承包单位${a.generalContractorName}` : '施工总承包单位';
  return [
    `建设工程领域拖欠农民工工资，由劳动保障监察查处：责令${who}先行清偿（《保障农民工工资支付条例》第三十条）`,
    ...(a.hiredByForeman ? ['将工程分包给不具备合法经营资格的个人（包工头）的，由施工总承包单位清偿（第三十六条）'] : []),
    '逾期不清偿的动用工资保证金（第三十二条）',
    `建设单位未按约定拨付工程款的，以未结清的工程款为限先行垫付（第二十九条）${a.governmentFunded ? '；政府投资项目，资金应落实到位（第二十三条）' : ''}`,
  ].join('；');
}
