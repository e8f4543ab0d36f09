import { BeforeApplicationShutdown, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DirectoryOffice, GANZHOU_CITY_CODE, officeId } from '@yuanlian/contracts';
import type { AgencyType, Matter, OfficeV1 } from '@yuanlian/contracts';
import { serviceArea } from '@yuanlian/identity';
import { TopicReplica } from '@yuanlian/messaging';
import type { MessagingConfig } from '@yuanlian/messaging';
import { Kafka } from 'kafkajs';

/** Look-ups over a set of offices. */
export class OfficeIndex {
  constructor(
    private readonly lookup: (id: string) => OfficeV1 | undefined,
    private readonly list: () => OfficeV1[],
  ) {}

  static of(offices: OfficeV1[]): OfficeIndex {
    const byId = new Map(offices.map((o) => [o.officeId, o]));
    return new OfficeIndex((id) => byId.get(id), () => [...byId.values()]);
  }

  get(id: string): OfficeV1 | undefined {
    return this.lookup(id);
  }

  offices(): OfficeV1[] {
    return this.list();
  }

  /**
   * The office of a type that serves an area and takes the matter: the area's own, else (for a functional zone)
   * its parent county's, else the city's.
   */
  serving(type: AgencyType, area: string, matter?: Matter): OfficeV1 | undefined {
    const chain = [area, serviceArea(area)?.parentCode, GANZHOU_CITY_CODE].filter((a): a is string => !!a);
    for (const a of chain) {
      const o = this.get(officeId(type, a));
      if (o?.active && (!matter || o.services.includes(matter))) return o;
    }
    return undefined;
  }
}

/** This service's copy of the agency directory, read from its compacted topic. */
export class Directory extends OfficeIndex implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly replica: TopicReplica<OfficeV1>;

  constructor(kafka: Kafka, config: MessagingConfig) {
    const replica = new TopicReplica(kafka, config, DirectoryOffice);
    super((id) => replica.get(id), () => replica.all());
    this.replica = replica;
  }

  async onModuleInit() {
    await this.replica.start();
  }

  /** Begun before the inbox closes: the replica's consumer ends its last long poll while the inbox ends its own. */
  beforeApplicationShutdown() {
    void this.replica.stop();
  }

  async onApplicationShutdown() {
    await this.replica.stop();
  }
}
