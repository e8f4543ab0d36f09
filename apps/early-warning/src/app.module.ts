import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { adminAuditController, AuthModule } from '@yuanlian/auth';
import { DirectoryModule } from '@yuanlian/directory';
import { MessagingModule } from '@yuanlian/messaging';
import { HealthController } from '@yuanlian/runtime';
import { AlertsHandler } from './alerts/alerts.handler';
import { AlertsService } from './alerts/alerts.service';
import { earlyWarningDatabase, SCHEMA } from './database';
import { FeedsController } from './feeds/feeds.controller';
import { FeedsService } from './feeds/feeds.service';
import { RulesController } from './rules/rules.controller';
import { RulesService } from './rules/rules.service';
import { SignalsHandler } from './signals/signals.handler';
import { SignalsService } from './signals/signals.service';

/** 预警中心: group wage-dispute detection, the alert lifecycle and its routing. */
@Module({
  imports: [
    TypeOrmModule.forRoot(earlyWarningDatabase()),
    MessagingModule.forRoot({ service: 'early-warning', schema: SCHEMA }),
    AuthModule,
    DirectoryModule,
  ],
  controllers: [HealthController, FeedsController, RulesController, adminAuditController('early-warning', 'command'), SignalsHandler, AlertsHandler],
  providers: [SignalsService, AlertsService, RulesService, FeedsService],
})
export class EarlyWarningModule {}
