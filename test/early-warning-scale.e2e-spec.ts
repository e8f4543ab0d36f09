// Correct at scale: the same winter fed to one early-warning instance and to two instances sharing the work
// (one consumer group, subjects spread over partitions) gives the same alerts.
import 'reflect-metadata';
import { generateWinter, latestAlerts } from '@yuanlian/scenario';
import { runThroughEarlyWarning } from './support/early-warning-run';

const scenario = generateWinter({ seed: 77, start: '2026-12-20', end: '2027-01-31', backgroundPerDay: 6, incidents: 4, nearMisses: 3 });

async function run(instances: number) {
  const { received, inputs, members } = await runThroughEarlyWarning(scenario, { label: `ews${instances}`, instances, logs: 'test-logs' });
  const alerts = latestAlerts(received)
    .map((a) => ({ subject: a.subject.key, level: a.level, peakLevel: a.peakLevel, status: a.status, raisedOn: a.raisedOn, severeSince: a.severeSince ?? null, workers: a.explanation.figures.workers }))
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return { alerts, members, inputs };
}

describe('early warning with two instances', () => {
  it('gives the same alerts as one instance', async () => {
    const one = await run(1);
    const two = await run(2);
    expect(two.members).toBe(2);
    expect(two.inputs).toBe(one.inputs);
    expect(one.alerts.filter((a) => a.peakLevel === 'orange' || a.peakLevel === 'red').length).toBeGreaterThanOrEqual(4);
    expect(two.alerts).toEqual(one.alerts);
    process.stdout.write(`early warning, one vs two instances: ${one.inputs} inputs, ${one.alerts.length} alerts, identical\n`);
  });
});
