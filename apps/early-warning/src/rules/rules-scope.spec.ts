import type { Caller } from '@yuanlian/auth';
import type { AgencyType } from '@yuanlian/contracts';
import { ruleSetArea, ruleSetRefusal } from './rules.service';

const admin = (agencyType: AgencyType, area: string, agencyArea = area): Caller =>
  ({ sub: 'u', name: '管理员', agencyId: `${agencyType}:${agencyArea}`, agencyType, divisionCode: area, roles: ['admin'] });

describe('who may change which thresholds', () => {
  const CITY_ONLY = '全市默认阈值只能由市级管理员修改';
  const OWN_COUNTY = '只能修改本县（市、区）的预警阈值';
  const cases: [string, Caller, string, string | undefined][] = [
    ['city committee admin, the city default', admin('command', '360700'), 'default', undefined],
    ['city early-warning admin, the city default', admin('early-warning', '360700'), 'default', undefined],
    ['city admin, a county', admin('command', '360700'), '360703', undefined],
    ['city admin, a zone', admin('early-warning', '360700'), '3607RJ', undefined],
    ['county committee admin, its own county', admin('command', '360703'), '360703', undefined],
    ['county early-warning admin, its own county', admin('early-warning', '360722'), '360722', undefined],
    ['county admin, the city default', admin('command', '360703'), 'default', CITY_ONLY],
    ['county early-warning admin, the city default', admin('early-warning', '360702'), 'default', CITY_ONLY],
    ['county admin, another county', admin('command', '360703'), '360702', OWN_COUNTY],
    ['county admin, a zone inside its county', admin('early-warning', '360703'), '3607RJ', OWN_COUNTY],
    ['zone admin, its own zone', admin('command', '3607RJ'), '3607RJ', undefined],
    ['county office with a city division in its token, the default', admin('command', '360700', '360703'), 'default', '无权修改预警阈值'],
    ['county office with a city division in its token, its county', admin('command', '360700', '360703'), '360703', '无权修改预警阈值'],
  ];
  it.each(cases)('%s', (_, caller, divisionCode, refusal) => {
    expect(ruleSetRefusal(caller, divisionCode)).toBe(refusal);
  });

  it('the city-wide rule set belongs to the city, a county’s to the county', () => {
    expect(ruleSetArea('default')).toBe('360700');
    expect(ruleSetArea('360703')).toBe('360703');
  });
});
