// Each service's role on the real database: its own schema's data and nothing else, append-only tables by privilege.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { CreateAccessLog1764300001200 } from '@yuanlian/auth';
import { createNamespace, dropNamespace, enterNamespace } from '@yuanlian/testing';
import { databaseUrl, dataSourceOptions, migrate, schemaMigration, schemaName, serviceDatabaseUrl, serviceRole } from './options';

const ns = createNamespace('roles');
enterNamespace(ns);

const CreateNotes = schemaMigration('CreateNotes1764300009990', {
  up: [`CREATE TABLE {schema}.notes (id bigserial PRIMARY KEY, body text NOT NULL)`],
  down: [`DROP TABLE {schema}.notes`],
});
// Base schemas of this run only, so the roles are made here for the first time (and dropped at the end).
const run = randomBytes(3).toString('hex');
const alpha = `alpha${run}`;
const beta = `beta${run}`;
const options = (schema: string) => dataSourceOptions({ schema, entities: [], migrations: [CreateNotes, CreateAccessLog1764300001200] });

describe('service roles', () => {
  const clients: Client[] = [];
  const connect = async (url: string) => {
    const c = new Client({ connectionString: url });
    await c.connect();
    clients.push(c);
    return c;
  };
  let owner: Client;

  beforeAll(async () => {
    // Two migrations at once for the same role (another run's, here another prefix) make it once, without an error.
    const otherPrefix = options(alpha);
    process.env.DB_SCHEMA_PREFIX = `${ns.schemaPrefix}b_`;
    const sameRole = options(alpha);
    process.env.DB_SCHEMA_PREFIX = ns.schemaPrefix;
    await Promise.all([migrate(otherPrefix), migrate(sameRole), migrate(options(beta))]);
    owner = await connect(databaseUrl());
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await dropNamespace(ns);
    const c = new Client({ connectionString: databaseUrl() });
    await c.connect();
    for (const role of [serviceRole(alpha), serviceRole(beta)]) await c.query(`DROP ROLE IF EXISTS "${role}"`);
    await c.end();
  });

  it('connects a service as its own login role, which is no superuser and may create nothing', async () => {
    expect(new URL((options(alpha) as { url: string }).url).username).toBe(`yl_${alpha}`);
    const { rows } = await owner.query('SELECT rolsuper, rolcreaterole, rolcreatedb, rolcanlogin FROM pg_roles WHERE rolname = $1', [serviceRole(alpha)]);
    expect(rows).toEqual([{ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolcanlogin: true }]);
  });

  it('reads and writes its own tables and uses their sequences', async () => {
    const a = await connect(serviceDatabaseUrl(alpha));
    const t = `"${schemaName(alpha)}".notes`;
    const { rows } = await a.query(`INSERT INTO ${t} (body) VALUES ('一') RETURNING id`);
    await a.query(`UPDATE ${t} SET body = '二' WHERE id = $1`, [rows[0].id]);
    expect((await a.query(`SELECT body FROM ${t}`)).rows).toEqual([{ body: '二' }]);
    await a.query(`DELETE FROM ${t}`);
  });

  it('refuses another service’s schema', async () => {
    const a = await connect(serviceDatabaseUrl(alpha));
    await expect(a.query(`SELECT * FROM "${schemaName(beta)}".notes`)).rejects.toThrow(/permission denied for schema/);
    await expect(a.query(`INSERT INTO "${schemaName(beta)}".access_log (at, user_id, agency_id, subject_type, subject_id, revealed) VALUES (now(), 'x', 'x', 'x', 'x', false)`))
      .rejects.toThrow(/permission denied for schema/);
  });

  it('refuses DDL in its own schema and the migration history', async () => {
    const a = await connect(serviceDatabaseUrl(alpha));
    const s = `"${schemaName(alpha)}"`;
    await expect(a.query(`CREATE TABLE ${s}.mine (id int)`)).rejects.toThrow(/permission denied for schema/);
    await expect(a.query(`DROP TABLE ${s}.notes`)).rejects.toThrow(/must be owner/);
    await expect(a.query(`ALTER TABLE ${s}.access_log DISABLE TRIGGER access_log_append_only`)).rejects.toThrow(/must be owner/);
    await expect(a.query(`SELECT * FROM ${s}.migrations`)).rejects.toThrow(/permission denied for table/);
  });

  it('only adds to and reads the access log: UPDATE and DELETE refused by privilege, before any trigger', async () => {
    const a = await connect(serviceDatabaseUrl(alpha));
    const log = `"${schemaName(alpha)}".access_log`;
    await a.query(`INSERT INTO ${log} (at, user_id, agency_id, subject_type, subject_id, revealed) VALUES (now(), 'u', 'legal-aid:360702', 'application', 's', false)`);
    expect((await a.query(`SELECT user_id FROM ${log}`)).rows).toEqual([{ user_id: 'u' }]);
    await expect(a.query(`UPDATE ${log} SET revealed = true`)).rejects.toThrow(/permission denied for table access_log/);
    await expect(a.query(`DELETE FROM ${log}`)).rejects.toThrow(/permission denied for table access_log/);
    await expect(a.query(`TRUNCATE ${log}`)).rejects.toThrow(/permission denied for table access_log/);
    // The owner is stopped by the trigger.
    await expect(owner.query(`DELETE FROM ${log}`)).rejects.toThrow('append-only');
  });
});
