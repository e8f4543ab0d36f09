import type { Caller } from '@yuanlian/auth';
import { manages } from './users.service';

const admin = (agencyType: Caller['agencyType'], divisionCode: string, roles: Caller['roles'] = ['admin']): Caller =>
  ({ sub: 'a', name: '管理员', agencyId: `${agencyType}:${divisionCode}`, agencyType, divisionCode, roles });

describe('who an administrator manages', () => {
  it("the committee's administrators manage everyone", () => {
    expect(manages(admin('command', '360700'), { agencyType: 'court', divisionCode: '360783' })).toBe(true);
    expect(manages(admin('command', '360702'), { agencyType: 'legal-aid', divisionCode: '360703' })).toBe(true);
  });

  it("another agency's administrator manages their own agency type, in their county or, at city level, everywhere", () => {
    expect(manages(admin('labor-inspection', '360702'), { agencyType: 'labor-inspection', divisionCode: '360702' })).toBe(true);
    expect(manages(admin('labor-inspection', '360702'), { agencyType: 'labor-inspection', divisionCode: '360703' })).toBe(false);
    expect(manages(admin('labor-inspection', '360702'), { agencyType: 'court', divisionCode: '360702' })).toBe(false);
    expect(manages(admin('labor-inspection', '360700'), { agencyType: 'labor-inspection', divisionCode: '360783' })).toBe(true);
    expect(manages(admin('labor-inspection', '360700'), { agencyType: 'command', divisionCode: '360700' })).toBe(false);
  });

  it('nobody without the admin role manages anyone', () => {
    expect(manages(admin('command', '360700', ['analyst', 'supervisor']), { agencyType: 'court', divisionCode: '360702' })).toBe(false);
  });
});
