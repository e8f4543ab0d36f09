// Prints a development token: ES256 with the development key (made on first use under .run/trust, or TRUST_DIR),
// which services trust only outside production; in production, users sign in at the portal.
//   npm run token -- <agency-type> <area-code> <role[,role]> [user-id] [hours]
// e.g. npm run token -- labor-inspection 360702 inspector
import { signDevToken } from '@yuanlian/auth';
import type { Role } from '@yuanlian/auth';
import { AGENCY_TYPES, officeId } from '@yuanlian/contracts';
import type { AgencyType } from '@yuanlian/contracts';

const [type, area, roles, user, hours] = process.argv.slice(2);
if (!AGENCY_TYPES.includes(type as AgencyType) || !/^[0-9A-Z]{6}$/.test(area ?? '') || !roles) {
  process.stderr.write('usage: npm run token -- <agency-type> <area-code> <role[,role]> [user-id] [hours]\n');
  process.exit(2);
}
process.stdout.write(
  signDevToken(
    {
      sub: user ?? `${type}-${area}-${roles.split(',')[0]}`,
      name: user ?? `${area} ${roles}`,
      agencyId: officeId(type as AgencyType, area),
      agencyType: type as AgencyType,
      divisionCode: area,
      roles: roles.split(',') as Role[],
    },
    { expiresInSeconds: Number(hours ?? 12) * 3600 },
  ) + '\n',
);
