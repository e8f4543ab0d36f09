// Ganzhou's county-level divisions (GB/T 2260) and its functional zones, which are service areas run by
// management committees, not divisions: each maps onto its parent county.
export interface ServiceArea {
  code: string;
  name: string;
  kind: 'county' | 'zone' | 'city';
  /** For a functional zone, the county whose towns it manages. */
  parentCode?: string;
}

export const GANZHOU_CITY: ServiceArea = { code: '360700', name: '赣州市', kind: 'city' };

export const GANZHOU_COUNTIES: readonly ServiceArea[] = [
  ['360702', '章贡区'], ['360703', '南康区'], ['360704', '赣县区'], ['360722', '信丰县'], ['360723', '大余县'],
  ['360724', '上犹县'], ['360725', '崇义县'], ['360726', '安远县'], ['360728', '定南县'], ['360729', '全南县'],
  ['360730', '宁都县'], ['360731', '于都县'], ['360732', '兴国县'], ['360733', '会昌县'], ['360734', '寻乌县'],
  ['360735', '石城县'], ['360781', '瑞金市'], ['360783', '龙南市'],
].map(([code, name]) => ({ code, name, kind: 'county' as const }));

// Zone codes are our own (no GB/T 2260 code exists); the parent counties are configuration, not statute.
export const GANZHOU_ZONES: readonly ServiceArea[] = [
  { code: '3607JK', name: '赣州经济技术开发区', kind: 'zone', parentCode: '360702' },
  { code: '3607RJ', name: '蓉江新区', kind: 'zone', parentCode: '360703' },
];

const AREAS = new Map<string, ServiceArea>(
  [GANZHOU_CITY, ...GANZHOU_COUNTIES, ...GANZHOU_ZONES].map((a) => [a.code, a]),
);

export function serviceArea(code: string): ServiceArea | undefined {
  return AREAS.get(code);
}

/** A county or functional zone where a case can be handled (the city level is not a case location). */
export function isGanzhouServiceArea(code: unknown): boolean {
  return typeof code === 'string' && AREAS.has(code) && AREAS.get(code)!.kind !== 'city';
}

export function serviceAreaName(code: string): string {
  return AREAS.get(code)?.name ?? code;
}
