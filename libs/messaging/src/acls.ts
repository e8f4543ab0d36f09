import { CONSUMED_TOPICS, deadLetterTopic, publishedTopics, REPLICATED_TOPICS } from '@yuanlian/contracts';
import type { KafkaService } from '@yuanlian/contracts';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Admin, ResourcePatternTypes } from 'kafkajs';
import type { AclEntry } from 'kafkajs';

export const KAFKA_SERVICES = Object.keys(CONSUMED_TOPICS) as KafkaService[];

/**
 * What a service's principal may do on the broker under a deployment's topic prefix: read the topics addressed to it and the
 * compacted copies every service keeps, write the topics of the events it may be the source of and the dead-letter topics of
 * what it reads, use its own consumer groups, create missing topics and see their metadata. Nothing else: a stolen service
 * credential reads no other agency's topic and writes no event another agency would take from it.
 */
export function serviceAcls(prefix: string, service: KafkaService): AclEntry[] {
  const principal = `User:${service}`;
  const entry = (resourceType: AclResourceTypes, resourceName: string, operation: AclOperationTypes, pattern = ResourcePatternTypes.LITERAL): AclEntry => ({
    resourceType, resourceName, resourcePatternType: pattern, principal, host: '*', operation, permissionType: AclPermissionTypes.ALLOW,
  });
  const reads = [...CONSUMED_TOPICS[service], ...REPLICATED_TOPICS];
  const writes = [...publishedTopics(service), ...CONSUMED_TOPICS[service].map(deadLetterTopic)];
  return [
    ...[...new Set(reads)].map((t) => entry(AclResourceTypes.TOPIC, prefix + t, AclOperationTypes.READ)),
    ...[...new Set(writes)].map((t) => entry(AclResourceTypes.TOPIC, prefix + t, AclOperationTypes.WRITE)),
    // Every service makes the platform's topics that are missing when it starts, and waits until the broker serves them.
    entry(AclResourceTypes.TOPIC, prefix, AclOperationTypes.CREATE, ResourcePatternTypes.PREFIXED),
    entry(AclResourceTypes.TOPIC, prefix, AclOperationTypes.DESCRIBE, ResourcePatternTypes.PREFIXED),
    // Its inbox group, its replicas' and its replays' groups (`<prefix><service>…`); a replay deletes its group when done.
    entry(AclResourceTypes.GROUP, prefix + service, AclOperationTypes.READ, ResourcePatternTypes.PREFIXED),
    entry(AclResourceTypes.GROUP, prefix + service, AclOperationTypes.DELETE, ResourcePatternTypes.PREFIXED),
    entry(AclResourceTypes.CLUSTER, 'kafka-cluster', AclOperationTypes.IDEMPOTENT_WRITE),
  ];
}

/** Grants every service its ACLs under a prefix (a deployment's, or a test run's); run with the broker administrator's client. */
export async function grantServices(admin: Admin, prefix: string, services: readonly KafkaService[] = KAFKA_SERVICES): Promise<number> {
  const acl = services.flatMap((s) => serviceAcls(prefix, s));
  await admin.createAcls({ acl });
  return acl.length;
}
