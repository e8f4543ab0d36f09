// Hostile HTTP: property-based generation (fast-check) of request bodies, query strings and path parameters
// across every endpoint — over ten thousand requests. No answer may be a 5xx; every 4xx carries a message, every
// 400 names its fields; nothing is stored from a refused request; SQL and script in text are kept literally.
import 'reflect-metadata';
import fc from 'fast-check';
import { findPersonalData, makeCreditCode } from '@yuanlian/identity';
import { schemaName } from '@yuanlian/database';
import { createNamespace, dropNamespace, enterNamespace } from '@yuanlian/testing';
import { listEndpoints, MATRIX, PARAMS, token } from './support/access';
import { Platform } from './support/platform';

const ns = createNamespace('fuzz');
enterNamespace(ns);

const TOTAL_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);

const HOSTILE = [
  "' OR '1'='1", "'; DROP TABLE applications; --", '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '../../../etc/passwd',
  '\u0000', '%00', '${jndi:ldap://x/a}', '{{7*7}}', '𠜎𠜱𠝹', 'x'.repeat(5000), '-1', '1e309', 'NaN', 'null', 'true', '[]', '{}', ' ', '',
  '__proto__', 'constructor', '360702199003071239', '2026-02-30', '9999-99-99', 'labor-inspection:360702',
];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.constant(-1), fc.constant(2 ** 60),
  fc.array(hostileString, { maxLength: 3 }), fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

const record = { recordId: 'R-1', divisionCode: '360702', employerCreditCode: makeCreditCode('91360702MA0FUZZ00'), employerName: '赣州某公司', observedOn: '2026-11-20' };

/** A valid body per endpoint, which the generator mutates one field at a time (to reach the deep checks). */
const TEMPLATES: Record<string, object> = {
  'legal-aid POST /applications': {
    worker: { name: '张三', idNumber: '360702199003071239', phone: '13812345678' }, employer: { name: '赣州某建设工程有限公司', creditCode: '91360702MA35G7K276' },
    project: { name: '章江新区安置房二期' }, divisionCode: '360702', channel: 'window', matter: 'wage_arrears', industry: 'construction',
    amountOwedFen: 1_250_000, workersAffected: 12, summary: '欠薪',
  },
  'legal-aid POST /applications/{applicationId}/referrals': { toAgencyType: 'labor-inspection' },
  'legal-aid POST /applications/{applicationId}/referrals/{referralId}/revoke': { reason: '申请人撤回' },
  'legal-aid POST /applications/{applicationId}/referrals/{referralId}/resubmit': { note: '已补充材料' },
  'legal-aid POST /applications/{id}/assign': { lawyerName: '张律师' },
  'legal-aid POST /applications/{id}/close': { note: '已结案归档' },
  ...Object.fromEntries(['labor-inspection', 'arbitration', 'court', 'union'].flatMap((t) => [
    [`${t} POST /referrals/{id}/decline`, { reasonCode: 'other', reason: '不属于本机关管辖' }],
    [`${t} POST /referrals/{id}/return`, { reason: '材料不足' }],
    [`${t} POST /referrals/{id}/progress`, { step: 'investigation_opened' }],
    [`${t} POST /referrals/{id}/resolve`, { outcome: 'paid_in_full', amountRecoveredFen: 100, paymentConfirmed: true }],
    [`${t} POST /referrals/{id}/clocks/{rule}/extend`, { days: 5, reason: '案情复杂' }],
  ])),
  'early-warning POST /feeds/hotline': { records: [{ ...record, hotline: '12345', complaints: 2 }] },
  'early-warning POST /feeds/petitions': { records: [{ ...record, kind: 'petition', participants: 12 }] },
  'early-warning POST /feeds/credit': { records: [{ recordId: 'C-1', employerCreditCode: record.employerCreditCode, employerName: '赣州某公司', listing: 'blacklist', listedOn: '2026-01-01' }] },
  'early-warning POST /feeds/wage-monitoring': { records: [{ ...record, project: { code: 'P1', name: '某项目', governmentFunded: true }, indicator: 'missed_transfer', monthsMissed: 1 }] },
  'early-warning PUT /rules/{divisionCode}': { workers: { orange: 9 } },
  'portal POST /users': { username: 'fuzz.user', displayName: '测试', agencyType: 'labor-inspection', divisionCode: '360702', roles: ['inspector'], password: 'Fuzzing2026x' },
  'portal PUT /users/{id}': { displayName: '测试', roles: ['inspector'], active: true, password: 'Fuzzing2026x' },
  'portal PUT /auth/password': { currentPassword: 'Fuzzing2026x', newPassword: 'Fuzzing2027x' },
  'command POST /alerts/{alertId}/assign': { assignedTo: 'labor-inspection:360702' },
  'command POST /alerts/{alertId}/close': { status: 'resolved', reason: '已化解' },
  'command POST /alerts/{alertId}/supervise': { note: '请尽快处理' },
  'command POST /supervision/{clockId}/supervise': { note: '请尽快处理' },
};

/** Every path to a leaf of a template. */
const leaves = (o: unknown, prefix: string[] = []): string[][] =>
  typeof o === 'object' && o !== null ? Object.entries(o).flatMap(([k, v]) => leaves(v, [...prefix, k])) : [prefix];

function mutate(template: object): fc.Arbitrary<unknown> {
  const paths = leaves(template);
  return fc.record({ path: fc.constantFrom(...paths), value: hostileValue, drop: fc.boolean(), extra: fc.option(fc.tuple(hostileString, hostileValue)) })
    .map(({ path, value, drop, extra }) => {
      const copy = structuredClone(template) as Record<string, any>;
      let at = copy;
      for (const k of path.slice(0, -1)) at = at[k];
      if (drop) delete at[path[path.length - 1]];
      else at[path[path.length - 1]] = value;
      if (extra) copy[extra[0]] = extra[1];
      return copy;
    });
}

const QUERY_KEYS = ['status', 'limit', 'offset', 'level', 'divisionCode', 'purpose', 'overdue'];
const query = fc.dictionary(fc.oneof(fc.constantFrom(...QUERY_KEYS), hostileString), hostileString, { maxKeys: 3 });

describe('hostile HTTP on every endpoint', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await Platform.start(ns);
  });

  afterAll(async () => {
    await platform?.stop();
    await dropNamespace(ns);
  });

  const tableCounts = async () => {
    const { rows } = await platform.pg.query<{ schema: string; table: string }>(
      `SELECT table_schema AS schema, table_name AS table FROM information_schema.tables WHERE starts_with(table_schema, $1) AND table_type = 'BASE TABLE'`,
      [ns.schemaPrefix],
    );
    const counts: Record<string, number> = {};
    for (const r of rows) counts[`${r.schema}.${r.table}`] = Number((await platform.pg.query(`SELECT count(*) AS n FROM "${r.schema}"."${r.table}"`)).rows[0].n);
    return counts;
  };

  it('never answers 5xx, names every bad field, and stores nothing it refused', async () => {
    const endpoints = (await listEndpoints(platform)).filter((e) => MATRIX[e.key] !== 'public');
    const before = await tableCounts();
    const succeeded = new Map<string, number>();
    let sent = 0;
    const runs = Math.ceil(TOTAL_REQUESTS / endpoints.length);
    for (const e of endpoints) {
      const allowed = MATRIX[e.key] as string[];
      // Rows without a caller of ours (a supervisor-only step at an agency whose callers here are officers) get one.
      const bearer = token((allowed[0] ?? `${e.service}/supervisor`) as never);
      const params = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const template = TEMPLATES[e.key];
      const body = e.method === 'GET' ? fc.constant(undefined) : fc.oneof(template ? mutate(template) : fc.dictionary(hostileString, hostileValue), fc.anything(), fc.constant('{"broken": '));
      const pathValues = fc.tuple(...params.map((p) => fc.oneof(fc.constant(PARAMS[p]), hostileString)));
      await fc.assert(
        fc.asyncProperty(pathValues, query, body, async (values, q, b) => {
          let i = 0;
          const url = e.path.replace(/\{\w+\}/g, () => encodeURIComponent(String(values[i++]) || '-')) +
            (Object.keys(q).length ? `?${new URLSearchParams(q as Record<string, string>)}` : '');
          const controller = new AbortController();
          const res = await fetch(platform.services[e.service].url + url, {
            method: e.method, signal: controller.signal,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
            body: b === undefined ? undefined : typeof b === 'string' && b.startsWith('{"broken') ? b : JSON.stringify(b) ?? 'null',
          });
          sent++;
          const type = res.headers.get('content-type') ?? '';
          const text = type.includes('event-stream') ? '' : await res.text();
          controller.abort();
          const reply = text && type.includes('json') ? JSON.parse(text) : {};
          if (res.status >= 500) throw new Error(`${e.key} ${url} → ${res.status} ${text.slice(0, 300)}`);
          // Personal data the caller did not send itself (an unknown field named by its own key is echoed, not leaked).
          const sentText = decodeURIComponent(url) + JSON.stringify(b ?? '');
          const leaked = [...findPersonalData(text).idNumbers, ...findPersonalData(text).phones].filter((v) => !sentText.includes(v));
          if (leaked.length) throw new Error(`${e.key} answered with a raw ID or phone number: ${text.slice(0, 300)}`);
          if (res.status >= 400) {
            if (typeof reply.message !== 'string' || !reply.message) throw new Error(`${e.key} ${res.status} without a message: ${text.slice(0, 300)}`);
            if (res.status === 400) {
              const fields = Object.entries(reply.fields ?? {});
              if (!fields.length || fields.some(([, m]) => !Array.isArray(m) || !m.length || m.some((x) => typeof x !== 'string' || !x))) {
                throw new Error(`${e.key} 400 without per-field messages: ${text.slice(0, 300)}`);
              }
            }
          } else if (e.method !== 'GET') {
            succeeded.set(e.key, (succeeded.get(e.key) ?? 0) + (e.key.includes('/feeds/') ? reply.accepted : 1));
          }
        }),
        { numRuns: runs },
      );
    }
    expect(sent).toBeGreaterThanOrEqual(TOTAL_REQUESTS);

    // What was refused left no trace: services where nothing was accepted are unchanged (their read log aside);
    // where something was accepted, the records grew by exactly what was accepted.
    const after = await tableCounts();
    const grew = (table: string) => after[table] - before[table];
    const accepted = (prefix: string) => [...succeeded].filter(([k]) => k.startsWith(prefix)).reduce((s, [, n]) => s + n, 0);
    expect(grew(`${schemaName('legal_aid')}.applications`)).toBe(succeeded.get('legal-aid POST /applications') ?? 0);
    expect(grew(`${schemaName('legal_aid')}.referrals`)).toBe(succeeded.get('legal-aid POST /applications/{applicationId}/referrals') ?? 0);
    expect(grew(`${schemaName('early_warning')}.feed_records`)).toBe(accepted('early-warning POST /feeds/'));
    expect(grew(`${schemaName('portal')}.users`)).toBe(succeeded.get('portal POST /users') ?? 0);
    for (const [service, schema] of [['labor-inspection', 'labor_inspection'], ['arbitration', 'arbitration'], ['court', 'court'], ['union', 'union'], ['command', 'command']]) {
      if (accepted(`${service} `)) continue;
      for (const table of Object.keys(before).filter((t) => t.startsWith(`${schemaName(schema)}.`) && !t.endsWith('.access_log') && !t.endsWith('.inbox') && !t.endsWith('.desk_alerts') && !t.endsWith('.outbox'))) {
        expect({ table, grew: grew(table) }).toEqual({ table, grew: 0 });
      }
    }
    process.stdout.write(`hostile HTTP: ${sent} requests over ${endpoints.length} endpoints, no 5xx; accepted: ${JSON.stringify(Object.fromEntries(succeeded))}\n`);
  });

  it('keeps SQL and script in text fields literally', async () => {
    const clerk = token('legal-aid/clerk');
    const sql = "Robert'); DROP TABLE applications; --";
    const script = '<script>alert("援联")</script>';
    const created = await platform.call('legal-aid', 'POST', '/applications', clerk, {
      ...(TEMPLATES['legal-aid POST /applications'] as object), worker: { name: sql.slice(0, 50), idNumber: '360702199003071239', phone: '13812345678' },
      employer: { name: "' OR 1=1 --", creditCode: '91360702MA35G7K276' }, summary: script,
    });
    expect(created.status).toBe(201);
    const read = await platform.call('legal-aid', 'GET', `/applications/${created.body.id}`, clerk);
    expect(read.body).toMatchObject({ worker: { name: sql.slice(0, 50) }, employer: { name: "' OR 1=1 --" }, summary: script });
    expect((await platform.call('legal-aid', 'GET', '/applications', clerk)).status).toBe(200);
  });
});
