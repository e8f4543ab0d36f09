import { AgencyType } from '@yuanlian/contracts';

export interface MessagingConfig {
  /** The agency type this service speaks for: the envelope `source`. */
  service: AgencyType;
  brokers: string[];
  /** Deployment prefix on every topic name (tests use a unique one per run). */
  topicPrefix: string;
  clientId: string;
}

export function messagingConfig(service: AgencyType): MessagingConfig {
  return {
    service,
    brokers: (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').map((b) => b.trim()),
    topicPrefix: process.env.KAFKA_TOPIC_PREFIX ?? 'yl.',
    clientId: `${service}-${process.pid}`,
  };
}

export const physicalTopic = (config: Pick<MessagingConfig, 'topicPrefix'>, logical: string) => config.topicPrefix + logical;

/** The topic's name without the deployment prefix: what a signature covers, so it holds in every deployment. */
export const logicalTopic = (config: Pick<MessagingConfig, 'topicPrefix'>, physical: string) =>
  physical.startsWith(config.topicPrefix) ? physical.slice(config.topicPrefix.length) : physical;
