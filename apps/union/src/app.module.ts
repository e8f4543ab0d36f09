import { Module } from '@nestjs/common';
import { ReceivingAgencyModule } from '@yuanlian/referrals';
import { SCHEMA } from './database';

/** 工会: the shared referral inbox; its own steps are support given, collective consultation and field risk reports. */
@Module({ imports: [ReceivingAgencyModule.forAgency('union', SCHEMA)] })
export class UnionModule {}
