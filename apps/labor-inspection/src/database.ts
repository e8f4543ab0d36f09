import { dataSourceOptions } from '@yuanlian/database';
import { CreateMessagingTables1764300000000 } from '@yuanlian/messaging';
import { CreateReferralInbox1764300000200, ReceivedReferral } from '@yuanlian/referrals';

export const SCHEMA = 'labor_inspection';

export const laborInspectionDatabase = () =>
  dataSourceOptions({
    schema: SCHEMA,
    entities: [ReceivedReferral],
    migrations: [CreateMessagingTables1764300000000, CreateReferralInbox1764300000200],
  });
