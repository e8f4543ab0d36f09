import type { Role } from '@yuanlian/auth';
import type { AgencyType } from '@yuanlian/contracts';

/** The demo's password for every demo user (refused in production: the demo users are not created there). */
export const DEMO_PASSWORD = 'Yuanlian2026';

export interface DemoUser {
  username: string;
  displayName: string;
  agencyType: AgencyType;
  divisionCode: string;
  roles: Role[];
}

/** Every role, in several counties (章贡区, 南康区, 信丰县) and at city level. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'zg.clerk', displayName: '刘晓梅', agencyType: 'legal-aid', divisionCode: '360702', roles: ['clerk', 'pii_reveal'] },
  { username: 'zg.lawyer', displayName: '陈建国', agencyType: 'legal-aid', divisionCode: '360702', roles: ['lawyer'] },
  { username: 'zg.director', displayName: '钟慧', agencyType: 'legal-aid', divisionCode: '360702', roles: ['supervisor'] },
  { username: 'city.legalaid', displayName: '温立新', agencyType: 'legal-aid', divisionCode: '360700', roles: ['supervisor'] },
  { username: 'nk.clerk', displayName: '黄丽', agencyType: 'legal-aid', divisionCode: '360703', roles: ['clerk'] },
  { username: 'xf.clerk', displayName: '曾志强', agencyType: 'legal-aid', divisionCode: '360722', roles: ['clerk'] },
  { username: 'zg.inspector', displayName: '王海涛', agencyType: 'labor-inspection', divisionCode: '360702', roles: ['inspector'] },
  { username: 'nk.inspector', displayName: '钟伟', agencyType: 'labor-inspection', divisionCode: '360703', roles: ['inspector'] },
  { username: 'xf.inspector', displayName: '谢文斌', agencyType: 'labor-inspection', divisionCode: '360722', roles: ['inspector', 'supervisor'] },
  { username: 'zg.arbitrator', displayName: '李静', agencyType: 'arbitration', divisionCode: '360702', roles: ['officer'] },
  { username: 'zg.judge', displayName: '赖明', agencyType: 'court', divisionCode: '360702', roles: ['officer'] },
  { username: 'zg.union', displayName: '郭春燕', agencyType: 'union', divisionCode: '360702', roles: ['officer'] },
  { username: 'zg.injury', displayName: '肖红', agencyType: 'work-injury', divisionCode: '360702', roles: ['officer'] },
  { username: 'zg.police', displayName: '彭志刚', agencyType: 'public-security', divisionCode: '360702', roles: ['officer'] },
  { username: 'zg.analyst', displayName: '罗斌', agencyType: 'command', divisionCode: '360702', roles: ['analyst'] },
  { username: 'city.analyst', displayName: '周敏', agencyType: 'command', divisionCode: '360700', roles: ['analyst', 'supervisor'] },
  { username: 'city.admin', displayName: '杨帆', agencyType: 'command', divisionCode: '360700', roles: ['admin'] },
  { username: 'ew.admin', displayName: '邱磊', agencyType: 'early-warning', divisionCode: '360700', roles: ['admin'] },
];
