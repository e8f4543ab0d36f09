import { dataSourceOptions } from '@yuanlian/database';
import { CreateMessagingTables1764300000000 } from '@yuanlian/messaging';
import { CreateSupervisionItems1764300000700 } from './supervision/migration';
import { SupervisionItem } from './supervision/supervision-item.entity';

export const SCHEMA = 'command';

export const commandDatabase = () =>
  dataSourceOptions({
    schema: SCHEMA,
    entities: [SupervisionItem],
    migrations: [CreateMessagingTables1764300000000, CreateSupervisionItems1764300000700],
  });
