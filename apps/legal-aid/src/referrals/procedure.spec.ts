import { procedureFor } from './referrals.service';
import type { CreateReferralInput } from './referral.dto';

const wage = { matter: 'wage_arrears' as const, urgentKind: null };
const refer = (input: Partial<CreateReferralInput>) => ({ toAgencyType: 'court', ...input }) as CreateReferralInput;
const fieldsOf = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    return (e as { getResponse: () => { fields: Record<string, string[]> } }).getResponse().fields;
  }
  throw new Error('not refused');
};

describe('the procedure of a referral', () => {
  it('sends a labor dispute to court only after arbitration, or on a ground the clerk names', () => {
    expect(fieldsOf(() => procedureFor(wage, [], refer({})))).toEqual({ courtBasis: [expect.stringContaining('第五条、第五十条')] });
    expect(procedureFor(wage, [], refer({ courtBasis: 'wage_iou' })).notes).toEqual([expect.stringContaining('工资欠条')]);
    for (const ended of [{ status: 'resolved', lastStep: null }, { status: 'declined', lastStep: null }, { status: 'accepted', lastStep: 'handed_to_court' }, { status: 'accepted', lastStep: 'award_non_final' }]) {
      expect(procedureFor(wage, [{ toAgencyType: 'arbitration', ...ended } as never], refer({})).notes).toEqual([]);
    }
    // Arbitration still under way (or only accepted) is not an end of it.
    expect(fieldsOf(() => procedureFor(wage, [{ toAgencyType: 'arbitration', status: 'accepted', lastStep: 'mediation_failed' } as never], refer({ parallelReason: '裁前保全' }))))
      .toEqual({ courtBasis: [expect.any(String)] });
    expect(fieldsOf(() => procedureFor(wage, [{ toAgencyType: 'labor-inspection', status: 'resolved', lastStep: null } as never], refer({}))))
      .toEqual({ courtBasis: [expect.any(String)] });
    // A case accepted first for preservation carries its ground; a civil matter needs none; inspection is not a proceeding.
    expect(procedureFor({ matter: 'wage_arrears', urgentKind: 'preservation' }, [], refer({})).notes).toEqual([expect.stringContaining('保全')]);
    expect(procedureFor({ matter: 'marriage_family', urgentKind: null }, [], refer({})).notes).toEqual([]);
    expect(procedureFor(wage, [], refer({ toAgencyType: 'labor-inspection' })).notes).toEqual([]);
  });

  it('does not send a claim before arbitration to court at the same time (or the reverse) without a reason', () => {
    const inArbitration = [{ toAgencyType: 'arbitration', status: 'accepted', lastStep: 'mediation_started' } as never];
    expect(fieldsOf(() => procedureFor(wage, inArbitration, refer({ courtBasis: 'preservation' })))).toEqual({ parallelReason: [expect.stringContaining('劳动人事争议仲裁院处理中')] });
    expect(procedureFor(wage, inArbitration, refer({ courtBasis: 'preservation', parallelReason: '仲裁中申请财产保全' })).notes).toHaveLength(2);
    const inCourt = [{ toAgencyType: 'court', status: 'received', lastStep: null } as never];
    expect(fieldsOf(() => procedureFor(wage, inCourt, refer({ toAgencyType: 'arbitration' })))).toEqual({ parallelReason: [expect.any(String)] });
    // Handed on to court, or finished: no longer a parallel proceeding; inspection and arbitration may run side by side.
    expect(procedureFor(wage, [{ toAgencyType: 'arbitration', status: 'accepted', lastStep: 'handed_to_court' } as never], refer({})).notes).toEqual([]);
    expect(procedureFor(wage, [{ toAgencyType: 'labor-inspection', status: 'accepted', lastStep: null } as never], refer({ toAgencyType: 'arbitration' })).notes).toEqual([]);
  });

  it('LDMAL arts. 29 and 43: arbitration past its period to accept or award lets the worker sue without a named ground', () => {
    const lapsed = { toAgencyType: 'arbitration', status: 'accepted', lastStep: 'mediation_failed', clockRule: 'arbitration.award', clockStatus: 'running', clockDueOn: '2026-11-20' } as never;
    expect(procedureFor(wage, [lapsed], refer({}), '2026-11-21').notes).toEqual([expect.stringContaining('逾期未作出受理决定、仲裁裁决')]);
    // On its last day the award is not late: the court still needs a ground.
    expect(fieldsOf(() => procedureFor(wage, [lapsed], refer({}), '2026-11-20'))).toEqual({ courtBasis: [expect.stringContaining('第五条')] });
  });

  it('WIIR art. 55: a refusal to recognise a work injury is taken to court as an administrative suit', () => {
    const refused = { toAgencyType: 'work-injury', status: 'resolved', lastStep: 'injury_not_recognized' } as never;
    expect(procedureFor({ matter: 'work_injury', urgentKind: null }, [refused], refer({})).notes).toEqual([expect.stringContaining('第五十五条')]);
  });
});
