import { OfficeIndex, seedOffices } from '@yuanlian/directory';
import { Application } from '../applications/application.entity';
import { Referral } from '../referrals/referral.entity';
import { disclosureFor } from '../referrals/referrals.service';
import { RoutingService } from './routing.service';

const offices = seedOffices('2026-11-01T00:00:00.000Z');
const router = new RoutingService(OfficeIndex.of(offices));
const app = (over: Partial<Application> = {}) =>
  Object.assign(new Application(), {
    divisionCode: '360702', workplaceDivisionCode: null, matter: 'wage_arrears', industry: 'manufacturing', workersAffected: 3, amountOwedFen: 1_200_000, urgentKind: null,
    employerCreditCode: '91360702MA35G7K276', hiredByForeman: false, generalContractorName: null, generalContractorCreditCode: null, governmentFunded: false, ...over,
  });
const ref = (over: Partial<Referral>) => Object.assign(new Referral(), { status: 'resolved', paymentConfirmed: null, lastStep: null, suggestedAgencyId: null, ...over });
const types = (s: { agencyType: string }[]) => s.map((x) => x.agencyType);

describe('routing suggestions', () => {
  it('sends wage arrears to labor inspection where the wages are owed', () => {
    const [first] = router.suggest(app(), []);
    expect(first).toMatchObject({ agencyType: 'labor-inspection', officeId: 'labor-inspection:360702', officeName: '章贡区劳动保障监察大队' });
  });

  it('sends labor-contract disputes to arbitration (LDMAL art. 5)', () => {
    expect(types(router.suggest(app({ matter: 'labor_contract' }), []))).toEqual(['arbitration']);
  });

  it('WIIR arts. 17 and 19: a work injury goes to the determination first, where the employer is registered, not straight to arbitration', () => {
    // The employer registered in 南康区 (credit code characters 3–8), the worker from 于都, the work in 章贡区.
    const [first, ...rest] = router.suggest(app({ matter: 'work_injury', divisionCode: '360731', workplaceDivisionCode: '360702', employerCreditCode: '91360703MA35G7K27X' }), []);
    expect(first).toMatchObject({ agencyType: 'work-injury', officeId: 'work-injury:360703', reason: expect.stringContaining('第十七条') });
    expect(first.reason).toContain('用人单位所在地南康区');
    expect(types(rest)).not.toContain('arbitration');
  });

  it('人社部发〔2013〕34号 art. 7: a crew leader\'s worker applies where the contracting unit that bears the liability is', () => {
    const [first] = router.suggest(app({
      matter: 'work_injury', industry: 'construction', employerCreditCode: '91360702MA35G7K276', hiredByForeman: true, generalContractorCreditCode: '91360722MA35G7K27Y',
    }), []);
    expect(first).toMatchObject({ agencyType: 'work-injury', officeId: 'work-injury:360722', reason: expect.stringContaining('人社部发〔2013〕34号第七条') });
  });

  it('LDMAL art. 2(5): once the injury is recognised, the benefits dispute goes to arbitration; WIIR art. 55: a refusal is challenged in court', () => {
    const recognised = router.suggest(app({ matter: 'work_injury' }), [ref({ toAgencyType: 'work-injury', status: 'accepted', lastStep: 'disability_assessed' })]);
    expect(types(recognised)).toEqual(['arbitration']);
    expect(recognised[0].reason).toContain('第二条第五项');
    const refused = router.suggest(app({ matter: 'work_injury' }), [ref({ toAgencyType: 'work-injury', status: 'resolved', lastStep: 'injury_not_recognized' })]);
    expect(types(refused)).toEqual(['court']);
    expect(refused[0].reason).toContain('第五十五条');
  });

  it('Wage Payment Regulations arts. 29, 30, 32, 36: construction arrears name the general contractor, its deposit and the builder', () => {
    const [first] = router.suggest(app({ industry: 'construction', generalContractorName: '赣州市恒达建设工程有限公司', hiredByForeman: true, governmentFunded: true }), []);
    expect(first.agencyType).toBe('labor-inspection');
    for (const article of ['第三十条', '第三十六条', '第三十二条', '第二十九条', '第二十三条']) expect(first.reason).toContain(article);
    expect(first.reason).toContain('赣州市恒达建设工程有限公司');
    const [plain] = router.suggest(app({ industry: 'manufacturing' }), []);
    expect(plain.reason).not.toContain('总承包');
  });

  it('Criminal Law art. 276-1: the inspection\'s transfer to the police is followed; an unmet order past the threshold is pointed out', () => {
    const transferred = router.suggest(app(), [ref({ toAgencyType: 'labor-inspection', status: 'accepted', lastStep: 'crime_transferred' })]);
    expect(transferred[0]).toMatchObject({ agencyType: 'public-security', officeId: 'public-security:360702' });
    // 12 workers owed ¥96,000, the order unmet: over the national floor of ¥30,000 for ten or more workers.
    const unmet = [ref({ toAgencyType: 'labor-inspection', status: 'resolved', paymentConfirmed: false })];
    const big = router.suggest(app({ workersAffected: 12, amountOwedFen: 9_600_000 }), unmet);
    expect(types(big)).toEqual(['public-security', 'arbitration', 'union']);
    expect(big[0].reason).toContain('法释〔2013〕3号');
    // One worker owed ¥3,000: under ¥5,000, no crime; the dispute goes on to arbitration.
    expect(types(router.suggest(app({ workersAffected: 1, amountOwedFen: 300_000 }), unmet))).toEqual(['arbitration']);
  });

  it('LDMAL arts. 29 and 43: arbitration that let its period run out opens the way to court', () => {
    const lapsed = ref({ toAgencyType: 'arbitration', status: 'accepted', clockRule: 'arbitration.award', clockStatus: 'running', clockDueOn: '2026-10-01' });
    const s = router.suggest(app({ matter: 'labor_contract' }), [lapsed], '2026-10-02');
    expect(s[0]).toMatchObject({ agencyType: 'court', reason: expect.stringContaining('第四十三条') });
    expect(types(router.suggest(app({ matter: 'labor_contract' }), [{ ...lapsed, clockDueOn: '2026-10-02' } as Referral], '2026-10-02'))).toEqual([]);
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
    expect(offices).toHaveLength(21 * 10);
    expect(offices.find((o) => o.officeId === 'work-injury:360702')).toMatchObject({ name: '章贡区人力资源和社会保障局（工伤认定）', services: ['work_injury'] });
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
