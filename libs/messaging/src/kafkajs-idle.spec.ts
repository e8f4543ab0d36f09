// The idle fix on kafkajs's own request queue: no timer loop while nothing waits, and a request held back by a throttle
// or by the in-flight limit is still sent.
import { kafkajsIdleFix } from './kafkajs-idle';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue');
const noLog = { debug: () => undefined, warn: () => undefined, error: () => undefined, info: () => undefined };

function queue(maxInFlightRequests: number | null = null) {
  return new RequestQueue({ maxInFlightRequests, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'test', broker: 'b:1', logger: noLog });
}

function request(correlationId: number, sent: number[]) {
  return {
    entry: { correlationId, apiName: 'Fetch', apiKey: 1, apiVersion: 11, resolve: () => undefined, reject: () => undefined },
    expectResponse: true,
    sendRequest: () => sent.push(correlationId),
    timeout: () => undefined,
  };
}

describe('kafkajs idle fix', () => {
  it('arms no timer once the queue is empty: an answered request used to start a 1 ms loop that never ended', async () => {
    const q = queue();
    const sent: number[] = [];
    const checks = jest.spyOn(q, 'checkPendingRequests');
    q.push(request(1, sent));
    q.fulfillRequest({ correlationId: 1, payload: Buffer.alloc(0), size: 0 });
    await new Promise((r) => setTimeout(r, 100));
    expect(sent).toEqual([1]);
    // One check from the answer itself; before the fix, ~100 more in these 100 ms.
    expect(checks.mock.calls.length).toBe(1);
    expect(q.throttleCheckTimeoutId).toBeNull();
    q.destroy();
  });

  it('still sends a request that waited for a client-side throttle to end', async () => {
    const q = queue();
    const sent: number[] = [];
    q.maybeThrottle(50);
    q.push(request(2, sent));
    expect(sent).toEqual([]);
    await new Promise((r) => setTimeout(r, 120));
    expect(sent).toEqual([2]);
    q.destroy();
  });

  it('still sends a request held back by the in-flight limit once an earlier one is answered', () => {
    const q = queue(1);
    const sent: number[] = [];
    q.push(request(3, sent));
    q.push(request(4, sent));
    expect(sent).toEqual([3]);
    q.fulfillRequest({ correlationId: 3, payload: Buffer.alloc(0), size: 0 });
    expect(sent).toEqual([3, 4]);
    q.destroy();
  });

  it('is applied to the class kafkajs uses (importing messaging applied it already)', () => {
    expect(kafkajsIdleFix()).toBe('already');
  });
});
