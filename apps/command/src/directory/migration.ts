import { ADMIN_AUDIT_TABLE } from '@yuanlian/auth';
import { schemaMigration } from '@yuanlian/database';

export const CreateOffices1764300000800 = schemaMigration('CreateOffices1764300000800', {
  up: [
    `CREATE TABLE {schema}.offices (office_id text PRIMARY KEY, data jsonb NOT NULL, updated_by text NOT NULL, updated_at timestamptz NOT NULL)`,
  ],
  down: [
    `DROP TABLE {schema}.offices`,
  ],
});

/** The append-only trail of administrators' changes to the directory. */
export const CreateAdminAudit1764300002500 = schemaMigration('CreateAdminAudit1764300002500', ADMIN_AUDIT_TABLE);
