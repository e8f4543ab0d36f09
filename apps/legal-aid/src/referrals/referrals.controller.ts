import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { referralView } from '../applications/application.view';
import { CreateReferralInput, ResubmitReferralInput, RevokeReferralInput } from './referral.dto';
import { ReferralsService } from './referrals.service';
import { UuidParam } from '@yuanlian/runtime';


@ApiTags('referrals 转介')
@ApiBearerAuth()
@AgencyTypes('legal-aid')
@Roles('clerk', 'lawyer', 'supervisor')
@Controller('applications/:applicationId/referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  /** Refers the case to another agency's office; the status comes back as that office acts. */
  @Post()
  async create(@CurrentUser() caller: Caller, @UuidParam('applicationId') applicationId: string, @Body() input: CreateReferralInput) {
    return referralView(await this.referrals.refer(caller, applicationId, input));
  }

  /** Withdraws a referral the office has not accepted. */
  @Post(':referralId/revoke')
  @HttpCode(204)
  async revoke(
    @CurrentUser() caller: Caller,
    @UuidParam('applicationId') applicationId: string,
    @UuidParam('referralId') referralId: string,
    @Body() input: RevokeReferralInput,
  ) {
    await this.referrals.revoke(caller, applicationId, referralId, input.reason);
  }

  /** Sends a returned referral back with what was asked for. */
  @Post(':referralId/resubmit')
  @HttpCode(204)
  async resubmit(
    @CurrentUser() caller: Caller,
    @UuidParam('applicationId') applicationId: string,
    @UuidParam('referralId') referralId: string,
    @Body() input: ResubmitReferralInput,
  ) {
    await this.referrals.resubmit(caller, applicationId, referralId, input.note);
  }
}
