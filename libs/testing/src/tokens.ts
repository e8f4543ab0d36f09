import { signDevToken } from '@yuanlian/auth';
import type { Role } from '@yuanlian/auth';
import { officeId } from '@yuanlian/contracts';
import type { AgencyType } from '@yuanlian/contracts';

/**
 * A token for a user of one office: `tokenFor('labor-inspection', '360702', 'inspector')`. ES256 with the development
 * key (made on first use under `.run/trust`), which the services started by the tests trust outside production.
 */
export function tokenFor(agencyType: AgencyType, area: string, ...roles: Role[]): string {
  return signDevToken({
    sub: `${agencyType}-${area}-${roles.join('+')}`,
    name: `测试用户 ${area}`,
    agencyId: officeId(agencyType, area),
    agencyType,
    divisionCode: area,
    roles,
  });
}
