import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  ReferralRequested, ReferralRequestedV1, ReferralResubmitted, ReferralResubmittedV1, ReferralRevoked, ReferralRevokedV1,
} from '@yuanlian/contracts';
import { Handles, InboxContext } from '@yuanlian/messaging';
import { ReferralInboxService } from './referral-inbox.service';

/** Referral events addressed to this agency type. */
@Controller()
export class ReferralInboxHandler {
  constructor(private readonly inbox: ReferralInboxService) {}

  @Handles(ReferralRequested)
  requested(@Payload() p: ReferralRequestedV1, @Ctx() ctx: InboxContext) {
    return this.inbox.receive(p, ctx);
  }

  @Handles(ReferralRevoked)
  revoked(@Payload() p: ReferralRevokedV1, @Ctx() ctx: InboxContext) {
    return this.inbox.revoked(p, ctx);
  }

  @Handles(ReferralResubmitted)
  resubmitted(@Payload() p: ReferralResubmittedV1, @Ctx() ctx: InboxContext) {
    return this.inbox.resubmitted(p, ctx);
  }
}
