import { DataSource, DataSourceOptions, MigrationInterface, MixedList, QueryRunner, ValueTransformer } from 'typeorm';
import { Client } from 'pg';
import { IdempotencySubscriber } from './idempotency-scope';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/yuanlian';

/** The owner's connection (`DATABASE_URL`): migrations, scripts, and tests that inspect what the services stored. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** The login role a service connects as: it reaches only its own schema, without DDL (see `grantServiceRole`). */
export function serviceRole(schema: string): string {
  return `yl_${schema}`;
}

/**
 * A service's own connection: `DATABASE_URL` with the service's role as the user. A deployment with passwords gives each
 * service a DATABASE_URL naming its role and password; the owner's password never goes with another user.
 */
export function serviceDatabaseUrl(schema: string): string {
  const url = new URL(databaseUrl());
  const role = serviceRole(schema);
  if (decodeURIComponent(url.username) !== role) {
    url.username = role;
    url.password = '';
  }
  return url.toString();
}

export interface ServiceDatabase {
  /** PostgreSQL schema owned by the service (tests give each run its own via DB_SCHEMA_PREFIX). */
  schema: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  poolSize?: number;
}

export function schemaName(base: string): string {
  return (process.env.DB_SCHEMA_PREFIX ?? '') + base;
}

/** A service schema's base name: `schemaName`'s argument. */
export function baseSchemaName(schema: string): string {
  const prefix = process.env.DB_SCHEMA_PREFIX ?? '';
  return schema.startsWith(prefix) ? schema.slice(prefix.length) : schema;
}

/** TypeORM options for a service schema, connecting as the service's role: migrations only, never synchronize. */
export function dataSourceOptions(db: ServiceDatabase): DataSourceOptions {
  return {
    type: 'postgres',
    url: serviceDatabaseUrl(db.schema),
    schema: schemaName(db.schema),
    entities: db.entities,
    migrations: db.migrations,
    migrationsTableName: 'migrations',
    // A keyed request's commits note its key in the same transaction (idempotency.ts).
    subscribers: [IdempotencySubscriber],
    synchronize: false,
    migrationsRun: false,
    extra: { max: db.poolSize ?? Number(process.env.DB_POOL_SIZE ?? 10), application_name: db.schema },
  };
}

/** Creates the database named in the URL if it does not exist (connecting to `postgres` to do it). */
export async function ensureDatabase(url = databaseUrl()): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (e) {
    // Two processes racing to create it: the loser sees a duplicate.
    if ((e as { code?: string }).code !== '42P04' && (e as { code?: string }).code !== '23505') throw e;
  } finally {
    await client.end();
  }
}

/**
 * Creates the database and schema if needed and applies pending migrations as the owner (`DATABASE_URL`), then grants
 * the service's role (the user of the options' URL) what it may do. Returns the migrations' names.
 */
export async function migrate(options: DataSourceOptions): Promise<string[]> {
  const owner = databaseUrl();
  await ensureDatabase(owner);
  const schema = (options as { schema?: string }).schema!;
  const role = decodeURIComponent(new URL((options as { url: string }).url).username);
  const ds = new DataSource({ ...options, url: owner } as DataSourceOptions);
  await ds.initialize();
  try {
    await ds.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await ds.runMigrations({ transaction: 'each' });
    if (role !== decodeURIComponent(new URL(owner).username)) await ds.transaction((m) => grantServiceRole(m, schema, role));
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The service's role, made once for the cluster (several migrations may run at once), gets its schema's data and nothing
 * else: no DDL, no other schema, not the migration history. Tables with a `<table>_append_only` trigger (the access log,
 * the administrative audit trail) get only INSERT and SELECT, so they are append-only by privilege as well as by
 * trigger. Run at the end of every migration, so tables added later are covered.
 */
export async function grantServiceRole(q: Queryable, schema: string, role: string): Promise<void> {
  const r = quote(role);
  const s = quote(schema);
  await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(role)}) THEN CREATE ROLE ${r} LOGIN; END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  await q.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
  await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
  await q.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
  await q.query(`REVOKE ALL ON TABLE ${s}.migrations FROM ${r}`);
  const appendOnly: { relname: string }[] = await q.query(
    `SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND t.tgname = c.relname || '_append_only'`,
    [schema],
  );
  for (const { relname } of appendOnly) await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON TABLE ${s}.${quote(relname)} FROM ${r}`);
}

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** What runs SQL and answers with the rows: a data source, an entity manager, a query runner. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<any>;
}

/** bigint columns holding fen come back from pg as strings; amounts stay far below 2^53. */
export const fenTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** The service schema a data source, an entity manager or a query runner (a migration's) works in. */
export function schemaOf(source: { options: object } | { connection: { options: object } }): string {
  const options = 'connection' in source ? source.connection.options : source.options;
  return (options as { schema?: string }).schema ?? 'public';
}

/**
 * A migration written as SQL over the service's own schema: `{schema}` in a statement stands for the quoted
 * schema name of the data source that runs it.
 */
export function schemaMigration(name: string, sql: { up: string[]; down: string[] }): new () => MigrationInterface {
  const run = async (q: QueryRunner, statements: string[]) => {
    const schema = `"${schemaOf(q)}"`;
    for (const statement of statements) await q.query(statement.replaceAll('{schema}', schema));
  };
  const migration = class implements MigrationInterface {
    name = name;
    up(q: QueryRunner) {
      return run(q, sql.up);
    }
    down(q: QueryRunner) {
      return run(q, sql.down);
    }
  };
  Object.defineProperty(migration, 'name', { value: name });
  return migration;
}
