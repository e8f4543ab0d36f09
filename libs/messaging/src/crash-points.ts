import { existsSync } from 'node:fs';

/**
 * Named places where a crash costs the most: after the relay's send and before it marks the rows sent (the events go
 * out again after a restart), after the inbox's commit and before its offset commit (the batch is delivered again),
 * after a keyed request's commit and before its answer is kept (the retry must not redo it).
 */
export type CrashPoint = 'relay.after-send' | 'inbox.after-commit' | 'idempotency.after-commit';

/**
 * The fault suite's crash switch. `YL_CRASH_AT=<point>:<file>` makes the process kill itself with SIGKILL — no shutdown
 * hook, no flush, as a power cut would — the first time it passes the point after the file exists; the suite creates
 * the file mid-burst. Off unless the variable is set; a production process refuses to start with it.
 */
export function crashPoint(point: CrashPoint): void {
  const armed = crashSwitch();
  if (armed && armed.point === point && existsSync(armed.file)) process.kill(process.pid, 'SIGKILL');
}

let parsed: { point: string; file: string } | null | undefined;

function crashSwitch(): { point: string; file: string } | null {
  if (parsed !== undefined) return parsed;
  const value = process.env.YL_CRASH_AT;
  if (!value) return (parsed = null);
  if (process.env.NODE_ENV === 'production') throw new Error('YL_CRASH_AT is a test switch and must not be set in production');
  const at = value.indexOf(':');
  if (at < 1) throw new Error(`YL_CRASH_AT must be <point>:<file>, got ${value}`);
  return (parsed = { point: value.slice(0, at), file: value.slice(at + 1) });
}

/** Reads the switch at start-up, so that a production process with it set fails at once rather than mid-flight. */
export function checkCrashSwitch(): void {
  crashSwitch();
}
