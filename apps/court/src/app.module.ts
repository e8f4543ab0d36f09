import { Module } from '@nestjs/common';
import { ReceivingAgencyModule } from '@yuanlian/referrals';
import { SCHEMA } from './database';

/** 人民法院: the shared referral inbox; its own steps are filing, property preservation, judgment and enforcement. */
@Module({ imports: [ReceivingAgencyModule.forAgency('court', SCHEMA)] })
export class CourtModule {}
