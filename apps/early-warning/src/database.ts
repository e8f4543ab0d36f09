import { dataSourceOptions, IdempotencyKeys1764300003200 } from '@yuanlian/database';
import { MESSAGING_MIGRATIONS } from '@yuanlian/messaging';
import { Alert } from './alerts/alert.entity';
import { CreateAdminAudit1764300002500, CreateEarlyWarning1764300001300 } from './migration';
import { RuleSet } from './rules/rule-set.entity';

export const SCHEMA = 'early_warning';

export const earlyWarningDatabase = () =>
  dataSourceOptions({
    schema: SCHEMA,
    entities: [Alert, RuleSet],
    migrations: [...MESSAGING_MIGRATIONS, CreateEarlyWarning1764300001300, CreateAdminAudit1764300002500, IdempotencyKeys1764300003200],
  });
