import type { Caller } from '@yuanlian/auth';
import { officeRefusal } from './directory-admin.service';

const admin = (area: string, agencyArea = area): Caller =>
  ({ sub: 'u', name: '管理员', agencyId: `command:${agencyArea}`, agencyType: 'command', divisionCode: area, roles: ['admin'] });

describe('who may change which office of the directory', () => {
  const CITY_ONLY = '市级机构只能由市级管理员修改';
  const OWN_COUNTY = '只能修改本县（市、区）的机构';
  const cases: [string, Caller, string, string | undefined][] = [
    ['city admin, a city office', admin('360700'), '360700', undefined],
    ['city admin, a county office', admin('360700'), '360703', undefined],
    ['city admin, a zone office', admin('360700'), '3607JK', undefined],
    ['county admin, an office of its county', admin('360703'), '360703', undefined],
    ['county admin, a city office', admin('360703'), '360700', CITY_ONLY],
    ['county admin, an office of another county', admin('360703'), '360702', OWN_COUNTY],
    ['county admin, an office of a zone inside its county', admin('360702'), '3607JK', OWN_COUNTY],
    ['zone admin, an office of its zone', admin('3607JK'), '3607JK', undefined],
    ['zone admin, an office of its parent county', admin('3607JK'), '360702', OWN_COUNTY],
    ['county office with a city division in its token, a city office', admin('360700', '360703'), '360700', '无权修改机构名录'],
    ['county office with a city division in its token, its county', admin('360700', '360703'), '360703', '无权修改机构名录'],
  ];
  it.each(cases)('%s', (_, caller, divisionCode, refusal) => {
    expect(officeRefusal(caller, { divisionCode })).toBe(refusal);
  });
});
