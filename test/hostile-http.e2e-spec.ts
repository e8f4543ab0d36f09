// Hostile HTTP: property-based generation (fast-check) of request bodies, query strings and path parameters
// across every endpoint — over ten thousand requests. No answer may be a 5xx; every 4xx carries a message, every
// 400 names its fields; SQL and script in text are kept literally. Nothing is stored from a refused request, and an
// accepted one stores only what its endpoint may: every table of every service schema is traced (a trigger notes each
// row inserted or deleted, with its transaction and the time), each write is laid to the request it happened during,
// to the consumer of an event, or to the committee's statistics rebuild, and each table's growth must be what those
// account for. Bodies nested thousands deep are refused at the edge, with a token or without; days that do not exist,
// at the field.
import 'reflect-metadata';
import fc from 'fast-check';
import { findPersonalNumbers, makeCreditCode } from '@yuanlian/identity';
import type { Client } from 'pg';
import { AGENCY_STEPS, MAX_JSON_DEPTH } from '@yuanlian/contracts';
import { createNamespace, dropNamespace, enterNamespace } from '@yuanlian/testing';
import { CALLERS, listEndpoints, MATRIX, PARAMS, token } from './support/access';
import { Platform } from './support/platform';

const ns = createNamespace('fuzz');
enterNamespace(ns);

// 4,000 in npm test (about a minute); FUZZ_REQUESTS=10000 for the longer run by hand.
const TOTAL_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 4_000);

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

const record = { recordId: 'R-1', divisionCode: '360702', employerCreditCode: makeCreditCode('91360702MA0FXYY00'), employerName: '赣州某公司', observedOn: '2026-11-20' };

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
  'legal-aid POST /lawyers': { name: '赖文华', kind: 'firm', firmName: '江西赣江律师事务所' },
  'legal-aid PUT /lawyers/{id}': { active: false },
  'legal-aid POST /applications/{id}/refuse': { ground: 'not_in_scope', note: '申请事项不属于法律援助范围' },
  'legal-aid POST /applications/{id}/terminate': { ground: 'own_counsel', note: '受援人已自行委托律师' },
  'legal-aid POST /applications/{id}/materials/request': { items: '劳动合同、工资条' },
  'legal-aid POST /applications/{id}/objections': { receivedOn: '2026-12-01', reason: '申请人认为符合法律援助条件' },
  'legal-aid POST /applications/{id}/objections/{objectionId}/review': { decision: 'upheld', decidedOn: '2026-12-03', documentNumber: '章司异复〔2026〕1号' },
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
  ...Object.fromEntries(['PUT /calendar/years/{year}', 'POST /calendar/years/{year}/check'].map((route) => [`command ${route}`, {
    noticeNo: '国办发明电〔2026〕9号', noticeDate: '2026-11-20',
    holidays: [
      { festivals: ['new-year'], from: '2027-01-01', to: '2027-01-03' }, { festivals: ['spring-festival'], from: '2027-02-05', to: '2027-02-13' },
      { festivals: ['qingming'], from: '2027-04-03', to: '2027-04-05' }, { festivals: ['labour-day'], from: '2027-05-01', to: '2027-05-05' },
      { festivals: ['dragon-boat'], from: '2027-06-09', to: '2027-06-09' }, { festivals: ['mid-autumn'], from: '2027-09-15', to: '2027-09-15' },
      { festivals: ['national-day'], from: '2027-10-01', to: '2027-10-07' },
    ],
    workdays: ['2027-01-31', '2027-02-20'],
  }])),
};

/**
 * Bodies the endpoint takes, sent among the hostile ones so that records are created (and events go out) for the
 * growth check to account for: a new case, feed records never seen, a new user, an area's thresholds.
 */
const fresh = fc.stringMatching(/^[a-z]{10}$/);
const VALID: Record<string, fc.Arbitrary<object>> = {
  'legal-aid POST /applications': fc.constant(TEMPLATES['legal-aid POST /applications']),
  ...Object.fromEntries(['hotline', 'petitions', 'credit', 'wage-monitoring'].map((feed) => {
    const key = `early-warning POST /feeds/${feed}`;
    const [row] = (TEMPLATES[key] as { records: object[] }).records;
    return [key, fresh.map((id) => ({ records: [{ ...row, recordId: `R-${id}` }] }))];
  })),
  'early-warning PUT /rules/{divisionCode}': fc.constant(TEMPLATES['early-warning PUT /rules/{divisionCode}']),
  'portal POST /users': fresh.map((id) => ({ ...TEMPLATES['portal POST /users'], username: `fuzz.${id}` })),
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

/** JSON text nested `depth` levels or more, written out directly (JSON.stringify recurses, and overflows on the deepest). */
const deepJson = (depth: number, kind: 'array' | 'object' | 'mixed') =>
  kind === 'array' ? '['.repeat(depth) + '1' + ']'.repeat(depth)
    : kind === 'object' ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
      : '[{"a":'.repeat(Math.ceil(depth / 2)) + '1' + '}]'.repeat(Math.ceil(depth / 2));
const tooDeep = fc.record({
  depth: fc.oneof(fc.constant(20_000), fc.integer({ min: MAX_JSON_DEPTH + 1, max: 20_000 })),
  kind: fc.constantFrom('array' as const, 'object' as const, 'mixed' as const),
});
/** A body nested too deep: alone, or in place of one field of the endpoint's valid body. */
const deepBody = (template?: object) =>
  fc.record({ deep: tooDeep, at: template ? fc.option(fc.constantFrom(...leaves(template))) : fc.constant(null) }).map(({ deep, at }) => {
    if (!at) return deepJson(deep.depth, deep.kind);
    const copy = structuredClone(template) as Record<string, any>;
    let node = copy;
    for (const k of at.slice(0, -1)) node = node[k];
    node[at[at.length - 1]] = '__deep__';
    return JSON.stringify(copy).replace('"__deep__"', deepJson(Math.max(1, deep.depth - at.length), deep.kind));
  });
/** A query key nested as qs would read it, `a[a][a]…` or `a[][]…`, short enough for the request line's limit. */
const deepQuery = fc.record({ key: fc.constantFrom(...QUERY_KEYS, 'a'), levels: fc.integer({ min: MAX_JSON_DEPTH + 1, max: 1_000 }), brackets: fc.constantFrom('[a]', '[]', '[0]') })
  .map(({ key, levels, brackets }) => `${key}${brackets.repeat(levels)}=1`);

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const leapYear = (y: number) => daysIn(y, 2) === 29;
/** `YYYY-MM-DD` text of days that do not exist, or are not written in ASCII digits. */
const impossibleDay = fc.oneof(
  fc.record({ y: fc.integer({ min: 1900, max: 2100 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 0, max: 99 }) })
    .filter(({ y, m, d }) => d === 0 || d > daysIn(y, m)).map(({ y, m, d }) => `${y}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.record({ y: fc.integer({ min: 1900, max: 2100 }), m: fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })), d: fc.integer({ min: 1, max: 28 }) })
    .map(({ y, m, d }) => `${y}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.integer({ min: 1900, max: 2100 }).filter((y) => !leapYear(y)).map((y) => `${y}-02-29`),
  fc.constantFrom('2026-02-30', '2026-13-45', '2025-02-29', '2100-02-29', '0000-00-00', '２０２６-０１-０１', '٢٠٢٦-٠١-٠١'),
);
/** Days a day field refuses besides: outside 1900–2100 (instants are not held to those years). */
const refusedDay = fc.oneof(impossibleDay, fc.constantFrom('1899-12-31', '2101-01-01', '9999-12-31'));
/** Every date an endpoint takes (days, and instants in ISO 8601), where it goes and the name its 400 gives it. */
const consent = (at: string) => ({ given: true, method: 'written', at });
const DATE_FIELDS: { key: string; caller: (typeof CALLERS)[number]; field: string; instant?: true; request: (date: string) => { query?: string; body?: object } }[] = [
  ...(['wage-monitoring', 'hotline', 'petitions', 'credit'] as const).map((feed) => {
    const listed = feed === 'credit' ? 'listedOn' : 'observedOn';
    const [row] = (TEMPLATES[`early-warning POST /feeds/${feed}`] as { records: object[] }).records;
    // A credit code the feed takes (the fuzzing template's has letters GB 32100 leaves out), so only the day can be wrong.
    const employerCreditCode = makeCreditCode('91360702MA0DATE00');
    return { key: `early-warning POST /feeds/${feed}`, caller: 'early-warning/feed' as const, field: `records.0.${listed}`, request: (day: string) => ({ body: { records: [{ ...row, employerCreditCode, [listed]: day }] } }) };
  }),
  ...(['labor-inspection', 'arbitration', 'court', 'union'] as const).map((t) => ({
    key: `${t} POST /referrals/{id}/progress`, caller: CALLERS.find((c) => c.startsWith(`${t}/`))!, field: 'dueOn',
    // A step of the agency's own, so only the day can be wrong.
    request: (day: string) => ({ body: { step: Object.keys(AGENCY_STEPS[t])[0], note: '限期支付', dueOn: day } }),
  })),
  { key: 'legal-aid GET /typical-cases/duty', caller: 'legal-aid/supervisor', field: 'asOf', request: (day) => ({ query: `asOf=${encodeURIComponent(day)}` }) },
  {
    key: 'legal-aid POST /applications/{id}/transfer', caller: 'legal-aid/clerk', field: 'consent.at', instant: true,
    request: (at) => ({ body: { toCenter: 'legal-aid:360781', reason: '劳动者已回瑞金务工', consent: consent(at) } }),
  },
  {
    key: 'legal-aid POST /applications', caller: 'legal-aid/clerk', field: 'employmentEndedOn',
    request: (day) => ({ body: { ...(TEMPLATES['legal-aid POST /applications'] as object), employmentEndedOn: day } }),
  },
  {
    key: 'legal-aid POST /applications/{id}/objections', caller: 'legal-aid/clerk', field: 'receivedOn',
    request: (day) => ({ body: { receivedOn: day, reason: '申请人认为符合法律援助条件' } }),
  },
  {
    key: 'legal-aid POST /applications/{id}/objections/{objectionId}/review', caller: 'legal-aid/supervisor', field: 'decidedOn',
    request: (day) => ({ body: { decision: 'upheld', decidedOn: day, documentNumber: '章司异复〔2026〕1号' } }),
  },
  {
    key: 'legal-aid POST /transfers/inbound', caller: 'legal-aid/clerk', field: 'consent.at', instant: true,
    request: (at) => ({ body: { fromCenter: 'legal-aid:440305', fromCenterName: '深圳市法律援助中心', reason: '劳动者返乡', consent: consent(at), application: TEMPLATES['legal-aid POST /applications'] } }),
  },
  // A year's notice: the county administrator the fuzzing uses is refused (403) once the days are valid.
  ...[
    ['noticeDate', (day: string) => ({ noticeDate: day })],
    ['holidays.0.to', (day: string) => ({ holidays: [{ festivals: ['new-year'], from: '2027-01-01', to: day }] })],
    ['workdays', (day: string) => ({ workdays: [day] })],
  ].map(([field, change]) => ({
    key: 'command PUT /calendar/years/{year}', caller: 'command/admin' as const, field: field as string,
    request: (day: string) => ({ body: { ...(TEMPLATES['command PUT /calendar/years/{year}'] as object), ...(change as (day: string) => object)(day) } }),
  })),
  ...(['early-warning', 'command'] as const).map((s) => ({
    key: `${s} GET /admin/audit`, caller: 'command/admin' as const, field: 'since', instant: true as const, request: (at: string) => ({ query: `since=${encodeURIComponent(at)}` }),
  })),
];

/**
 * What a request the service accepted may add, per table (`service_schema.table`, the namespace's prefix left out):
 * rows per request, or `[least, most]`; a feed's rows are per record it took (`reply.accepted`). Reviewed by hand:
 * any other table an accepted request writes, or more rows, fails the test — and so does an accepted request that
 * stored less than its least; an endpoint not here may store nothing (one the fuzzing gets accepted needs its entry,
 * read from its code). Refused requests may add nothing anywhere. What an event adds, where its consumer takes it,
 * is in CONSUMED; the committee's statistics rebuild, in REBUILT.
 */
const MAY_ADD: Record<string, Record<string, number | [number, number]>> = {
  // A case: its row, the ApplicationReceived event and the decision clock (an urgent one is accepted at once:
  // ApplicationAccepted too, and the paperwork and assignment clocks instead of the decision clock).
  'legal-aid POST /applications': { 'legal_aid.applications': 1, 'legal_aid.outbox': [1, 2], 'legal_aid.clocks': [1, 2] },
  // A roster entry (a second of the same name is refused).
  'legal-aid POST /lawyers': { 'legal_aid.aid_lawyers': [0, 1] },
  // Reads of one record with personal data are logged (append-only); lists are not.
  'legal-aid GET /applications/{id}': { 'legal_aid.access_log': 1 },
  ...Object.fromEntries(['labor-inspection', 'arbitration', 'court', 'union'].map((t) => [`${t} GET /referrals/{id}`, { [`${t.replace('-', '_')}.access_log`]: 1 }])),
  // Feeds: a record seen for the first time is noted (replays are answered as duplicates) and published.
  ...Object.fromEntries(['hotline', 'petitions', 'credit', 'wage-monitoring'].map((f) => [`early-warning POST /feeds/${f}`, { 'early_warning.feed_records': 1, 'early_warning.outbox': 1 }])),
  // Thresholds of an area: the rule set (created on first change) and the administrators' audit trail.
  'early-warning PUT /rules/{divisionCode}': { 'early_warning.rule_sets': [0, 1], 'early_warning.admin_audit': 1 },
  // A user, and the administrators' audit trail.
  'portal POST /users': { 'portal.users': 1, 'portal.admin_audit': 1 },
  // Starts the rebuild in the background: its writes are REBUILT's.
  'command POST /statistics/rebuild': {},
  // A year's notice (the city's administrators only; the county one fuzzing here is refused): the year (replaced on a
  // correction), its event and the audit trail. Each service's recount of its clocks (clock_calendar_versions,
  // clock_changes) follows from the calendar topic, outside any request: no request of this run may cause one.
  'command PUT /calendar/years/{year}': { 'command.calendar_years': [0, 1], 'command.outbox': 1, 'command.admin_audit': 1 },
};
/** Requests whose rows are counted per record taken. */
const perRecord = (key: string) => key.includes(' POST /feeds/');

/**
 * What a consumer's transaction may add besides its inbox row, per event it took (its inbox rows): the service's
 * own records of what other agencies told it. A transaction with an inbox row is a consumer's.
 */
const CONSUMED: Record<string, Record<string, number>> = {
  // Stage one reads a feed record or a case into an observation of its subject and one of its chain (Observed),
  // noting a credit listing or a project; stage two stores an observation, makes its subject and, past a threshold,
  // its alert, and publishes the alert once per desk type (committee, inspection, union, housing, legal aid).
  early_warning: {
    'early_warning.credit_records': 1, 'early_warning.projects': 1, 'early_warning.observations': 1, 'early_warning.subjects': 1,
    'early_warning.alerts': 1, 'early_warning.outbox': 5,
  },
  // The statistics read model, one row per case, transfer, milestone, typical case or legal aid decision; an alert's copy at the desk.
  command: {
    'command.stat_applications': 1, 'command.stat_transfers': 1, 'command.stat_referral_milestones': 1, 'command.stat_typical_cases': 1,
    'command.stat_aid_decisions': 1, 'command.desk_alerts': 1,
  },
  labor_inspection: { 'labor_inspection.desk_alerts': 1 },
  union: { 'union.desk_alerts': 1 },
  legal_aid: { 'legal_aid.desk_alerts': 1 },
};

/** The statistics read model, emptied and read again from the topics by `POST /statistics/rebuild`. */
const REBUILT = ['command.stat_applications', 'command.stat_transfers', 'command.stat_referral_milestones', 'command.stat_typical_cases', 'command.stat_aid_decisions'];

/** One request of the fuzzing run: where it went, how it was answered, and when. */
interface Sent {
  key: string;
  what: string;
  status: number;
  /** Records taken (feeds), else 1. */
  units: number;
  /** Date.now() before the request and after its answer was read. */
  from: number;
  to: number;
}

/** A row the trace saw inserted or deleted (or a table emptied), by transaction, at the database's clock (ms). */
interface Traced {
  id: number;
  at: number;
  tx: string;
  op: 'INSERT' | 'DELETE' | 'TRUNCATE';
  table: string;
}

const bump = (m: Map<string, number>, k: string, n = 1) => m.set(k, (m.get(k) ?? 0) + n);
const bounds = (v: number | [number, number]) => (typeof v === 'number' ? [v, v] : v);

/**
 * Lays every traced write to what made it — the request it happened during, a consumer taking an event, the
 * statistics rebuild — and checks each against what that may write; then each table's growth against the trace.
 * Returns the problems found (none when every row is accounted for), and what each table's growth came from.
 */
function accountForGrowth(requests: Sent[], trace: Traced[], before: Record<string, number>, after: Record<string, number>) {
  const problems: string[] = [];
  const byTx = new Map<string, Traced[]>();
  for (const t of trace) byTx.set(t.tx, [...(byTx.get(t.tx) ?? []), t]);
  const sorted = [...requests].sort((a, b) => a.from - b.from);
  // A row is laid to the one request whose window holds its time: two windows sharing a millisecond would make that a guess.
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].from <= sorted[i - 1].to) problems.push(`${sorted[i - 1].what} and ${sorted[i].what} share a millisecond: a row's request cannot be told`);
  }
  const during = (at: number) => {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].to + 1 <= at) lo = mid + 1;
      else if (sorted[mid].from > at) hi = mid - 1;
      else return sorted[mid];
    }
    return undefined;
  };
  const firstRebuild = sorted.find((r) => r.key === 'command POST /statistics/rebuild' && r.status < 400);
  const written = new Map<Sent, Map<string, number>>();
  const source = new Map<string, Map<string, number>>();
  const from = (table: string, what: string, n = 1) => bump(source.get(table) ?? source.set(table, new Map()).get(table)!, what, n);
  const list = (rows: Traced[]) => [...new Set(rows.map((r) => `${r.op.toLowerCase()} ${r.table}`))].join(', ');

  for (const rows of byTx.values()) {
    const inboxes = rows.filter((r) => r.op === 'INSERT' && r.table.endsWith('.inbox'));
    if (inboxes.length) {
      // A consumer: only inserts, in its own schema, into what CONSUMED allows per event taken.
      const service = inboxes[0].table.split('.')[0];
      const counts = new Map<string, number>();
      for (const r of rows) if (!r.table.endsWith('.inbox') || r.op !== 'INSERT') bump(counts, `${r.op} ${r.table}`);
      for (const [k, n] of counts) {
        const [op, table] = k.split(' ');
        const most = op === 'INSERT' && table.startsWith(`${service}.`) ? (CONSUMED[service]?.[table] ?? 0) * inboxes.length : 0;
        if (n > most) problems.push(`a consumer of ${service} taking ${inboxes.length} event(s) made ${n} × ${k.toLowerCase()} (at most ${most})`);
      }
      for (const r of rows) from(r.table, `events taken by ${service}`, r.op === 'DELETE' ? -1 : 1);
      continue;
    }
    if (rows.every((r) => REBUILT.includes(r.table) && r.op !== 'DELETE')) {
      if (!firstRebuild || rows[0].at < firstRebuild.from) problems.push(`the statistics were rebuilt (${list(rows)}) though no rebuild was asked for`);
      for (const r of rows) if (r.op === 'INSERT') from(r.table, 'the statistics rebuild');
      continue;
    }
    const request = during(rows[0].at);
    const last = rows[rows.length - 1];
    if (!request || last.at >= request.to + 1) {
      problems.push(`${list(rows)} outside any request (${new Date(rows[0].at).toISOString()}), and not by a consumer or the rebuild`);
      continue;
    }
    if (request.status >= 400) {
      problems.push(`${request.what} was refused (${request.status}) and wrote: ${list(rows)}`);
      continue;
    }
    const counts = written.get(request) ?? written.set(request, new Map()).get(request)!;
    for (const r of rows) bump(counts, `${r.op} ${r.table}`);
  }

  for (const r of sorted) {
    if (r.status >= 400) continue;
    const allowed = MAY_ADD[r.key];
    const counts = written.get(r) ?? new Map<string, number>();
    if (!allowed) {
      if (counts.size) problems.push(`${r.what} (${r.status}) wrote ${[...counts.keys()].join(', ')}, which no entry of MAY_ADD allows`);
      continue;
    }
    const units = perRecord(r.key) ? r.units : 1;
    for (const [k, n] of counts) {
      const [op, table] = k.split(' ');
      const [, most] = op === 'INSERT' && allowed[table] !== undefined ? bounds(allowed[table]) : [0, 0];
      if (n > most * units) problems.push(`${r.what} (${r.status}) made ${n} × ${k.toLowerCase()}, at most ${most * units} allowed`);
      else from(table, r.key);
    }
    if (r.key.split(' ')[1] === 'GET') continue;
    for (const [table, v] of Object.entries(allowed)) {
      const least = bounds(v)[0] * units;
      if ((counts.get(`INSERT ${table}`) ?? 0) < least) problems.push(`${r.what} was accepted (${r.status}) but added ${counts.get(`INSERT ${table}`) ?? 0} row(s) to ${table}, not ${least}`);
    }
  }

  // The trace is every change: each table's growth is what it saw (a table emptied counts from then on).
  for (const table of Object.keys(after)) {
    const rows = trace.filter((t) => t.table === table);
    const emptied = rows.map((t) => t.op).lastIndexOf('TRUNCATE');
    const since = emptied >= 0 ? rows.slice(emptied + 1) : rows;
    const traced = since.reduce((n, t) => n + (t.op === 'INSERT' ? 1 : t.op === 'DELETE' ? -1 : 0), 0);
    const expected = (emptied >= 0 ? 0 : before[table] ?? 0) + traced;
    if (after[table] !== expected) problems.push(`${table} holds ${after[table]} rows; it held ${before[table] ?? 0} and the trace accounts for ${expected}`);
  }
  return { problems, source };
}

/** Every base table of the namespace's service schemas, as `service_schema.table`. */
async function serviceTables(pg: Client, prefix: string, traceSchema: string) {
  const { rows } = await pg.query<{ schema: string; table: string }>(
    `SELECT table_schema AS schema, table_name AS table FROM information_schema.tables
     WHERE starts_with(table_schema, $1) AND table_schema <> $2 AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
    [prefix, traceSchema],
  );
  return rows.map((r) => ({ ...r, name: `${r.schema.slice(prefix.length)}.${r.table}` }));
}

/** Every table's rows, counted in one statement (inside the caller's snapshot). */
async function countRows(pg: Client, tables: { schema: string; table: string; name: string }[]) {
  const { rows } = await pg.query<{ t: string; n: string }>(
    tables.map((r, i) => `SELECT $${i + 1}::text AS t, count(*) AS n FROM "${r.schema}"."${r.table}"`).join(' UNION ALL '),
    tables.map((r) => r.name),
  );
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

describe('hostile HTTP on every endpoint', () => {
  let platform: Platform;

  beforeAll(async () => {
    // The sweepers (overdue clocks, escalation, the typical-case duty) write on their own time: off, so that every
    // write of the run is a request's or an event's.
    platform = await Platform.start(ns, undefined, { CLOCK_SWEEP_MS: 'off', EW_ESCALATION_SWEEP_MS: 'off', TYPICAL_CASE_SWEEP_MS: 'off' });
  });

  afterAll(async () => {
    await platform?.stop();
    await dropNamespace(ns);
  });

  /** One request, with the caller's token or none; an event stream's answer is not read. */
  const send = async (url: string, method: string, bearer: string | null, body?: string) => {
    const controller = new AbortController();
    const res = await fetch(url, {
      method, signal: controller.signal, body,
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    });
    const type = res.headers.get('content-type') ?? '';
    const text = type.includes('event-stream') ? '' : await res.text();
    controller.abort();
    return { status: res.status, text, reply: text && type.includes('json') ? JSON.parse(text) : {} };
  };

  /** What every answer must be: no 5xx, a message on every 4xx, per-field messages on every 400. */
  const expectWellFormed = (what: string, { status, text, reply }: Awaited<ReturnType<typeof send>>) => {
    if (status >= 500) throw new Error(`${what} → ${status} ${text.slice(0, 300)}`);
    if (status < 400) return;
    if (typeof reply.message !== 'string' || !reply.message) throw new Error(`${what} ${status} without a message: ${text.slice(0, 300)}`);
    const fields = Object.entries(reply.fields ?? {});
    if (status === 400 && (!fields.length || fields.some(([, m]) => !Array.isArray(m) || !m.length || m.some((x) => typeof x !== 'string' || !x)))) {
      throw new Error(`${what} 400 without per-field messages: ${text.slice(0, 300)}`);
    }
  };

  /** Notes every row inserted or deleted, and every table emptied, in every table of every service schema. */
  const traceSchema = `${ns.schemaPrefix}fuzz_trace`;
  const startTrace = async () => {
    const tables = await serviceTables(platform.pg, ns.schemaPrefix, traceSchema);
    await platform.pg.query(`CREATE SCHEMA "${traceSchema}"`);
    await platform.pg.query(`CREATE TABLE "${traceSchema}".trace (
      id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp(), tx xid8 NOT NULL DEFAULT pg_current_xact_id(), op text NOT NULL, tbl text NOT NULL)`);
    // Written with the owner's rights: the services' roles may not touch the trace.
    await platform.pg.query(`CREATE FUNCTION "${traceSchema}".note() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
      BEGIN
        INSERT INTO "${traceSchema}".trace (op, tbl) VALUES (TG_OP, substr(TG_TABLE_SCHEMA, ${ns.schemaPrefix.length + 1}) || '.' || TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const t of tables) {
      await platform.pg.query(`CREATE TRIGGER zz_fuzz_trace AFTER INSERT OR DELETE ON "${t.schema}"."${t.table}" FOR EACH ROW EXECUTE FUNCTION "${traceSchema}".note()`);
      await platform.pg.query(`CREATE TRIGGER zz_fuzz_trace_truncate AFTER TRUNCATE ON "${t.schema}"."${t.table}" FOR EACH STATEMENT EXECUTE FUNCTION "${traceSchema}".note()`);
    }
    return tables;
  };
  /** Every table's rows and the trace, in one snapshot. */
  const snapshot = async (tables: Awaited<ReturnType<typeof startTrace>>) => {
    await platform.pg.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const counts = await countRows(platform.pg, tables);
      const { rows } = await platform.pg.query<{ id: string; at: Date; tx: string; op: Traced['op']; tbl: string }>(`SELECT id, at, tx::text, op, tbl FROM "${traceSchema}".trace ORDER BY id`);
      return { counts, trace: rows.map((r) => ({ id: Number(r.id), at: r.at.getTime(), tx: r.tx, op: r.op, table: r.tbl })) };
    } finally {
      await platform.pg.query('COMMIT');
    }
  };
  /** Until the events of the run have gone through: nothing left to relay, and the trace still for a while. */
  const settle = async (tables: Awaited<ReturnType<typeof startTrace>>) => {
    const outboxes = tables.filter((t) => t.table === 'outbox');
    const pendingSql = outboxes.map((t) => `SELECT count(*) AS n FROM "${t.schema}".outbox WHERE published_at IS NULL`).join(' UNION ALL ');
    let last = '';
    let still = 0;
    for (const until = Date.now() + 60_000; Date.now() < until && still < 3; ) {
      const pending = (await platform.pg.query<{ n: string }>(pendingSql)).rows.reduce((n, r) => n + Number(r.n), 0);
      const { rows: [top] } = await platform.pg.query<{ top: string }>(`SELECT coalesce(max(id), 0) AS top FROM "${traceSchema}".trace`);
      const rebuild = (await platform.call('command', 'GET', '/statistics/rebuild', token('command/admin'))).body?.state;
      const now = `${pending} ${top.top} ${rebuild}`;
      still = !pending && rebuild !== 'running' && now === last ? still + 1 : 0;
      last = now;
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  it('never answers 5xx, names every bad field, and stores nothing it refused', async () => {
    const endpoints = (await listEndpoints(platform)).filter((e) => MATRIX[e.key] !== 'public');
    const tables = await startTrace();
    const start = await snapshot(tables);
    const requests: Sent[] = [];
    const sentNumbers = new Set<string>();
    const runs = Math.ceil(TOTAL_REQUESTS / endpoints.length);
    const began = Date.now();
    let lastAnswered = 0;
    for (const e of endpoints) {
      const allowed = MATRIX[e.key] as string[];
      // Rows without a caller of ours (a supervisor-only step at an agency whose callers here are officers) get one.
      const bearer = token((allowed[0] ?? `${e.service}/supervisor`) as never);
      const params = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const template = TEMPLATES[e.key];
      const hostile = [template ? mutate(template) : fc.dictionary(hostileString, hostileValue), fc.anything(), fc.constant('{"broken": ')];
      // One body in ten a valid one, where the endpoint has them.
      const body = e.method === 'GET' ? fc.constant(undefined)
        : fc.oneof(...(VALID[e.key] ? [{ arbitrary: VALID[e.key], weight: 1 }] : []), ...hostile.map((arbitrary) => ({ arbitrary, weight: 3 })));
      const pathValues = fc.tuple(...params.map((p) => fc.oneof(fc.constant(PARAMS[p]), hostileString)));
      await fc.assert(
        fc.asyncProperty(pathValues, query, body, async (values, q, b) => {
          let i = 0;
          const url = e.path.replace(/\{\w+\}/g, () => encodeURIComponent(String(values[i++]) || '-')) +
            (Object.keys(q).length ? `?${new URLSearchParams(q as Record<string, string>)}` : '');
          // Each request starts on a later millisecond than the last one was answered on, so no row's time (the
          // database's clock, same machine, read to the millisecond) lies in two requests' windows.
          while (Date.now() <= lastAnswered) await new Promise((r) => setImmediate(r));
          const from = Date.now();
          const answer = await send(platform.services[e.service].url + url, e.method, bearer,
            b === undefined ? undefined : typeof b === 'string' && b.startsWith('{"broken') ? b : JSON.stringify(b) ?? 'null');
          const { text, reply } = answer;
          lastAnswered = Date.now();
          requests.push({ key: e.key, what: `${e.service} ${e.method} ${url.slice(0, 120)}`, status: answer.status, units: Number(reply.accepted ?? 1), from, to: lastAnswered });
          expectWellFormed(`${e.key} ${url}`, answer);
          // Personal data no request of this run sent (an unknown field named by its own key is echoed, and a list shows what
          // earlier requests stored — written any way the detector reads, e.g. with separators — neither is a leak).
          const sentText = decodeURIComponent(url) + JSON.stringify(b ?? '');
          const numbers = (t: string) => {
            const found = findPersonalNumbers(t);
            return [...found.idNumbers, ...found.phones];
          };
          // Only what an earlier request wrote in another form (digits with separators) is excused later: the template's
          // plain ID number and phone, stored by every POST, must still never come back raw.
          for (const v of numbers(sentText)) if (!sentText.includes(v)) sentNumbers.add(v);
          const leaked = numbers(text).filter((v) => !sentText.includes(v) && !sentNumbers.has(v));
          if (leaked.length) throw new Error(`${e.key} answered with a raw ID or phone number: ${text.slice(0, 300)}`);
        }),
        { numRuns: runs },
      );
    }
    expect(requests.length).toBeGreaterThanOrEqual(TOTAL_REQUESTS);

    // Every service's schema is traced, every table of it.
    const schemas = new Set(tables.map((t) => t.name.split('.')[0]));
    expect(Object.keys(platform.services).map((s) => s.replace(/-/g, '_')).filter((s) => !schemas.has(s))).toEqual([]);

    const fuzzed = Date.now();
    await settle(tables);
    const end = await snapshot(tables);
    const seen = new Set(start.trace.map((t) => t.id));
    const trace = end.trace.filter((t) => !seen.has(t.id));
    const { problems, source } = accountForGrowth(requests, trace, start.counts, end.counts);
    const accepted = new Map<string, number>();
    for (const r of requests) if (r.status < 400 && !r.key.includes(' GET ')) bump(accepted, r.key, perRecord(r.key) ? r.units : 1);
    const grown = Object.keys(end.counts).filter((t) => end.counts[t] !== start.counts[t] || source.has(t));
    process.stdout.write(
      `hostile HTTP: ${requests.length} requests over ${endpoints.length} endpoints in ${((fuzzed - began) / 1000).toFixed(1)} s, no 5xx; ` +
        `${requests.filter((r) => r.status >= 400).length} refused; events settled in ${((Date.now() - fuzzed) / 1000).toFixed(1)} s; ` +
        `accepted: ${JSON.stringify(Object.fromEntries(accepted))}\n` +
        `hostile HTTP: ${tables.length} tables of ${schemas.size} service schemas checked, ${trace.length} rows traced; grown:\n` +
        grown.map((t) => `  ${t} ${start.counts[t]} → ${end.counts[t]}: ${[...(source.get(t) ?? [])].map(([w, n]) => `${n} by ${w}`).join(', ')}\n`).join(''),
    );
    expect(problems).toEqual([]);

    // The check catches what it is for: a row written while a refused request ran, an accepted request writing
    // where its endpoint may not or more than it may, a table growing with nothing in the trace.
    const refused = requests.find((r) => r.status >= 400 && r.key === 'legal-aid POST /applications')!;
    const applicationCreated = requests.find((r) => r.status < 400 && r.key === 'legal-aid POST /applications');
    const planted = (at: number, table: string, tx: string): Traced => ({ id: 0, at, tx, op: 'INSERT', table });
    expect(accountForGrowth(requests, [...trace, planted(refused.from, 'legal_aid.applications', 'planted-1')], start.counts, { ...end.counts, 'legal_aid.applications': end.counts['legal_aid.applications'] + 1 }).problems)
      .toEqual([`${refused.what} was refused (${refused.status}) and wrote: insert legal_aid.applications`]);
    if (applicationCreated) {
      const twice = [...trace, planted(applicationCreated.from, 'legal_aid.referrals', 'planted-2')];
      expect(accountForGrowth(requests, twice, start.counts, { ...end.counts, 'legal_aid.referrals': end.counts['legal_aid.referrals'] + 1 }).problems)
        .toEqual([`${applicationCreated.what} (${applicationCreated.status}) made 1 × insert legal_aid.referrals, at most 0 allowed`]);
    }
    expect(accountForGrowth(requests, trace, start.counts, { ...end.counts, 'union.referral_inbox': end.counts['union.referral_inbox'] + 1 }).problems)
      .toEqual([`union.referral_inbox holds ${end.counts['union.referral_inbox'] + 1} rows; it held ${start.counts['union.referral_inbox']} and the trace accounts for ${end.counts['union.referral_inbox']}`]);
  });

  it('refuses JSON nested too deep before anything reads it: a 400 naming the body, the same with a token or without, on every endpoint', async () => {
    const endpoints = await listEndpoints(platform);
    const tooDeepAnswer = { statusCode: 400, error: 'Bad Request', message: '请求参数有误', fields: { body: [expect.stringContaining(String(MAX_JSON_DEPTH))] } };
    let sent = 0;
    for (const e of endpoints) {
      const allowed = MATRIX[e.key];
      const bearer = token((allowed === 'public' ? 'command/admin' : allowed[0] ?? `${e.service}/supervisor`) as never);
      const path = e.path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(PARAMS[p]));
      // Through the portal's gateway too: the portal reads the body before it passes it on.
      const base = fc.constantFrom(platform.services[e.service].url, ...(e.service === 'portal' ? [] : [`${platform.services.portal.url}/api/${e.service}`]));
      if (e.method === 'GET') {
        // A query string cannot nest: `a[a][a]…` is one key, taken or refused like any other; never a 5xx.
        await fc.assert(fc.asyncProperty(base, deepQuery, async (at, q) => {
          const url = `${at}${path}?${q}`;
          const [withToken, without] = [await send(url, e.method, bearer), await send(url, e.method, null)];
          sent += 2;
          expectWellFormed(`${e.key} ?${q.slice(0, 40)}…`, withToken);
          expectWellFormed(`${e.key} ?${q.slice(0, 40)}… without a token`, without);
          if (allowed !== 'public') expect({ key: e.key, status: without.status }).toEqual({ key: e.key, status: 401 });
        }), { numRuns: 2 });
        continue;
      }
      await fc.assert(fc.asyncProperty(base, deepBody(TEMPLATES[e.key]), fc.option(deepQuery), async (at, body, q) => {
        const url = `${at}${path}${q ? `?${q}` : ''}`;
        const [withToken, without] = [await send(url, e.method, bearer, body), await send(url, e.method, null, body)];
        sent += 2;
        expect({ key: e.key, status: withToken.status, reply: withToken.reply }).toEqual({ key: e.key, status: 400, reply: tooDeepAnswer });
        expect({ key: e.key, status: without.status, text: without.text }).toEqual({ key: e.key, status: 400, text: withToken.text });
      }), { numRuns: 3 });
    }
    process.stdout.write(`hostile HTTP: ${sent} requests with JSON nested too deep or deep query strings, over ${endpoints.length} endpoints\n`);
  });

  it('refuses a day that does not exist in every date field, at that field', async () => {
    let sent = 0;
    for (const d of DATE_FIELDS) {
      const [service, method, path] = d.key.split(' ');
      const call = (date: string) => {
        const { query: q, body } = d.request(date);
        const url = platform.services[service].url + path.replace(/\{(\w+)\}/g, (_, p: string) => PARAMS[p]) + (q ? `?${q}` : '');
        sent++;
        return send(url, method, token(d.caller), body && JSON.stringify(body));
      };
      // The same request with a real day gets past validation, so each refusal below is the day's.
      const real = await call(d.instant ? '2026-11-20T10:00:00+08:00' : '2026-11-20');
      expectWellFormed(d.key, real);
      expect({ key: d.key, refused: real.status === 400 ? real.reply.fields : 'no' }).toEqual({ key: d.key, refused: 'no' });
      await fc.assert(fc.asyncProperty(d.instant ? impossibleDay : refusedDay, fc.constantFrom('T10:00:00Z', 'T00:00:00+08:00', 'T23:59:59.999Z'), async (day, time) => {
        const refused = await call(d.instant ? day + time : day);
        expect({ key: d.key, day, status: refused.status, fields: refused.reply.fields }).toEqual({ key: d.key, day, status: 400, fields: { [d.field]: [expect.any(String)] } });
      }), { numRuns: 20 });
    }
    process.stdout.write(`hostile HTTP: ${sent} requests with impossible dates over ${DATE_FIELDS.length} date fields\n`);
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
