import type { Caller, Role } from '@yuanlian/auth';
import { changeRefusal, manages } from './scope';
import type { ManagedUser, UserChange } from './scope';

const caller = (agencyType: Caller['agencyType'], divisionCode: string, roles: Role[] = ['admin'], agencyArea = divisionCode): Caller =>
  ({ sub: `${agencyType}-${divisionCode}-${roles.join('+')}`, name: '管理员', agencyId: `${agencyType}:${agencyArea}`, agencyType, divisionCode, roles });

const ADMINS = {
  'city committee': caller('command', '360700'),
  'Zhanggong committee': caller('command', '360702'),
  'city legal aid': caller('legal-aid', '360700'),
  'Zhanggong legal aid': caller('legal-aid', '360702'),
  'city early warning': caller('early-warning', '360700'),
  'committee, division beside its office': caller('command', '360700', ['admin'], '360702'),
  'city committee analyst': caller('command', '360700', ['analyst', 'supervisor']),
};
type Admin = keyof typeof ADMINS;

const user = (agencyType: Caller['agencyType'], divisionCode: string, roles: Role[]): ManagedUser => ({ agencyType, divisionCode, roles });
const USERS = {
  'Zhanggong clerk': user('legal-aid', '360702', ['clerk']),
  'Zhanggong clerk with pii_reveal': user('legal-aid', '360702', ['clerk', 'pii_reveal']),
  'Zhanggong legal-aid admin': user('legal-aid', '360702', ['admin']),
  'Zhanggong judge': user('court', '360702', ['officer']),
  'Nankang clerk': user('legal-aid', '360703', ['clerk']),
  'city legal-aid supervisor': user('legal-aid', '360700', ['supervisor']),
  'city early-warning admin': user('early-warning', '360700', ['admin']),
};
type Target = keyof typeof USERS;

const ACTIONS: Record<string, (u: ManagedUser) => UserChange> = {
  'create as is': (u) => ({ kind: 'create', roles: u.roles }),
  'create with pii_reveal': (u) => ({ kind: 'create', roles: [...u.roles, 'pii_reveal'] }),
  'create as admin': () => ({ kind: 'create', roles: ['admin'] }),
  'grant pii_reveal': (u) => ({ kind: 'update', roles: [...u.roles, 'pii_reveal'] }),
  'take pii_reveal': (u) => ({ kind: 'update', roles: u.roles.filter((r) => r !== 'pii_reveal') }),
  'grant admin': (u) => ({ kind: 'update', roles: [...u.roles, 'admin'] }),
  'same roles': (u) => ({ kind: 'update', roles: [...u.roles].reverse() }),
  'grant officer': (u) => ({ kind: 'update', roles: [...u.roles, 'officer'] }),
  deactivate: () => ({ kind: 'update', active: false }),
  'reset password': () => ({ kind: 'update', password: true }),
};
type Action = keyof typeof ACTIONS;

const OUT = '无权管理该机构的用户';
const PRIVILEGED = '“系统管理员”和“查看完整身份信息”角色只能由上级管理员授予或取消';
const PEER_ADMIN = '管理员账号只能由上级管理员管理';

/** administrator × user × change → allowed ('ok') or the refusal's message. */
const TABLE: [Admin, Target, Action, string][] = [
  // The city's committee: everyone, privileged roles included, at county and at city level.
  ['city committee', 'Zhanggong clerk', 'create with pii_reveal', 'ok'],
  ['city committee', 'Zhanggong clerk', 'grant pii_reveal', 'ok'],
  ['city committee', 'Zhanggong judge', 'grant admin', 'ok'],
  ['city committee', 'city legal-aid supervisor', 'grant pii_reveal', 'ok'],
  ['city committee', 'city early-warning admin', 'deactivate', 'ok'],
  ['city committee', 'Zhanggong legal-aid admin', 'reset password', 'ok'],
  // A county's committee: its county's users of every agency type, never privileged roles, never city level.
  ['Zhanggong committee', 'Zhanggong clerk', 'create as is', 'ok'],
  ['Zhanggong committee', 'Zhanggong judge', 'grant officer', 'ok'],
  ['Zhanggong committee', 'Zhanggong clerk', 'deactivate', 'ok'],
  ['Zhanggong committee', 'Zhanggong clerk', 'create with pii_reveal', PRIVILEGED],
  ['Zhanggong committee', 'Zhanggong clerk', 'grant pii_reveal', PRIVILEGED],
  ['Zhanggong committee', 'Zhanggong clerk with pii_reveal', 'take pii_reveal', PRIVILEGED],
  ['Zhanggong committee', 'Zhanggong clerk', 'create as admin', PRIVILEGED],
  ['Zhanggong committee', 'Zhanggong legal-aid admin', 'reset password', PEER_ADMIN],
  ['Zhanggong committee', 'Nankang clerk', 'deactivate', OUT],
  ['Zhanggong committee', 'city legal-aid supervisor', 'create as is', OUT],
  ['Zhanggong committee', 'city legal-aid supervisor', 'deactivate', OUT],
  // The city's legal aid center: legal aid users everywhere; privileged roles for the counties' users only.
  ['city legal aid', 'Nankang clerk', 'grant pii_reveal', 'ok'],
  ['city legal aid', 'Zhanggong legal-aid admin', 'deactivate', 'ok'],
  ['city legal aid', 'Zhanggong clerk', 'grant admin', 'ok'],
  ['city legal aid', 'city legal-aid supervisor', 'grant officer', 'ok'],
  ['city legal aid', 'city legal-aid supervisor', 'grant pii_reveal', PRIVILEGED],
  ['city legal aid', 'Zhanggong judge', 'deactivate', OUT],
  // A county's legal aid center: its own county and type, ordinary roles only.
  ['Zhanggong legal aid', 'Zhanggong clerk', 'create as is', 'ok'],
  ['Zhanggong legal aid', 'Zhanggong clerk', 'same roles', 'ok'],
  ['Zhanggong legal aid', 'Zhanggong clerk', 'reset password', 'ok'],
  ['Zhanggong legal aid', 'Zhanggong clerk', 'grant pii_reveal', PRIVILEGED],
  ['Zhanggong legal aid', 'Zhanggong legal-aid admin', 'deactivate', PEER_ADMIN],
  ['Zhanggong legal aid', 'Zhanggong judge', 'create as is', OUT],
  ['Zhanggong legal aid', 'Nankang clerk', 'create as is', OUT],
  ['Zhanggong legal aid', 'city legal-aid supervisor', 'create as is', OUT],
  // The city's early warning: its own type only; a city-level admin of its type is above it only for the committee.
  ['city early warning', 'city early-warning admin', 'deactivate', PEER_ADMIN],
  ['city early warning', 'Zhanggong clerk', 'create as is', OUT],
  // A token whose division is not its office's area, and a caller without the admin role: nothing.
  ['committee, division beside its office', 'Zhanggong clerk', 'create as is', OUT],
  ['committee, division beside its office', 'city legal-aid supervisor', 'deactivate', OUT],
  ['city committee analyst', 'Zhanggong clerk', 'deactivate', OUT],
];

describe('what an administrator may do to which user', () => {
  it.each(TABLE)('%s × %s × %s → %s', (admin, target, action, expected) => {
    const refusal = changeRefusal(ADMINS[admin], USERS[target], ACTIONS[action](USERS[target]));
    expect(refusal?.message ?? 'ok').toBe(expected);
  });

  it('lists exactly the users an administrator manages', () => {
    const listed = (admin: Admin) => (Object.keys(USERS) as Target[]).filter((t) => manages(ADMINS[admin], USERS[t]));
    expect(listed('Zhanggong committee')).toEqual(['Zhanggong clerk', 'Zhanggong clerk with pii_reveal', 'Zhanggong legal-aid admin', 'Zhanggong judge']);
    expect(listed('Zhanggong legal aid')).toEqual(['Zhanggong clerk', 'Zhanggong clerk with pii_reveal', 'Zhanggong legal-aid admin']);
    expect(listed('city legal aid')).toEqual(['Zhanggong clerk', 'Zhanggong clerk with pii_reveal', 'Zhanggong legal-aid admin', 'Nankang clerk', 'city legal-aid supervisor']);
    expect(listed('city committee')).toEqual(Object.keys(USERS));
    expect(listed('committee, division beside its office')).toEqual([]);
    expect(listed('city committee analyst')).toEqual([]);
  });

  it('nobody changes their own roles or activation, nor resets their own password here; their own name they may', () => {
    const me = caller('command', '360700');
    const self: ManagedUser = { agencyType: 'command', divisionCode: '360700', roles: ['admin'] };
    const own = (change: UserChange) => changeRefusal(me, self, change, true);
    expect(own({ kind: 'update', roles: ['admin', 'pii_reveal'] })).toEqual({ field: 'roles', message: '不能更改自己的角色' });
    expect(own({ kind: 'update', roles: ['analyst'] })).toEqual({ field: 'roles', message: '不能更改自己的角色' });
    expect(own({ kind: 'update', active: false })).toEqual({ field: 'active', message: '不能停用自己的账号' });
    expect(own({ kind: 'update', password: true })).toEqual({ field: 'password', message: '请在个人设置中修改自己的密码' });
    expect(own({ kind: 'update', roles: ['admin'], active: true })).toBeUndefined();
  });
});
