import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failedSuiteLogs, SUITE_MARKER } from './failure-logs';

describe('failedSuiteLogs', () => {
  const root = mkdtempSync(join(tmpdir(), 'failure-logs-'));
  afterAll(() => rmSync(root, { recursive: true }));
  const suite = (dir: string, path: string, logs: Record<string, string[]>) => {
    mkdirSync(join(root, dir));
    writeFileSync(join(root, dir, SUITE_MARKER), path);
    for (const [name, lines] of Object.entries(logs)) writeFileSync(join(root, dir, name), lines.join('\n'));
  };
  const line = (level: string, msg: string) => JSON.stringify({ level, service: 'court', msg });

  it("prints the failed suites' warnings, errors and group events only, the last twelve per log", () => {
    suite('failed', '/repo/test/lifecycle.e2e-spec.ts', {
      'court.log': [line('log', 'court listening'), line('log', 'consumer x.court joined (leader, 40 ms): 3 partition(s) of 1 topic(s)'),
        ...Array.from({ length: 13 }, (_, i) => line('warn', `dead-lettering ${i}`))],
      'union.log': [line('log', 'nothing to see')],
    });
    suite('passed', '/repo/test/statistics.e2e-spec.ts', { 'command.log': [line('error', 'not printed')] });
    const out = failedSuiteLogs({ testResults: [
      { name: '/repo/test/lifecycle.e2e-spec.ts', status: 'failed' }, { name: '/repo/test/statistics.e2e-spec.ts', status: 'passed' },
    ] }, root);
    expect(out[0]).toMatch(/^-- .*lifecycle\.e2e-spec\.ts \(services' logs in .*failed\)$/);
    expect(out[1]).toBe('   court.log: 14 line(s) of warnings, errors and group events, the last 12');
    expect(out.slice(2).map((l) => JSON.parse(l.trim()).msg)).toEqual(Array.from({ length: 12 }, (_, i) => `dead-lettering ${i + 1}`));
    expect(out).toHaveLength(14);
  });
});
