import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeskAlertsModule } from '@yuanlian/alerts';
import { accessLogController, AuthModule } from '@yuanlian/auth';
import { clockChangesController, DeadlinesModule } from '@yuanlian/deadlines';
import { DirectoryModule } from '@yuanlian/directory';
import { MessagingModule } from '@yuanlian/messaging';
import { HealthController } from '@yuanlian/runtime';
import { ApplicationsController } from './applications/applications.controller';
import { AidDecisionsController } from './applications/aid-decisions.controller';
import { AidDecisionsService } from './applications/aid-decisions.service';
import { LawyersController } from './lawyers/lawyers.controller';
import { LawyersService } from './lawyers/lawyers.service';
import { ApplicationsService } from './applications/applications.service';
import { legalAidDatabase, SCHEMA } from './database';
import { ReferralUpdatesHandler } from './referrals/referral-updates.handler';
import { ReferralsController } from './referrals/referrals.controller';
import { ReferralsService } from './referrals/referrals.service';
import { RoutingService } from './routing/routing.service';
import { TransfersController } from './transfers/transfers.controller';
import { TransfersService } from './transfers/transfers.service';
import { DutySweeper } from './typical-cases/duty-sweeper';
import { CaseLibraryController, TypicalCasesController } from './typical-cases/typical-cases.controller';
import { TypicalCasesService } from './typical-cases/typical-cases.service';

@Module({
  imports: [
    TypeOrmModule.forRoot(legalAidDatabase()),
    MessagingModule.forRoot({ service: 'legal-aid', schema: SCHEMA }),
    AuthModule,
    DeadlinesModule,
    DirectoryModule,
    DeskAlertsModule.forAgencies('legal-aid'),
  ],
  controllers: [
    HealthController, ApplicationsController, AidDecisionsController, LawyersController, ReferralsController, ReferralUpdatesHandler, TransfersController, TypicalCasesController, CaseLibraryController,
    accessLogController('legal-aid'),
    clockChangesController('legal-aid', ['clerk', 'lawyer', 'supervisor']),
  ],
  providers: [ApplicationsService, AidDecisionsService, LawyersService, ReferralsService, RoutingService, TransfersService, TypicalCasesService, DutySweeper],
})
export class LegalAidModule {}
