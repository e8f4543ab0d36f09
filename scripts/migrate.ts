// Applies pending migrations for the named services (all when none are named), as the database's owner (DATABASE_URL);
// each service's role is then granted its own schema.
//   npm run migrate [-- legal-aid labor-inspection]
// Rotating the keys of personal data at rest (the files in DATA_KEYS_DIR, default .run/trust/<suite>/data-keys):
//   npm run migrate -- --new-data-key [services]   adds a key version; a service seals with it once restarted
//   npm run migrate -- --reseal [services]         after migrating, reseals the values still under an older key
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { RECEIVING_AGENCY_TYPES } from '@yuanlian/contracts';
import { baseSchemaName, databaseUrl, migrate } from '@yuanlian/database';
import type { Queryable } from '@yuanlian/database';
import { resealReferralInbox } from '@yuanlian/referrals';
import { addDataKey, DataKeys } from '@yuanlian/trust';
import { resealApplications } from '../apps/legal-aid/src/applications/personal-data';
import { SERVICES } from './services';

/** The services that keep sealed personal data, and how to reseal it. */
const SEALED: Record<string, (q: Queryable, schema: string) => Promise<number>> = {
  'legal-aid': (q, schema) => resealApplications(q, schema),
  ...Object.fromEntries(RECEIVING_AGENCY_TYPES.map((t) => [t, (q: Queryable, schema: string) => resealReferralInbox(q, schema)])),
};

async function main() {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  for (const flag of flags) if (flag !== '--new-data-key' && flag !== '--reseal') throw new Error(`unknown option ${flag}`);
  const named = args.filter((a) => !a.startsWith('--'));
  const names = named.length ? named : Object.keys(SERVICES);
  for (const name of names) {
    const service = SERVICES[name];
    if (!service) throw new Error(`unknown service ${name}; known: ${Object.keys(SERVICES).join(', ')}`);
    const options = service.database();
    const schema = (options as { schema?: string }).schema!;
    if (flags.has('--new-data-key') && SEALED[name]) {
      const file = DataKeys.forSchema(baseSchemaName(schema)).file;
      process.stdout.write(`[migrate] ${name}: data key v${addDataKey(file)} added to ${file}\n`);
    }
    const applied = await migrate(options);
    process.stdout.write(`[migrate] ${name} (schema ${schema}): ${applied.length ? applied.join(', ') : 'up to date'}\n`);
    if (flags.has('--reseal') && SEALED[name]) {
      const owner = new DataSource({ type: 'postgres', url: databaseUrl() });
      await owner.initialize();
      try {
        process.stdout.write(`[migrate] ${name}: ${await SEALED[name](owner, schema)} rows resealed under the newest data key\n`);
      } finally {
        await owner.destroy();
      }
    }
  }
}

main().catch((e) => {
  process.stderr.write(`[migrate] failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
