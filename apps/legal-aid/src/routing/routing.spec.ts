import { OfficeIndex, seedOffices } from '@yuanlian/directory';
import { Application } from '../applications/application.entity';
import { Referral } from '../referrals/referral.entity';
import { disclosureFor } from '../referrals/referrals.service';
import { RoutingService } from './routing.service';

const offices = seedOffices('2026-11-01T00:00:00.000Z');
const router = new RoutingService(OfficeIndex.of(offices));
const app = (over: Partial<Application> = {}) =>
  Object.assign(new Application(), { divisionCode: '360702', workplaceDivisionCode: null, matter: 'wage_arrears', workersAffected: 3, urgentKind: null, ...over });
const ref = (over: Partial<Referral>) => Object.assign(new Referral(), { status: 'resolved', paymentConfirmed: null, lastStep: null, suggestedAgencyId: null, ...over });
const types = (s: { agencyType: string }[]) => s.map((x) => x.agencyType);

describe('routing suggestions', () => {
  it('sends wage arrears to labor inspection where the wages are owed', () => {
    const [first] = router.suggest(app(), []);
    expect(first).toMatchObject({ agencyType: 'labor-inspection', officeId: 'labor-inspection:360702', officeName: '章贡区劳动保障监察大队' });
  });

  it('sends labor-contract and work-injury disputes to arbitration (LDMAL art. 5)', () => {
    for (const matter of ['labor_contract', 'work_injury'] as const) expect(types(router.suggest(app({ matter }), []))).toEqual(['arbitration']);
  });

  it('Labor Security Supervision Regulations art. 11: a labor-security breach goes to inspection (then arbitration), never to court', () => {
    const s = router.suggest(app({ matter: 'labor_security' }), []);
    expect(types(s)).toEqual(['labor-inspection', 'arbitration']);
    expect(s[0].reason).toContain('第十一条');
  });

  it('Social Insurance Law art. 63: contribution arrears are collected by the administration first; lost benefits are arbitrated', () => {
    const s = router.suggest(app({ matter: 'social_insurance' }), []);
    expect(types(s)).toEqual(['labor-inspection', 'arbitration']);
    expect(s[0].reason).toContain('第六十三条');
  });

  it('Labor Security Supervision Regulations art. 13, LDMAL art. 21: a worker from 于都 who worked in 章贡区 is served by 章贡区\'s offices', () => {
    const [inspection] = router.suggest(app({ divisionCode: '360731', workplaceDivisionCode: '360702' }), []);
    expect(inspection).toMatchObject({ agencyType: 'labor-inspection', officeId: 'labor-inspection:360702', reason: expect.stringContaining('工作地章贡区') });
    const [arbitration] = router.suggest(app({ divisionCode: '360731', workplaceDivisionCode: '360702', matter: 'labor_contract' }), []);
    expect(arbitration.officeId).toBe('arbitration:360702');
    // No place of work given: the case's own county.
    expect(router.suggest(app({ divisionCode: '360731', workplaceDivisionCode: null }), [])[0].officeId).toBe('labor-inspection:360731');
  });

  it('adds the union for ten or more workers, not for nine', () => {
    expect(types(router.suggest(app({ workersAffected: 10 }), []))).toEqual(['labor-inspection', 'union']);
    expect(types(router.suggest(app({ workersAffected: 9 }), []))).toEqual(['labor-inspection']);
  });

  it('sends urgent preservation and unhonoured awards to court', () => {
    expect(types(router.suggest(app({ urgentKind: 'preservation' }), []))[0]).toBe('court');
    expect(types(router.suggest(app(), [ref({ toAgencyType: 'arbitration', toAgencyId: 'arbitration:360702', paymentConfirmed: false })]))).toContain('court');
    expect(types(router.suggest(app(), [ref({ toAgencyType: 'arbitration', toAgencyId: 'arbitration:360702', status: 'accepted', lastStep: 'handed_to_court' })]))).toContain('court');
  });

  it('puts a decline’s suggestion first and leaves out agencies already holding the case', () => {
    const declined = ref({ toAgencyType: 'labor-inspection', toAgencyId: 'labor-inspection:360702', status: 'declined', suggestedAgencyId: 'arbitration:360702' });
    expect(router.suggest(app(), [declined])[0]).toMatchObject({ agencyType: 'arbitration', officeId: 'arbitration:360702', reason: expect.stringContaining('不予受理') });
    const open = ref({ toAgencyType: 'labor-inspection', toAgencyId: 'labor-inspection:360702', status: 'received' });
    expect(types(router.suggest(app(), [open]))).toEqual([]);
  });

  it('routes a functional zone to its own office, or its parent county’s when it has none', () => {
    expect(router.suggest(app({ divisionCode: '3607JK' }), [])[0].officeId).toBe('labor-inspection:3607JK');
    const withoutZone = new RoutingService(OfficeIndex.of(offices.filter((o) => o.officeId !== 'labor-inspection:3607JK')));
    expect(withoutZone.suggest(app({ divisionCode: '3607JK' }), [])[0].officeId).toBe('labor-inspection:360702');
  });
});

describe('directory seed', () => {
  it('has every agency type for every county, zone and the city, with demonstration sites and windows', () => {
    expect(offices).toHaveLength(21 * 8);
    const legalAid = offices.filter((o) => o.agencyType === 'legal-aid');
    expect(legalAid.filter((o) => o.demonstration === 'site').map((o) => o.divisionCode).sort()).toEqual(['360704', '360722', '360783', '3607JK']);
    expect(legalAid.filter((o) => o.demonstration === 'window')).toHaveLength(16);
    expect(offices.find((o) => o.officeId === 'court:360700')!.name).toBe('赣州市中级人民法院');
    expect(offices.find((o) => o.officeId === 'legal-aid:3607JK')).toMatchObject({ parentDivisionCode: '360702' });
  });
});

describe('minimum necessity of a referral', () => {
  it('shares what the sender picks with statutory receivers, everything by default', () => {
    expect(disclosureFor({ toAgencyType: 'labor-inspection' })).toMatchObject({ purposeCode: 'statutory_referral', shared: ['idNumber', 'phone', 'project'] });
    expect(disclosureFor({ toAgencyType: 'court', share: ['idNumber'] }).shared).toEqual(['idNumber']);
  });

  it('gives the union the name and project only, identity and phone only with separate consent', () => {
    expect(disclosureFor({ toAgencyType: 'union' }).shared).toEqual(['project']);
    expect(() => disclosureFor({ toAgencyType: 'union', share: ['phone'] })).toThrow();
    expect(disclosureFor({ toAgencyType: 'union', workerConsent: true })).toMatchObject({ purposeCode: 'worker_consent', shared: ['idNumber', 'phone', 'project'], legalBasis: expect.stringContaining('第二十三条') });
  });
});
