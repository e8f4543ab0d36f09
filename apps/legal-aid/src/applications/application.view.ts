import { AGENCY_TYPE_NAMES, CHANNELS, CONSENT_METHODS, DECISION_REMEDY, DECLINE_REASONS, OBJECTION_STATUSES, REFUSAL_GROUNDS, TERMINATION_GROUNDS, INDUSTRIES, MATTERS, OUTCOMES } from '@yuanlian/contracts';
import { serviceAreaName, workerView } from '@yuanlian/identity';
import { REFERRAL_STATUSES, ReferralTimelineEntry, timelineView } from '@yuanlian/referrals';
import { Referral } from '../referrals/referral.entity';
import { CaseTransfer } from '../transfers/case-transfer.entity';
import type { AidObjection } from './aid-objection.entity';
import { Application, APPLICATION_STATUSES, URGENT_KINDS } from './application.entity';

export function referralView(r: Referral, timeline: ReferralTimelineEntry[] = []) {
  return {
    id: r.id,
    applicationId: r.applicationId,
    toAgencyType: r.toAgencyType,
    toAgencyTypeLabel: AGENCY_TYPE_NAMES[r.toAgencyType],
    toAgencyId: r.toAgencyId,
    status: r.status,
    statusLabel: REFERRAL_STATUSES[r.status],
    declineReasonCode: r.declineReasonCode,
    declineReasonLabel: r.declineReasonCode ? DECLINE_REASONS[r.declineReasonCode] : null,
    statusNote: r.statusNote,
    suggestedAgencyId: r.suggestedAgencyId,
    handledBy: r.handledBy,
    agencyCaseNumber: r.agencyCaseNumber,
    purposeCode: r.purposeCode,
    legalBasis: r.legalBasis,
    shared: r.shared,
    clock: r.clockRule ? { rule: r.clockRule, dueOn: r.clockDueOn, status: r.clockStatus, provisional: r.clockProvisional } : null,
    lastStep: r.lastStep,
    outcome: r.outcome,
    outcomeLabel: r.outcome ? OUTCOMES[r.outcome] : null,
    amountRecoveredFen: r.amountRecoveredFen,
    paymentConfirmed: r.paymentConfirmed,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    statusAt: r.statusAt,
    timeline: timeline.filter((e) => e.referralId === r.id).map(timelineView),
  };
}

/** What an API caller sees: ID number and phone masked. */
export function applicationView(a: Application, detail?: { clocks: unknown[]; timeline: ReferralTimelineEntry[]; transfers?: CaseTransfer[]; objections?: AidObjection[] }, reveal = false) {
  return {
    id: a.id,
    agencyId: a.agencyId,
    divisionCode: a.divisionCode,
    divisionName: serviceAreaName(a.divisionCode),
    workplaceDivisionCode: a.workplaceDivisionCode,
    workplaceName: a.workplaceDivisionCode ? serviceAreaName(a.workplaceDivisionCode) : null,
    channel: a.channel,
    channelLabel: CHANNELS[a.channel],
    matter: a.matter,
    matterLabel: MATTERS[a.matter],
    industry: a.industry,
    industryLabel: INDUSTRIES[a.industry],
    worker: workerView({ name: a.workerName, idNumber: a.workerIdNumber, phone: a.workerPhone, key: a.workerKey }, reveal),
    employer: { name: a.employerName, creditCode: a.employerCreditCode },
    project: a.projectName ? { name: a.projectName, address: a.projectAddress } : null,
    amountOwedFen: a.amountOwedFen,
    workersAffected: a.workersAffected,
    summary: a.summary,
    greenChannel: a.greenChannel,
    meansTestRequired: a.meansTestRequired,
    migrantWorker: a.migrantWorker,
    employmentEndedOn: a.employmentEndedOn,
    injuredOn: a.injuredOn,
    generalContractor: a.generalContractorName ? { name: a.generalContractorName, creditCode: a.generalContractorCreditCode } : null,
    hiredByForeman: a.hiredByForeman,
    governmentFunded: a.governmentFunded,
    priority: a.priority,
    acceptFirst: a.acceptFirst,
    urgentReason: a.urgentReason,
    urgentKind: a.urgentKind,
    urgentKindLabel: a.urgentKind ? URGENT_KINDS[a.urgentKind] : null,
    status: a.status,
    statusLabel: APPLICATION_STATUSES[a.status],
    createdBy: a.createdBy,
    createdAt: a.createdAt,
    acceptedAt: a.acceptedAt,
    lawyerName: a.lawyerName,
    assignedAt: a.assignedAt,
    paperworkCompletedAt: a.paperworkCompletedAt,
    followUp: a.followUp,
    closedAt: a.closedAt,
    closingNote: a.closingNote,
    // A refusal or termination: its ground, the written reasons, and the remedy the applicant is told of (art. 49).
    decision: a.decisionGround ? {
      ground: a.decisionGround,
      groundLabel: (a.status === 'terminated' ? TERMINATION_GROUNDS : REFUSAL_GROUNDS)[a.decisionGround as never] ?? a.decisionGround,
      note: a.decisionNote, at: a.decidedAt, remedy: DECISION_REMEDY,
    } : null,
    materialsRequested: a.materialsRequested,
    materialsRequestedAt: a.materialsRequestedAt,
    objections: detail?.objections?.map((o) => ({ ...o, statusLabel: OBJECTION_STATUSES[o.status], againstLabel: APPLICATION_STATUSES[o.against] })),
    clocks: detail?.clocks,
    transfers: detail?.transfers?.map((t) => ({ ...t, consentMethodLabel: CONSENT_METHODS[t.consentMethod] })),
    referrals: a.referrals?.sort((x, y) => +x.requestedAt - +y.requestedAt).map((r) => referralView(r, detail?.timeline)),
  };
}
