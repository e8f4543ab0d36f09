import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { ApplicationsService } from '../applications/applications.service';
import { InboundTransferInput, TransferInput } from './transfer.dto';
import { TransfersService } from './transfers.service';
import { UuidParam } from '@yuanlian/runtime';

@ApiTags('transfers 异地协作')
@ApiBearerAuth()
@AgencyTypes('legal-aid')
@Roles('clerk', 'lawyer', 'supervisor')
@Controller()
export class TransfersController {
  constructor(
    private readonly transfers: TransfersService,
    private readonly applications: ApplicationsService,
  ) {}

  /** Moves a case to another center, with the worker's consent. */
  @Post('applications/:id/transfer')
  @HttpCode(204)
  async transfer(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: TransferInput) {
    await this.transfers.transfer(caller, id, input);
  }

  /** Registers a case transferred in from another city; it enters this center's intake queue. */
  @Post('transfers/inbound')
  async inbound(@CurrentUser() caller: Caller, @Body() input: InboundTransferInput) {
    const created = await this.transfers.inbound(caller, input);
    return this.applications.view(caller, created.id);
  }
}
