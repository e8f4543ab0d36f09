import { Module } from '@nestjs/common';
import { DESK_ALERT_TABLES, DeskAlertsModule } from '@yuanlian/alerts';
import { ReceivingAgencyModule } from '@yuanlian/referrals';
import { SCHEMA } from './database';

/** 劳动保障监察: the shared referral inbox (its own steps: investigation, order to pay, payment recorded) and the alert desk. */
@Module({
  imports: [
    ReceivingAgencyModule.forAgency('labor-inspection', SCHEMA, DESK_ALERT_TABLES),
    DeskAlertsModule.forAgencies('labor-inspection'),
  ],
})
export class LaborInspectionModule {}
