import { meansCheck, meansTestExemptMatters } from './means-test';

describe('the means check and the green channel', () => {
  const none = meansTestExemptMatters('');

  it('Legal Aid Law art. 42(3): a migrant worker\'s wage or work-injury claim is exempt and takes the green channel', () => {
    expect(meansCheck('wage_arrears', true, none)).toEqual({ greenChannel: true, meansTestRequired: false });
    expect(meansCheck('work_injury', true, none)).toEqual({ greenChannel: true, meansTestRequired: false });
  });

  it('art. 42(3) exempts migrant workers, not the matter: another worker\'s wage claim is checked', () => {
    expect(meansCheck('wage_arrears', false, none)).toEqual({ greenChannel: false, meansTestRequired: true });
    expect(meansCheck('labor_contract', true, none)).toEqual({ greenChannel: false, meansTestRequired: true });
  });

  it('a locality may exempt more matters for everyone (its own rules), and refuses unknown ones', () => {
    const local = meansTestExemptMatters('social_insurance, labor_contract');
    expect(meansCheck('labor_contract', false, local)).toEqual({ greenChannel: false, meansTestRequired: false });
    expect(() => meansTestExemptMatters('lottery')).toThrow('unknown matters: lottery');
  });
});
