import { schemaMigration } from '@yuanlian/database';

export const CreateDeskAlerts1764300001400 = schemaMigration('CreateDeskAlerts1764300001400', {
  up: [
    `CREATE TABLE {schema}.desk_alerts (
        alert_id uuid PRIMARY KEY,
        sequence integer NOT NULL,
        status text NOT NULL,
        level text NOT NULL,
        division_code text NOT NULL,
        desks jsonb NOT NULL,
        data jsonb NOT NULL,
        supervision jsonb NOT NULL DEFAULT '[]',
        received_at timestamptz NOT NULL
    )`,
    `CREATE INDEX desk_alerts_desks ON {schema}.desk_alerts USING gin (desks)`,
    `CREATE INDEX desk_alerts_board ON {schema}.desk_alerts (status, division_code, level)`,
  ],
  down: [`DROP TABLE {schema}.desk_alerts`],
});

/** When the desk first heard of each alert, so the statistics can tell how fast it was acknowledged. */
export const DeskAlertFirstSent1764300001900 = schemaMigration('DeskAlertFirstSent1764300001900', {
  up: [
    `ALTER TABLE {schema}.desk_alerts ADD COLUMN first_sent_at timestamptz`,
    `UPDATE {schema}.desk_alerts SET first_sent_at = (data ->> 'sentAt')::timestamptz`,
  ],
  down: [`ALTER TABLE {schema}.desk_alerts DROP COLUMN first_sent_at`],
});
