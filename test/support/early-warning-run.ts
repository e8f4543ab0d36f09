// Feeds a scenario through the real early-warning pipeline in a namespace of its own: the service as one or more
// processes, agencies' events on their topics, feeds through the API, one simulated day after another.
import { join } from 'node:path';
import { GANZHOU_CITY_CODE } from '@yuanlian/contracts';
import { databaseUrl, migrate, schemaName } from '@yuanlian/database';
import { AlertCollector, ScenarioPublisher, waitForQuiet } from '@yuanlian/scenario';
import type { ReceivedAlert, Scenario } from '@yuanlian/scenario';
import { createNamespace, dropNamespace, enterNamespace, freePort, ServiceProcess, testKafka, tokenFor, waitFor, grantNamespace } from '@yuanlian/testing';
import { Client } from 'pg';
import { earlyWarningDatabase, SCHEMA } from '../../apps/early-warning/src/database';

export interface EarlyWarningRun {
  /** Every message on the committee's alert topic (every alert goes to the city committee). */
  received: ReceivedAlert[];
  /** Inputs taken: events on the agencies' topics and feed records accepted. */
  inputs: number;
  /** Members of early warning's consumer group while it ran. */
  members: number;
}

export interface RunOptions {
  label: string;
  instances?: number;
  /** Where the services log (under .run/). */
  logs: string;
  /** Called after each simulated day has been taken in. */
  progress?: (day: number, days: number, date: string, run: Omit<EarlyWarningRun, 'members'>) => void;
}

export async function runThroughEarlyWarning(scenario: Scenario, o: RunOptions): Promise<EarlyWarningRun> {
  const instances = o.instances ?? 1;
  const ns = createNamespace(o.label);
  enterNamespace(ns);
  await migrate(earlyWarningDatabase());
  await grantNamespace(ns);
  const logDir = join(__dirname, '..', '..', '.run', o.logs, ns.id);
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
    // Every instance holds a share of the partitions before the first signal.
    const admin = kafka.admin();
    await admin.connect();
    const members = await waitFor(`${instances} member(s) in the consumer group`, async () => {
      const { groups: [group] } = await admin.describeGroups([`${ns.topicPrefix}early-warning`]);
      return group.state === 'Stable' && group.members.length === instances && group.members.length;
    }, 60_000);
    await admin.disconnect();
    const days = [...new Set(scenario.events.map((e) => e.day))];
    for (const [i, day] of days.entries()) {
      await publisher.publish(scenario.events.filter((e) => e.day === day));
      // The next day's signals come after this day's are taken in, as the days pass.
      await waitForQuiet(pg, schemaName(SCHEMA), publisher.published);
      o.progress?.(i + 1, days.length, day, { received: collector.received, inputs: publisher.published });
    }
    const { rows: [{ sent }] } = await pg.query(`SELECT count(*)::int AS sent FROM "${schemaName(SCHEMA)}".outbox WHERE topic = $1`, [`${ns.topicPrefix}alerts.command`]);
    await waitFor('every alert message on the alert topic', () => collector.received.length >= sent, 60_000);
    return { received: [...collector.received], inputs: publisher.published, members };
  } finally {
    await publisher.disconnect().catch(() => undefined);
    await collector.stop().catch(() => undefined);
    await pg.end().catch(() => undefined);
    await Promise.all(services.map((s) => s.stop().catch(() => s.kill())));
    if (process.env.EW_KEEP !== '1') await dropNamespace(ns);
  }
}
