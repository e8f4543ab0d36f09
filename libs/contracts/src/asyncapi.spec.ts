import { Parser } from '@asyncapi/parser';
import { allEvents, allTopics, asyncApiDocument } from './index';

describe('AsyncAPI document', () => {
  const doc = asyncApiDocument() as any;

  it('is a valid AsyncAPI 3 document', async () => {
    const diagnostics = await new Parser().validate(JSON.stringify(doc));
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
  });

  it('lists every topic, every event version, its key and its payload schema', () => {
    expect(Object.keys(doc.channels).sort()).toEqual(allTopics().sort());
    for (const e of allEvents()) {
      const message = doc.components.messages[`${e.type}.v${e.version}`];
      expect(message.bindings.kafka.key.description).toContain(e.keyDescription);
      expect(message.payload.properties.payload.$ref).toBe(`#/components/schemas/${e.payload.name}`);
      expect(doc.components.schemas[e.payload.name]).toBeDefined();
    }
    const requested = doc.components.schemas.ReferralRequestedV1;
    expect(requested.required).toEqual(expect.arrayContaining(['referralId', 'worker', 'employer', 'amountOwedFen']));
    expect(requested.properties.worker.$ref).toBe('#/components/schemas/ReferredWorker');
    expect(doc.channels['referrals.labor-inspection'].messages).toHaveProperty(['referral.requested.v1']);
    expect(doc.channels['referral-updates.legal-aid'].messages).toHaveProperty(['referral.declined.v1']);
  });
});
