import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  ReferralAccepted, ReferralAcceptedV1, ReferralClockUpdated, ReferralClockUpdatedV1, ReferralDeclined, ReferralDeclinedV1,
  ReferralProgressed, ReferralProgressedV1, ReferralReceived, ReferralReceivedV1, ReferralResolved, ReferralResolvedV1,
  ReferralReturned, ReferralReturnedV1,
} from '@yuanlian/contracts';
import { Handles, InboxContext } from '@yuanlian/messaging';
import { ReferralsService } from './referrals.service';

/** Status updates from the receiving offices, addressed to legal aid. */
@Controller()
export class ReferralUpdatesHandler {
  constructor(private readonly referrals: ReferralsService) {}

  @Handles(ReferralReceived)
  received(@Payload() p: ReferralReceivedV1, @Ctx() ctx: InboxContext) {
    return this.referrals.applyUpdate(p, ctx);
  }

  @Handles(ReferralAccepted)
  accepted(@Payload() p: ReferralAcceptedV1, @Ctx() ctx: InboxContext) {
    return this.referrals.applyUpdate(p, ctx);
  }

  @Handles(ReferralDeclined)
  declined(@Payload() p: ReferralDeclinedV1, @Ctx() ctx: InboxContext) {
    return this.referrals.applyUpdate(p, ctx);
  }

  @Handles(ReferralReturned)
  returned(@Payload() p: ReferralReturnedV1, @Ctx() ctx: InboxContext) {
    return this.referrals.applyUpdate(p, ctx);
  }

  @Handles(ReferralProgressed)
  progressed(@Payload() p: ReferralProgressedV1, @Ctx() ctx: InboxContext) {
    return this.referrals.applyUpdate(p, ctx);
  }

  @Handles(ReferralResolved)
  resolved(@Payload() p: ReferralResolvedV1, @Ctx() ctx: InboxContext) {
    return this.referrals.applyUpdate(p, ctx);
  }

  @Handles(ReferralClockUpdated)
  clockUpdated(@Payload() p: ReferralClockUpdatedV1, @Ctx() ctx: InboxContext) {
    return this.referrals.applyUpdate(p, ctx);
  }
}
