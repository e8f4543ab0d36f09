import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { referralView } from '../applications/application.view';
import { CreateReferralInput } from './referral.dto';
import { ReferralsService } from './referrals.service';

@ApiTags('referrals 转介')
@ApiBearerAuth()
@AgencyTypes('legal-aid')
@Controller('applications/:applicationId/referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  /** Refers the case to another agency's office; the status comes back as that office acts. */
  @Post()
  @Roles('clerk', 'lawyer', 'supervisor')
  async create(
    @CurrentUser() caller: Caller,
    @Param('applicationId', new ParseUUIDPipe({ version: '4' })) applicationId: string,
    @Body() input: CreateReferralInput,
  ) {
    return referralView(await this.referrals.refer(caller, applicationId, input));
  }
}
