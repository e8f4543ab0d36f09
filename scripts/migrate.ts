// Applies pending migrations for the named services (all when none are named).
//   npm run migrate [-- legal-aid labor-inspection]
import 'reflect-metadata';
import { migrate } from '@yuanlian/database';
import { SERVICES } from './services';

async function main() {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SERVICES);
  for (const name of names) {
    const service = SERVICES[name];
    if (!service) throw new Error(`unknown service ${name}; known: ${Object.keys(SERVICES).join(', ')}`);
    const options = service.database();
    const applied = await migrate(options);
    process.stdout.write(`[migrate] ${name} (schema ${(options as { schema?: string }).schema}): ${applied.length ? applied.join(', ') : 'up to date'}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`[migrate] failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
