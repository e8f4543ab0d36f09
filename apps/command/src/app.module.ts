import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeskAlertsModule } from '@yuanlian/alerts';
import { adminAuditController, AuthModule } from '@yuanlian/auth';
import { MessagingModule } from '@yuanlian/messaging';
import { HealthController } from '@yuanlian/runtime';
import { AlertBoardController } from './alerts/alert-board.controller';
import { AlertBoardService } from './alerts/alert-board.service';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { StatisticsController } from './statistics/statistics.controller';
import { StatisticsService } from './statistics/statistics.service';
import { commandDatabase, SCHEMA } from './database';
import { DirectoryAdminController } from './directory/directory-admin.controller';
import { DirectoryAdminService } from './directory/directory-admin.service';
import { ProgramController } from './program/program.controller';
import { ProgramService } from './program/program.service';
import { SupervisionController } from './supervision/supervision.controller';
import { SupervisionService } from './supervision/supervision.service';
import { TrustKeysController } from './trust/trust-keys.controller';
import { TrustKeysService } from './trust/trust-keys.service';

/**
 * 政法委: the alert board (the housing bureau's desk works here too until it has its own service), the
 * supervision (督办) list of overdue cases, and (until the portal exists) the agency directory's administration.
 */
@Module({
  imports: [TypeOrmModule.forRoot(commandDatabase()), MessagingModule.forRoot({ service: 'command', schema: SCHEMA }), AuthModule, DeskAlertsModule.forAgencies('command', 'housing')],
  controllers: [HealthController, SupervisionController, DirectoryAdminController, AlertBoardController, CalendarController, StatisticsController, ProgramController, TrustKeysController, adminAuditController('command')],
  providers: [SupervisionService, DirectoryAdminService, CalendarService, AlertBoardService, StatisticsService, ProgramService, TrustKeysService],
})
export class CommandModule {}
