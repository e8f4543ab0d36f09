import { dataSourceOptions } from '@yuanlian/database';
import { CreateMessagingTables1764300000000 } from '@yuanlian/messaging';
import { Application } from './applications/application.entity';
import { ApplicationsAndReferrals1764300000100 } from './migrations/1764300000100-applications-and-referrals';
import { Referral } from './referrals/referral.entity';

export const SCHEMA = 'legal_aid';

export const legalAidDatabase = () =>
  dataSourceOptions({
    schema: SCHEMA,
    entities: [Application, Referral],
    migrations: [CreateMessagingTables1764300000000, ApplicationsAndReferrals1764300000100],
  });
