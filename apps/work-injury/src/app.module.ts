import { Module } from '@nestjs/common';
import { ReceivingAgencyModule } from '@yuanlian/referrals';
import { SCHEMA } from './database';

/**
 * 社会保险行政部门（工伤认定）: the shared referral inbox. Accepting an application starts the 60 days to decide (WIIR art. 20);
 * its own steps are the determination (认定 / 不予认定工伤) and the capacity assessment (劳动能力鉴定, 60 + 30 days, art. 25).
 */
@Module({ imports: [ReceivingAgencyModule.forAgency('work-injury', SCHEMA)] })
export class WorkInjuryModule {}
