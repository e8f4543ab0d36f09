export const AGENCY_TYPES = [
  'legal-aid', 'labor-inspection', 'arbitration', 'court', 'union', 'early-warning', 'command', 'housing', 'work-injury', 'public-security',
] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

/** Agencies that receive referrals through the shared referral inbox. */
export const RECEIVING_AGENCY_TYPES = ['labor-inspection', 'arbitration', 'court', 'union', 'work-injury', 'public-security'] as const;
export type ReceivingAgencyType = (typeof RECEIVING_AGENCY_TYPES)[number];

export const AGENCY_TYPE_NAMES: Record<AgencyType, string> = {
  'legal-aid': '法律援助中心',
  'labor-inspection': '劳动保障监察',
  arbitration: '劳动人事争议仲裁院',
  court: '人民法院',
  union: '工会',
  // The social insurance administration's work-injury determination (工伤认定), a department of the 人力资源和社会保障局.
  'work-injury': '社会保险行政部门（工伤认定）',
  'public-security': '公安机关',
  'early-warning': '预警中心',
  command: '政法委',
  housing: '住房和城乡建设局',
};

/** Until the agency directory exists, an office is identified by its type and service area: `labor-inspection:360702`. */
export function officeId(agencyType: AgencyType, areaCode: string): string {
  return `${agencyType}:${areaCode}`;
}

export const OFFICE_ID_PATTERN = /^[a-z-]+:[0-9A-Z]{6}$/;

/** The city level: a city office sees every county's figures and alerts. */
export const GANZHOU_CITY_CODE = '360700';

/** Each service's default port on one machine (the demo and development); deployments set PORT and the portal's PORTAL_UPSTREAMS. */
export const SERVICE_PORTS = {
  portal: 3000,
  'legal-aid': 3001,
  'labor-inspection': 3002,
  arbitration: 3003,
  court: 3004,
  union: 3005,
  'early-warning': 3006,
  command: 3007,
  'work-injury': 3008,
  'public-security': 3009,
} as const;
export type ServiceName = keyof typeof SERVICE_PORTS;
