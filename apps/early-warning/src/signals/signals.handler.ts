import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  ApplicationAccepted, ApplicationReceived, ApplicationReceivedV1, CaseSignal, CaseSignalV1, CaseTransferred, CreditRecorded, CreditRecordV1,
  HotlineComplaintsRecorded, HotlineComplaintsV1, PetitionReported, PetitionReportV1, WageMonitoringRecorded, WageMonitoringRecordV1,
} from '@yuanlian/contracts';
import { Handles, InboxContext } from '@yuanlian/messaging';
import { SignalsService } from './signals.service';

/** Signals from every agency and outside feed, turned into observations per subject. */
@Controller()
export class SignalsHandler {
  constructor(private readonly signals: SignalsService) {}

  @Handles(ApplicationReceived)
  application(@Payload() p: ApplicationReceivedV1, @Ctx() ctx: InboxContext) {
    return this.signals.application(p, ctx);
  }

  /** On the applications topic too, but they say nothing about arrears: taken and dropped. */
  @Handles(ApplicationAccepted, CaseTransferred)
  ignore() {}

  @Handles(CaseSignal)
  caseSignal(@Payload() p: CaseSignalV1, @Ctx() ctx: InboxContext) {
    return this.signals.caseSignal(p, ctx);
  }

  @Handles(WageMonitoringRecorded)
  monitoring(@Payload() p: WageMonitoringRecordV1, @Ctx() ctx: InboxContext) {
    return this.signals.monitoring(p, ctx);
  }

  @Handles(HotlineComplaintsRecorded)
  hotline(@Payload() p: HotlineComplaintsV1, @Ctx() ctx: InboxContext) {
    return this.signals.hotline(p, ctx);
  }

  @Handles(PetitionReported)
  petition(@Payload() p: PetitionReportV1, @Ctx() ctx: InboxContext) {
    return this.signals.petition(p, ctx);
  }

  @Handles(CreditRecorded)
  credit(@Payload() p: CreditRecordV1, @Ctx() ctx: InboxContext) {
    return this.signals.credit(p, ctx);
  }
}
