import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReferralRequested, ReferralRequestedV1 } from '@yuanlian/contracts';
import { Handles, InboxContext } from '@yuanlian/messaging';
import { ReferralInboxService } from './referral-inbox.service';

@Controller()
export class ReferralInboxHandler {
  constructor(private readonly inbox: ReferralInboxService) {}

  @Handles(ReferralRequested)
  requested(@Payload() p: ReferralRequestedV1, @Ctx() ctx: InboxContext) {
    return this.inbox.receive(p, ctx);
  }
}
