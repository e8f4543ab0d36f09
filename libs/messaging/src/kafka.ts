import { Logger } from '@nestjs/common';
import { Kafka, KafkaConfig, logLevel, LogEntry } from 'kafkajs';
import { MessagingConfig } from './config';
import './kafkajs-idle';
import { kafkaSecurity } from './credentials';

const logger = new Logger('kafkajs');

// kafkajs logs through the service's logger, so its lines are JSON like everything else.
const logCreator = () => ({ level, log }: LogEntry) => {
  const { message, ...rest } = log;
  const line = `${message} ${JSON.stringify(rest)}`;
  if (level === logLevel.ERROR) logger.error(line);
  else if (level === logLevel.WARN) logger.warn(line);
  else if (level === logLevel.INFO) logger.log(line);
  else logger.debug(line);
};

/**
 * The service's Kafka client, authenticated as the service's own principal (the broker's ACLs let it read only the topics
 * addressed to it and write only those it publishes); `overrides` for a client of special purpose (one that does not log).
 */
export function createKafka(config: MessagingConfig, overrides: Partial<KafkaConfig> = {}): Kafka {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  return new Kafka({
    ...kafkaSecurity(config.service),
    clientId: config.clientId,
    brokers: config.brokers,
    logLevel: logLevel.WARN,
    logCreator,
    connectionTimeout: 3000,
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
    ...overrides,
  });
}

/**
 * Idempotent producers must not give up on a send (kafkajs warns that limited retries break its guarantees);
 * a send that waits out a broker restart is what the relay wants anyway.
 */
export const PRODUCER_RETRY = { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 5000 };

/** Consumers refresh their metadata this often, so an assignment short of a topic's partitions is corrected soon. */
export const CONSUMER_METADATA_MAX_AGE_MS = 30_000;

/**
 * How long the broker holds a fetch that finds nothing (a long poll). It answers as soon as a record arrives, so the wait
 * costs no latency; it is what a consumer at rest costs (one fetch per wait instead of ten a second) and, at shutdown,
 * the longest a consumer waits for its last fetch to come back. `KAFKA_FETCH_WAIT_MS` overrides it.
 */
export const CONSUMER_FETCH_WAIT_MS = Number(process.env.KAFKA_FETCH_WAIT_MS) || 2_000;
