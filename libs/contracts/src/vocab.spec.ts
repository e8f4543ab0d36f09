import { agencyStepLabel } from './vocab';

describe("an agency's own steps", () => {
  it('labels a step of the agency, and nothing for another agency\'s step or an inherited name', () => {
    expect(agencyStepLabel('arbitration', 'award_non_final')).toBeTruthy();
    expect(agencyStepLabel('court', 'award_non_final')).toBeUndefined();
    expect(agencyStepLabel('labor-inspection', 'order_to_pay_issued')).toBe('下达限期支付指令');
    expect(agencyStepLabel('labor-inspection', 'toString')).toBeUndefined();
    expect(agencyStepLabel('legal-aid', 'investigation_opened')).toBeUndefined();
  });
});
