// Demo data for Ganzhou: wage and work-injury claims taken in by the county legal aid centers, referred to
// labor inspection, some accepted and some declined. Goes through the services' APIs, so every event flows.
// Skips seeding when demo data is already there.
import { signDevToken } from '@yuanlian/auth';
import type { Role } from '@yuanlian/auth';
import { GANZHOU_CITY_CODE, officeId } from '@yuanlian/contracts';
import type { AgencyType } from '@yuanlian/contracts';
import { addDays, localDate } from '@yuanlian/deadlines';
import { GANZHOU_COUNTIES, GANZHOU_ZONES, makeCreditCode, makeResidentId } from '@yuanlian/identity';
import { createKafka, kafkaSecurity, messagingConfig } from '@yuanlian/messaging';
import { demoWinterEvents, generateWinter, ScenarioPublisher, subjectKeysOf } from '@yuanlian/scenario';

const LEGAL_AID = process.env.LEGAL_AID_URL ?? 'http://127.0.0.1:3001';
const INSPECTION = process.env.LABOR_INSPECTION_URL ?? 'http://127.0.0.1:3002';
const ARBITRATION = process.env.ARBITRATION_URL ?? 'http://127.0.0.1:3003';
const UNION = process.env.UNION_URL ?? 'http://127.0.0.1:3005';
const WORK_INJURY = process.env.WORK_INJURY_URL ?? 'http://127.0.0.1:3008';
const EARLY_WARNING = process.env.EARLY_WARNING_URL ?? 'http://127.0.0.1:3006';

const token = (type: AgencyType, area: string, role: Role) =>
  signDevToken({ sub: `demo-${type}-${area}-${role}`, name: `演示用户${area}`, agencyId: officeId(type, area), agencyType: type, divisionCode: area, roles: [role] }, { expiresInSeconds: 600 });

async function call(base: string, method: string, path: string, bearer: string, body?: unknown): Promise<any> {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => undefined);
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const SURNAMES = ['刘', '陈', '钟', '黄', '李', '谢', '曾', '赖', '王', '邱'];
const GIVEN = ['建华', '小红', '志强', '春梅', '国平', '秀英', '文斌', '海燕', '永康', '桂兰'];
const TRADES = ['宏建', '恒昌', '鑫达', '华盛', '永联', '瑞通', '金源', '安达', '嘉盛', '隆发', '正通', '汇丰', '丰华', '万通', '盛达', '宏远', '兴达', '润丰', '鼎泰', '福源'];
const EMPLOYERS = ['建设工程有限公司', '建筑劳务有限公司', '家具有限公司', '电子科技有限公司', '物流有限公司'];
/** A company's registered name in the area: 赣州市章贡区宏建建设工程有限公司, 瑞金市…, 赣州经济技术开发区…. */
const employerName = (area: string, i: number) =>
  `${area.endsWith('市') || area.startsWith('赣州') ? area : `赣州市${area}`}${TRADES[i % TRADES.length]}${EMPLOYERS[i % EMPLOYERS.length]}`;
const MATTERS = ['wage_arrears', 'wage_arrears', 'wage_arrears', 'work_injury', 'labor_contract'] as const;
const CHANNELS = ['online', 'hotline_12348', 'window', 'workstation', 'mobile_station'] as const;

async function main() {
  const areas = [...GANZHOU_COUNTIES, ...GANZHOU_ZONES];
  let applications = 0;
  let referrals = 0;
  for (const [i, area] of areas.entries()) {
    const clerk = token('legal-aid', area.code, 'clerk');
    const existing = await call(LEGAL_AID, 'GET', '/applications?limit=1', clerk);
    if (existing.items.length) {
      process.stdout.write(`[seed] ${area.name}: demo data already present\n`);
      continue;
    }
    const county = area.parentCode ?? area.code;
    const inspector = token('labor-inspection', area.code, 'inspector');
    const employerCode = makeCreditCode(`91${county}MA${String(36 + i).padStart(2, '0')}DEMQ${i % 10}`);
    const employer = employerName(area.name, i);
    for (let j = 0; j < 3; j++) {
      const n = i * 3 + j;
      const matter = MATTERS[n % MATTERS.length];
      const app = await call(LEGAL_AID, 'POST', '/applications', clerk, {
        worker: {
          name: SURNAMES[n % SURNAMES.length] + GIVEN[(n * 7) % GIVEN.length],
          idNumber: makeResidentId(county, `19${70 + (n % 30)}0${1 + (n % 9)}1${n % 10}`, 100 + n),
          phone: `139${String(70000000 + n * 7919).slice(0, 8)}`,
        },
        employer: { name: employer, creditCode: employerCode },
        project: matter === 'wage_arrears' ? { name: `${area.name}城南安置房项目${'一二三'[j]}标段` } : undefined,
        divisionCode: area.code,
        channel: CHANNELS[n % CHANNELS.length],
        matter,
        industry: matter === 'labor_contract' ? 'manufacturing' : 'construction',
        amountOwedFen: (3 + (n % 9)) * 1_000_000 + (n % 7) * 12_345,
        workersAffected: 1 + ((n * 5) % 24),
        summary: matter === 'work_injury' ? '施工中受伤，用人单位未申请工伤认定，拒绝支付工伤待遇' : `${1 + (n % 5)}个月工资未发放，多次催讨无果`,
        ...(matter === 'work_injury' ? { workersAffected: 1, injuredOn: `2026-${String(8 + (n % 3)).padStart(2, '0')}-${String(3 + (n % 20)).padStart(2, '0')}` } : {}),
        ...(n % 11 === 0 ? { urgent: true, urgentKind: 'limitation', urgentReason: '仲裁时效即将届满' } : {}),
      });
      applications++;
      if (j === 2) {
        // Labor-contract disputes go to arbitration; a work injury to the determination desk first (WIIR art. 17), where
        // the employer is registered — here the county itself; a wage claim of many workers to the union.
        const to = matter === 'labor_contract' ? 'arbitration' : matter === 'work_injury' ? 'work-injury' : 'union';
        const url = { arbitration: ARBITRATION, 'work-injury': WORK_INJURY, union: UNION }[to];
        const referral = await call(LEGAL_AID, 'POST', `/applications/${app.id}/referrals`, clerk, { toAgencyType: to });
        referrals++;
        const officer = token(to, to === 'work-injury' ? county : area.code, 'officer');
        await waitForReferral(url, officer, referral.id);
        await call(url, 'POST', `/referrals/${referral.id}/accept`, officer, {});
        continue;
      }
      const referral = await call(LEGAL_AID, 'POST', `/applications/${app.id}/referrals`, clerk, { toAgencyType: 'labor-inspection' });
      referrals++;
      await waitForReferral(INSPECTION, inspector, referral.id);
      if (j === 0) await call(INSPECTION, 'POST', `/referrals/${referral.id}/accept`, inspector, { note: '已立案调查' });
      else if (i % 4 === 0) {
        await call(INSPECTION, 'POST', `/referrals/${referral.id}/decline`, inspector, {
          reasonCode: 'in_arbitration_or_court', reason: '该争议已进入仲裁程序，建议由仲裁院处理', suggestedAgencyId: officeId('arbitration', area.code),
        });
      }
    }
    process.stdout.write(`[seed] ${area.name}: 3 applications, 3 referrals\n`);
  }
  process.stdout.write(`[seed] done: ${applications} new applications and ${referrals} new referrals (${areas.length} counties and zones)\n`);
  if (applications) await seedRoster();
  if (applications) await seedTypicalCases();
  // Only with freshly seeded cases: the alerts those cases raise are not a reason to skip the winter's signals.
  if (applications) await seedEarlyWarning();
  else process.stdout.write('[seed] early warning: demo signals already sent\n');
}

const COMMAND = process.env.COMMAND_URL ?? 'http://127.0.0.1:3007';

/** 章贡区's roster (律师名册), so that its director assigns from it: names and firms are examples, not real people. */
async function seedRoster() {
  const head = token('legal-aid', '360702', 'supervisor');
  const roster = [
    { name: '陈建国', kind: 'center' }, { name: '钟晓燕', kind: 'center' },
    { name: '温丽华', kind: 'firm', firmName: '江西赣章律师事务所（示例数据）' }, { name: '赖文华', kind: 'firm', firmName: '江西章江律师事务所（示例数据）' },
    { name: '曾伟', kind: 'grassroots', firmName: '章贡区水东法律服务所（示例数据）' },
  ];
  for (const l of roster) {
    // Already on it (a second seeding): 409; anything else is a failure.
    await call(LEGAL_AID, 'POST', '/lawyers', head, l).catch((e: Error) => { if (!e.message.includes('→ 409')) throw e; });
  }
  process.stdout.write(`[seed] 章贡区法律援助中心: ${roster.length} people on its roster\n`);
}

/**
 * Typical cases: in five counties a wage case is closed after labor inspection recovered the wages and proposed as
 * a typical case; three go through county and city review into the case library, 南康区's waits for its county head,
 * 章贡区's stays a draft for the demo clerk. 信丰县's center (a demonstration site) reports its year's innovation.
 */
async function seedTypicalCases() {
  const plan: [string, 'publish' | 'county' | 'draft'][] = [['360704', 'publish'], ['360722', 'publish'], ['360783', 'publish'], ['360703', 'county'], ['360702', 'draft']];
  for (const [k, [area, stage]] of plan.entries()) {
    const [clerk, lawyer, head] = (['clerk', 'lawyer', 'supervisor'] as const).map((r) => token('legal-aid', area, r));
    const inspector = token('labor-inspection', area, 'inspector');
    const app = await call(LEGAL_AID, 'POST', '/applications', clerk, {
      worker: { name: ['钟志明', '谢春兰', '赖国华', '黄秀梅', '刘建军'][k], idNumber: makeResidentId(area, `19${80 + k}0612`, 300 + k), phone: `1387970${String(1000 + k * 37).padStart(4, '0')}` },
      employer: { name: `赣州${['鑫源', '华建', '恒通', '金盛', '宏达'][k]}建设工程有限公司`, creditCode: makeCreditCode(`91${area}MA35TC${String(k).padStart(3, '0')}`) },
      project: { name: `${['梅林', '桃江', '渡江', '蓉江', '章江'][k]}安置房二期`, address: `${['梅林大道', '桃江路', '渡江大道', '蓉江路', '章江北大道'][k]}${18 + k}号` },
      divisionCode: area, channel: 'hotline_12348', matter: 'wage_arrears', industry: 'construction', amountOwedFen: (20 + k * 7) * 100_000, workersAffected: 8 + k * 3,
      summary: `包工头${['罗国强', '邓有才', '罗水生', '邓志平', '罗金生'][k]}承包安置房二期木工班组，工程完工后拖欠${8 + k * 3}名农民工工资，多次讨要未果，农民工通过12348热线求助。`,
    });
    await call(LEGAL_AID, 'POST', `/applications/${app.id}/accept`, lawyer);
    await call(LEGAL_AID, 'POST', `/applications/${app.id}/assign`, head, { lawyerName: ['温丽华', '曾伟', '钟晓燕', '黄志勇', '陈建国'][k] });
    const referral = await call(LEGAL_AID, 'POST', `/applications/${app.id}/referrals`, clerk, { toAgencyType: 'labor-inspection' });
    await waitForReferral(INSPECTION, inspector, referral.id);
    await call(INSPECTION, 'POST', `/referrals/${referral.id}/accept`, inspector, { note: '已立案调查' });
    await call(INSPECTION, 'POST', `/referrals/${referral.id}/resolve`, inspector, { outcome: 'paid_in_full', amountRecoveredFen: (20 + k * 7) * 100_000, paymentConfirmed: true });
    // The resolution reaches legal aid over Kafka; the case closes once it has.
    for (let tries = 0; ; tries++) {
      try {
        await call(LEGAL_AID, 'POST', `/applications/${app.id}/close`, lawyer, { note: '经劳动保障监察下达限期支付指令，总承包单位先行垫付，工资已全额发放到农民工本人账户。' });
        break;
      } catch (e) {
        if (tries > 100) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const tc = await call(LEGAL_AID, 'POST', '/typical-cases', lawyer, { applicationId: app.id });
    if (stage === 'draft') continue;
    await call(LEGAL_AID, 'POST', `/typical-cases/${tc.id}/submit`, lawyer);
    if (stage === 'county') continue;
    await call(LEGAL_AID, 'POST', `/typical-cases/${tc.id}/approve`, head, { note: '同意报送' });
    await call(LEGAL_AID, 'POST', `/typical-cases/${tc.id}/approve`, token('legal-aid', GANZHOU_CITY_CODE, 'supervisor'), { note: '同意入库' });
  }
  await call(COMMAND, 'POST', '/program/innovation-reports', token('legal-aid', '360722', 'supervisor'), {
    title: '“法援+监察”联动窗口一站式化解欠薪',
    summary: '在县劳动保障监察大队设立法律援助联动窗口，农民工欠薪求助同窗受理、当场转介、全程跟踪，当年办结欠薪案件平均用时明显缩短。',
  });
  process.stdout.write(`[seed] typical cases: ${plan.length} proposed, 3 in the case library; one innovation report\n`);
}

/**
 * The last six weeks of signals from the winter scenario generator, up to today: background claims across the
 * counties and group disputes building up, some of which break out in the coming weeks. The committee's board
 * then shows live alerts at every level.
 *
 * Legal aid holds only the cases seeded above, so the winter's claims are published as claims accepted by
 * arbitration (demoWinterEvents), not as legal aid's applications: the committee's statistics count what legal aid
 * holds, and the alerts come out as in the evaluated winter. Nothing dated after today is sent. The winter is sent
 * once: its employers and sites are the same on every day it is generated, so a second winter (on a later day, over
 * a database whose legal aid was emptied) would add its days to alerts raised by the first — signals dated after
 * the day an alert was first raised, and past the first winter's "today".
 */
async function seedEarlyWarning() {
  const today = localDate(new Date());
  const scenario = generateWinter({ seed: 2026, start: addDays(today, -42), end: addDays(today, 21), backgroundPerDay: 6, incidents: 8, nearMisses: 6 });
  const events = demoWinterEvents(scenario.events).filter((e) => e.day <= today);
  const subjects = subjectKeysOf(events);
  const board = await call(COMMAND, 'GET', '/alerts?limit=500', token('command', GANZHOU_CITY_CODE, 'analyst'));
  const already = board.items.filter((a: { subject: { key: string } }) => subjects.has(a.subject.key)).length;
  if (already) {
    process.stdout.write(`[seed] early warning: the winter's signals were sent before (${already} alerts on its subjects); not sent again\n`);
    return;
  }
  // The winter's agencies' events are published as each agency signs them, through the broker administrator's client
  // (no one service may write every agency's topics).
  const kafka = createKafka(messagingConfig('legal-aid'), kafkaSecurity('admin', { ...process.env, KAFKA_USERNAME: '' }));
  const publisher = new ScenarioPublisher({
    kafka, topicPrefix: messagingConfig('legal-aid').topicPrefix, earlyWarningUrl: EARLY_WARNING, feedToken: token('early-warning', GANZHOU_CITY_CODE, 'feed'),
  });
  await publisher.connect();
  try {
    for (const day of [...new Set(events.map((e) => e.day))]) {
      await publisher.publish(events.filter((e) => e.day === day));
      // Roughly one day after another, as they happened.
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await publisher.disconnect();
  }
  process.stdout.write(`[seed] early warning: ${publisher.published} signals over ${scenario.start} … ${today}, ${scenario.incidents.length} group disputes building up\n`);
}

async function waitForReferral(base: string, officer: string, id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await fetch(`${base}/referrals/${id}`, { headers: { authorization: `Bearer ${officer}` } });
    if (res.status === 200) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`referral ${id} did not reach ${base} within 10 s`);
}

main().catch((e) => {
  process.stderr.write(`[seed] failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
