import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  AlertAcknowledged, AlertAcknowledgedV1, AlertAssigned, AlertAssignedV1, AlertClosed, AlertClosedV1, Observed, ObservationV1,
} from '@yuanlian/contracts';
import { Handles, InboxContext } from '@yuanlian/messaging';
import { AlertsService } from './alerts.service';

@Controller()
export class AlertsHandler {
  constructor(private readonly alerts: AlertsService) {}

  @Handles(Observed)
  observed(@Payload() p: ObservationV1, @Ctx() ctx: InboxContext) {
    return this.alerts.observe(p, ctx);
  }

  @Handles(AlertAcknowledged)
  acknowledged(@Payload() p: AlertAcknowledgedV1, @Ctx() ctx: InboxContext) {
    return this.alerts.acknowledged(p, ctx);
  }

  @Handles(AlertAssigned)
  assigned(@Payload() p: AlertAssignedV1, @Ctx() ctx: InboxContext) {
    return this.alerts.assigned(p, ctx);
  }

  @Handles(AlertClosed)
  closed(@Payload() p: AlertClosedV1, @Ctx() ctx: InboxContext) {
    return this.alerts.closed(p, ctx);
  }
}
