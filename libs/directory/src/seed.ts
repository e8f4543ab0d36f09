import { AGENCY_TYPES, KEY_MATTERS, MATTERS, officeId, SUPPLEMENTARY_MATTERS } from '@yuanlian/contracts';
import type { AgencyType, Demonstration, Matter, OfficeV1 } from '@yuanlian/contracts';
import { GANZHOU_CITY, GANZHOU_COUNTIES, GANZHOU_ZONES, ServiceArea } from '@yuanlian/identity';

const NAMES: Record<AgencyType, (area: string, city: boolean) => string> = {
  'legal-aid': (a) => `${a}法律援助中心`,
  'labor-inspection': (a, city) => `${a}劳动保障监察${city ? '支队' : '大队'}`,
  arbitration: (a) => `${a}劳动人事争议仲裁院`,
  court: (a, city) => (city ? `${a}中级人民法院` : `${a}人民法院`),
  union: (a) => `${a}总工会`,
  'early-warning': (a) => `${a}欠薪预警中心`,
  command: (a) => `中共${a}委政法委员会`,
  housing: (a) => `${a}住房和城乡建设局`,
  'work-injury': (a) => `${a}人力资源和社会保障局（工伤认定）`,
  'public-security': (a) => `${a}公安局`,
};

/** Matters each agency type takes by default; administrators narrow or widen them per office. */
export const DEFAULT_SERVICES: Record<AgencyType, Matter[]> = {
  'legal-aid': Object.keys(MATTERS) as Matter[],
  'labor-inspection': ['wage_arrears', 'social_insurance', 'labor_contract', 'labor_security'],
  arbitration: ['wage_arrears', 'work_injury', 'social_insurance', 'labor_contract'],
  court: [...KEY_MATTERS, ...SUPPLEMENTARY_MATTERS, 'other'],
  union: ['wage_arrears', 'work_injury', 'labor_contract', 'labor_security'],
  'early-warning': ['wage_arrears'],
  command: ['wage_arrears'],
  housing: ['wage_arrears'],
  'work-injury': ['work_injury'],
  'public-security': ['wage_arrears'],
};

/** The program's demonstration sites (示范点); every other county cultivates a demonstration window. */
export const DEMONSTRATION_SITES = ['360704', '360722', '360783', '3607JK'];

/** Every office's note that its address and telephone are examples, until administrators enter the real ones. */
export const EXAMPLE_MARK = '（示例数据）';
const STREETS = ['人民大道', '建设路', '迎宾大道', '文化路', '解放路', '政通路', '新华路', '长征大道'];

/**
 * An address and a telephone an office could have, marked as examples (the seed does not know the real ones): a
 * street of the county seat and a number, a 0797 (赣州) landline. 12348 is the real legal aid hotline and stays.
 */
function example(type: AgencyType, area: ServiceArea, n: number): Pick<OfficeV1, 'address' | 'phone'> {
  const t = AGENCY_TYPES.indexOf(type);
  const seat = area.kind === 'city' ? '赣州市章贡区' : area.name.endsWith('市') || area.name.startsWith('赣州') ? area.name : `赣州市${area.name}`;
  const street = STREETS[(n + t) % STREETS.length];
  const number = 8 + ((n * 37 + t * 53) % 190);
  const line = `0797-8${String(100000 + ((n * 7919 + t * 4177) % 900000)).slice(-6)}`;
  return {
    address: `${seat}${street}${number}号${EXAMPLE_MARK}`,
    phone: type === 'legal-aid' ? `12348，${line}${EXAMPLE_MARK}` : `${line}${EXAMPLE_MARK}`,
  };
}

function office(type: AgencyType, area: ServiceArea, at: string, n: number): OfficeV1 {
  const city = area.kind === 'city';
  const demonstration: Demonstration =
    type !== 'legal-aid' || city ? 'none' : DEMONSTRATION_SITES.includes(area.code) ? 'site' : 'window';
  return {
    officeId: officeId(type, area.code),
    agencyType: type,
    name: NAMES[type](area.name, city),
    divisionCode: area.code,
    ...(area.parentCode ? { parentDivisionCode: area.parentCode } : {}),
    // Towns of a functional zone are entered by administrators (the boundaries change by local decision).
    towns: [],
    ...example(type, area, n),
    hours: '工作日 8:30-12:00，14:30-17:30（法定节假日除外）',
    services: DEFAULT_SERVICES[type],
    capacityPerMonth: city ? 400 : 120,
    demonstration,
    active: true,
    updatedAt: at,
  };
}

/** Every agency type in every county, functional zone and at the city level. */
export function seedOffices(at = new Date().toISOString()): OfficeV1[] {
  const areas = [GANZHOU_CITY, ...GANZHOU_COUNTIES, ...GANZHOU_ZONES];
  return areas.flatMap((area, n) => AGENCY_TYPES.map((type) => office(type, area, at, n)));
}
