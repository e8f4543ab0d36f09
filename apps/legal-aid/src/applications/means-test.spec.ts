import { meansTestExemptMatters } from './means-test';

describe('means test exemptions', () => {
  it('always exempts wage and work-injury claims', () => {
    expect([...meansTestExemptMatters('')].sort()).toEqual(['wage_arrears', 'work_injury']);
  });

  it('lets a locality exempt more matters, and refuses unknown ones', () => {
    expect(meansTestExemptMatters('social_insurance, labor_contract').has('social_insurance')).toBe(true);
    expect(() => meansTestExemptMatters('lottery')).toThrow('unknown matters: lottery');
  });
});
