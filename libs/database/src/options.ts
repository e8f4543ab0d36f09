import { DataSource, DataSourceOptions, MigrationInterface, MixedList, QueryRunner, ValueTransformer } from 'typeorm';
import { Client } from 'pg';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/yuanlian';

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
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

/** TypeORM options for a service schema: migrations only, never synchronize. */
export function dataSourceOptions(db: ServiceDatabase): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl(),
    schema: schemaName(db.schema),
    entities: db.entities,
    migrations: db.migrations,
    migrationsTableName: 'migrations',
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

/** Creates the database and schema if needed and applies pending migrations. Returns their names. */
export async function migrate(options: DataSourceOptions): Promise<string[]> {
  await ensureDatabase((options as { url?: string }).url);
  const schema = (options as { schema?: string }).schema!;
  const ds = new DataSource(options);
  await ds.initialize();
  try {
    await ds.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
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
