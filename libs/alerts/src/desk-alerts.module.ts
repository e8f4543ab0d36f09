import { DynamicModule, Module } from '@nestjs/common';
import type { AgencyType } from '@yuanlian/contracts';
import { DeskAlertsController } from './desk-alerts.controller';
import { DESK_AGENCY_TYPES, DeskAlertsService } from './desk-alerts.service';

/** Adds the alert desk to a service: the alert topics of the given agency types, listing and acknowledging. */
@Module({})
export class DeskAlertsModule {
  static forAgencies(...agencyTypes: AgencyType[]): DynamicModule {
    return {
      module: DeskAlertsModule,
      controllers: [DeskAlertsController],
      providers: [{ provide: DESK_AGENCY_TYPES, useValue: agencyTypes }, DeskAlertsService],
      exports: [DeskAlertsService],
    };
  }
}
