// Typical cases end to end: closed cases full of personal data are drafted into typical cases with none of it left
// (scanned independently of the anonymiser), go through county and city review into the case library, export as a
// PDF for publication, and each county's quarterly duty is tracked: a county that missed day 10 is flagged; the
// committee's quarterly figures and report count what each county sent, on time and published, from the events.
import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GANZHOU_CITY_CODE } from '@yuanlian/contracts';
import { localDate, quarterOf, shiftQuarter } from '@yuanlian/deadlines';
import { makeCreditCode, makeResidentId } from '@yuanlian/identity';
import { Random } from '@yuanlian/scenario';
import { createNamespace, dropNamespace, enterNamespace, tokenFor, waitFor } from '@yuanlian/testing';
import { Platform } from './support/platform';

const ns = createNamespace('typical');
enterNamespace(ns);

const SURNAMES = ['王', '李', '张', '刘', '陈', '欧阳', '曾', '赖', '钟', '谢', '黄', '肖'];
const GIVEN = ['建国', '秀英', '志强', '春花', '国平', '小红', '海峰', '丽娟', '明', '伟', '桂兰', '金生'];
const BRANDS = ['宏达', '金盛', '鑫源', '华建', '赣南', '恒通'];

interface Worker { name: string; idNumber: string; phone: string; employer: string; brand: string; creditCode: string; address: string; project: string; foreman: string }

function people(seed: number, n: number): Worker[] {
  const r = new Random(seed);
  return Array.from({ length: n }, (_, i) => {
    const brand = r.pick(BRANDS);
    return {
      name: r.pick(SURNAMES) + r.pick(GIVEN),
      idNumber: makeResidentId(r.pick(['360702', '360722', '360733']), `19${70 + r.int(0, 29)}0${r.int(1, 9)}1${r.int(0, 9)}`, 100 + i),
      phone: `1${r.pick(['38', '59', '77', '86', '99'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`,
      employer: `赣州${brand}建设工程有限公司`,
      brand,
      creditCode: makeCreditCode(`91360702MA35${String(i).padStart(5, '0')}`),
      address: `章贡区红旗大道${r.int(1, 300)}号${brand}花园${r.int(1, 9)}期`,
      project: `${brand}花园${r.int(1, 9)}期`,
      foreman: `${r.pick(['李', '罗', '邓'])}${r.pick(['国强', '有才', '水生'])}`,
    };
  });
}

// The ways a clerk writes numbers in a summary: as typed, split, with dashes, in full-width digits.
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const styles = [(s: string) => s, (s: string) => s.replace(/^(.{6})(.{8})/, '$1 $2 '), (s: string) => s.replace(/^(.{3})(.{4})/, '$1-$2-'), fullWidth];

/** Independent of the anonymiser: every digit run of the text with separators dropped, and plain substring search. */
function leaks(text: string, w: Worker): string[] {
  const ascii = text.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const runs = ascii.split(/[^0-9Xx \-]+/).map((r) => r.replace(/[^0-9Xx]/g, ''));
  const given = w.name.slice(w.name.startsWith('欧阳') ? 2 : 1);
  return [
    ...(runs.some((r) => r.includes(w.idNumber.slice(0, 17))) ? ['idNumber'] : []),
    ...(runs.some((r) => r.includes(w.phone)) ? ['phone'] : []),
    ...(text.includes(w.name) ? ['name'] : []),
    ...(given.length >= 2 && text.includes(given) ? ['given name'] : []),
    ...(text.includes(w.brand) ? ['employer'] : []),
    ...(text.includes(w.creditCode) ? ['credit code'] : []),
    ...(text.includes(w.address) || /红旗大道\d+号/.test(text) ? ['address'] : []),
    ...(text.includes(w.foreman) ? ['foreman'] : []),
  ];
}

describe('typical cases', () => {
  let platform: Platform;
  const city = tokenFor('legal-aid', GANZHOU_CITY_CODE, 'supervisor');
  const ok = (r: { status: number; body: any }, status = 200) => {
    expect({ status: r.status, body: r.status === status ? undefined : r.body }).toEqual({ status, body: undefined });
    return r.body;
  };
  const today = localDate(new Date());
  const current = quarterOf(today);
  /** The last quarter whose cases are already due (early in a quarter, the one before it). */
  let past: string;
  const duty = async (quarter: string, token = city, asOf?: string) =>
    ok(await platform.call('legal-aid', 'GET', `/typical-cases/duty?quarter=${quarter}${asOf ? `&asOf=${asOf}` : ''}`, token));

  beforeAll(async () => {
    platform = await Platform.start(ns, ['legal-aid', 'labor-inspection', 'command'], { TYPICAL_CASE_SWEEP_MS: '1000' });
    past = shiftQuarter(current);
    if ((await duty(past)).items[0].dueOn >= today) past = shiftQuarter(past);
  });

  afterAll(async () => {
    await platform?.stop();
    await dropNamespace(ns);
  });

  /** A case through the whole lifecycle to closed; with `refer`, labor inspection recovers the wages first. */
  async function closedCase(county: string, w: Worker, i: number, refer: boolean): Promise<string> {
    const clerk = tokenFor('legal-aid', county, 'clerk');
    const lawyer = tokenFor('legal-aid', county, 'lawyer');
    const head = tokenFor('legal-aid', county, 'supervisor');
    const style = styles[i % styles.length];
    const created = ok(await platform.call('legal-aid', 'POST', '/applications', clerk, {
      worker: { name: w.name, idNumber: w.idNumber, phone: w.phone },
      employer: { name: w.employer, creditCode: w.creditCode },
      project: { name: w.project, address: w.address },
      divisionCode: county, channel: 'hotline_12348', matter: 'wage_arrears', industry: 'construction', amountOwedFen: 3_864_000, workersAffected: 12,
      summary: `${w.name}（身份证号${style(w.idNumber)}，手机${style(w.phone)}）等12人在${w.brand}公司承建的${w.project}务工，地址${w.address}。` +
        `包工头${w.foreman}自2026年5月起拖欠工资共计38,640元，${w.name.slice(w.name.startsWith('欧阳') ? 2 : 1)}多次讨要未果。`,
    }), 201);
    ok(await platform.call('legal-aid', 'POST', `/applications/${created.id}/accept`, lawyer));
    ok(await platform.call('legal-aid', 'POST', `/applications/${created.id}/assign`, head, { lawyerName: '温律师' }));
    if (refer) {
      const referral = ok(await platform.call('legal-aid', 'POST', `/applications/${created.id}/referrals`, clerk, { toAgencyType: 'labor-inspection' }), 201);
      const inspector = tokenFor('labor-inspection', county, 'inspector');
      await waitFor('the referral at inspection', async () => (await platform.call('labor-inspection', 'GET', `/referrals/${referral.id}`, inspector)).status === 200, 60_000, 100);
      ok(await platform.call('labor-inspection', 'POST', `/referrals/${referral.id}/accept`, inspector, {}));
      ok(await platform.call('labor-inspection', 'POST', `/referrals/${referral.id}/resolve`, inspector, { outcome: 'paid_in_full', amountRecoveredFen: 3_864_000, paymentConfirmed: true }));
    }
    await waitFor('the case to close', async () => {
      const r = await platform.call('legal-aid', 'POST', `/applications/${created.id}/close`, lawyer, {
        note: `已为${w.name}等人追回工资，${w.foreman}（电话${w.phone}）当场支付。`,
      });
      if (r.status !== 200 && r.status !== 409) throw new Error(JSON.stringify(r.body));
      return r.status === 200;
    }, 60_000, 200);
    return created.id;
  }

  const drafts: { id: string; worker: Worker; county: string }[] = [];

  it('drafts typical cases from closed cases with no ID number, phone number, name, employer or address left', async () => {
    const workers = people(20261129, 10);
    for (const [i, w] of workers.entries()) {
      const county = i % 2 ? '360722' : '360702';
      const applicationId = await closedCase(county, w, i, i < 3);
      // 信丰县's first case counts for a past quarter (sent late, below); the others for this one.
      const quarter = i === 1 ? past : current;
      const draft = ok(await platform.call('legal-aid', 'POST', '/typical-cases', tokenFor('legal-aid', county, 'lawyer'), { applicationId, quarter }), 201);
      drafts.push({ id: draft.id, worker: w, county });
      const text = [draft.title, draft.facts, draft.handling, draft.result, draft.significance, ...draft.keywords].join('\n');
      expect({ i, leaks: leaks(text, w) }).toEqual({ i, leaks: [] });
      expect(draft).toMatchObject({ status: 'draft', workersAffected: 12, amountClaimedFen: 3_864_000, actions: { edit: true, submit: true, approve: false } });
      // What the case says, without who: the facts keep the numbers that matter.
      expect(draft.facts).toContain('38,640元');
      if (i < 3) {
        expect(draft.handling).toMatch(/转介至.*劳动保障监察（已办结，办理结果：已足额支付，追回38,640元）/);
        expect(draft.amountRecoveredFen).toBe(3_864_000);
      }
    }
    // A case can be proposed once, only when closed, only by its own center.
    const first = drafts[0];
    const again = await platform.call('legal-aid', 'POST', '/typical-cases', tokenFor('legal-aid', '360702', 'lawyer'), { applicationId: ok(await platform.call('legal-aid', 'GET', `/typical-cases/${first.id}`, tokenFor('legal-aid', '360702', 'lawyer'))).applicationId });
    expect(again.status).toBe(409);
    expect((await platform.call('legal-aid', 'GET', `/typical-cases/${first.id}`, tokenFor('legal-aid', '360722', 'lawyer'))).status).toBe(404);
    // Two proposals of one case at the same moment: one draft, one 409 (never a 500 from the unique index).
    const nk = tokenFor('legal-aid', '360703', 'lawyer');
    for (const [j, w] of people(7, 3).entries()) {
      const applicationId = await closedCase('360703', w, 20 + j, false);
      const answers = await Promise.all([0, 1].map(() => platform.call('legal-aid', 'POST', '/typical-cases', nk, { applicationId, quarter: current })));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    }
  });

  it('refuses an edit that puts personal data back, or that overwrites someone else’s edit', async () => {
    const { id, worker } = drafts[0];
    const lawyer = tokenFor('legal-aid', '360702', 'lawyer');
    const tc = ok(await platform.call('legal-aid', 'GET', `/typical-cases/${id}`, lawyer));
    const bad = await platform.call('legal-aid', 'PUT', `/typical-cases/${id}`, lawyer, {
      version: tc.version, facts: `${tc.facts}\n当事人${worker.name}，电话${worker.phone.replace(/^(.{3})(.{4})/, '$1 $2 ')}。`,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.facts.join()).toMatch(/姓名“.+”.*电话号码/);
    const edited = ok(await platform.call('legal-aid', 'PUT', `/typical-cases/${id}`, lawyer, {
      version: tc.version, title: '建筑工地12名农民工追讨欠薪获援 监察联动全额追回', keywords: ['欠薪', '绿色通道', '部门联动'], note: '改写标题',
    }));
    expect(edited.version).toBe(tc.version + 1);
    const stale = await platform.call('legal-aid', 'PUT', `/typical-cases/${id}`, lawyer, { version: tc.version, title: '另一个标题另一个标题' });
    expect(stale.status).toBe(409);
  });

  it('goes through county and city review into a searchable case library and a PDF for publication', async () => {
    const q = current;
    const [a, b, c] = drafts.filter((d) => d.county === '360702');
    const lawyer = tokenFor('legal-aid', '360702', 'lawyer');
    const head = tokenFor('legal-aid', '360702', 'supervisor');
    for (const d of [a, b, c]) ok(await platform.call('legal-aid', 'POST', `/typical-cases/${d.id}/submit`, lawyer));
    // Only the head approves; a lawyer cannot, and the city cannot skip the county.
    expect((await platform.call('legal-aid', 'POST', `/typical-cases/${a.id}/approve`, lawyer, {})).status).toBe(403);
    expect((await platform.call('legal-aid', 'POST', `/typical-cases/${a.id}/approve`, city, {})).status).toBe(409);
    const sent = ok(await platform.call('legal-aid', 'POST', `/typical-cases/${a.id}/approve`, head, { note: '同意报送' }));
    expect(sent).toMatchObject({ status: 'city_review' });
    ok(await platform.call('legal-aid', 'POST', `/typical-cases/${b.id}/approve`, head, {}));
    // A third for the same quarter: refused (1–2 per quarter).
    const third = await platform.call('legal-aid', 'POST', `/typical-cases/${c.id}/approve`, head, {});
    expect(third.status).toBe(409);
    expect(third.body.message).toMatch(/已报送2件典型案例/);

    // The city returns one with a reason; the county fixes and resends it; the city publishes both.
    const returned = ok(await platform.call('legal-aid', 'POST', `/typical-cases/${b.id}/return`, city, { note: '请补充典型意义' }));
    expect(returned).toMatchObject({ status: 'returned', returnNote: '请补充典型意义' });
    ok(await platform.call('legal-aid', 'PUT', `/typical-cases/${b.id}`, lawyer, { version: returned.version, significance: '本案体现了法律援助与劳动保障监察协作联动、快速追回欠薪的工作机制。' }));
    ok(await platform.call('legal-aid', 'POST', `/typical-cases/${b.id}/submit`, lawyer));
    ok(await platform.call('legal-aid', 'POST', `/typical-cases/${b.id}/approve`, head, {}));
    for (const d of [a, b]) expect(ok(await platform.call('legal-aid', 'POST', `/typical-cases/${d.id}/approve`, city, {}))).toMatchObject({ status: 'published' });
    const history = ok(await platform.call('legal-aid', 'GET', `/typical-cases/${b.id}`, city)).history.map((h: { action: string }) => h.action);
    expect(history).toEqual(['proposed', 'submit', 'sent', 'return', 'edited', 'submit', 'sent', 'published']);

    // The library: every agency's staff reads it; words must all appear; no link back to the case file.
    const inspector = tokenFor('labor-inspection', '360722', 'inspector');
    const all = ok(await platform.call('legal-aid', 'GET', `/case-library?quarter=${q}`, inspector));
    expect(all.total).toBe(2);
    expect(all.items[0]).not.toHaveProperty('applicationId');
    const found = ok(await platform.call('legal-aid', 'GET', `/case-library?q=${encodeURIComponent('监察联动 全额追回')}`, inspector));
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    expect(ok(await platform.call('legal-aid', 'GET', `/case-library?q=${encodeURIComponent('监察联动 不存在的词')}`, inspector)).total).toBe(0);
    expect((await platform.call('legal-aid', 'GET', `/case-library/${c.id}`, inspector)).status).toBe(404);

    // Exported for publication: a PDF that renders, in Chinese, with no one's personal data in it.
    const res = await fetch(`${platform.services['legal-aid'].url}/case-library/export.pdf?quarter=${q}`, { headers: { authorization: `Bearer ${inspector}` } });
    expect({ status: res.status, type: res.headers.get('content-type'), error: res.status === 200 ? undefined : await res.text() })
      .toEqual({ status: 200, type: 'application/pdf', error: undefined });
    const dir = mkdtempSync(join(tmpdir(), 'library-'));
    writeFileSync(join(dir, 'library.pdf'), Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [join(dir, 'library.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('典型案例汇编');
    // Published generalised: the headcount, amounts and days of the case file are not in the booklet.
    expect(text).toContain('建筑工地十余名农民工追讨欠薪获援');
    expect(text).not.toMatch(/12名|38,640元/);
    for (const d of [a, b]) expect(leaks(text, d.worker)).toEqual([]);
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', join(dir, 'library.pdf'), join(dir, 'page')]);
    rmSync(dir, { recursive: true });
  });

  it('flags a county that missed day 10 after a quarter, and reminds it', async () => {
    // 信丰县 sends one of its cases for that quarter now — after its due day; 南康区 and the rest sent nothing.
    const xf = drafts.find((d) => d.county === '360722')!;
    const xfLawyer = tokenFor('legal-aid', '360722', 'lawyer');
    const xfHead = tokenFor('legal-aid', '360722', 'supervisor');
    const other = drafts.filter((d) => d.county === '360722')[1];
    // A quarter not begun yet is refused.
    const future = await platform.call('legal-aid', 'POST', '/typical-cases', xfLawyer, { applicationId: randomUUID(), quarter: shiftQuarter(current, 1) });
    expect(future.status).toBe(400);
    expect(future.body.fields.quarter).toEqual(['不能为尚未开始的季度报送典型案例']);
    // The board read as of a day that does not exist, or is not written as one, is refused at that field.
    for (const [asOf, message] of [['2026-02-30', '日期无效'], ['2026-2-3', '日期格式应为 2026-10-11']]) {
      const bad = await platform.call('legal-aid', 'GET', `/typical-cases/duty?asOf=${asOf}`, city);
      expect({ status: bad.status, asOf: bad.body.fields?.asOf }).toEqual({ status: 400, asOf: expect.arrayContaining([message]) });
    }
    ok(await platform.call('legal-aid', 'POST', `/typical-cases/${xf.id}/submit`, xfLawyer));
    ok(await platform.call('legal-aid', 'POST', `/typical-cases/${xf.id}/approve`, xfHead, {}));

    const board = await duty(past);
    const row = (code: string) => board.items.find((r: { divisionCode: string }) => r.divisionCode === code);
    expect(board.items).toHaveLength(20);
    expect(row('360722')).toMatchObject({ status: 'late', sent: 1, sentOnTime: 0 });
    expect(row('360703')).toMatchObject({ status: 'overdue', sent: 0, statusLabel: '逾期未报送' });
    expect(row('360703').daysLeft).toBeLessThan(0);
    // The overdue list names both; a county sees only its own row.
    const overdue = ok(await platform.call('legal-aid', 'GET', '/typical-cases/duty/overdue', city)).items;
    expect(overdue.filter((r: { quarter: string }) => r.quarter === past).map((r: { divisionCode: string; status: string }) => `${r.divisionCode}:${r.status}`))
      .toEqual(expect.arrayContaining(['360722:late', '360703:overdue']));
    expect((await duty(past, xfLawyer)).items.map((r: { divisionCode: string }) => r.divisionCode)).toEqual(['360722']);

    // The quarter in progress: 章贡区 sent two (above), 信丰县 sends its other case now; seen after the due day, the
    // counties that sent nothing are overdue, and today they are pending.
    ok(await platform.call('legal-aid', 'POST', `/typical-cases/${other.id}/submit`, xfLawyer));
    ok(await platform.call('legal-aid', 'POST', `/typical-cases/${other.id}/approve`, xfHead, {}));
    const now = await duty(current);
    const due = now.items[0].dueOn as string;
    const after = new Date(Date.parse(`${due}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const later = await duty(current, city, after);
    const statusOf = (b: any, code: string) => b.items.find((r: { divisionCode: string }) => r.divisionCode === code).status;
    expect([statusOf(now, '360702'), statusOf(now, '360722'), statusOf(now, '360703')]).toEqual(['met', 'met', 'pending']);
    expect([statusOf(later, '360702'), statusOf(later, '360722'), statusOf(later, '360703')]).toEqual(['met', 'met', 'overdue']);

    // The sweep reminded 南康区 that the past quarter's cases are overdue; each county reads only its own reminders.
    const nk = tokenFor('legal-aid', '360703', 'clerk');
    const reminder = await waitFor('the overdue reminder', async () =>
      ok(await platform.call('legal-aid', 'GET', '/typical-cases/reminders', nk)).items.find((r: { quarter: string; kind: string }) => r.quarter === past && r.kind === 'overdue'), 30_000, 250);
    expect(reminder.message).toMatch(/南康区：.*典型案例报送已于.*截止，至今未报送/);
    const xfReminders = ok(await platform.call('legal-aid', 'GET', '/typical-cases/reminders', xfLawyer)).items;
    expect(xfReminders.length).toBeGreaterThan(0);
    expect(xfReminders.every((r: { divisionCode: string }) => r.divisionCode === '360722')).toBe(true);
  });

  it('lets a county send at most two cases a quarter, even when its head approves three at the same moment', async () => {
    const county = '360704';
    const lawyer = tokenFor('legal-aid', county, 'lawyer');
    const head = tokenFor('legal-aid', county, 'supervisor');
    const ids: string[] = [];
    for (const [j, w] of people(11, 3).entries()) {
      const applicationId = await closedCase(county, w, 30 + j, false);
      const draft = ok(await platform.call('legal-aid', 'POST', '/typical-cases', lawyer, { applicationId, quarter: current }), 201);
      ok(await platform.call('legal-aid', 'POST', `/typical-cases/${draft.id}/submit`, lawyer));
      ids.push(draft.id);
    }
    const answers = await Promise.all(ids.map((id) => platform.call('legal-aid', 'POST', `/typical-cases/${id}/approve`, head, {})));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.message).toMatch(/赣县区.*已报送2件典型案例/);
    const row = (await duty(current)).items.find((r: { divisionCode: string }) => r.divisionCode === county);
    expect(row).toMatchObject({ sent: 2, status: 'met' });
  });

  it('counts in the committee’s figures and report what each county sent, on time and published, also after a rebuild', async () => {
    const analyst = tokenFor('command', GANZHOU_CITY_CODE, 'analyst');
    const admin = tokenFor('command', GANZHOU_CITY_CODE, 'admin');
    // What legal aid itself says, per county and quarter: the duty board's sent and on-time counts, the published list.
    const expected = async (quarter: string) => {
      const published = ok(await platform.call('legal-aid', 'GET', `/typical-cases?status=published&quarter=${quarter}&limit=100`, city)).items;
      return Object.fromEntries((await duty(quarter)).items.map((r: { divisionCode: string; sent: number; sentOnTime: number }) => [r.divisionCode, {
        sent: r.sent, onTime: r.sentOnTime, published: published.filter((p: { divisionCode: string }) => p.divisionCode === r.divisionCode).length,
      }]));
    };
    const figures = async (period: string) => ok(await platform.call('command', 'GET', `/statistics?period=${period}`, analyst));
    const counted = (f: any) => Object.fromEntries(f.counties.map((c: { divisionCode: string; typicalCases: object }) => [c.divisionCode, c.typicalCases]));
    const wanted = { [past]: await expected(past), [current]: await expected(current) };
    expect(wanted[current]['360702']).toEqual({ sent: 2, onTime: 2, published: 2 });
    expect(wanted[current]['360704']).toEqual({ sent: 2, onTime: 2, published: 0 });
    expect(wanted[past]['360722']).toEqual({ sent: 1, onTime: 0, published: 0 });
    const live: Record<string, any> = {};
    for (const q of [past, current]) {
      live[q] = await waitFor(`the committee's figures for ${q}`, async () => {
        const f = await figures(q);
        return JSON.stringify(counted(f)) === JSON.stringify(wanted[q]) ? f : undefined;
      }, 30_000, 250);
      const total = Object.values(wanted[q]).reduce((s: any, c: any) => ({ sent: s.sent + c.sent, onTime: s.onTime + c.onTime, published: s.published + c.published }), { sent: 0, onTime: 0, published: 0 });
      expect(live[q].total.typicalCases).toEqual(total);
      expect(live[q].typicalCases).toHaveLength(total.sent);
    }
    expect(live[past].typicalCases).toEqual([expect.objectContaining({ divisionCode: '360722', onTime: false, publishedOn: null })]);

    // The quarter's workbook lists the cases sent; its PDF says how many and names the late one.
    const download = async (path: string) => Buffer.from(await (await fetch(`${platform.services.command.url}${path}`, { headers: { authorization: `Bearer ${analyst}` } })).arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(`/statistics/report.xlsx?period=${current}`)) as never);
    const listed = (wb.getWorksheet('典型案例')!.getSheetValues() as unknown[][]).slice(3).filter(Boolean).map((row) => row[3]);
    expect(listed.sort()).toEqual(live[current].typicalCases.map((c: { title: string }) => c.title).sort());
    expect((wb.getWorksheet('汇总')!.getSheetValues() as unknown[][]).find((row) => row?.[1] === '典型案例报送（件）')![2]).toBe(live[current].total.typicalCases.sent);
    // The county table's CSV ends with each county's sent, on-time and published counts.
    const csv = (await download(`/statistics/counties.csv?period=${current}`)).toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(csv[0]).toMatch(/"典型案例报送","按时报送","入库发布"$/);
    const zg = wanted[current]['360702'];
    expect(csv.find((l) => l.startsWith('"章贡区"'))).toMatch(new RegExp(`"${zg.sent}","${zg.onTime}","${zg.published}"$`));
    const dir = mkdtempSync(join(tmpdir(), 'typical-report-'));
    writeFileSync(join(dir, 'report.pdf'), await download(`/statistics/report.pdf?period=${past}`));
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
    rmSync(dir, { recursive: true });
    expect(text).toContain('六、典型案例报送');
    expect(text).toMatch(/本期报送1件，\s*按时0件/);
    expect(text).toMatch(/信丰县.*逾期/);

    // Rebuilt from the topics: the same figures.
    ok(await platform.call('command', 'POST', '/statistics/rebuild', admin), 202);
    await waitFor('the rebuild to finish', async () => ok(await platform.call('command', 'GET', '/statistics/rebuild', admin)).state === 'done', 60_000, 200);
    for (const q of [past, current]) expect(await figures(q)).toEqual(live[q]);
  });
});
