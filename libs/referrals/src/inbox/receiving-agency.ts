import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessLogEntry, AccessLogUserName1764300003300, accessLogController, AuthModule, CreateAccessLog1764300001200 } from '@yuanlian/auth';
import { CONSUMED_TOPICS } from '@yuanlian/contracts';
import type { ReceivingAgencyType } from '@yuanlian/contracts';
import { dataSourceOptions, IdempotencyKeys1764300003200 } from '@yuanlian/database';
import { ClockCalendarChanges1764300003900, clockChangesController, CreateClocks1764300000300, DeadlinesModule, StatutoryClock } from '@yuanlian/deadlines';
import { MESSAGING_MIGRATIONS, MessagingModule } from '@yuanlian/messaging';
import { HealthController, runService } from '@yuanlian/runtime';
import type { MixedList } from 'typeorm';
import { ReferralTimelineEntry } from '../timeline.entity';
import { CreateReferralTimeline1764300000400 } from '../timeline.migration';
import { ReferralInboxNextDue1764300001800 } from './next-due.migration';
import { ReferralInboxDisclosure1764300001100 } from './disclosure.migration';
import { ReferralInboxLifecycle1764300000500 } from './lifecycle.migration';
import { CreateReferralInbox1764300000200 } from './migration';
import { ReceivedReferral } from './received-referral.entity';
import { SealedInboxIdentity1764300003100 } from './sealed.migration';
import { ReferralInboxModule } from './referral-inbox.module';

/** Schema of a receiving agency's service: messaging, the referral inbox, its timeline and clocks, plus its own. */
export function receivingAgencyDatabase(schema: string, own: { entities?: Function[]; migrations?: Function[] } = {}) {
  return dataSourceOptions({
    schema,
    entities: [ReceivedReferral, ReferralTimelineEntry, StatutoryClock, AccessLogEntry, ...(own.entities ?? [])] as MixedList<Function>,
    migrations: [
      ...MESSAGING_MIGRATIONS,
      CreateReferralInbox1764300000200,
      CreateClocks1764300000300,
      CreateReferralTimeline1764300000400,
      ReferralInboxLifecycle1764300000500,
      ReferralInboxDisclosure1764300001100,
      CreateAccessLog1764300001200,
      ReferralInboxNextDue1764300001800,
      SealedInboxIdentity1764300003100,
      IdempotencyKeys1764300003200,
      AccessLogUserName1764300003300,
      ClockCalendarChanges1764300003900,
      ...(own.migrations ?? []),
    ] as MixedList<Function>,
  });
}

/** Everything a receiving agency's service is made of; the agency adds its own controllers and providers. */
@Module({})
export class ReceivingAgencyModule {
  static forAgency(agencyType: ReceivingAgencyType, schema: string, own: { entities?: Function[]; migrations?: Function[] } = {}): DynamicModule {
    return {
      module: ReceivingAgencyModule,
      imports: [
        TypeOrmModule.forRoot(receivingAgencyDatabase(schema, own)),
        MessagingModule.forRoot({ service: agencyType, schema }),
        AuthModule,
        DeadlinesModule,
        ReferralInboxModule.forAgency(agencyType),
      ],
      // The office head reads who opened which referral, and why personal data was revealed; the office, which due dates a
      // holiday notice moved.
      controllers: [HealthController, accessLogController(agencyType), clockChangesController(agencyType, ['inspector', 'officer', 'supervisor'])],
    };
  }
}

/** Starts a receiving agency's service, consuming the topics addressed to its agency type (the referrals, and alerts where it has a desk). */
export function startReceivingAgency(module: unknown, agencyType: ReceivingAgencyType, title: string, defaultPort: number) {
  runService(module, { name: agencyType, title, port: Number(process.env.PORT ?? defaultPort), consumes: [...CONSUMED_TOPICS[agencyType]] });
}
