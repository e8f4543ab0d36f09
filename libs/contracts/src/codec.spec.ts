import { randomUUID } from 'node:crypto';
import { decodeEvent, defineEvent, ReferralAccepted, ReferralRequested, validatePayload } from './index';

const requested = {
  referralId: randomUUID(), caseId: randomUUID(), fromAgencyId: 'legal-aid:360702', fromAgencyType: 'legal-aid',
  toAgencyId: 'labor-inspection:360702', toAgencyType: 'labor-inspection', divisionCode: '360702', matter: 'wage_arrears',
  industry: 'construction', greenChannel: true, priority: true, purposeCode: 'statutory_referral', legalBasis: '个人信息保护法第十三条', shared: ['idNumber', 'phone'],
  worker: { key: 'wk_' + 'a'.repeat(32), name: '张三', idNumber: '360702199003071239', phone: '13812345678' },
  employer: { name: '某公司', creditCode: '91360702MA35G7K276' },
  amountOwedFen: 100, workersAffected: 1, summary: '欠薪', requestedBy: 'u1', requestedAt: new Date().toISOString(),
};
const envelope = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ eventId: randomUUID(), type: 'referral.requested', version: 1, occurredAt: new Date().toISOString(), source: 'legal-aid', caseId: requested.caseId, payload: requested, ...over });

describe('event codec', () => {
  it('decodes a valid event into its payload class', () => {
    const d = decodeEvent(envelope());
    expect(d.ok).toBe(true);
    if (d.ok) expect(d.definition).toBe(ReferralRequested);
  });

  it.each([
    ['not JSON', '{oops', 'not JSON'],
    ['an array', '[]', 'envelope: must be an object'],
    ['unknown type', envelope({ type: 'referral.teleported' }), 'unknown event type'],
    ['unknown version', envelope({ version: 2 }), 'unsupported version referral.requested@2 (known: 1)'],
    ['forged source', envelope({ source: 'court' }), 'source court may not emit'],
    ['missing eventId', envelope({ eventId: undefined }), 'eventId'],
    ['extra envelope field', envelope({ extra: 1 }), 'property extra should not exist'],
    ['negative amount', envelope({ payload: { ...requested, amountOwedFen: -1 } }), 'amountOwedFen'],
    ['fractional fen', envelope({ payload: { ...requested, amountOwedFen: 1.5 } }), 'amountOwedFen'],
    ['nested field wrong', envelope({ payload: { ...requested, employer: { name: 'x', creditCode: 7 } } }), 'employer.creditCode'],
    ['missing worker', envelope({ payload: { ...requested, worker: undefined } }), 'worker'],
    ['unknown shared field', envelope({ payload: { ...requested, shared: ['bankAccount'] } }), 'shared'],
    ['oversized text', envelope({ payload: { ...requested, summary: 'x'.repeat(5000) } }), 'summary'],
  ])('refuses %s with a reason', (_, value, reason) => {
    const d = decodeEvent(value);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toContain(reason);
  });

  it('validates payloads before publishing', () => {
    expect(() => validatePayload(ReferralAccepted, { referralId: 'x' })).toThrow('referralId');
  });

  it('refuses to define an event whose type no envelope may carry (every consumer would dead-letter it)', () => {
    const definition = { ...ReferralAccepted, type: 'typical-case.reported' };
    expect(() => defineEvent(definition)).toThrow('event type typical-case.reported does not match');
  });
});
