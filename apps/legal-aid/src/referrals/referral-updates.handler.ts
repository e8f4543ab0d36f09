import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  ReferralAccepted, ReferralClockUpdated, ReferralDeclined, ReferralProgressed, ReferralReceived, ReferralResolved, ReferralReturned,
} from '@yuanlian/contracts';
import { Handles, InboxContext } from '@yuanlian/messaging';
import { ReferralsService } from './referrals.service';
import type { UpdateFields } from './referrals.service';

/** Status updates from the receiving offices, addressed to legal aid (validated against their own classes). */
@Controller()
export class ReferralUpdatesHandler {
  constructor(private readonly referrals: ReferralsService) {}

  @Handles(ReferralReceived, ReferralAccepted, ReferralDeclined, ReferralReturned, ReferralProgressed, ReferralResolved, ReferralClockUpdated)
  update(@Payload() p: UpdateFields, @Ctx() ctx: InboxContext) {
    return this.referrals.applyUpdate(p, ctx);
  }
}
