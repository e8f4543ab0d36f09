import { TrustKeyRecord } from '@yuanlian/contracts';
import type { TrustKeyRecordV1 } from '@yuanlian/contracts';
import { Kafka } from 'kafkajs';
import { MessagingConfig } from './config';
import { TopicReplica } from './replica';
import { EventTrust } from './trust';

/**
 * This service's copy of the key registry (`trust.keys`, compacted): every certificate the committee's administrators
 * registered and every revocation, each checked against the roots before it counts. A revoked key's events are refused
 * from the moment its revocation is read.
 */
export class TrustRegistry {
  private readonly replica: TopicReplica<TrustKeyRecordV1>;

  constructor(kafka: Kafka, config: MessagingConfig, readonly trust: EventTrust = EventTrust.forService(config.service)) {
    this.replica = new TopicReplica(kafka, config, TrustKeyRecord, trust, (record) => trust.learn(record));
  }

  start(): Promise<void> {
    return this.replica.start();
  }

  stop(): Promise<void> {
    return this.replica.stop();
  }

  records(): TrustKeyRecordV1[] {
    return this.replica.all();
  }
}
