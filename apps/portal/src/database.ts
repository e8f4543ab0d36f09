import { dataSourceOptions, IdempotencyKeys1764300003200 } from '@yuanlian/database';
import { SigningKey } from './auth/signing-key.entity';
import { CreatePortalAdminAudit1764300002700, CreatePortalUsers1764300001600, PortalSessions1764300002600 } from './users/migration';
import { PortalUser } from './users/user.entity';

export const SCHEMA = 'portal';

export const portalDatabase = () =>
  dataSourceOptions({ schema: SCHEMA, entities: [PortalUser, SigningKey], migrations: [CreatePortalUsers1764300001600, PortalSessions1764300002600, CreatePortalAdminAudit1764300002700, IdempotencyKeys1764300003200], poolSize: 5 });
