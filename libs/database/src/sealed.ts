import type { Queryable } from './options';

const BATCH = 1000;

/**
 * Rewrites columns of a table keyed by a uuid `id`, in batches: `rewrite` gets a row's `read` values and returns its new
 * `write` values. For what SQL cannot do itself: sealing, opening and resealing personal data, whose keys are outside the
 * database. `where` picks the rows (SQL over the table's columns); returns how many were rewritten.
 */
export async function rewriteRows(
  q: Queryable,
  table: string,
  columns: { read: string[]; write: string[]; where?: string },
  rewrite: (values: (string | null)[]) => (string | null)[],
): Promise<number> {
  const { read, write, where = 'TRUE' } = columns;
  const set = write.map((c, i) => `${c} = v.c${i}`).join(', ');
  const unnest = write.map((_, i) => `$${i + 2}::text[]`).join(', ');
  let done = 0;
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const rows: Record<string, string | null>[] = await q.query(
      `SELECT id, ${read.join(', ')} FROM ${table} WHERE id > $1 AND (${where}) ORDER BY id LIMIT ${BATCH}`,
      [after],
    );
    if (!rows.length) return done;
    const values = rows.map((row) => rewrite(read.map((c) => row[c])));
    await q.query(
      `UPDATE ${table} AS t SET ${set} FROM unnest($1::uuid[], ${unnest}) AS v(id, ${write.map((_, i) => `c${i}`).join(', ')}) WHERE t.id = v.id`,
      [rows.map((r) => r.id), ...write.map((_, i) => values.map((v) => v[i]))],
    );
    done += rows.length;
    after = rows[rows.length - 1].id!;
  }
}

/** The keys of a service's sealed values, as resealing needs them (a `DataKeys` of @yuanlian/trust). */
export interface Resealer {
  /** How every value sealed under the newest key begins. */
  currentPrefix: string;
  reseal(sealed: string): string;
}

/**
 * Rotation: reseals under the newest key every value of the sealed columns that is under an older one. Returns how many
 * rows changed; run it again and it finds none.
 */
export function resealColumns(q: Queryable, table: string, sealed: string[], keys: Resealer): Promise<number> {
  const prefix = `'${keys.currentPrefix.replace(/'/g, "''")}'`;
  const where = sealed.map((c) => `(${c} IS NOT NULL AND NOT starts_with(${c}, ${prefix}))`).join(' OR ');
  return rewriteRows(q, table, { read: sealed, write: sealed, where }, (values) => values.map((v) => (v === null ? null : keys.reseal(v))));
}
