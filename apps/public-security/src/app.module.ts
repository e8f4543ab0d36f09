import { Module } from '@nestjs/common';
import { ReceivingAgencyModule } from '@yuanlian/referrals';
import { SCHEMA } from './database';

/**
 * 公安机关: receives wage-refusal crime cases (Criminal Law art. 276-1) on the shared referral inbox — with the victim's
 * identity and the project, not the telephone, unless the clerk adds it. Accepting is filing (立案), within 3 days of
 * receipt (行政执法机关移送涉嫌犯罪案件的规定 art. 8); declining is 不予立案 with its reasons.
 */
@Module({ imports: [ReceivingAgencyModule.forAgency('public-security', SCHEMA)] })
export class PublicSecurityModule {}
