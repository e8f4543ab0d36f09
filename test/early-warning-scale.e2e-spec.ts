// Correct at scale: the same winter fed to one early-warning instance and to two instances sharing the work
// (one consumer group, subjects spread over partitions) gives the same alerts.
import 'reflect-metadata';
import { join } from 'node:path';
import { GANZHOU_CITY_CODE } from '@yuanlian/contracts';
import { databaseUrl, migrate, schemaName } from '@yuanlian/database';
import { AlertCollector, generateWinter, ScenarioPublisher, waitForQuiet } from '@yuanlian/scenario';
import { createNamespace, dropNamespace, enterNamespace, freePort, ServiceProcess, testKafka, tokenFor, waitFor } from '@yuanlian/testing';
import { Client } from 'pg';
import { earlyWarningDatabase } from '../apps/early-warning/src/database';

const scenario = generateWinter({ seed: 77, start: '2026-12-20', end: '2027-01-31', backgroundPerDay: 6, incidents: 4, nearMisses: 3 });

async function run(instances: number) {
  const ns = createNamespace(`ews${instances}`);
  enterNamespace(ns);
  await migrate(earlyWarningDatabase());
  const logDir = join(__dirname, '..', '.run', 'test-logs', ns.id);
  const services = await Promise.all(
    Array.from({ length: instances }, async (_, i) => new ServiceProcess(`early-warning-${i + 1}`, 'apps/early-warning/src/main.ts', await freePort(), ns.env, logDir)),
  );
  const kafka = testKafka();
  const pg = new Client({ connectionString: databaseUrl() });
  const collector = new AlertCollector(kafka, ns.topicPrefix);
  const publisher = new ScenarioPublisher({ kafka, topicPrefix: ns.topicPrefix, earlyWarningUrl: services[0].url, feedToken: tokenFor('early-warning', GANZHOU_CITY_CODE, 'feed') });
  try {
    await Promise.all(services.map((s) => s.start()));
    await pg.connect();
    await collector.start();
    await publisher.connect();
    // Every instance holds a share of the partitions.
    const admin = kafka.admin();
    await admin.connect();
    const members = await waitFor(`${instances} member(s) in the consumer group`, async () => {
      const { groups: [group] } = await admin.describeGroups([`${ns.topicPrefix}early-warning`]);
      return group.state === 'Stable' && group.members.length === instances && group.members;
    }, 60_000);
    await admin.disconnect();
    for (const day of [...new Set(scenario.events.map((e) => e.day))]) {
      await publisher.publish(scenario.events.filter((e) => e.day === day));
      await waitForQuiet(pg, schemaName('early_warning'), publisher.published);
    }
    const { rows: [{ sent }] } = await pg.query(`SELECT count(*)::int AS sent FROM "${schemaName('early_warning')}".outbox WHERE topic = $1`, [`${ns.topicPrefix}alerts.command`]);
    await waitFor('every alert message', () => collector.received.length >= sent);
    const alerts = collector.latest()
      .map((a) => ({ subject: a.subject.key, level: a.level, peakLevel: a.peakLevel, status: a.status, raisedOn: a.raisedOn, severeSince: a.severeSince ?? null, workers: a.explanation.figures.workers }))
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    return { alerts, members: members.length, inputs: publisher.published };
  } finally {
    await publisher.disconnect();
    await collector.stop();
    await pg.end();
    await Promise.all(services.map((s) => s.stop()));
    await dropNamespace(ns);
  }
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
