import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@yuanlian/auth';
import { MessagingModule } from '@yuanlian/messaging';
import { ReferralInboxModule } from '@yuanlian/referrals';
import { HealthController } from '@yuanlian/runtime';
import { laborInspectionDatabase, SCHEMA } from './database';

@Module({
  imports: [
    TypeOrmModule.forRoot(laborInspectionDatabase()),
    MessagingModule.forRoot({ service: 'labor-inspection', schema: SCHEMA }),
    AuthModule,
    ReferralInboxModule.forAgency('labor-inspection'),
  ],
  controllers: [HealthController],
})
export class LaborInspectionModule {}
