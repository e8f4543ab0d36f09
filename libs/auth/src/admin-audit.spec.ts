import type { AgencyType } from '@yuanlian/contracts';
import { adminArea, mayAdminister } from './admin-audit';
import type { Caller } from './claims';
import type { Role } from './claims';

const caller = (agencyType: AgencyType, area: string, roles: Role[] = ['admin'], agencyArea = area): Caller =>
  ({ sub: 'u', name: '管理员', agencyId: `${agencyType}:${agencyArea}`, agencyType, divisionCode: area, roles });

describe('administration within one’s area', () => {
  const cases: [string, Caller, string, boolean][] = [
    ['city admin, a county', caller('command', '360700'), '360703', true],
    ['city admin, the city', caller('command', '360700'), '360700', true],
    ['city admin, a zone', caller('early-warning', '360700'), '3607JK', true],
    ['county admin, its own county', caller('command', '360703'), '360703', true],
    ['county admin, another county', caller('command', '360703'), '360702', false],
    ['county admin, the city', caller('command', '360703'), '360700', false],
    ['county admin, a zone inside its county', caller('command', '360702'), '3607JK', false],
    ['zone admin, its own zone', caller('command', '3607JK'), '3607JK', true],
    ['zone admin, its parent county', caller('command', '3607JK'), '360702', false],
    ['city analyst (not an admin), a county', caller('command', '360700', ['analyst']), '360703', false],
    ['city analyst (not an admin), the city', caller('command', '360700', ['analyst', 'pii_reveal']), '360700', false],
    ['county office with a city division in its token', caller('command', '360700', ['admin'], '360702'), '360703', false],
    ['county office with a city division in its token, the city', caller('command', '360700', ['admin'], '360702'), '360700', false],
    ['county office with a city division in its token, its office’s county', caller('command', '360700', ['admin'], '360702'), '360702', false],
  ];
  it.each(cases)('%s', (_, who, divisionCode, allowed) => {
    expect(mayAdminister(who, divisionCode)).toBe(allowed);
  });

  it('an administrator answers for its own area; a token whose division is not its office’s answers for none', () => {
    expect(adminArea(caller('command', '360700'))).toBe('360700');
    expect(adminArea(caller('early-warning', '360722'))).toBe('360722');
    expect(adminArea(caller('command', '360722', ['supervisor']))).toBeUndefined();
    expect(adminArea(caller('command', '360700', ['admin'], '360702'))).toBeUndefined();
  });
});
