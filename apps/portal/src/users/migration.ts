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
