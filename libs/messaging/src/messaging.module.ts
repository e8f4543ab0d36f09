import { ArgumentsHost, Catch, DynamicModule, RpcExceptionFilter, Inject, Injectable, INestApplication, Module, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AgencyType } from '@yuanlian/contracts';
import { schemaName, serviceDatabaseUrl } from '@yuanlian/database';
import { Kafka } from 'kafkajs';
import { Observable, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { messagingConfig } from './config';
import type { MessagingConfig } from './config';
import { InboxServerOptions, KafkaInboxServer } from './inbox-server';
import { createKafka } from './kafka';
import { Outbox } from './outbox';
import { OutboxRelay } from './relay';
import { ensureTopics } from './topics';
import { EventTrust } from './trust';
import { TrustRegistry } from './trust-registry';

export const MESSAGING_CONFIG = Symbol('MESSAGING_CONFIG');

@Injectable()
class MessagingLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly kafka: Kafka,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    private readonly relay: OutboxRelay,
    private readonly registry: TrustRegistry,
  ) {}

  async onModuleInit() {
    await ensureTopics(this.kafka, this.config);
    // Revocations are known before the first event is taken.
    await this.registry.start();
  }

  onApplicationBootstrap() {
    if (process.env.OUTBOX_RELAY !== 'off') this.relay.start();
  }

  /** Begun before the inbox closes: the registry's consumer ends its last long poll while the inbox ends its own. */
  beforeApplicationShutdown() {
    void this.registry.stop();
  }

  /** After the inbox has closed, so what its last events wrote to the outbox is sent. */
  async onApplicationShutdown() {
    await this.relay.stop();
    await this.registry.stop();
  }
}

export interface MessagingModuleOptions {
  service: AgencyType;
  /** Base schema name of the service (before any test prefix). */
  schema: string;
}

/** Kafka client, outbox and relay for one service. Handlers are served by `connectInbox`. */
@Module({})
export class MessagingModule {
  static forRoot({ service, schema }: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_CONFIG, useValue: messagingConfig(service) },
        { provide: Kafka, useFactory: createKafka, inject: [MESSAGING_CONFIG] },
        { provide: EventTrust, useFactory: (c: MessagingConfig) => EventTrust.forService(c.service), inject: [MESSAGING_CONFIG] },
        { provide: TrustRegistry, useFactory: (kafka: Kafka, c: MessagingConfig, t: EventTrust) => new TrustRegistry(kafka, c, t), inject: [Kafka, MESSAGING_CONFIG, EventTrust] },
        { provide: Outbox, useFactory: (c: MessagingConfig) => new Outbox(c, schemaName(schema)), inject: [MESSAGING_CONFIG] },
        {
          provide: OutboxRelay,
          // The relay connects as the service's own role, like the service.
          useFactory: (kafka: Kafka, c: MessagingConfig, trust: EventTrust) => new OutboxRelay(kafka, c, { databaseUrl: serviceDatabaseUrl(schema), schema: schemaName(schema), trust }),
          inject: [Kafka, MESSAGING_CONFIG, EventTrust],
        },
        MessagingLifecycle,
      ],
      exports: [MESSAGING_CONFIG, Kafka, Outbox, OutboxRelay, EventTrust, TrustRegistry],
    };
  }
}

@Catch()
export class PassThroughRpcFilter implements RpcExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** Attaches the inbox transport to a Nest application; call before `startAllMicroservices`. */
export function connectInbox(app: INestApplication, options: Pick<InboxServerOptions, 'topics'> & Partial<InboxServerOptions>): KafkaInboxServer {
  const server = new KafkaInboxServer({
    kafka: app.get(Kafka),
    config: app.get(MESSAGING_CONFIG),
    dataSource: app.get(DataSource),
    trust: app.get(EventTrust),
    ...options,
  });
  const microservice = app.connectMicroservice({ strategy: server }, { deferInitialization: true });
  // Handler errors reach the inbox unchanged, so it can tell transient failures from bad events.
  microservice.useGlobalFilters(new PassThroughRpcFilter());
  return server;
}
