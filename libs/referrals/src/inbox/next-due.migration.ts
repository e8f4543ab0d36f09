import { schemaMigration } from '@yuanlian/database';

/**
 * The nearest running deadline of each referral, kept on the row as its clocks move, so that an office's inbox is
 * read in its order (priority, then that deadline) from one index instead of aggregating every running clock.
 */
export const ReferralInboxNextDue1764300001800 = schemaMigration('ReferralInboxNextDue1764300001800', {
  up: [
    `ALTER TABLE {schema}.referral_inbox ADD COLUMN next_due_on date`,
    `UPDATE {schema}.referral_inbox r SET next_due_on = d.due_on
       FROM (SELECT subject_id, min(due_on) AS due_on FROM {schema}.clocks WHERE status = 'running' GROUP BY subject_id) d
      WHERE d.subject_id = r.id`,
    `CREATE INDEX referral_inbox_office_due ON {schema}.referral_inbox (office_id, priority DESC, next_due_on ASC NULLS LAST, received_at DESC)`,
  ],
  down: [`DROP INDEX {schema}.referral_inbox_office_due`, `ALTER TABLE {schema}.referral_inbox DROP COLUMN next_due_on`],
});
