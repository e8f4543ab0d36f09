import { Module } from '@nestjs/common';
import { DESK_ALERT_TABLES, DeskAlertsModule } from '@yuanlian/alerts';
import { ReceivingAgencyModule } from '@yuanlian/referrals';
import { SCHEMA } from './database';

/** 工会: the shared referral inbox (its own steps: support, collective consultation, field risk reports) and the alert desk. */
@Module({
  imports: [
    ReceivingAgencyModule.forAgency('union', SCHEMA, DESK_ALERT_TABLES),
    DeskAlertsModule.forAgencies('union'),
  ],
})
export class UnionModule {}
