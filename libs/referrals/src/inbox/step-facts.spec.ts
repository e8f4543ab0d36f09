import { AGENCY_STEPS } from '@yuanlian/contracts';
import { checkStepFacts } from './referral-inbox.service';
import type { ProgressInput } from './referral-inbox.dto';

const inspection = AGENCY_STEPS['labor-inspection'] as Record<string, string>;
const injury = AGENCY_STEPS['work-injury'] as Record<string, string>;
const refusal = (run: () => void) => {
  try {
    run();
  } catch (e) {
    const r = (e as { getResponse: () => unknown }).getResponse() as { fields?: Record<string, string[]>; message?: string };
    return r.fields ?? r.message;
  }
  return undefined;
};
const transfer = { step: 'crime_transferred', amountFen: 9_600_000, documentNumber: '章人社监移〔2026〕3号' } as ProgressInput;

describe('the facts a step records', () => {
  it('SPC 法释〔2013〕3号 art. 4: a transfer to the police only after an order to pay, and only once its deadline has passed unmet', () => {
    expect(refusal(() => checkStepFacts(transfer, ['investigation_opened'], inspection, 12, '2026-12-05'))).toContain('之后记录');
    const order = [{ step: 'order_to_pay_issued', dueOn: '2026-12-05' }];
    expect(refusal(() => checkStepFacts(transfer, ['investigation_opened', 'order_to_pay_issued'], inspection, 12, '2026-12-05', order))).toContain('尚未届满');
    expect(refusal(() => checkStepFacts(transfer, ['investigation_opened', 'order_to_pay_issued'], inspection, 12, '2026-12-06', order))).toBeUndefined();
    expect(refusal(() => checkStepFacts({ step: 'crime_transferred' } as ProgressInput, ['order_to_pay_issued'], inspection, 12, '2026-12-06', order)))
      .toEqual({ amountFen: [expect.any(String)], documentNumber: [expect.any(String)] });
  });

  it('人社部发〔2021〕65号: the wage deposit is drawn after a decision to pay first has lapsed, not on a bare order to pay', () => {
    const draw = { step: 'wage_deposit_drawn', amountFen: 9_600_000, paidOn: '2026-12-05', workersPaid: 12, documentNumber: '章人社保证金〔2026〕1号' } as ProgressInput;
    const first = [{ step: 'contractor_ordered_first', dueOn: '2026-12-01' }];
    expect(refusal(() => checkStepFacts(draw, ['investigation_opened', 'contractor_ordered_first'], inspection, 12, '2026-12-05', first))).toBeUndefined();
    expect(refusal(() => checkStepFacts({ ...draw, workersPaid: 13 }, ['contractor_ordered_first'], inspection, 12, '2026-12-05', first))).toEqual({ workersPaid: [expect.stringContaining('12')] });
    expect(refusal(() => checkStepFacts(draw, ['investigation_opened', 'order_to_pay_issued'], inspection, 12, '2026-12-05', [{ step: 'order_to_pay_issued', dueOn: '2026-12-01' }])))
      .toContain('之后记录');
  });

  it('a decision is recorded once: a second transfer, or 不予认定 after 认定, is refused (each would count twice in the figures)', () => {
    const order = [{ step: 'order_to_pay_issued', dueOn: '2026-12-01' }];
    expect(refusal(() => checkStepFacts(transfer, ['order_to_pay_issued', 'crime_transferred'], inspection, 12, '2026-12-05', order))).toContain('已记录');
    expect(refusal(() => checkStepFacts({ step: 'injury_not_recognized', documentNumber: '南人社工认〔2026〕9号' } as ProgressInput, ['injury_recognized'], injury, 1, '2026-12-05')))
      .toContain('认定为工伤');
  });

  it('WIIR art. 25: a capacity assessment records its grade, and comes after its application', () => {
    const assessed = { step: 'disability_assessed', documentNumber: '赣劳鉴〔2026〕88号' } as ProgressInput;
    expect(refusal(() => checkStepFacts(assessed, ['injury_recognized', 'assessment_applied'], injury, 1, '2026-12-05'))).toEqual({ grade: [expect.stringContaining('伤残等级')] });
    expect(refusal(() => checkStepFacts({ ...assessed, grade: 9 }, ['injury_recognized'], injury, 1, '2026-12-05'))).toContain('申请劳动能力鉴定');
    expect(refusal(() => checkStepFacts({ ...assessed, grade: 9 }, ['injury_recognized', 'assessment_applied'], injury, 1, '2026-12-05'))).toBeUndefined();
  });
});
