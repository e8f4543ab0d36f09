/**
 * kafkajs 2.2.4, its last release, re-arms a timer on every broker connection as soon as the connection has answered
 * once, and from then on every millisecond for as long as the process lives: `scheduleCheckPendingRequests` runs even
 * when no request waits, with a negative delay (tulios/kafkajs#1556, #1604, #1704; the fix in #1667 was never released).
 * Measured on an idle service: ~45 ms of CPU per second, of which the timer loop is more than half.
 *
 * The fix is the one proposed upstream: with nothing pending there is nothing to check. A request that cannot be sent at
 * once is pushed to `pending` and schedules its own check (at the throttle's end, or 10 ms when merely over the in-flight
 * limit); an answered request checks the queue too. So skipping the check when `pending` is empty loses nothing.
 *
 * Applied once, to the class kafkajs itself uses, when this module is loaded (kafka.ts imports it). If a kafkajs release
 * changes the class, `kafkajsIdleFix()` reports it (the unit test fails) instead of patching something else.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: Record<string, unknown> };

interface Queue {
  pending: unknown[];
  throttleCheckTimeoutId: NodeJS.Timeout | null;
}

const PATCHED = Symbol.for('yuanlian.kafkajs-idle-fix');

export function kafkajsIdleFix(): 'applied' | 'already' | 'unrecognised' {
  const proto = RequestQueue.prototype as Record<string | symbol, unknown>;
  if (proto[PATCHED]) return 'already';
  const original = proto.scheduleCheckPendingRequests;
  if (typeof original !== 'function' || !/this\.throttledUntil - Date\.now\(\)/.test(String(original))) return 'unrecognised';
  proto.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: Queue) {
    if (this.pending.length === 0) return;
    return (original as (this: Queue) => void).call(this);
  };
  proto[PATCHED] = true;
  return 'applied';
}

kafkajsIdleFix();
