// Every screen of the portal, as every kind of user sees it, in a real browser (Debian's Chromium via playwright-core)
// at the workstations' 1366×768, against the real services, broker and database, with a little data seeded through
// the services' own APIs: a screen must speak Chinese (no codes, English words, file paths, markers or
// undefined/null/NaN) and fit the screen (nothing wider than the page, no table cell, figure or description spilling
// out of its box), and load without a refused request. The findings of all screens are collected first and listed
// together at the end, so that one run shows everything; the first screen each finding shows on is saved as a
// screenshot (test-screenshots/screens-<user>-<screen>.png). SCREENS_DUMP=<file> writes what every screen showed;
// SCREENS_SHOTS=1 saves every screen (the README's pictures of each role are chosen from them).
// Not read: text drawn on a canvas (the charts' axes and legends).
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { makeCreditCode, makeResidentId } from '@yuanlian/identity';
import { createNamespace, dropNamespace, enterNamespace, waitFor } from '@yuanlian/testing';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { portalDatabase } from '../apps/portal/src/database';
import { DEMO_PASSWORD, DEMO_USERS } from '../apps/portal/src/users/demo-users';
import type { DemoUser } from '../apps/portal/src/users/demo-users';
import { ensureUser } from '../apps/portal/src/users/users.service';
import { ensurePortalBuilt, launch, screenshot } from './support/browser';
import { Platform } from './support/platform';

const ns = createNamespace('screens');
enterNamespace(ns);

const CITY = '360700';
/**
 * One user per kind of user: agency type × roles × level (city or county) — the roles decide the menu, and a city's
 * supervisor sees other screens than a county's. pii_reveal is a permission on top of a role (a 查看完整 button), not
 * a kind of user: 黄丽 (clerk) is not browsed besides 刘晓梅 (clerk, pii_reveal).
 */
const USERS: DemoUser[] = Object.values(
  Object.fromEntries(DEMO_USERS.slice().reverse().map((u) => [`${u.agencyType}|${u.roles.filter((r) => r !== 'pii_reveal').sort().join('+')}|${u.divisionCode === CITY ? 'city' : 'county'}`, u])),
).sort((a, b) => DEMO_USERS.indexOf(a) - DEMO_USERS.indexOf(b));
/** Users browsed at once (each in its own browser context). */
const CONCURRENCY = Number(process.env.SCREENS_CONCURRENCY ?? 3);

/**
 * Latin words a Chinese screen may show. Keep this list short: every entry is a name users know in Latin letters.
 */
const ALLOWED_LATIN = new Set([
  'CSV', // the file format on 统计分析's 导出CSV button: the format's name, as it is shown in Excel and WPS
  'XLSX', // the file format on 统计分析's 报告 XLSX button (the file's extension, what the user finds in the folder)
  'PDF', // the file format on 报告 PDF and 案例库's 导出汇编 PDF
  'Excel', // 导出 Excel (case list, inbox): the program the exported table opens in, a name users know in Latin letters
]);

/** What a Chinese screen must not show; each rule names what it found. */
const TEXT_RULES: { rule: string; pattern: RegExp }[] = [
  { rule: '[M]-style marker', pattern: /\[[A-Z0-9?!]{1,3}\]/g },
  { rule: 'file path', pattern: /[\w.-]+\/[\w./-]*\w\.(?:tsx?|json|jsx?|mts)\b/g },
  { rule: 'JavaScript leftover', pattern: /\[object Object\]|Invalid Date|\bundefined\b|\bnull\b|\bNaN\b/g },
  { rule: 'identifier (UUID)', pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi },
  { rule: 'snake_case / kebab-case code', pattern: /[a-z0-9]*[a-z][_-][a-z][\w-]*/gi },
  // The portal writes days as 2026年12月1日 and quarters as 2026年第四季度 (api.ts dateLabel, labels.ts recentQuarters).
  { rule: 'raw date or period code', pattern: /\b\d{4}-(?:\d{2}-\d{2}(?:T[\d:.]+Z?)?|Q[1-4])\b/g },
  { rule: 'Latin word', pattern: /[A-Za-z]{3,}/g },
];

interface Finding {
  user: string;
  screen: string;
  rule: string;
  /** The offending text (a word, a code), or a measurement. */
  what: string;
  /** Where on the screen: the card, drawer, table column or field. */
  where: string;
  /** The text around it. */
  context: string;
}

/** Text as it is shown (only visible elements), with where it is; input values and visible title/placeholder/aria-label too. */
interface Shown {
  text: string;
  where: string;
}

/** Reads what a user sees; runs in the page. */
function readScreen(scope: string | null): { shown: Shown[]; overflow: { what: string; where: string; context: string }[] } {
  const doc = (globalThis as any).document;
  const root = (scope && doc.querySelector(scope)) || doc.body;
  const win = globalThis as any;
  const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const clippedAway = new Map<any, boolean>();
  /** The element or an ancestor is a box of no size that clips what is in it (antd's a11y live regions), or is clipped to nothing. */
  const clipped = (el: any): boolean => {
    if (!el || el === doc.body) return false;
    let answer = clippedAway.get(el);
    if (answer === undefined) {
      const cs = win.getComputedStyle(el);
      const r = el.getBoundingClientRect();
      answer = ((cs.overflowX !== 'visible' || cs.overflowY !== 'visible') && (r.width < 1 || r.height < 1))
        || cs.clipPath === 'inset(50%)' || cs.clip === 'rect(0px, 0px, 0px, 0px)' || clipped(el.parentElement);
      clippedAway.set(el, answer);
    }
    return answer!;
  };
  /** Rendered, not transparent, not hidden, not clipped away. */
  const visible = (el: any): boolean => el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true }) && !clipped(el);
  /** Where an element is: drawer or dialog, card, table column, description label, form field. */
  const where = (el: any): string => {
    const parts: string[] = [];
    const overlay = el.closest('.ant-drawer-section, .ant-modal-container');
    if (overlay) parts.push(`${overlay.matches('.ant-drawer-section') ? '抽屉' : '对话框'}「${clean(overlay.querySelector('.ant-drawer-title, .ant-modal-title')?.textContent).slice(0, 30)}」`);
    const card = el.closest('.ant-card');
    if (card) {
      const title = clean(card.querySelector(':scope > .ant-card-head .ant-card-head-title')?.textContent);
      if (title) parts.push(`卡片「${title.slice(0, 30)}」`);
    }
    if (el.closest('.ant-layout-header')) parts.push('页头');
    if (el.closest('.ant-layout-sider')) parts.push('菜单');
    const desc = el.closest('.ant-descriptions-item-content, .ant-descriptions-item-label');
    // (Bordered descriptions are a table: the description's label, not a column, says where.)
    const cell = desc ? null : el.closest('td, th');
    if (cell) {
      const table = cell.closest('table');
      const headRow = cell.closest('.ant-table')?.querySelector('thead tr') ?? table?.querySelector('thead tr');
      const header = headRow ? clean(headRow.children[cell.cellIndex]?.textContent) : '';
      parts.push(cell.tagName === 'TH' ? '表头' : `表格列「${header}」`);
    }
    if (desc) {
      const label = desc.matches('.ant-descriptions-item-label') ? desc : desc.previousElementSibling?.matches('.ant-descriptions-item-label') ? desc.previousElementSibling : desc.parentElement?.querySelector('.ant-descriptions-item-label');
      parts.push(desc.matches('.ant-descriptions-item-label') ? '描述标签' : `描述「${clean(label?.textContent)}」`);
    }
    const field = el.closest('.ant-form-item');
    if (field) parts.push(`表单项「${clean(field.querySelector('.ant-form-item-label')?.textContent)}」`);
    const stat = el.closest('.ant-statistic');
    if (stat) parts.push(`统计「${clean(stat.querySelector('.ant-statistic-title')?.textContent)}」`);
    if (el.closest('.ant-tabs-tab')) parts.push('标签页');
    if (el.closest('.ant-alert')) parts.push('提示条');
    if (el.closest('.ant-timeline')) parts.push('时间线');
    if (el.closest('.ant-message, .ant-notification')) parts.push('消息');
    if (el.closest('.ant-select-selector')) parts.push('选择框');
    if (el.closest('.ant-tag') && !cell && !desc) parts.push('标签');
    return parts.join(' › ') || `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? ` class="${el.className.split(' ').slice(0, 2).join(' ')}"` : ''}>`;
  };

  const shown: Shown[] = [];
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = clean(n.nodeValue);
    const el = n.parentElement;
    if (!text || !el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA'].includes(el.tagName)) continue;
    const range = doc.createRange();
    range.selectNodeContents(n);
    if (![...range.getClientRects()].some((r: any) => r.width >= 1 && r.height >= 1)) continue;
    if (!visible(el)) continue;
    shown.push({ text, where: where(el) });
  }
  for (const el of root.querySelectorAll('input, textarea, [title], [placeholder], [aria-label]')) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    const w = where(el);
    if ((el.tagName === 'INPUT' && !['hidden', 'password', 'checkbox', 'radio'].includes(el.type)) || el.tagName === 'TEXTAREA') {
      if (clean(el.value)) shown.push({ text: clean(el.value), where: `${w} › 输入框的内容` });
    }
    if (el.getAttribute('placeholder')) shown.push({ text: clean(el.getAttribute('placeholder')), where: `${w} › placeholder` });
    if (el.getAttribute('title')) shown.push({ text: clean(el.getAttribute('title')), where: `${w} › title` });
    // Ant Design's icons carry their own English names (aria-label="download"): the library's, not the portal's.
    if (el.getAttribute('aria-label') && !el.matches('.anticon')) shown.push({ text: clean(el.getAttribute('aria-label')), where: `${w} › aria-label` });
  }

  // Overflow: the page wider than the window, or a box whose content is wider than the box (not ellipsis: that is clipped on purpose).
  const overflow: { what: string; where: string; context: string }[] = [];
  const de = doc.documentElement;
  const slack = 3;
  // While a drawer or dialog is open antd locks the page behind it (body overflow hidden, its scrollbar's width taken
  // off the body): the masked page cannot be scrolled or seen, and measures a scrollbar wider than the window. The page's
  // own width is checked with nothing open (every screen is visited so first); what is inside the drawer still is.
  const locked = doc.defaultView!.getComputedStyle(doc.body).overflowY === 'hidden' && !!doc.querySelector('.ant-drawer-open, .ant-modal-wrap:not([style*="display: none"])');
  if (!locked && de.scrollWidth > de.clientWidth) {
    // The innermost elements whose box or content reaches past the window's right edge (an invisible one named as such).
    const reaches = (el: any) => {
      const r = el.getBoundingClientRect();
      return Math.max(r.right, r.left + el.scrollWidth) > de.clientWidth + 0.5;
    };
    const past = [...doc.body.querySelectorAll('*')].filter((el: any) => reaches(el) && ![...el.children].some(reaches));
    const name = (el: any) => `${where(el)} <${el.tagName.toLowerCase()} class="${String(el.className).slice(0, 60)}">${visible(el) ? '' : '（不可见）'}`;
    overflow.push({
      what: `页面横向溢出：内容宽 ${de.scrollWidth}px，窗口宽 ${de.clientWidth}px`,
      where: past.slice(0, 3).map(name).join('；') || 'body',
      context: past.slice(0, 3).map((el: any) => clean(el.textContent).slice(0, 60)).join(' ｜ '),
    });
  }
  const boxes = 'td, th, .ant-statistic-title, .ant-statistic-content, .ant-descriptions-item-label, .ant-descriptions-item-content, .ant-card-head, .ant-layout-header, .ant-table-content, .ant-table-body, .ant-drawer-body, .ant-modal-body, .ant-tag';
  const spills = (el: any) => el.scrollWidth - el.clientWidth > slack && el.clientWidth > 0 && win.getComputedStyle(el).textOverflow !== 'ellipsis';
  for (const el of root.querySelectorAll(boxes)) {
    if (!spills(el) || !visible(el)) continue;
    // A box's overflow is reported once, at the box (not again at the table or drawer around it).
    if (el.matches('.ant-table-content, .ant-table-body, .ant-drawer-body, .ant-modal-body') && [...el.querySelectorAll(boxes)].some(spills)) continue;
    overflow.push({ what: `内容超出边框 ${el.scrollWidth - el.clientWidth}px（内容宽 ${el.scrollWidth}px，框宽 ${el.clientWidth}px）`, where: where(el), context: clean(el.textContent).slice(0, 80) });
  }

  return { shown, overflow };
}

/** The offending pieces of one text; a piece found by one rule is not reported again by a later rule. */
function offences(text: string): { rule: string; what: string; context: string }[] {
  const taken: [number, number][] = [];
  const out: { rule: string; what: string; context: string }[] = [];
  for (const { rule, pattern } of TEXT_RULES) {
    for (const m of text.matchAll(pattern)) {
      const [from, to] = [m.index!, m.index! + m[0].length];
      if (taken.some(([a, b]) => from < b && to > a)) continue;
      taken.push([from, to]);
      if (rule === 'Latin word' && ALLOWED_LATIN.has(m[0])) continue;
      out.push({ rule, what: m[0], context: text.length <= 90 ? text : `${from > 40 ? '…' : ''}${text.slice(Math.max(0, from - 40), to + 40)}${to + 40 < text.length ? '…' : ''}` });
    }
  }
  return out;
}

/**
 * Requests the page still waits for (the live alert feed never ends: not counted), and the platform's refusals and
 * failures since last asked: a screen offered in the menu should not be refused what it loads.
 */
function trackRequests(page: Page): { pending: () => number; refused: () => string[] } {
  let open = 0;
  let refused: string[] = [];
  const counted = (url: string) => !url.includes('/stream');
  page.on('request', (r) => counted(r.url()) && open++);
  page.on('requestfinished', (r) => counted(r.url()) && open--);
  page.on('requestfailed', (r) => counted(r.url()) && open--);
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (r.status() >= 400) refused.push(`${r.request().method()} ${url.pathname}${url.search} → ${r.status()}`);
  });
  return { pending: () => open, refused: () => [refused, (refused = [])][0] };
}

/** Waits until nothing loads, spins or moves, twice in a row; false when it never settles. */
async function settle(page: Page, pending: () => number, timeoutMs = 15_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  let quiet = 0;
  while (Date.now() < until) {
    const busy = pending() > 0 || await page.evaluate(() => {
      const doc = (globalThis as any).document;
      // (Ant Design's motions: a class with -appear, -enter or -leave while a drawer, tab or message moves.)
      return !!doc.querySelector('.ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading, [class*="-appear"], [class*="-enter"], [class*="-leave"]')
        || doc.getAnimations().some((a: any) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity);
    });
    quiet = busy ? 0 : quiet + 1;
    if (quiet >= 2) return true;
    await page.waitForTimeout(120);
  }
  return false;
}

describe('every screen of the portal, for every kind of user, in Chinese and within 1366×768', () => {
  let platform: Platform;
  let browser: Browser;
  let portal: string;
  const findings: Finding[] = [];
  const problems: string[] = [];
  const visited: string[] = [];
  /** How long each screen took, and each kind of work summed (the test should stay well under two minutes). */
  const timings: [string, number][] = [];
  const phases: string[] = [];
  /** What each screen showed, written to the file SCREENS_DUMP names, when set: to see what the checks read. */
  const dump: object[] = [];
  const spent = { signIn: 0, action: 0, settle: 0, read: 0, screenshot: 0 };

  const login = async (username: string): Promise<string> => {
    const res = await fetch(`${portal}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    if (res.status !== 200) throw new Error(`${username} cannot sign in: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  };
  const call = async (service: string, method: string, path: string, token: string, body?: unknown, expected = [200, 201]) => {
    const reply = await platform.call(service, method, path, token, body);
    if (!expected.includes(reply.status)) throw new Error(`seeding: ${service} ${method} ${path} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    return reply.body;
  };

  /** A little of everything: a case referred to each receiving agency (the inspector's accepted), a published typical case, an alert. */
  async function seed() {
    const [clerk, lawyer, director, city, inspector, xfClerk] = await Promise.all(['zg.clerk', 'zg.lawyer', 'zg.director', 'city.legalaid', 'zg.inspector', 'xf.clerk'].map(login));
    const employer = { name: '赣州市章江建设工程有限公司', creditCode: makeCreditCode('91360702MA35PC001') };
    const application = (n: number, name: string, workers: number, summary: string, divisionCode = '360702') => ({
      worker: { name, idNumber: makeResidentId(divisionCode, '19860415', 300 + n), phone: `1390797${String(2000 + n)}` },
      employer, project: { name: '章江新区安置房二期', address: '章贡区章江路8号' },
      divisionCode, channel: 'window', matter: 'wage_arrears', industry: 'construction',
      amountOwedFen: 1_250_050 * workers, workersAffected: workers, summary,
    });
    const cases = [
      ['labor-inspection', '钟秋生', 12, '钟秋生等12人2026年8月至10月工资未发，班组长联系不上。'],
      ['arbitration', '赖春花', 1, '赖春花被拖欠工资2个月，用人单位拒不支付。'],
      // Straight to court only on a ground the law names: here a wage IOU (a labor dispute goes to arbitration first).
      ['court', '刘建华', 2, '刘建华等2人持有用人单位出具的工资欠条，用人单位到期未付。'],
      ['union', '黄桂英', 3, '黄桂英等3人反映工地拖欠工资，请工会协助协调。'],
      ['public-security', '邱水平', 11, '邱水平等11人经责令支付后仍未获支付，包工头转移工程款后失联。'],
    ] as const;
    const referred: Record<string, string> = {};
    for (const [i, [to, name, workers, summary]] of cases.entries()) {
      const created = await call('legal-aid', 'POST', '/applications', clerk, application(i, name, workers, summary));
      referred[to] = (await call('legal-aid', 'POST', `/applications/${created.id}/referrals`, clerk, { toAgencyType: to, ...(to === 'court' ? { courtBasis: 'wage_iou' } : {}) })).id;
    }
    // A work injury for the determination desk.
    const injury = await call('legal-aid', 'POST', '/applications', clerk, {
      ...application(7, '谢小平', 1, '谢小平在工地高处坠落致左腿骨折，用人单位未申请工伤认定。'), matter: 'work_injury', amountOwedFen: 8_000_000, injuredOn: '2026-10-09',
    });
    referred['work-injury'] = (await call('legal-aid', 'POST', `/applications/${injury.id}/referrals`, clerk, { toAgencyType: 'work-injury' })).id;
    // 信丰县's inspectors (their chief is a kind of user of their own) have one too.
    const xf = await call('legal-aid', 'POST', '/applications', xfClerk, application(8, '曾凡英', 4, '曾凡英等4人在信丰县工业园务工，工资拖欠3个月。', '360722'));
    await call('legal-aid', 'POST', `/applications/${xf.id}/referrals`, xfClerk, { toAgencyType: 'labor-inspection' });
    // A closed case, proposed as a typical case, approved by the county and published by the city: the library shows it.
    const closed = await call('legal-aid', 'POST', '/applications', clerk, application(9, '廖春生', 14, '廖春生等14人在工地务工，包工头拖欠工资5.6万元，多次讨要未果。'));
    await call('legal-aid', 'POST', `/applications/${closed.id}/accept`, lawyer);
    await call('legal-aid', 'POST', `/applications/${closed.id}/close`, lawyer, { note: '经调解，用人单位当场支付全部工资。' });
    const typical = await call('legal-aid', 'POST', '/typical-cases', clerk, { applicationId: closed.id });
    await call('legal-aid', 'POST', `/typical-cases/${typical.id}/submit`, clerk);
    await call('legal-aid', 'POST', `/typical-cases/${typical.id}/approve`, director, {});
    await call('legal-aid', 'POST', `/typical-cases/${typical.id}/approve`, city, {});
    // The referrals reach their agencies over the broker; the inspector accepts his.
    await waitFor('the referral in the labor inspection inbox', async () => (await platform.call('labor-inspection', 'GET', `/referrals/${referred['labor-inspection']}`, inspector)).status === 200, 30_000, 250);
    await call('labor-inspection', 'POST', `/referrals/${referred['labor-inspection']}/accept`, inspector, { note: '已立案调查' });
    const receivers = [
      ['arbitration', 'zg.arbitrator'], ['court', 'zg.judge'], ['union', 'zg.union'], ['labor-inspection', 'xf.inspector'], ['work-injury', 'zg.injury'], ['public-security', 'zg.police'],
    ] as const;
    await Promise.all(receivers.map(async ([service, user]) => {
      const token = await login(user);
      await waitFor(`the referral in ${user}'s inbox`, async () => ((await platform.call(service, 'GET', '/referrals', token)).body?.items ?? []).length > 0, 30_000, 250);
    }));
    // Twelve and more workers of one employer: the early warning raises an alert, which reaches the committee's desk.
    const analyst = await login('city.analyst');
    const ta = Date.now();
    await waitFor('an alert on the committee’s desk', async () => ((await platform.call('command', 'GET', '/alerts?status=live', analyst)).body?.items ?? []).length > 0, 45_000, 500)
      .catch((e) => problems.push(`种子数据：预警未出现，预警看板无数据可查（${(e as Error).message}）`));
    phases.push(`alert waited ${Math.round((Date.now() - ta) / 1000)} s`);
  }

  beforeAll(async () => {
    ensurePortalBuilt();
    const t0 = Date.now();
    platform = await Platform.start(ns, ['portal', 'legal-aid', 'labor-inspection', 'arbitration', 'court', 'union', 'work-injury', 'public-security', 'early-warning', 'command'], { CLOCK_SWEEP_MS: 'off' });
    portal = platform.services.portal.url;
    const ds = new DataSource(portalDatabase());
    await ds.initialize();
    for (const u of DEMO_USERS) await ensureUser(ds, { ...u, password: DEMO_PASSWORD }, 'test');
    await ds.destroy();
    phases.push(`services started in ${Math.round((Date.now() - t0) / 1000)} s`);
    const t1 = Date.now();
    const launching = launch();
    try {
      await seed();
      phases.push(`data seeded in ${Math.round((Date.now() - t1) / 1000)} s`);
    } finally {
      browser = await launching;
    }
  }, 180_000);

  afterAll(async () => {
    if (process.env.SCREENS_DUMP) writeFileSync(process.env.SCREENS_DUMP, JSON.stringify(dump, null, 1));
    await browser?.close();
    await platform?.stop();
    await dropNamespace(ns);
  });

  /** Checks the screen as it is now: its text, its overflow, the requests it was refused; a screenshot of what is new. */
  async function check(page: Page, requests: ReturnType<typeof trackRequests>, user: string, screen: string, scope: string | null = null) {
    visited.push(`${user} › ${screen}`);
    let t = Date.now();
    const seen = await page.evaluate(readScreen, scope);
    spent.read += Date.now() - t;
    dump.push({ user, screen, ...seen });
    const before = new Set(findings.map((f) => JSON.stringify([f.rule, f.what, f.where])));
    const count = findings.length;
    const add = (f: Omit<Finding, 'user' | 'screen'>) => {
      if (!findings.some((x) => x.user === user && x.screen === screen && x.rule === f.rule && x.what === f.what && x.where === f.where && x.context === f.context)) findings.push({ user, screen, ...f });
    };
    for (const s of seen.shown) {
      // A login name is written in Latin letters by design (用户名: 3–32 lower-case letters, digits or ._-, as
      // admin-users.tsx checks it): shown whole in the 用户名 column, or as a demo user's, it is data, not untranslated text.
      if ((s.where.includes('表格列「用户名」') && /^[a-z][a-z0-9_.-]{2,31}$/.test(s.text)) || DEMO_USERS.some((u) => u.username === s.text)) continue;
      for (const o of offences(s.text)) add({ ...o, where: s.where });
    }
    for (const o of seen.overflow) add({ rule: 'overflow at 1366×768', ...o });
    for (const r of requests.refused()) add({ rule: 'request refused or failed', what: r, where: '(网络请求)', context: '' });
    t = Date.now();
    // A screenshot of the first screen each finding shows on (of every screen with SCREENS_SHOTS=1: the README's pictures).
    if (process.env.SCREENS_SHOTS || findings.slice(count).some((f) => !before.has(JSON.stringify([f.rule, f.what, f.where])))) await screenshot(page, `screens-${user}-${screen.replace(/[\s›/]+/g, '-')}`);
    spent.screenshot += Date.now() - t;
  }

  /** A new page at the workstations' 1366×768, in Chinese (as signIn() opens it), its requests followed. */
  async function openPage(): Promise<{ page: Page; requests: ReturnType<typeof trackRequests> }> {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    return { page, requests: trackRequests(page) };
  }

  /**
   * Signs a user in on the sign-in page (as signIn() does). A worker's page is kept from one user to the next, who
   * signs in after the previous one signs out: a new page spends seconds starting the portal's scripts on two cores.
   * (Pages of one browser context, sharing its cache, were slower: the screens then took twice as long to settle.)
   */
  async function signInAs(page: Page, username: string): Promise<void> {
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('button', { name: /退\s*出/ }).waitFor();
  }

  /** Signs out (its click without the pointer: the last screen's drawer may still cover the button) and back to the portal's address. */
  async function signOut(page: Page): Promise<void> {
    await page.getByRole('button', { name: /退\s*出/ }).dispatchEvent('click');
    // The next user starts on their own first screen.
    await page.evaluate(() => (globalThis as any).history.replaceState(null, '', '/'));
  }

  /** Every menu item of the signed-in user; on each, the first row's drawer and every tab. */
  async function browse(page: Page, requests: ReturnType<typeof trackRequests>, user: DemoUser) {
    const menu = page.locator('nav[aria-label="主菜单"] [role="menuitem"]');
    let drawerOpen = false;
    // (A menu item's first line is its name; a count badge may follow.)
    const labels = (await menu.allInnerTexts()).map((s) => s.trim().split(/\s*\n\s*/)[0]);
    if (!labels.length) problems.push(`${user.username}：没有菜单项`);
    for (const [i, label] of labels.entries()) {
      const step = async (screen: string, what: () => Promise<unknown>, scope: string | null = null) => {
        const t0 = Date.now();
        try {
          await what();
          spent.action += Date.now() - t0;
          const ts = Date.now();
          const settled = await settle(page, requests.pending);
          spent.settle += Date.now() - ts;
          if (!settled) problems.push(`${user.username} › ${screen}：15 秒内未加载完成`);
          await check(page, requests, user.username, screen, scope);
        } catch (e) {
          problems.push(`${user.username} › ${screen}：${(e as Error).message.split('\n')[0]}`);
        }
        timings.push([`${user.username} › ${screen}`, Date.now() - t0]);
      };
      // While a drawer is open (left open on the screen before), the menu item gets its click without the pointer:
      // the drawer goes with the screen, instead of a second of closing motion first.
      await step(label, () => (drawerOpen ? menu.nth(i).dispatchEvent('click') : menu.nth(i).click()));
      drawerOpen = false;
      const tabs = page.locator('main [role="tab"]');
      const tabLabels = (await tabs.allInnerTexts()).map((s) => s.trim());
      for (const [t, tab] of tabLabels.entries()) {
        if (t === 0) continue;
        await step(`${label} › ${tab}`, () => tabs.nth(t).click());
      }
      if (tabLabels.length > 1) await tabs.first().click();
      // The first row that opens a drawer (cases, inbox, alerts, typical cases), or the first case of the library.
      const row = page.locator('main .ant-table-tbody tr[data-testid][tabindex="0"]:visible, main [data-testid="library-item"] a:visible').first();
      if (await row.count()) {
        await step(`${label} › 详情`, async () => {
          await row.click();
          await page.locator('.ant-drawer-section').waitFor({ state: 'visible', timeout: 10_000 });
          drawerOpen = true;
        }, '.ant-drawer-section'); // the screen behind it was checked already
      }
    }
  }

  it(`visits the sign-in page and every screen of ${USERS.map((u) => u.username).join(', ')}`, async () => {
    const t0 = Date.now();
    const queue = [...USERS];
    await Promise.all(Array.from({ length: CONCURRENCY }, async (_, worker) => {
      let open: Awaited<ReturnType<typeof openPage>> | undefined;
      let current = '';
      for (let user = queue.shift(); user; user = queue.shift()) {
        current = user.username;
        try {
          const t = Date.now();
          if (!open) {
            open = await openPage();
            open.page.on('pageerror', (e) => problems.push(`${current}：页面脚本错误 ${e.message}`));
            await open.page.goto(portal);
            await open.page.getByLabel('用户名').waitFor();
            if (worker === 0 && !visited.includes('(未登录) › 登录')) {
              await settle(open.page, open.requests.pending);
              await check(open.page, open.requests, '(未登录)', '登录');
            }
          } else {
            await signOut(open.page);
          }
          await signInAs(open.page, user.username);
          spent.signIn += Date.now() - t;
          open.requests.refused(); // (signing in is not a screen's)
          await browse(open.page, open.requests, user);
        } catch (e) {
          problems.push(`${user.username}：${(e as Error).message.split('\n')[0]}`);
          if (open) await screenshot(open.page, `screens-${user.username}-failed`).catch(() => undefined);
          await open?.page.context().close();
          open = undefined;
        }
      }
      await open?.page.context().close();
    }));
    // How the time went (the machine has two cores, shared with other runs): to keep the test lean.
    const slowest = timings.slice().sort((a, b) => b[1] - a[1]).slice(0, 3).map(([s, ms]) => `${s} ${ms} ms`).join('; ');
    const summed = Object.entries(spent).map(([k, ms]) => `${k} ${Math.round(ms / 1000)} s`).join(', ');
    console.log(`${phases.join('; ')}; ${visited.length} screens of ${USERS.length} users in ${Math.round((Date.now() - t0) / 1000)} s, ${CONCURRENCY} at once (summed: ${summed}); slowest: ${slowest}`);
    expect(visited.length).toBeGreaterThan(USERS.length);
  }, 600_000);

  it('finds no untranslated text, code, leftover or overflow on any screen', () => {
    // The same finding on several screens is listed once, with its screens; findings of one rule at one place on the
    // same screens (the dates of a calendar) are listed together.
    const screensOf = new Map<string, { f: Finding; screens: string[] }>();
    for (const f of findings) {
      const key = JSON.stringify([f.rule, f.what, f.where, f.context]);
      const entry = screensOf.get(key) ?? { f, screens: [] };
      entry.screens.push(`${f.user} › ${f.screen}`);
      screensOf.set(key, entry);
    }
    const together = new Map<string, { rule: string; where: string; screens: string[]; whats: string[]; contexts: string[] }>();
    for (const { f, screens } of screensOf.values()) {
      const key = JSON.stringify([f.rule, f.where, screens]);
      const entry = together.get(key) ?? { rule: f.rule, where: f.where, screens, whats: [], contexts: [] };
      if (!entry.whats.includes(f.what)) entry.whats.push(f.what);
      if (f.context && !entry.contexts.includes(f.context)) entry.contexts.push(f.context);
      together.set(key, entry);
    }
    const report = [...together.values()].map((e) => {
      const whats = e.whats.length > 6 ? `${e.whats.slice(0, 6).map((w) => `“${w}”`).join(' ')} …（共 ${e.whats.length} 处）` : e.whats.map((w) => `“${w}”`).join(' ');
      const contexts = e.contexts.length ? `\n      text: ${e.contexts.slice(0, 3).join(' ｜ ')}${e.contexts.length > 3 ? ' ｜ …' : ''}` : '';
      return `[${e.rule}] ${whats}\n      at: ${e.where}${contexts}\n      on: ${e.screens.join('; ')}`;
    });
    const all = [...problems.map((p) => `[could not check] ${p}`), ...report];
    if (all.length) console.log(`${all.length} findings on ${visited.length} screens:\n${all.join('\n')}`);
    expect(all).toEqual([]);
  });
});
