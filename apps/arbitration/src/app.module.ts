import { Module } from '@nestjs/common';
import { ReceivingAgencyModule } from '@yuanlian/referrals';
import { SCHEMA } from './database';

/** 劳动人事争议仲裁院: the shared referral inbox; its own steps are mediation, award (final or non-final) and hand-off to court. */
@Module({ imports: [ReceivingAgencyModule.forAgency('arbitration', SCHEMA)] })
export class ArbitrationModule {}
