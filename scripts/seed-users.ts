// Portal users: the demo users of every role (password Yuanlian2026), or with `--admin <username> <password>` one
// city-level administrator for a fresh deployment. Safe to run again: existing usernames are left alone.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { portalDatabase } from '../apps/portal/src/database';
import { DEMO_PASSWORD, DEMO_USERS } from '../apps/portal/src/users/demo-users';
import { ensureUser } from '../apps/portal/src/users/users.service';

async function main() {
  const ds = new DataSource(portalDatabase());
  await ds.initialize();
  try {
    const admin = process.argv.indexOf('--admin');
    if (admin > 0) {
      const [username, password] = process.argv.slice(admin + 1);
      if (!username || !password) throw new Error('usage: seed-users --admin <username> <password>');
      const made = await ensureUser(ds, { username, password, displayName: '系统管理员', agencyType: 'command', divisionCode: '360700', roles: ['admin'] }, 'seed');
      process.stdout.write(made ? `administrator ${username} created\n` : `${username} exists; left unchanged\n`);
      return;
    }
    if (process.env.NODE_ENV === 'production') throw new Error('demo users are not created in production; use --admin');
    let made = 0;
    for (const u of DEMO_USERS) if (await ensureUser(ds, { ...u, password: DEMO_PASSWORD }, 'demo')) made++;
    process.stdout.write(`portal demo users: ${made} created, ${DEMO_USERS.length - made} already there\n`);
  } finally {
    await ds.destroy();
  }
}

main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
