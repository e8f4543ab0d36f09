import { schemaMigration } from '@yuanlian/database';

/**
 * Refusal and termination of aid with their grounds (Legal Aid Law arts. 43, 48), materials asked of the applicant
 * (the decision clock stands still meanwhile), and objections to the justice bureau with its review (art. 49).
 */
export const AidDecisions1764300003400 = schemaMigration('AidDecisions1764300003400', {
  up: [
    `ALTER TABLE {schema}.applications
        ADD COLUMN decision_ground text,
        ADD COLUMN decision_note text,
        ADD COLUMN decided_at timestamptz,
        ADD COLUMN materials_requested text,
        ADD COLUMN materials_requested_at timestamptz`,
    `CREATE TABLE {schema}.aid_objections (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES {schema}.applications(id),
        against text NOT NULL CHECK (against IN ('refused', 'terminated')),
        received_on date NOT NULL,
        reason text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'upheld', 'corrected')),
        decided_on date,
        document_number text,
        decision_note text,
        decided_by text
    )`,
    `CREATE INDEX aid_objections_application ON {schema}.aid_objections (application_id, recorded_at)`,
    `CREATE UNIQUE INDEX aid_objections_one_pending ON {schema}.aid_objections (application_id) WHERE status = 'pending'`,
  ],
  down: [
    `DROP TABLE {schema}.aid_objections`,
    `ALTER TABLE {schema}.applications DROP COLUMN decision_ground, DROP COLUMN decision_note, DROP COLUMN decided_at,
        DROP COLUMN materials_requested, DROP COLUMN materials_requested_at`,
  ],
});
