import { dataSourceOptions } from '@yuanlian/database';
import { SigningKey } from './auth/signing-key.entity';
import { CreatePortalUsers1764300001600 } from './users/migration';
import { PortalUser } from './users/user.entity';

export const SCHEMA = 'portal';

export const portalDatabase = () =>
  dataSourceOptions({ schema: SCHEMA, entities: [PortalUser, SigningKey], migrations: [CreatePortalUsers1764300001600], poolSize: 5 });
