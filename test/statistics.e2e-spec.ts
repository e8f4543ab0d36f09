// Statistics end to end: a seeded plan of applications, referrals and decisions goes through the real services;
// the committee's figures per county must equal what is counted from the plan itself, and a rebuild of the read
// model from the topics must give the same figures again.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { AlertIssued, GANZHOU_CITY_CODE, Topics } from '@yuanlian/contracts';
import { ConfigResourceTypes } from 'kafkajs';
import { makeCreditCode, makeResidentId } from '@yuanlian/identity';
import { Random } from '@yuanlian/scenario';
import { createNamespace, dropNamespace, enterNamespace, testKafka, tokenFor, waitFor } from '@yuanlian/testing';
import { signedAs } from '@yuanlian/messaging';
import { SCREENSHOTS } from './support/browser';
import { Platform } from './support/platform';

const ns = createNamespace('stats');
enterNamespace(ns);

const COUNTIES = ['360702', '360704', '360722'];
const CHANNELS = ['online', 'hotline_12348', 'window', 'workstation', 'mobile_station'] as const;
const MATTERS = ['wage_arrears', 'work_injury', 'labor_contract'] as const;
const RECEIVER = { wage_arrears: 'labor-inspection', work_injury: 'arbitration', labor_contract: 'arbitration' } as const;
const HANDLING_CLOCK = { 'labor-inspection': 'labor-inspection.investigation', arbitration: 'arbitration.award' } as const;
const ACCEPTANCE_CLOCK = { 'labor-inspection': 'labor-inspection.acceptance', arbitration: 'arbitration.acceptance' } as const;

interface Case {
  county: string; channel: string; matter: (typeof MATTERS)[number]; idNumber: string; amountFen: number; urgent: boolean;
  refer: boolean; decision: 'accept' | 'decline' | 'none'; resolve: boolean; recoveredFen: number; paid: boolean;
}

/** The plan: who applies where and how each agency decides. Some workers apply twice (one worker served). */
function plan(seed: number, n: number): Case[] {
  const r = new Random(seed);
  const workers = Array.from({ length: Math.ceil(n * 0.8) }, (_, i) => makeResidentId('360702', `1985${String(1 + (i % 12)).padStart(2, '0')}15`, 100 + i));
  return Array.from({ length: n }, (): Case => {
    const amountFen = r.int(1, 500) * 10_000 + r.int(0, 99);
    const decision = r.weighted({ accept: 5, decline: 2, none: 2 });
    return {
      county: r.pick(COUNTIES), channel: r.pick(CHANNELS), matter: r.pick(MATTERS), idNumber: r.pick(workers), amountFen, urgent: r.chance(0.15),
      refer: r.chance(0.85), decision, resolve: decision === 'accept' && r.chance(0.6), recoveredFen: r.int(1, 100) * 1_000, paid: r.chance(0.7),
    };
  });
}

/** What the figures must say, counted from the plan alone. */
function expected(cases: Case[], county: string) {
  const mine = cases.filter((c) => c.county === county);
  const count = <K extends string>(key: (c: Case) => K) => mine.reduce<Record<string, number>>((o, c) => ({ ...o, [key(c)]: (o[key(c)] ?? 0) + 1 }), {});
  const referrals: Record<string, object> = {};
  for (const agency of ['labor-inspection', 'arbitration'] as const) {
    const sent = mine.filter((c) => c.refer && RECEIVER[c.matter] === agency);
    if (!sent.length) continue;
    const accepted = sent.filter((c) => c.decision === 'accept').length;
    const declined = sent.filter((c) => c.decision === 'decline').length;
    const resolved = sent.filter((c) => c.resolve).length;
    const clocks: Record<string, object> = {};
    if (accepted + declined) clocks[ACCEPTANCE_CLOCK[agency]] = { stopped: accepted + declined, onTime: accepted + declined, onTimeRate: 1 };
    if (resolved) clocks[HANDLING_CLOCK[agency]] = { stopped: resolved, onTime: resolved, onTimeRate: 1 };
    referrals[agency] = {
      received: sent.length, accepted, declined, returned: 0, resolved, revoked: 0,
      acceptanceRate: accepted + declined ? Math.round((accepted / (accepted + declined)) * 1000) / 1000 : null, clocks,
    };
  }
  return {
    applications: mine.length,
    byChannel: count((c) => c.channel),
    byMatter: count((c) => c.matter),
    greenChannel: mine.filter((c) => c.matter === 'wage_arrears' || c.matter === 'work_injury').length,
    acceptedFirst: mine.filter((c) => c.urgent).length,
    workersServed: new Set(mine.map((c) => c.idNumber)).size,
    amountClaimedFen: mine.reduce((s, c) => s + c.amountFen, 0),
    referrals,
    amountRecoveredFen: mine.filter((c) => c.refer && c.resolve).reduce((s, c) => s + c.recoveredFen, 0),
    paymentsConfirmed: mine.filter((c) => c.refer && c.resolve && c.paid).length,
    // The plan proposes no typical case (their figures are tested with the typical cases, end to end).
    typicalCases: { sent: 0, onTime: 0, published: 0 },
    // Nor refusals, objections or agency steps (the procedures are counted end to end in test/procedures.e2e-spec.ts).
    procedures: {
      refused: 0, terminated: 0, objections: 0, objectionsCorrected: 0, injuryDeterminations: 0, injuriesRecognized: 0,
      crimeTransfers: 0, crimeTransferFen: 0, contractorOrders: 0, builderAdvances: 0, depositDraws: 0, constructionPaidFen: 0,
    },
  };
}

const quarter = () => {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
};

describe('statistics', () => {
  let platform: Platform;
  const cases = plan(20261129, 48);
  const analyst = tokenFor('command', GANZHOU_CITY_CODE, 'analyst');
  const admin = tokenFor('command', GANZHOU_CITY_CODE, 'admin');
  const ok = (r: { status: number; body: any }, status = 200) => {
    expect({ status: r.status, body: r.status === status ? undefined : r.body }).toEqual({ status, body: undefined });
    return r.body;
  };

  beforeAll(async () => {
    platform = await Platform.start(ns, ['legal-aid', 'labor-inspection', 'arbitration', 'command']);
  });

  afterAll(async () => {
    await platform?.stop();
    await dropNamespace(ns);
  });

  it('counts per county what the plan says happened, and a rebuild from the topics gives the same figures', async () => {
    let milestones = 0;
    for (const [i, c] of cases.entries()) {
      const clerk = tokenFor('legal-aid', c.county, 'clerk');
      const created = ok(await platform.call('legal-aid', 'POST', '/applications', clerk, {
        worker: { name: '统计测试', idNumber: c.idNumber, phone: '13907970001' },
        employer: { name: '赣州统计测试有限公司', creditCode: makeCreditCode(`91${c.county}MA3${String(i).padStart(6, '0')}`) },
        divisionCode: c.county, channel: c.channel, matter: c.matter, industry: 'construction', amountOwedFen: c.amountFen, workersAffected: 1,
        summary: '统计测试', ...(c.urgent ? { urgent: true, urgentKind: 'limitation', urgentReason: '仲裁时效即将届满' } : {}),
      }), 201);
      if (!c.refer) continue;
      const agency = RECEIVER[c.matter];
      const referral = ok(await platform.call('legal-aid', 'POST', `/applications/${created.id}/referrals`, clerk, { toAgencyType: agency }), 201);
      milestones++;
      if (c.decision === 'none') continue;
      const officer = tokenFor(agency, c.county, agency === 'labor-inspection' ? 'inspector' : 'officer');
      await waitFor('the referral at the office', async () => (await platform.call(agency, 'GET', `/referrals/${referral.id}`, officer)).status === 200, 60_000, 100);
      if (c.decision === 'decline') {
        ok(await platform.call(agency, 'POST', `/referrals/${referral.id}/decline`, officer, { reasonCode: 'insufficient_information', reason: '材料不足' }));
        milestones++;
        continue;
      }
      ok(await platform.call(agency, 'POST', `/referrals/${referral.id}/accept`, officer, {}));
      milestones++;
      if (c.resolve) {
        ok(await platform.call(agency, 'POST', `/referrals/${referral.id}/resolve`, officer, { outcome: c.paid ? 'paid_in_full' : 'order_issued', amountRecoveredFen: c.recoveredFen, paymentConfirmed: c.paid }));
        milestones++;
      }
    }

    const period = quarter();
    const figures = async () => ok(await platform.call('command', 'GET', `/statistics?period=${period}`, analyst));
    const complete = (f: any) => f.total.applications === cases.length &&
      Object.values(f.total.referrals).reduce((n: number, a: any) => n + a.received + a.accepted + a.declined + a.resolved, 0) === milestones;
    const live = await waitFor('every event in the statistics', async () => {
      const f = await figures();
      return complete(f) ? f : undefined;
    }, 60_000, 250);

    for (const county of COUNTIES) {
      const got = live.counties.find((c: { divisionCode: string }) => c.divisionCode === county);
      const want = expected(cases, county);
      expect({ county, ...got, byIndustry: undefined, granted: undefined, transfersIn: undefined, transfersOut: undefined, alerts: undefined, divisionName: undefined, demonstrationSite: undefined, divisionCode: undefined })
        .toEqual({ county, ...want, byIndustry: undefined, granted: undefined, transfersIn: undefined, transfersOut: undefined, alerts: undefined, divisionName: undefined, demonstrationSite: undefined, divisionCode: undefined });
      // Urgent cases are granted at once; the others wait for a lawyer's decision.
      expect(got.granted).toBe(want.acceptedFirst);
    }
    expect(live.total.applications).toBe(cases.length);
    expect(live.total.workersServed).toBe(new Set(cases.map((c) => c.idNumber)).size);
    // 赣县区 and 信丰县 are demonstration sites; 章贡区 is not.
    expect(live.demonstration.sites.applications).toBe(cases.filter((c) => c.county !== '360702').length);
    expect(live.demonstration.rest.applications).toBe(cases.filter((c) => c.county === '360702').length);
    // 章贡区's center is a demonstration window (the directory says so); the sites' centers are not windows.
    expect(live.demonstration.windows).toMatchObject({ offices: 1, applications: cases.filter((c) => c.county === '360702').length });
    expect(live.demonstration.otherOffices).toMatchObject({ offices: 2, applications: cases.filter((c) => c.county !== '360702').length });

    // The CSV of the county table: the header in Chinese and a row per county plus the total.
    const csv = await fetch(`${platform.services.command.url}/statistics/counties.csv?period=${period}`, { headers: { authorization: `Bearer ${analyst}` } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^"县（市、区）","示范点","申请件数"/);
    expect(lines.find((l) => l.startsWith('"章贡区"'))).toContain(`"${expected(cases, '360702').applications}"`);
    expect(lines[lines.length - 1]).toMatch(new RegExp(`^"合计","否","${cases.length}"`));

    // The report as a workbook, read back with a standard reader (the zip's own workbook part) and with exceljs.
    const xlsx = Buffer.from(await (await fetch(`${platform.services.command.url}/statistics/report.xlsx?period=${period}`, { headers: { authorization: `Bearer ${analyst}` } })).arrayBuffer());
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    writeFileSync(join(dir, 'report.xlsx'), xlsx);
    const workbookXml = execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode())', join(dir, 'report.xlsx')], { encoding: 'utf8' });
    for (const name of ['汇总', '图表', '县区', '转介办理', '预警']) expect(workbookXml).toContain(`name="${name}"`);
    // Its charts are native: parsed by a standard XML parser, drawn on the 图表 sheet, reading the county sheet's cells.
    const charts = JSON.parse(execFileSync('python3', ['-c', [
      'import sys, json, zipfile, xml.etree.ElementTree as ET',
      'z = zipfile.ZipFile(sys.argv[1]); C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"',
      'out = []',
      'for n in sorted(x for x in z.namelist() if x.startswith("xl/charts/chart")):',
      '  t = ET.fromstring(z.read(n)); s = t.find(f".//{C}ser")',
      '  out.append({"title": "".join(e.text or "" for e in t.find(f"{C}chart/{C}title").iter("{http://schemas.openxmlformats.org/drawingml/2006/main}t")),',
      '    "cat": s.find(f"{C}cat//{C}f").text, "val": s.find(f"{C}val//{C}f").text, "points": [float(v.text) for v in s.findall(f"{C}val//{C}v")]})',
      'types = z.read("[Content_Types].xml").decode(); assert "drawingml.chart+xml" in types and "/xl/drawings/drawing1.xml" in types',
      'print(json.dumps(out, ensure_ascii=False))',
    ].join('\n'), join(dir, 'report.xlsx')], { encoding: 'utf8' }));
    const rows = live.counties.length;
    expect(charts.map((c: { title: string; cat: string; val: string }) => [c.title, c.cat, c.val])).toEqual([
      ['各县（市、区）申请件数', `'县区'!$A$3:$A$${rows + 2}`, `'县区'!$C$3:$C$${rows + 2}`],
      ['各县（市、区）追回金额（元）', `'县区'!$A$3:$A$${rows + 2}`, `'县区'!$W$3:$W$${rows + 2}`],
      ['各县（市、区）欠薪预警（条）', `'预警'!$A$3:$A$${rows + 2}`, `'预警'!$B$3:$B$${rows + 2}`],
    ]);
    expect(charts[0].points).toEqual(live.counties.map((c: { applications: number }) => c.applications));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as never);
    const countyRow = (wb.getWorksheet('县区')!.getSheetValues() as unknown[][]).find((row) => row?.[1] === '章贡区')!;
    expect(countyRow[3]).toBe(expected(cases, '360702').applications);
    expect((wb.getWorksheet('汇总')!.getRow(3).values as unknown[])[2]).toBe(cases.length);
    // The on-time counts name their clocks in Chinese, in the workbook and for the screen.
    const inspection = (wb.getWorksheet('转介办理')!.getSheetValues() as unknown[][]).find((row) => row?.[1] === '章贡区' && row?.[2] === '劳动保障监察')!;
    expect(inspection[8]).toMatch(/(^|；)劳动保障监察投诉受理：\d+\/\d+/);
    expect(live.clockLabels['labor-inspection.acceptance']).toBe('劳动保障监察投诉受理');
    // The cells the charts read: the county sheet's columns C and W, the alert sheet's column B.
    expect([wb.getWorksheet('县区')!.getCell('C2').value, wb.getWorksheet('县区')!.getCell('W2').value, wb.getWorksheet('预警')!.getCell('B2').value])
      .toEqual(['申请件数', '追回金额（元）', '预警（条）']);

    // The county's PDF report: rendered page by page (pdftoppm), its text in Chinese (pdftotext).
    const pdf = await fetch(`${platform.services.command.url}/statistics/report.pdf?period=${period}&divisionCode=360702`, { headers: { authorization: `Bearer ${analyst}` } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    writeFileSync(join(dir, 'report.pdf'), Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('赣州市章贡区农民工法律援助统计报告');
    expect(text).toMatch(new RegExp(`申请件数\\s+${expected(cases, '360702').applications}\\b`));
    mkdirSync(SCREENSHOTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(dir, 'report.pdf'), join(SCREENSHOTS, 'report-360702')]);
    const page = readdirSync(SCREENSHOTS).find((f) => f.startsWith('report-360702') && f.endsWith('.png'))!;
    expect(statSync(join(SCREENSHOTS, page)).size).toBeGreaterThan(10_000);
    rmSync(dir, { recursive: true });

    // Rebuilt from the topics: the same figures.
    expect(ok(await platform.call('command', 'POST', '/statistics/rebuild', admin), 202)).toMatchObject({ state: 'running' });
    const status = await waitFor('the rebuild to finish', async () => {
      const s = ok(await platform.call('command', 'GET', '/statistics/rebuild', admin));
      return s.state === 'running' ? undefined : s;
    }, 60_000, 200);
    expect(status).toMatchObject({ state: 'done', skipped: 0 });
    expect(status.events).toBeGreaterThanOrEqual(cases.length + milestones);
    expect(await figures()).toEqual(live);
  });

  it("counts alerts by their peak level and how long the first acknowledgement took from the alert's first message", async () => {
    // The committee's desk hears of one alert twice: raised at t0, updated 20 minutes later with an acknowledgement
    // made 6 minutes after t0. The time to acknowledge counts from the first message, not the latest.
    const t0 = Date.now() - 30 * 60_000;
    const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
    const alertId = randomUUID();
    const alert = (sequence: number, sentAt: string, acknowledgements: object[]) => ({
      deskType: 'command', alertId, sequence, msgType: sequence === 1 ? 'Alert' : 'Update', status: 'live', level: 'orange', severity: 'Severe', peakLevel: 'orange',
      change: '发布橙色预警', subject: { kind: 'employer', key: 'employer:91360704MA35STAT01', label: '赣州统计预警有限公司', divisionCode: '360704', industry: 'construction', governmentFunded: false, repeatOffender: false },
      desks: ['command:360704', 'command:360700'], acknowledgements, escalations: 0,
      explanation: { rules: [], amplifiers: [], figures: { workers: 12, workersPaid: 0, outstandingFen: 0, monthsInArrears: 0, complaints: 0, channels: [], sites: 0, signals: 12 }, signals: [] },
      references: [], raisedOn: at(0).slice(0, 10), levelSince: at(0).slice(0, 10), asOf: at(0).slice(0, 10), sentAt,
    });
    const producer = testKafka().producer();
    await producer.connect();
    for (const payload of [alert(1, at(0), []), alert(2, at(20), [{ officeId: 'command:360704', by: 'analyst', at: at(6) }])]) {
      const envelope = { eventId: randomUUID(), type: AlertIssued.type, version: AlertIssued.version, occurredAt: payload.sentAt, source: AlertIssued.sources[0], caseId: AlertIssued.caseId(payload as never), payload };
      await producer.send({ topic: ns.topicPrefix + Topics.alertsTo('command'), messages: [signedAs(envelope, Topics.alertsTo('command'), alertId)] });
    }
    await producer.disconnect();
    const county = await waitFor('the updated alert in the statistics', async () => {
      const f = ok(await platform.call('command', 'GET', `/statistics?period=${quarter()}&divisionCode=360704`, analyst));
      return f.counties[0].alerts.acknowledged === 1 ? f.counties[0] : undefined;
    }, 30_000, 200);
    expect(county.alerts).toEqual({ raised: 1, byLevel: { blue: 0, yellow: 0, orange: 1, red: 0 }, acknowledged: 1, medianMinutesToAcknowledge: 6 });
  });

  it('counts transfers out of and into each county (异地协作), also after a rebuild', async () => {
    const period = quarter();
    const transfers = async () => {
      const f = ok(await platform.call('command', 'GET', `/statistics?period=${period}`, analyst));
      return Object.fromEntries(f.counties.map((c: any) => [c.divisionCode, [c.transfersIn, c.transfersOut]]));
    };
    const before = await transfers();
    const consent = { given: true, method: 'written', at: new Date().toISOString() };
    const apply = async (county: string, i: number) => ok(await platform.call('legal-aid', 'POST', '/applications', tokenFor('legal-aid', county, 'clerk'), {
      worker: { name: '协作测试', idNumber: makeResidentId('360733', '19900101', 700 + i), phone: '13907970002' },
      employer: { name: '赣州协作测试有限公司', creditCode: makeCreditCode(`91${county}MA3TR${String(i).padStart(4, '0')}`) },
      divisionCode: county, channel: 'online', matter: 'wage_arrears', industry: 'construction', amountOwedFen: 100_000, workersAffected: 1, summary: '异地协作测试',
    }), 201);
    // Two cases move from 章贡区 to 信丰县, one from 赣县区 to a center in another city; one comes into 信丰县 from outside.
    for (const i of [1, 2]) {
      const a = await apply('360702', i);
      ok(await platform.call('legal-aid', 'POST', `/applications/${a.id}/transfer`, tokenFor('legal-aid', '360702', 'clerk'), { toCenter: 'legal-aid:360722', reason: '劳动者返乡，就近办理', consent }), 204);
    }
    const out = await apply('360704', 3);
    ok(await platform.call('legal-aid', 'POST', `/applications/${out.id}/transfer`, tokenFor('legal-aid', '360704', 'clerk'), { toCenter: 'legal-aid:440305', toCenterName: '深圳市南山区法律援助处', reason: '用人单位在深圳', consent }), 204);
    ok(await platform.call('legal-aid', 'POST', '/transfers/inbound', tokenFor('legal-aid', '360722', 'clerk'), {
      fromCenter: 'legal-aid:440305', fromCenterName: '深圳市南山区法律援助处', reason: '劳动者户籍在信丰县', consent,
      application: {
        worker: { name: '协作测试', idNumber: makeResidentId('360722', '19900101', 704), phone: '13907970003' },
        employer: { name: '深圳协作测试有限公司', creditCode: makeCreditCode('91440305MA3TR0004') },
        divisionCode: '360722', channel: 'online', matter: 'wage_arrears', industry: 'construction', amountOwedFen: 100_000, workersAffected: 1, summary: '外市移入',
      },
    }), 201);
    const want = { ...before, '360702': [before['360702'][0], before['360702'][1] + 2], '360722': [before['360722'][0] + 3, before['360722'][1]], '360704': [before['360704'][0], before['360704'][1] + 1] };
    const got = await waitFor('the transfers in the statistics', async () => {
      const t = await transfers();
      return JSON.stringify(t) === JSON.stringify(want) ? t : undefined;
    }, 60_000, 250).catch(async () => transfers());
    expect(got).toEqual(want);

    ok(await platform.call('command', 'POST', '/statistics/rebuild', admin), 202);
    await waitFor('the rebuild to finish', async () => ok(await platform.call('command', 'GET', '/statistics/rebuild', admin)).state === 'done', 60_000, 200);
    expect(await transfers()).toEqual(want);
  });

  it('keeps the topics the read model is rebuilt from for good', async () => {
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [Topics.applications, Topics.caseFacts].map((t) => ({ type: ConfigResourceTypes.TOPIC, name: ns.topicPrefix + t, configNames: ['retention.ms'] })) });
      expect(resources.map((r) => r.configEntries.find((c) => c.configName === 'retention.ms')?.configValue)).toEqual(['-1', '-1']);
    } finally {
      await admin.disconnect();
    }
  });

  it('refuses a period it cannot read, in Chinese, naming the field', async () => {
    const res = await platform.call('command', 'GET', '/statistics?period=2026-13', analyst);
    expect(res).toMatchObject({ status: 400, body: { fields: { period: [expect.stringContaining('统计期间')] } } });
  });
});
