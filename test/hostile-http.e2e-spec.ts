// Hostile HTTP: property-based generation (fast-check) of request bodies, query strings and path parameters
// across every endpoint — over ten thousand requests. No answer may be a 5xx; every 4xx carries a message, every
// 400 names its fields; nothing is stored from a refused request; SQL and script in text are kept literally.
// Bodies nested thousands deep are refused at the edge, with a token or without; days that do not exist, at the field.
import 'reflect-metadata';
import fc from 'fast-check';
import { findPersonalNumbers, makeCreditCode } from '@yuanlian/identity';
import { schemaName } from '@yuanlian/database';
import { AGENCY_STEPS, MAX_JSON_DEPTH } from '@yuanlian/contracts';
import { createNamespace, dropNamespace, enterNamespace } from '@yuanlian/testing';
import { CALLERS, listEndpoints, MATRIX, PARAMS, token } from './support/access';
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
    key: 'legal-aid POST /transfers/inbound', caller: 'legal-aid/clerk', field: 'consent.at', instant: true,
    request: (at) => ({ body: { fromCenter: 'legal-aid:440305', fromCenterName: '深圳市法律援助中心', reason: '劳动者返乡', consent: consent(at), application: TEMPLATES['legal-aid POST /applications'] } }),
  },
  ...(['early-warning', 'command'] as const).map((s) => ({
    key: `${s} GET /admin/audit`, caller: 'command/admin' as const, field: 'since', instant: true as const, request: (at: string) => ({ query: `since=${encodeURIComponent(at)}` }),
  })),
];

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

  it('never answers 5xx, names every bad field, and stores nothing it refused', async () => {
    const endpoints = (await listEndpoints(platform)).filter((e) => MATRIX[e.key] !== 'public');
    const before = await tableCounts();
    const succeeded = new Map<string, number>();
    const sentNumbers = new Set<string>();
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
          const answer = await send(platform.services[e.service].url + url, e.method, bearer,
            b === undefined ? undefined : typeof b === 'string' && b.startsWith('{"broken') ? b : JSON.stringify(b) ?? 'null');
          sent++;
          const { text, reply } = answer;
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
          if (answer.status < 400 && e.method !== 'GET') {
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
