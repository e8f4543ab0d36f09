import { Injectable } from '@nestjs/common';
import { AGENCY_TYPE_NAMES, officeId, SUPPLEMENTARY_MATTERS } from '@yuanlian/contracts';
import type { ReceivingAgencyType } from '@yuanlian/contracts';
import { OfficeIndex } from '@yuanlian/directory';
import { serviceAreaName } from '@yuanlian/identity';
import { FINAL_STATUSES } from '@yuanlian/referrals';
import { Application, placeOfWork } from '../applications/application.entity';
import { Referral } from '../referrals/referral.entity';

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

  suggest(a: Application, referrals: Referral[]): RoutingSuggestion[] {
    const out: RoutingSuggestion[] = [];
    const place = placeOfWork(a);
    // Paid and confirmed by the worker: the claim is settled, nothing is suggested (the case is ready to close).
    if (settled(referrals)) return out;
    // Open referrals, and agencies that have finished with the case (nothing to send them again unless unpaid below).
    const busy = new Set(referrals.filter((r) => !FINAL_STATUSES.includes(r.status) || r.status === 'resolved').map((r) => r.toAgencyType));
    const add = (type: ReceivingAgencyType, reason: string, id?: string) => {
      if (busy.has(type) || out.some((s) => s.agencyType === type)) return;
      const office = id ? this.directory.get(id) : this.directory.serving(type, place, a.matter);
      out.push({
        agencyType: type,
        agencyTypeLabel: AGENCY_TYPE_NAMES[type],
        officeId: office?.officeId ?? id ?? officeId(type, place),
        officeName: office?.name ?? null,
        reason: !id && place !== a.divisionCode ? `${reason}（工作地${serviceAreaName(place)}）` : reason,
      });
    };

    for (const r of referrals) {
      if (r.status === 'declined' && r.suggestedAgencyId && !referrals.some((x) => x.toAgencyId === r.suggestedAgencyId)) {
        add(r.suggestedAgencyId.split(':')[0] as ReceivingAgencyType, `${AGENCY_TYPE_NAMES[r.toAgencyType]}不予受理，建议改送`, r.suggestedAgencyId);
      }
    }
    const unpaid = (type: ReceivingAgencyType) => referrals.some((r) => r.toAgencyType === type && r.status === 'resolved' && r.paymentConfirmed === false);
    if (referrals.some((r) => r.toAgencyType === 'arbitration' && r.lastStep === 'handed_to_court') || unpaid('arbitration')) {
      add('court', '仲裁裁决未履行或当事人不服裁决起诉，移送人民法院');
    }
    if (a.urgentKind === 'preservation' || a.urgentKind === 'advance_execution') add('court', '情况紧急，需申请财产保全或先予执行');
    if (unpaid('labor-inspection')) add('arbitration', '限期支付指令未履行，可申请劳动仲裁');

    if (a.matter === 'wage_arrears') add('labor-inspection', '拖欠劳动报酬，由工资拖欠地的劳动保障监察机构查处');
    else if (a.matter === 'labor_security') {
      // A breach of labor-security law is the inspection's to investigate, or a dispute for arbitration — not a lawsuit.
      add('labor-inspection', '违反劳动保障法律的行为，由劳动保障监察机构查处（《劳动保障监察条例》第十一条）');
      add('arbitration', '因此发生的劳动争议，申请劳动人事争议仲裁（《劳动争议调解仲裁法》第二条、第五条）');
    } else if (a.matter === 'social_insurance') {
      // Arrears of contributions are collected by the administration (Social Insurance Law art. 63), not awarded:
      // inspection first; a loss of benefits because the employer did not pay is a dispute for arbitration.
      add('labor-inspection', '用人单位未足额缴纳社会保险费，由劳动保障监察、社会保险费征收机构责令补缴（《社会保险法》第六十三条、第八十六条）');
      add('arbitration', '因未缴纳社会保险费不能享受待遇的损失赔偿争议，申请劳动人事争议仲裁（《劳动争议调解仲裁法》第二条第四项）');
    } else if (a.matter === 'labor_contract' || a.matter === 'work_injury') add('arbitration', '劳动合同和工伤待遇争议，先行申请劳动人事争议仲裁');
    else if (SUPPLEMENTARY_MATTERS.includes(a.matter)) add('court', '民事纠纷，可向人民法院起诉');
    if (a.workersAffected >= COLLECTIVE_THRESHOLD) add('union', `涉及${a.workersAffected}名劳动者的共同请求，工会参与帮扶和集体协商`);
    return out;
  }
}
