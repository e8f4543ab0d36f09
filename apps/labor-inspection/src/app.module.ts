import { Module } from '@nestjs/common';
import { ReceivingAgencyModule } from '@yuanlian/referrals';
import { SCHEMA } from './database';

/** 劳动保障监察: the shared referral inbox; its own steps are investigation, order to pay, payment recorded. */
@Module({ imports: [ReceivingAgencyModule.forAgency('labor-inspection', SCHEMA)] })
export class LaborInspectionModule {}
