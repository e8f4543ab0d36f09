import type { AgencyType } from './agencies';
import { allEvents } from './define';

// Logical topic names. Topics are addressed: an agency's service consumes only topics meant for its agency
// type, so a worker's data reaches only the agencies the case was referred to. The messaging library adds
// the deployment's prefix (tests use a unique one).
export const Topics = {
  /** Legal-aid applications, pseudonymous: for early warning and statistics. Key: application id. */
  applications: 'applications',
  /** Referrals addressed to one receiving agency type. Key: referral id. */
  referralsTo: (agencyType: AgencyType) => `referrals.${agencyType}`,
  /** Status updates on referrals, addressed back to the sending agency type. Key: referral id. */
  referralUpdatesTo: (agencyType: AgencyType) => `referral-updates.${agencyType}`,
  /** Overdue statutory clocks, for supervisors and the political-legal committee (督办). Key: office id. */
  supervision: 'supervision',
  /** The agency directory: the latest state of each office. Compacted. Key: office id. */
  directory: 'directory.offices',
  /** Pseudonymous wage-risk signals: agencies' case steps and outside feeds (wage monitoring, hotlines, petitions). Key: employer. */
  riskSignals: 'risk-signals',
  /** Early warning's own repartition: one observation per subject (employer, site, contractor chain). Key: subject. */
  observations: 'ew.observations',
  /** Alerts addressed to one desk type (political-legal committee, inspection, union, legal aid, housing). Key: alert id. */
  alertsTo: (deskType: AlertDeskType) => `alerts.${deskType}`,
  /** Acknowledgements and assignments from the desks back to early warning. Key: alert id. */
  alertActions: 'alert-actions',
  /** Pseudonymous facts of cases for the statistics: referral milestones at the receiving offices, typical cases sent and published. Key: case id. */
  caseFacts: 'case-facts',
  /** The registry of service keys: each key's root-signed certificate, and its revocation. Compacted. Key: key id. */
  trustKeys: 'trust.keys',
  /** The holiday calendar: each year's official holidays and make-up working days. Compacted. Key: year. */
  calendar: 'calendar.years',
} as const;

/** Agency types that receive alerts. */
export const ALERT_DESK_TYPES = ['command', 'labor-inspection', 'union', 'legal-aid', 'housing'] as const;
export type AlertDeskType = (typeof ALERT_DESK_TYPES)[number];

/** Topics holding the latest value per key rather than a history. */
export const COMPACTED_TOPICS: readonly string[] = [Topics.directory, Topics.trustKeys, Topics.calendar];

/** Topics kept for good (no time-based deletion): the statistics read model is rebuilt from them. */
export const RETAINED_TOPICS: readonly string[] = [Topics.applications, Topics.caseFacts];

export const DEAD_LETTER_SUFFIX = '.dlt';
export const deadLetterTopic = (topic: string) => topic + DEAD_LETTER_SUFFIX;

/** Services that speak on Kafka: every agency type but the housing bureau, whose desk the committee's service hosts. */
export type KafkaService = Exclude<AgencyType, 'housing'>;

/**
 * What each service reads through its inbox: the topics addressed to it. The broker's ACLs are made from this and from the
 * sources of each event (`publishedTopics`), so a service's credential reads and writes nothing else.
 */
export const CONSUMED_TOPICS: Record<KafkaService, readonly string[]> = {
  'legal-aid': [Topics.referralUpdatesTo('legal-aid'), Topics.alertsTo('legal-aid')],
  'labor-inspection': [Topics.referralsTo('labor-inspection'), Topics.alertsTo('labor-inspection')],
  arbitration: [Topics.referralsTo('arbitration')],
  court: [Topics.referralsTo('court')],
  union: [Topics.referralsTo('union'), Topics.alertsTo('union')],
  'work-injury': [Topics.referralsTo('work-injury')],
  'public-security': [Topics.referralsTo('public-security')],
  'early-warning': [Topics.applications, Topics.riskSignals, Topics.observations, Topics.alertActions],
  command: [Topics.supervision, Topics.alertsTo('command'), Topics.alertsTo('housing'), Topics.applications, Topics.caseFacts],
};

/** Topics every service keeps a copy of: the compacted ones (the directory, the key registry, the holiday calendar). */
export const REPLICATED_TOPICS: readonly string[] = COMPACTED_TOPICS;

/** The topics a service writes: those of every event it may be the source of. */
export function publishedTopics(service: AgencyType): string[] {
  return [...new Set(allEvents().filter((e) => e.sources.includes(service)).flatMap((e) => e.topics))];
}

/** Every topic the platform's events use (without dead-letter topics), for creating them up front. */
export function allTopics(): string[] {
  return [...new Set(allEvents().flatMap((e) => e.topics))];
}
