import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { AgencyTypes, Roles } from '@yuanlian/auth';
import {
  CreditRecorded, CreditRecordV1, HotlineComplaintsRecorded, HotlineComplaintsV1, PetitionReported, PetitionReportV1, WageMonitoringRecorded,
  WageMonitoringRecordV1,
} from '@yuanlian/contracts';
import { FeedsService } from './feeds.service';

const MAX_RECORDS = 500;
const records = (type: Function) => (target: object, key: string) => {
  IsArray({ message: 'records 必须是数组' })(target, key);
  ArrayMinSize(1, { message: 'records 至少包含一条记录' })(target, key);
  ArrayMaxSize(MAX_RECORDS, { message: `records 每次最多 ${MAX_RECORDS} 条` })(target, key);
  ValidateNested({ each: true })(target, key);
  Type(() => type)(target, key);
};

export class WageMonitoringBatch {
  @ApiProperty({ type: [WageMonitoringRecordV1] }) @records(WageMonitoringRecordV1) records: WageMonitoringRecordV1[];
}
export class HotlineBatch {
  @ApiProperty({ type: [HotlineComplaintsV1] }) @records(HotlineComplaintsV1) records: HotlineComplaintsV1[];
}
export class PetitionBatch {
  @ApiProperty({ type: [PetitionReportV1] }) @records(PetitionReportV1) records: PetitionReportV1[];
}
export class CreditBatch {
  @ApiProperty({ type: [CreditRecordV1] }) @records(CreditRecordV1) records: CreditRecordV1[];
}

/**
 * Ingestion of outside feeds: the wage-payment monitoring platform, hotline complaint counts, petition and
 * gathering reports, the credit blacklist. A batch is taken whole or refused whole, with every bad field named
 * (`records.3.project.code`); a record id already taken is skipped, so a feed may safely resend.
 */
@ApiTags('feeds 外部数据接入')
@ApiBearerAuth()
@AgencyTypes('early-warning')
@Roles('feed')
@Controller('feeds')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Post('wage-monitoring')
  @HttpCode(202)
  wageMonitoring(@Body() batch: WageMonitoringBatch) {
    return this.feeds.ingest(WageMonitoringRecorded, batch.records);
  }

  @Post('hotline')
  @HttpCode(202)
  hotline(@Body() batch: HotlineBatch) {
    return this.feeds.ingest(HotlineComplaintsRecorded, batch.records);
  }

  @Post('petitions')
  @HttpCode(202)
  petitions(@Body() batch: PetitionBatch) {
    return this.feeds.ingest(PetitionReported, batch.records);
  }

  @Post('credit')
  @HttpCode(202)
  credit(@Body() batch: CreditBatch) {
    return this.feeds.ingest(CreditRecorded, batch.records);
  }
}
