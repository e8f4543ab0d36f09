import { DynamicModule, Module } from '@nestjs/common';
import type { ReceivingAgencyType } from '@yuanlian/contracts';
import { ReferralInboxController } from './referral-inbox.controller';
import { ReferralInboxHandler } from './referral-inbox.handler';
import { INBOX_AGENCY_TYPE, ReferralInboxService } from './referral-inbox.service';

/** Adds the shared referral inbox (HTTP and the referral.requested handler) to a receiving agency's service. */
@Module({})
export class ReferralInboxModule {
  static forAgency(agencyType: ReceivingAgencyType): DynamicModule {
    return {
      module: ReferralInboxModule,
      controllers: [ReferralInboxController, ReferralInboxHandler],
      providers: [{ provide: INBOX_AGENCY_TYPE, useValue: agencyType }, ReferralInboxService],
      exports: [ReferralInboxService],
    };
  }
}
