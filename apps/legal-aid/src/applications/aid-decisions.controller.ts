import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { UuidParam } from '@yuanlian/runtime';
import { ObjectionInput, ObjectionReviewInput, RefuseInput, RequestMaterialsInput, TerminateInput } from './aid-decision.dto';
import { AidDecisionsService } from './aid-decisions.service';
import { ApplicationsService } from './applications.service';

/** Refusal, termination and the applicant's objection (Legal Aid Law arts. 43, 48, 49). Each answers with the case. */
@ApiTags('applications 法律援助申请')
@ApiBearerAuth()
@AgencyTypes('legal-aid')
@Controller('applications/:id')
export class AidDecisionsController {
  constructor(
    private readonly decisions: AidDecisionsService,
    private readonly applications: ApplicationsService,
  ) {}

  /** 不予法律援助: the written refusal with its ground; the applicant is told the remedy. */
  @Post('refuse')
  @HttpCode(200)
  @Roles('lawyer', 'supervisor')
  async refuse(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: RefuseInput) {
    await this.decisions.refuse(caller, id, input.ground, input.note);
    return this.applications.view(caller, id);
  }

  /** 终止法律援助 on one of art. 48's grounds: the director's decision. */
  @Post('terminate')
  @HttpCode(200)
  @Roles('supervisor')
  async terminate(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: TerminateInput) {
    await this.decisions.terminate(caller, id, input.ground, input.note);
    return this.applications.view(caller, id);
  }

  /** 一次性告知补充材料: the decision clock stands still. */
  @Post('materials/request')
  @HttpCode(200)
  @Roles('clerk', 'lawyer', 'supervisor')
  async requestMaterials(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: RequestMaterialsInput) {
    await this.decisions.requestMaterials(caller, id, input.items);
    return this.applications.view(caller, id);
  }

  /** 材料已补齐: the decision clock runs again. */
  @Post('materials/received')
  @HttpCode(200)
  @Roles('clerk', 'lawyer', 'supervisor')
  async materialsReceived(@CurrentUser() caller: Caller, @UuidParam('id') id: string) {
    await this.decisions.materialsReceived(caller, id);
    return this.applications.view(caller, id);
  }

  /** 异议: recorded as the justice bureau received it; the 5-day review clock starts. */
  @Post('objections')
  @Roles('clerk', 'lawyer', 'supervisor')
  async object(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: ObjectionInput) {
    await this.decisions.object(caller, id, input.receivedOn, input.reason);
    return this.applications.view(caller, id);
  }

  /** The bureau's review as written in its decision (维持 / 责令改正). */
  @Post('objections/:objectionId/review')
  @HttpCode(200)
  @Roles('supervisor')
  async review(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @UuidParam('objectionId') objectionId: string, @Body() input: ObjectionReviewInput) {
    await this.decisions.review(caller, id, objectionId, input);
    return this.applications.view(caller, id);
  }
}
