import { ADMIN_AUDIT_TABLE } from '@yuanlian/auth';
import { schemaMigration } from '@yuanlian/database';

export const CreatePortalUsers1764300001600 = schemaMigration('CreatePortalUsers1764300001600', {
  up: [
    `CREATE TABLE {schema}.users (
        id uuid PRIMARY KEY,
        username text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        agency_type text NOT NULL,
        division_code text NOT NULL,
        roles text[] NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz
    )`,
    `CREATE UNIQUE INDEX users_username ON {schema}.users (lower(username))`,
    `CREATE INDEX users_office ON {schema}.users (agency_type, division_code)`,
    `CREATE TABLE {schema}.signing_keys (
        kid text PRIMARY KEY,
        algorithm text NOT NULL,
        private_key_pem text NOT NULL,
        public_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
    )`,
  ],
  down: [`DROP TABLE {schema}.signing_keys`, `DROP TABLE {schema}.users`],
});

/** When each user's sessions last ended (deactivated, roles or password changed): older tokens are refused. */
export const PortalSessions1764300002600 = schemaMigration('PortalSessions1764300002600', {
  up: [
    `ALTER TABLE {schema}.users ADD COLUMN sessions_valid_after timestamptz`,
    `CREATE INDEX users_sessions_valid_after ON {schema}.users (sessions_valid_after) WHERE sessions_valid_after IS NOT NULL`,
  ],
  down: [`DROP INDEX {schema}.users_sessions_valid_after`, `ALTER TABLE {schema}.users DROP COLUMN sessions_valid_after`],
});

/** The audit trail of administrators' changes to users. */
export const CreatePortalAdminAudit1764300002700 = schemaMigration('CreatePortalAdminAudit1764300002700', ADMIN_AUDIT_TABLE);
