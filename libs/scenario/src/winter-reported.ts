import { chainKey, employerKey, keysOf, officeId, siteKey } from '@yuanlian/contracts';
import type {
  CaseSignalV1, Channel, CreditListing, Hotline, Industry, PetitionKind, ReceivingAgencyType, WageMonitoringRecordV1,
} from '@yuanlian/contracts';
import { addDays, daysBetween, weekday } from '@yuanlian/deadlines';
import { GANZHOU_COUNTIES, makeCreditCode } from '@yuanlian/identity';
import { COMPANY_FORMS, NameBook, PROJECT_KINDS, townsOf, TRADE_NAMES } from './names';
import { Random } from './random';
import type { Incident, NearMiss, Scenario, ScenarioEvent, ScenarioOptions } from './winter';

/**
 * A second simulated winter, written from published reports of wage incidents in Jiangxi rather than from the early
 * warning rules: how group disputes actually come about (a foreman leaving with the money, a factory closing before
 * the festival, a government project whose funds do not arrive, a subcontractor failing on several sites, a crew
 * where only a few file, a service company whose workers only ring the hotline) and the situations that look like
 * trouble but are settled. It is meant to report on rules tuned on `generateWinter`, so it shares its event forms and
 * nothing of its shapes, rates or timings.
 */

export const REPORTED_INCIDENT_SHAPES = {
  foreman_absconds: '包工头卷款跑路',
  factory_closure: '节前工厂停工、老板失联',
  public_project_stalls: '政府投资项目资金不到位',
  cross_county_subcontractor: '劳务分包跨县多工地欠薪',
  weak_real: '少数工人陆续申请后集体讨薪',
  hotline_and_petition_only: '服务业欠薪只见热线和信访',
} as const;
export type ReportedIncidentShape = keyof typeof REPORTED_INCIDENT_SHAPES;

export const REPORTED_NEAR_MISS_SHAPES = {
  small_crew_paid: '小班组欠薪经责令或调解支付',
  big_employer_steady_claims: '大型用人单位零星申请及时支付',
  late_transfer_made_good: '人工费迟拨后补拨',
  grumbles: '零星热线抱怨',
} as const;
export type ReportedNearMissShape = keyof typeof REPORTED_NEAR_MISS_SHAPES;

interface Firm {
  creditCode: string;
  name: string;
  industry: Industry;
  /** Where it is registered: a Ganzhou county, or a city of Guangdong, Zhejiang or Fujian. */
  divisionCode: string;
  ganzhou: boolean;
  size: number;
  /** How often its workers come to an agency, relative to others (background only). */
  propensity: number;
  sites: Site[];
}

interface Site {
  name: string;
  code: string;
  divisionCode: string;
  employer: Firm;
  generalContractor: Firm;
  governmentFunded: boolean;
  crew: number;
  /** Day offset of its first monitoring record, when registered with the platform. */
  registeredFrom?: number;
  /** Day of the month its labor-cost transfer is due. */
  dueDom: number;
}

/** Where a case is handled: the case's county, and the legal aid center the worker went to. */
interface Claimant {
  key: string;
  amountFen: number;
}

// Ganzhou's counties, weighted by how many wage cases they see (章贡 and 南康 most, the small mountain counties least).
const COUNTY_WEIGHT: Record<string, number> = {
  '360702': 16, '360703': 12, '360704': 6, '360722': 6, '360723': 3, '360724': 3, '360725': 2, '360726': 3, '360728': 3,
  '360729': 2, '360730': 6, '360731': 8, '360732': 6, '360733': 4, '360734': 3, '360735': 3, '360781': 6, '360783': 5,
};
const MINING_COUNTIES = ['360723', '360725', '360729', '360728', '360734'];

const BACKGROUND_INDUSTRIES: Record<Industry, number> = {
  construction: 30, manufacturing: 24, catering: 10, property_management: 5, sanitation: 3, courier: 5, logistics: 6, services: 11,
  agriculture: 3, mining: 1, other: 2,
};

/** Monthly wage in yuan, low and high, by industry (Ganzhou, 2026). */
const MONTHLY_WAGE: Record<Industry, [number, number]> = {
  construction: [6500, 9500], manufacturing: [4000, 5800], catering: [3000, 4200], property_management: [2400, 3400], sanitation: [2200, 3000],
  courier: [5000, 7500], logistics: [4800, 7000], services: [3000, 4500], agriculture: [2600, 3600], mining: [6000, 8500], other: [3500, 5000],
};

/** Where Ganzhou's workers go: cities of Guangdong, Zhejiang and Fujian, with their division codes. */
const AWAY_CITIES: { code: string; name: string; weight: number }[] = [
  { code: '441900', name: '东莞市', weight: 10 }, { code: '440300', name: '深圳市', weight: 8 }, { code: '440100', name: '广州市', weight: 5 },
  { code: '440600', name: '佛山市', weight: 5 }, { code: '441300', name: '惠州市', weight: 4 }, { code: '442000', name: '中山市', weight: 3 },
  { code: '330300', name: '温州市', weight: 3 }, { code: '330700', name: '金华市', weight: 3 }, { code: '330200', name: '宁波市', weight: 2 },
  { code: '350500', name: '泉州市', weight: 3 }, { code: '350200', name: '厦门市', weight: 2 }, { code: '350100', name: '福州市', weight: 1 },
];
const AWAY_INDUSTRIES: Partial<Record<Industry, number>> = { manufacturing: 60, construction: 15, logistics: 8, courier: 5, catering: 7, services: 5 };

/** Kinds of project paid for by government (or its platform companies). */
const PUBLIC_KINDS = ['安置房', '人民医院综合楼', '中学教学楼', '高铁站配套道路', '保障性住房', '污水处理厂'];
const MIXED_KINDS = ['工业园标准厂房', '产业园'];

const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** The forms of manufacturing in COMPANY_FORMS.manufacturing: electronics, garments and shoes, furniture, materials. */
const MANUFACTURING_FORM = { electronics: 0, garments: 1, furniture: 2, materials: 3 } as const;

export function generateReportedWinter(options: ScenarioOptions): Scenario {
  // A stream of its own: the same seed gives this generator's winter, not the first generator's draws.
  const r = new Random((Math.imul(options.seed >>> 0, 0x9e3779b1) ^ 0x7a11e2d5) >>> 0);
  const start = options.start ?? '2026-11-01';
  const end = options.end ?? '2027-02-05';
  const days = daysBetween(start, end) + 1;
  if (days < 1) throw new Error(`the winter ends (${end}) before it starts (${start})`);
  const backgroundPerDay = options.backgroundPerDay ?? 12;
  const incidentCount = options.incidents ?? 12;
  const nearMissCount = options.nearMisses ?? 16;

  const events: (ScenarioEvent & { seq: number })[] = [];
  const incidents: Incident[] = [];
  const nearMisses: NearMiss[] = [];
  const names = new NameBook();
  const counties = GANZHOU_COUNTIES.map((c) => c.code);
  const countyWeights = Object.fromEntries(counties.map((c) => [c, COUNTY_WEIGHT[c] ?? 3])) as Record<string, number>;
  let serial = 0;
  let projectSerial = 0;

  const last = days - 1;
  const inRange = (t: number) => t >= 0 && t <= last;
  const dayAt = (t: number) => addDays(start, t);
  const clamp = (t: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, t));
  const county = () => r.weighted(countyWeights);
  const otherCounty = (not: string[]) => {
    for (let i = 0; i < 50; i++) {
      const c = county();
      if (!not.includes(c)) return c;
    }
    return counties.find((c) => !not.includes(c)) ?? not[0];
  };
  const worker = () => `wk_${r.hex(32)}`;
  const wage = (industry: Industry) => r.int(MONTHLY_WAGE[industry][0], MONTHLY_WAGE[industry][1]);
  /** What one worker is owed for some months, in fen (whole yuan, as wage sheets are). */
  const owed = (industry: Industry, months: number) => Math.max(800, Math.round(wage(industry) * months * (0.8 + 0.35 * r.next()))) * 100;
  /** About a number, as people say it: 一百多人, 三十来个. */
  const roughly = (n: number) => (n >= 100 ? Math.floor(n / 50) * 50 || n : n >= 20 ? Math.round(n / 10) * 10 : n);

  // Who each event is about, so an incident's and a near miss's subjects are those its own events reach.
  let collecting: Set<string> | undefined;
  const subjectsOf = (divisionCode: string, creditCode: string, site: Site | undefined, t: number) => {
    if (!site) return [employerKey(creditCode)];
    const keys = [siteKey(divisionCode, site.name)];
    if (site.registeredFrom !== undefined && site.registeredFrom <= t) keys.push(chainKey(site.generalContractor.creditCode));
    return keys;
  };
  const push = (t: number, e: ScenarioEvent, about?: { divisionCode: string; creditCode: string; site?: Site }) => {
    events.push({ ...e, seq: events.length });
    if (collecting && about) for (const k of subjectsOf(about.divisionCode, about.creditCode, about.site, t)) collecting.add(k);
  };

  // ---------------------------------------------------------------------------------------------------------
  // Employers and sites.

  const usedCodes = new Set<string>();
  const creditCode = (divisionCode: string) => {
    for (;;) {
      const body = Array.from({ length: 9 }, () => r.pick([...CODE_ALPHABET])).join('');
      const code = makeCreditCode(`91${divisionCode}${body}`);
      if (!usedCodes.has(code)) {
        usedCodes.add(code);
        return code;
      }
    }
  };
  const firm = (industry: Industry, divisionCode: string, size: number, form?: number): Firm => {
    const forms = COMPANY_FORMS[industry];
    const name = names.company(divisionCode, industry, r.int(0, TRADE_NAMES.length - 1), form ?? r.int(0, forms.length - 1), r.int(0, 2));
    return { creditCode: creditCode(divisionCode), name, industry, divisionCode, ganzhou: true, size, propensity: 1, sites: [] };
  };
  const awayNames = new Set<string>();
  const awayFirm = (): Firm => {
    const city = r.weighted(Object.fromEntries(AWAY_CITIES.map((c) => [c.code, c.weight])) as Record<string, number>);
    const cityName = AWAY_CITIES.find((c) => c.code === city)!.name;
    const industry = r.weighted(AWAY_INDUSTRIES as Record<Industry, number>);
    const forms = COMPANY_FORMS[industry];
    const t0 = r.int(0, TRADE_NAMES.length - 1);
    const f0 = r.int(0, forms.length - 1);
    let name = '';
    for (let k = 0; !name || awayNames.has(name); k++) {
      const word = TRADE_NAMES[(t0 + k) % TRADE_NAMES.length] + (k >= TRADE_NAMES.length ? TRADE_NAMES[(t0 + Math.floor(k / TRADE_NAMES.length)) % TRADE_NAMES.length] : '');
      name = `${cityName}${word}${forms[(f0 + Math.floor(k / (TRADE_NAMES.length * TRADE_NAMES.length))) % forms.length]}`;
    }
    awayNames.add(name);
    const size = r.chance(0.6) ? r.int(50, 600) : r.int(600, 5000);
    return { creditCode: creditCode(city), name, industry, divisionCode: city, ganzhou: false, size, propensity: 1, sites: [] };
  };
  const sizeFor = (industry: Industry) => {
    const big = ['manufacturing', 'logistics', 'courier', 'property_management', 'sanitation'].includes(industry);
    const u = r.next();
    if (u < (big ? 0.55 : 0.75)) return r.int(5, 30);
    if (u < (big ? 0.9 : 0.97)) return r.int(30, 300);
    return r.int(300, 3000);
  };
  const generalContractor = (divisionCode: string) => firm('construction', divisionCode, r.int(200, 3000), r.chance(0.7) ? 1 : 2);
  const site = (divisionCode: string, employer: Firm, gc: Firm, crew: number, kinds?: readonly string[]): Site => {
    const kind = kinds ? PROJECT_KINDS.indexOf(r.pick(kinds)) : r.int(0, PROJECT_KINDS.length - 1);
    const name = names.site(divisionCode, r.int(0, townsOf(divisionCode).length - 1), kind, r.int(0, 8));
    const actualKind = PROJECT_KINDS.find((k) => name.includes(k)) ?? '';
    const governmentFunded = PUBLIC_KINDS.includes(actualKind) || (MIXED_KINDS.includes(actualKind) && r.chance(0.5));
    const s: Site = {
      name, code: `JX${divisionCode}${String(++projectSerial).padStart(6, '0')}`, divisionCode, employer, generalContractor: gc, governmentFunded, crew,
      dueDom: r.int(10, 28),
    };
    employer.sites.push(s);
    return s;
  };

  // ---------------------------------------------------------------------------------------------------------
  // The agencies' and the feeds' records, in the contracts' forms.

  const apply = (
    t: number, f: Firm, s: Site | undefined, c: Claimant,
    opts: { division?: string; agencyCounty?: string; workers?: number; channel?: Channel } = {},
  ) => {
    if (!inRange(t)) return;
    const division = s?.divisionCode ?? opts.division ?? f.divisionCode;
    const day = dayAt(t);
    const toFestival = last - t;
    // Near the festival the mobile stations at the stations and bus depots take more of them.
    const channel: Channel = opts.channel ?? (toFestival < 25 && r.chance(0.2) ? 'mobile_station' : r.weighted({ window: 45, workstation: 15, online: 22, hotline_12348: 10, mobile_station: 8 }));
    const online = channel === 'online';
    const hour = online ? r.int(0, 23) : r.pick([8, 9, 9, 10, 10, 11, 14, 15, 15, 16, 17]);
    push(t, {
      day, type: 'application',
      payload: {
        applicationId: r.uuid(), agencyId: officeId('legal-aid', opts.agencyCounty ?? division), divisionCode: division,
        channel, matter: 'wage_arrears', industry: f.industry, workerKey: c.key,
        employerCreditCode: f.creditCode, employerName: f.name, ...(s ? { projectName: s.name } : {}), amountOwedFen: c.amountFen,
        workersAffected: opts.workers ?? 1, greenChannel: true, priority: true, acceptFirst: r.chance(toFestival < 30 ? 0.4 : 0.2),
        receivedAt: `${day}T${String(hour).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}+08:00`,
      },
    }, { divisionCode: division, creditCode: f.creditCode, site: s });
  };

  /** One agency case per worker (or group), so its acceptance, order and payment carry the same case id. */
  interface AgencyCase { caseId: string; referralId: string; source: ReceivingAgencyType; division: string }
  const agencyCase = (source: ReceivingAgencyType, division: string): AgencyCase => ({ caseId: r.uuid(), referralId: r.uuid(), source, division });
  const signal = (
    t: number, kind: CaseSignalV1['kind'], ac: AgencyCase, f: Firm, s: Site | undefined, c: Claimant,
    opts: { workers?: number; paidFen?: number; source?: ReceivingAgencyType } = {},
  ) => {
    if (!inRange(t)) return;
    const source = opts.source ?? ac.source;
    const division = s?.divisionCode ?? ac.division;
    push(t, {
      day: dayAt(t), type: 'case-signal', source,
      payload: {
        kind, caseId: ac.caseId, referralId: ac.referralId, officeId: officeId(source, division), divisionCode: division, matter: 'wage_arrears',
        industry: f.industry, employerCreditCode: f.creditCode, employerName: f.name, ...(s ? { projectName: s.name } : {}), workerKey: c.key,
        workersAffected: opts.workers ?? 1, amountOwedFen: c.amountFen, ...(kind === 'payment' ? { amountPaidFen: opts.paidFen ?? c.amountFen } : {}),
        occurredOn: dayAt(t),
      },
    }, { divisionCode: division, creditCode: f.creditCode, site: s });
  };
  const hotline = (t: number, f: Firm, s: Site | undefined, complaints: number, line: Hotline, workersMentioned?: number, division?: string) => {
    if (!inRange(t)) return;
    const d = s?.divisionCode ?? division ?? f.divisionCode;
    push(t, {
      day: dayAt(t), type: 'feed', feed: 'hotline',
      record: {
        recordId: `RHL-${line}-${dayAt(t)}-${++serial}`, hotline: line, divisionCode: d, employerCreditCode: f.creditCode, employerName: f.name,
        ...(s ? { projectName: s.name } : {}), complaints, ...(workersMentioned ? { workersMentioned } : {}), observedOn: dayAt(t),
      },
    }, { divisionCode: d, creditCode: f.creditCode, site: s });
  };
  const monitoring = (t: number, s: Site, indicator: WageMonitoringRecordV1['indicator'], figures: Partial<WageMonitoringRecordV1> = {}) => {
    if (!inRange(t)) return;
    if (s.registeredFrom === undefined || t < s.registeredFrom) s.registeredFrom = t;
    push(t, {
      day: dayAt(t), type: 'feed', feed: 'wage-monitoring',
      record: {
        recordId: `RWM-${s.code}-${dayAt(t)}-${++serial}`, divisionCode: s.divisionCode,
        project: {
          code: s.code, name: s.name, governmentFunded: s.governmentFunded,
          generalContractorCreditCode: s.generalContractor.creditCode, generalContractorName: s.generalContractor.name,
        },
        employerCreditCode: s.employer.creditCode, employerName: s.employer.name, indicator, ...figures, observedOn: dayAt(t),
      },
    }, { divisionCode: s.divisionCode, creditCode: s.employer.creditCode, site: s });
  };
  const petition = (t: number, f: Firm, s: Site | undefined, kind: PetitionKind, participants: number, division?: string) => {
    if (!inRange(t)) return;
    const d = s?.divisionCode ?? division ?? f.divisionCode;
    push(t, {
      day: dayAt(t), type: 'feed', feed: 'petitions',
      record: {
        recordId: `RPT-${d}-${dayAt(t)}-${++serial}`, kind, divisionCode: d, employerCreditCode: f.creditCode, employerName: f.name,
        ...(s ? { projectName: s.name } : {}), participants: Math.max(1, participants), observedOn: dayAt(t),
      },
    }, { divisionCode: d, creditCode: f.creditCode, site: s });
  };
  const credit = (t: number, f: Firm, listing: CreditListing, listedOn: string) => {
    if (!inRange(t)) return;
    push(t, {
      day: dayAt(t), type: 'feed', feed: 'credit',
      record: { recordId: `RCR-${++serial}`, employerCreditCode: f.creditCode, employerName: f.name, listing, listedOn },
    });
  };
  /** A listing from before the winter (the credit platform's list as it stands on the first day). */
  const pastListing = (f: Firm, listing: CreditListing = r.chance(0.8) ? 'arrears_record' : 'blacklist') =>
    credit(0, f, listing, addDays(start, -r.int(30, 700)));

  /** Labor cost transfer due days (offsets) of a site after its registration. */
  const dueDays = (s: Site, from: number) => {
    const out: number[] = [];
    for (let t = Math.max(0, from + 1); t <= last; t++) if (Number(dayAt(t).slice(8, 10)) === s.dueDom) out.push(t);
    return out;
  };
  const monthlyCost = (s: Site) => s.crew * wage('construction') * 100;
  /** Registered on the first day (or a later opening day), transfers made on each due day but those skipped. */
  const registerWithTransfers = (s: Site, from = 0, skip: (t: number) => boolean = () => false) => {
    monitoring(from, s, 'transfer_made', { amountFen: monthlyCost(s) });
    for (const t of dueDays(s, from)) if (!skip(t)) monitoring(t, s, 'transfer_made', { amountFen: monthlyCost(s) });
  };

  /** Days spread over [from, to], sorted (each one drawn, repeats allowed). */
  const spread = (n: number, from: number, to: number) => Array.from({ length: n }, () => r.int(Math.min(from, to), Math.max(from, to))).sort((a, b) => a - b);
  /** The day a group incident breaks out: any time from December, most in the weeks before the festival. */
  const outbreakDay = (lead: number) => {
    const hi = Math.max(0, last - 1);
    const lo = clamp(Math.max(lead, 28), 0, hi);
    if (r.chance(0.25)) return r.int(lo, hi);
    // Most in the fortnight or three weeks before the festival, when the crews want their pay to go home; fewer on its eve.
    const toEnd = 1 + r.int(0, 10) + Math.round(-Math.log(1 - r.next()) * 9);
    return clamp(last - toEnd, lo, hi);
  };
  const hotlineLine = (): Hotline => r.weighted({ '12345': 70, '12333': 25, '12348': 5 });

  // ---------------------------------------------------------------------------------------------------------
  // Background: the winter's ordinary individual claims, calls, transfers and listings.

  const pool: Firm[] = [];
  const gcs: Firm[] = [];
  const employerCount = r.int(1800, 2300);
  for (let i = 0; i < 30; i++) gcs.push(generalContractor(r.chance(0.4) ? '360702' : county()));
  for (let i = 0; i < employerCount; i++) {
    const industry = r.weighted(BACKGROUND_INDUSTRIES);
    const c = industry === 'mining' ? r.pick(MINING_COUNTIES) : industry === 'manufacturing' && r.chance(0.25) ? '360703' : county();
    const form = industry === 'construction' ? (r.chance(0.75) ? 0 : r.int(1, 2)) : industry === 'manufacturing' && c === '360703' && r.chance(0.7) ? MANUFACTURING_FORM.furniture : undefined;
    const f = firm(industry, c, sizeFor(industry), form);
    const trouble = r.chance(0.03) ? 8 : r.chance(0.12) ? 3 : 1;
    // Small employers bring most of the claims; a bigger one brings more, but far from in proportion to its workers.
    f.propensity = Math.pow(f.size, 0.3) * trouble;
    pool.push(f);
  }
  const away: Firm[] = Array.from({ length: r.int(120, 180) }, () => {
    const f = awayFirm();
    f.propensity = Math.pow(f.size, 0.3) * (r.chance(0.1) ? 4 : 1);
    return f;
  });
  // Construction firms' sites: a third of them have one or two going this winter; government projects are nearly all
  // registered with the monitoring platform, private ones less often.
  const backgroundSites: Site[] = [];
  for (const f of pool.filter((p) => p.industry === 'construction' && r.chance(0.35))) {
    for (let k = r.chance(0.8) ? 1 : 2; k > 0; k--) {
      const gc = r.chance(0.1) ? f : r.chance(0.6) ? (gcs.find((g) => g.divisionCode === f.divisionCode && r.chance(0.5)) ?? r.pick(gcs)) : r.pick(gcs);
      const s = site(f.divisionCode, f, gc, Math.max(5, Math.min(f.size, r.int(10, 80))));
      backgroundSites.push(s);
    }
  }
  for (const s of backgroundSites) {
    if (!r.chance(s.governmentFunded ? 0.8 : 0.3)) continue;
    const from = r.chance(0.9) ? 0 : r.int(10, Math.max(10, last - 20));
    const u = r.next();
    if (u < 0.07) {
      // One month late, made good within days or weeks.
      let missed = -1;
      registerWithTransfers(s, from, (t) => {
        if (missed < 0 && r.chance(0.5)) {
          missed = t;
          return true;
        }
        return false;
      });
      if (missed >= 0) {
        monitoring(missed, s, 'missed_transfer', { monthsMissed: 1, attendanceHeadcount: s.crew, amountFen: monthlyCost(s) });
        monitoring(missed + r.int(4, 20), s, 'transfer_made', { amountFen: monthlyCost(s) });
      }
    } else if (u < 0.085) {
      // Two months behind before the builder pays the arrears.
      const due = dueDays(s, from);
      const first = due.length >= 2 ? r.int(0, due.length - 2) : -1;
      registerWithTransfers(s, from, (t) => first >= 0 && (t === due[first] || t === due[first + 1]));
      if (first >= 0) {
        monitoring(due[first], s, 'missed_transfer', { monthsMissed: 1, amountFen: monthlyCost(s) });
        monitoring(due[first + 1], s, 'missed_transfer', { monthsMissed: 2, attendanceHeadcount: s.crew, amountFen: 2 * monthlyCost(s) });
        monitoring(due[first + 1] + r.int(3, 12), s, 'transfer_made', { amountFen: 2 * monthlyCost(s) });
      }
    } else {
      registerWithTransfers(s, from);
      if (r.chance(0.04)) {
        const t = r.int(from + 5, last);
        monitoring(t, s, 'headcount_gap', { attendanceHeadcount: s.crew, paidHeadcount: Math.max(0, s.crew - r.int(1, 2)) });
      }
    }
  }

  // Claims per day: the November rate, rising from December to about twice as many in the last five weeks; fewer at
  // weekends (online and the mobile stations only) and over 元旦; the offices close early on 除夕.
  const seasonal = Array.from({ length: days }, (_, t) => {
    const toEnd = last - t;
    const season = toEnd <= 35 ? 2 : t < 30 ? 1 : 1 + Math.min(1, (t - 30) / Math.max(1, last - 35 - 30));
    const wd = weekday(dayAt(t));
    const md = dayAt(t).slice(5);
    const office = md === '01-01' || md === '01-02' || md === '01-03' ? 0.3 : wd === 0 || wd === 6 ? 0.45 : 1.18;
    return season * office * (toEnd === 0 ? 0.5 : 1);
  });
  const seasonalTotal = seasonal.reduce((s, w) => s + w, 0);
  const claimScale = (backgroundPerDay * days) / seasonalTotal;

  const cumulative = (firms: Firm[]) => {
    const acc: number[] = [];
    let sum = 0;
    for (const f of firms) acc.push((sum += f.propensity));
    return (): Firm => {
      const x = r.next() * sum;
      let lo = 0;
      let hi = acc.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (acc[mid] > x) hi = mid;
        else lo = mid + 1;
      }
      return firms[lo];
    };
  };
  const pickLocal = cumulative(pool);
  const pickAway = cumulative(away);
  const recentlyClaimed: { t: number; f: Firm; s?: Site; division: string }[] = [];

  for (let t = 0; t <= last; t++) {
    const n = r.poisson(seasonal[t] * claimScale);
    // Workers home from Guangdong, Zhejiang and Fujian file against employers there, more as the festival nears.
    const awayShare = 0.05 + 0.2 * Math.max(0, 1 - (last - t) / 40);
    for (let i = 0; i < n; i++) {
      const isAway = r.chance(awayShare);
      const f = isAway ? pickAway() : pickLocal();
      const s = f.sites.length && r.chance(0.8) ? r.pick(f.sites) : undefined;
      const home = county();
      const division = isAway ? home : s?.divisionCode ?? f.divisionCode;
      const agencyCounty = isAway || r.chance(0.85) ? division : home;
      const workers = r.chance(0.07) ? r.int(2, 5) : 1;
      const c: Claimant = { key: worker(), amountFen: owed(f.industry, Number(r.weighted({ '1': 40, '2': 35, '3': 17, '4': 8 }))) * workers };
      apply(t, f, s, c, { division, agencyCounty, workers });
      recentlyClaimed.push({ t, f, s, division });
      if (isAway) {
        // The case goes to the other province (异地协作): nothing further is heard here, but the odd payment agreed by mediation.
        if (r.chance(0.15)) {
          const ac = agencyCase('arbitration', division);
          signal(t + r.int(10, 40), 'payment', ac, f, undefined, c, { workers });
        }
        continue;
      }
      // Labor inspection accepts about four in ten (some workers went there first); arbitration some of the rest.
      const atInspection = r.chance(0.4);
      const atArbitration = !atInspection && r.chance(0.2);
      const ac = atInspection ? agencyCase('labor-inspection', division) : agencyCase('arbitration', division);
      const acceptedOn = t + (atInspection ? r.int(-6, 10) : r.int(3, 15));
      if (atInspection || atArbitration) signal(acceptedOn, 'complaint_accepted', ac, f, s, c, { workers });
      let ready = Math.max(t, acceptedOn);
      if (atInspection && r.chance(0.3)) {
        ready = acceptedOn + r.int(5, 20);
        signal(ready, 'order_to_pay', ac, f, s, c, { workers });
      } else if (atArbitration && r.chance(0.2)) {
        ready = acceptedOn + r.int(20, 45);
        signal(ready, 'order_to_pay', ac, f, s, c, { workers });
      }
      if (r.chance(0.68)) {
        // Paid: through the case that was opened, or by mediation at arbitration.
        const paidOn = ready + Math.round(-Math.log(1 - r.next()) * 14) + 2;
        const partial = r.chance(0.15) ? Math.round(c.amountFen * (0.7 + 0.25 * r.next()) / 100) * 100 : c.amountFen;
        signal(paidOn, 'payment', ac, f, s, c, { workers, paidFen: partial });
      }
    }
    // Scattered calls: a worker who also filed, or one who only rang.
    const calls = r.poisson(2.2 * (0.7 + 0.3 * seasonal[t]));
    for (let i = 0; i < calls; i++) {
      const recent = recentlyClaimed.filter((x) => x.t >= t - 30 && x.f.ganzhou);
      const pick = recent.length && r.chance(0.5) ? r.pick(recent) : undefined;
      const f = pick?.f ?? pickLocal();
      const s = pick ? pick.s : f.sites.length && r.chance(0.6) ? r.pick(f.sites) : undefined;
      hotline(t, f, s, r.chance(0.9) ? 1 : 2, hotlineLine(), r.chance(0.12) ? r.int(2, 8) : undefined);
    }
    if (recentlyClaimed.length > 4000) recentlyClaimed.splice(0, 2000);
  }
  // The credit platform's list as it stands, and a few new listings over the winter (repeat offenders are more often the troubled).
  for (const f of pool) if (r.chance(f.propensity > 8 ? 0.06 : 0.012)) pastListing(f);
  for (let k = r.int(3, 6); k > 0; k--) {
    const t = r.int(Math.min(10, last), last);
    credit(t, pickLocal(), r.chance(0.7) ? 'arrears_record' : 'blacklist', dayAt(t));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Incidents: group disputes that break out, each from the first sign to the day of the gathering.

  const crewOf = (n: number) => Array.from({ length: n }, () => worker());
  /** After the gathering: the inspection takes the group case, orders payment, and much of it is paid (deposit, advance). */
  const aftermath = (I: number, f: Firm, s: Site | undefined, division: string, workers: number, amountEach: number, applicants: Claimant[], contractor: boolean) => {
    if (!r.chance(0.75)) return;
    const rep: Claimant = { key: applicants[0]?.key ?? worker(), amountFen: amountEach * workers };
    const ac = agencyCase('labor-inspection', division);
    signal(I + r.int(1, 3), 'complaint_accepted', ac, f, s, rep, { workers });
    if (r.chance(0.6)) signal(I + r.int(3, 7), 'order_to_pay', ac, f, s, rep, { workers });
    if (r.chance(contractor ? 0.7 : 0.45)) {
      const paidOn = I + r.int(6, 16);
      signal(paidOn, 'payment', ac, f, s, rep, { workers, paidFen: Math.round(rep.amountFen * (0.6 + 0.4 * r.next()) / 100) * 100 });
    }
  };

  const shapes = keysOf(REPORTED_INCIDENT_SHAPES) as ReportedIncidentShape[];
  const shapeWeights: Record<ReportedIncidentShape, number> = {
    foreman_absconds: 3, factory_closure: 2, public_project_stalls: 1.5, cross_county_subcontractor: 1.5, weak_real: 2, hotline_and_petition_only: 1.5,
  };
  const incidentShapes = shuffle(r, shapes).slice(0, Math.min(incidentCount, shapes.length));
  while (incidentShapes.length < incidentCount) incidentShapes.push(r.weighted(shapeWeights));

  /** A general contractor's other, healthy sites: the chain holds more than the troubled one. */
  const otherSites = (gc: Firm, n: number) => {
    for (let k = 0; k < n; k++) {
      const c = r.chance(0.5) ? gc.divisionCode : county();
      const sub = firm('construction', c, r.int(10, 60), 0);
      registerWithTransfers(site(c, sub, gc, r.int(15, 60)));
    }
  };

  incidentShapes.forEach((shape, i) => {
    const keys = new Set<string>();
    let incidentDay = 0;
    let divisionCode = '';
    let label = '';
    let workers = 0;
    collecting = keys;
    switch (shape) {
      case 'foreman_absconds': {
        // The labor subcontractor's foreman collects the crew's wages and leaves; the crew finds out, calls, a few
        // apply, and they gather at the site or the county government.
        const c = county();
        const gc = generalContractor(r.chance(0.5) ? c : county());
        const crew = r.int(20, 50);
        const sub = firm('construction', c, crew + r.int(0, 30), 0);
        const s = site(c, sub, gc, crew);
        const lead = r.int(10, 28);
        const I = outbreakDay(lead + 3);
        const gone = Math.max(0, I - lead);
        registerWithTransfers(s);
        const months = r.int(2, 4);
        const crewKeys = crewOf(crew);
        for (const t of spread(r.int(1, 4), gone + 1, I - 1)) {
          const said = r.next();
          hotline(t, sub, r.chance(0.75) ? s : undefined, r.int(1, 4), r.chance(0.65) ? '12345' : r.chance(0.85) ? '12333' : '12348',
            said < 0.45 ? crew : said < 0.75 ? (r.chance(0.5) ? 30 : Math.max(10, roughly(crew))) : undefined, c);
        }
        const applicants: Claimant[] = [];
        const window = r.int(7, 21);
        const applyDays = spread(r.int(2, 6), gone + 2, Math.min(gone + window, I - 1));
        applyDays.forEach((t, k) => {
          const a: Claimant = { key: crewKeys[k], amountFen: owed('construction', months) };
          applicants.push(a);
          apply(t, sub, s, a, { agencyCounty: r.chance(0.8) ? c : county() });
          if (r.chance(0.5)) signal(t + r.int(1, 6), 'complaint_accepted', agencyCase('labor-inspection', c), sub, s, a);
        });
        if (r.chance(0.35)) monitoring(r.int(gone + 1, Math.max(gone + 1, I - 1)), s, 'headcount_gap', { attendanceHeadcount: crew, paidHeadcount: r.int(0, Math.floor(crew / 4)) });
        const atSite = r.chance(0.8);
        petition(I, sub, atSite || r.chance(0.5) ? s : undefined, 'gathering', Math.round(crew * (0.5 + 0.5 * r.next())), c);
        aftermath(I, sub, s, c, crew, owed('construction', months), applicants, true);
        if (r.chance(0.2)) pastListing(sub);
        collecting = undefined;
        otherSites(gc, r.int(0, 2));
        [incidentDay, divisionCode, label, workers] = [I, c, `${s.name}（${sub.name}）`, crew];
        break;
      }
      case 'factory_closure': {
        // Orders dry up, wages fall two or three months behind, and before the festival the boss stops answering.
        const kind = r.weighted({ furniture: 35, garments: 35, electronics: 30 });
        const c = kind === 'furniture' && r.chance(0.7) ? '360703' : county();
        const n = r.int(60, 200);
        const f = firm('manufacturing', c, n, MANUFACTURING_FORM[kind]);
        const months = r.int(2, 3);
        const lead = r.int(14, 35);
        const I = outbreakDay(lead + 5);
        const gone = Math.max(0, I - lead);
        const applicants: Claimant[] = [];
        for (const t of spread(r.int(3, 8), gone - 10, I - 1)) {
          const a: Claimant = { key: worker(), amountFen: owed('manufacturing', months) };
          applicants.push(a);
          apply(t, f, undefined, a, { agencyCounty: r.chance(0.75) ? c : county() });
          if (r.chance(0.6)) signal(t + r.int(1, 7), 'complaint_accepted', agencyCase('labor-inspection', c), f, undefined, a);
        }
        for (const t of spread(r.int(2, 5), gone, I - 1)) {
          const mentioned = clamp(r.chance(0.5) ? roughly(n) : Math.round(n * (0.5 + 0.6 * r.next())), 50, 200);
          hotline(t, f, undefined, r.int(2, 10), r.chance(0.7) ? '12345' : '12333', mentioned);
        }
        if (r.chance(0.45)) {
          const rep: Claimant = { key: worker(), amountFen: owed('manufacturing', months) * n };
          signal(r.int(gone + 3, Math.max(gone + 3, I - 3)), 'field_risk_report', agencyCase('union', c), f, undefined, rep, { workers: r.chance(0.5) ? n : roughly(n) });
        }
        petition(I - r.int(7, 14), f, undefined, 'petition', r.int(3, 8));
        petition(I, f, undefined, 'gathering', Math.max(20, Math.round(n * (0.3 + 0.4 * r.next()))));
        aftermath(I, f, undefined, c, n, owed('manufacturing', months), applicants, false);
        if (r.chance(0.25)) pastListing(f);
        [incidentDay, divisionCode, label, workers] = [I, c, f.name, n];
        break;
      }
      case 'public_project_stalls': {
        // The government's funds do not arrive; the builder stops the labor-cost transfers month after month; the
        // platform sees it; hardly anyone files; then they gather.
        const c = county();
        const gc = generalContractor(r.chance(0.6) ? c : '360702');
        const n = r.int(40, 150);
        const employer = r.chance(0.6) ? firm('construction', c, n + r.int(0, 40), 0) : gc;
        const s = site(c, employer, gc, n, PUBLIC_KINDS);
        s.governmentFunded = true;
        const M = Number(r.weighted({ '2': 20, '3': 60, '4': 20 }));
        const I = outbreakDay(30);
        const lastMissed = I - r.int(3, 18);
        const missedAt = Array.from({ length: M }, (_, k) => lastMissed - 30 * (M - 1 - k) + (k === M - 1 ? 0 : r.int(-3, 3)));
        const before = missedAt.filter((t) => t <= 0).length;
        const cost = monthlyCost(s);
        if (before === 0) monitoring(0, s, 'transfer_made', { amountFen: cost });
        else monitoring(0, s, 'missed_transfer', { monthsMissed: before, attendanceHeadcount: n, amountFen: before * cost });
        missedAt.forEach((t, k) => {
          if (t > 0) monitoring(t, s, 'missed_transfer', { monthsMissed: k + 1, ...(r.chance(0.7) ? { attendanceHeadcount: n } : {}), amountFen: (k + 1) * cost });
        });
        const second = missedAt[Math.min(1, M - 1)];
        for (let k = r.int(1, 2); k > 0; k--) {
          const t = r.int(Math.max(1, second + 1), Math.max(1, I - 1));
          if (r.chance(0.6)) monitoring(t, s, 'no_wage_record', { attendanceHeadcount: n, workersWithoutRecord: Math.max(1, Math.round(n * (0.5 + 0.5 * r.next()))) });
          else monitoring(t, s, 'headcount_gap', { attendanceHeadcount: n, paidHeadcount: r.int(0, Math.floor(n / 5)) });
        }
        const applicants: Claimant[] = [];
        for (const t of spread(r.int(0, 3), I - 28, I - 1)) {
          const a: Claimant = { key: worker(), amountFen: owed('construction', M) };
          applicants.push(a);
          apply(t, employer, s, a);
        }
        if (r.chance(0.25)) hotline(r.int(Math.max(0, I - 20), Math.max(0, I - 1)), employer, s, r.int(1, 3), '12345', r.chance(0.5) ? roughly(n) : undefined);
        petition(I, employer, r.chance(0.9) ? s : undefined, 'gathering', Math.max(10, Math.round(n * (0.2 + 0.5 * r.next()))), c);
        // The funds are found after the gathering.
        if (r.chance(0.6)) monitoring(I + r.int(3, 10), s, 'transfer_made', { amountFen: M * cost });
        aftermath(I, employer, s, c, n, owed('construction', M), applicants, true);
        collecting = undefined;
        otherSites(gc, r.int(0, 2));
        [incidentDay, divisionCode, label, workers] = [I, c, `${s.name}（${employer.name}）`, n];
        break;
      }
      case 'cross_county_subcontractor': {
        // One labor subcontractor (or one builder) fails on its sites in several counties at once.
        const viaSub = r.chance(0.6);
        const home = county();
        const sub = viaSub ? firm('construction', home, r.int(60, 200), 0) : undefined;
        const oneGc = viaSub ? (r.chance(0.4) ? generalContractor(home) : undefined) : generalContractor(home);
        const siteCount = r.int(2, 4);
        const used: string[] = [];
        const sites: Site[] = [];
        for (let k = 0; k < siteCount; k++) {
          const c = k === 0 ? home : otherCounty(used);
          used.push(c);
          const employer = sub ?? firm('construction', c, r.int(20, 80), 0);
          const s = site(c, employer, oneGc ?? generalContractor(c), r.int(10, 35));
          registerWithTransfers(s);
          sites.push(s);
        }
        const total = sites.reduce((n, s) => n + s.crew, 0);
        const months = r.int(2, 3);
        const I = outbreakDay(45);
        const from = Math.max(0, I - r.int(21, 42));
        const applicants = new Map<Site, Claimant[]>();
        for (const s of sites) {
          applicants.set(s, []);
          for (const t of spread(r.int(2, 5), from, I - 1)) {
            const a: Claimant = { key: worker(), amountFen: owed('construction', months) };
            applicants.get(s)!.push(a);
            apply(t, s.employer, s, a);
            if (r.chance(0.4)) signal(t + r.int(1, 8), 'complaint_accepted', agencyCase('labor-inspection', s.divisionCode), s.employer, s, a);
          }
        }
        const calling = shuffle(r, sites).slice(0, r.int(2, sites.length));
        for (const s of calling) {
          for (const t of spread(r.int(1, 2), from, I - 1)) {
            hotline(t, s.employer, r.chance(0.7) ? s : undefined, r.int(1, 3), hotlineLine(), r.chance(0.5) ? (r.chance(0.7) ? s.crew : roughly(total)) : undefined, s.divisionCode);
          }
        }
        const where = r.pick(sites);
        const participants = Math.round(where.crew * (0.6 + 0.4 * r.next())) + (r.chance(0.4) ? r.int(5, 20) : 0);
        petition(I, where.employer, r.chance(0.85) ? where : undefined, 'gathering', participants, where.divisionCode);
        aftermath(I, where.employer, where, where.divisionCode, where.crew, owed('construction', months), applicants.get(where)!, true);
        if (r.chance(0.3)) {
          const next = r.pick(sites.filter((s) => s !== where));
          petition(I + r.int(1, 4), next.employer, next, 'gathering', Math.round(next.crew * (0.5 + 0.5 * r.next())));
        }
        if (sub && r.chance(0.2)) pastListing(sub);
        const by = sub ?? oneGc!;
        [incidentDay, divisionCode, label, workers] = [I, where.divisionCode, by.name, total];
        break;
      }
      case 'weak_real': {
        // A crew of about twenty; three or four file one by one over weeks, nobody else says anything, then they gather.
        const crew = r.int(16, 26);
        const c = county();
        const onSite = r.chance(0.55);
        const industry: Industry = onSite ? 'construction' : r.pick(['manufacturing', 'catering', 'services'] as Industry[]);
        const f = firm(industry, c, crew + r.int(0, 10), onSite ? 0 : undefined);
        let s: Site | undefined;
        if (onSite) {
          s = site(c, f, r.chance(0.6) ? generalContractor(c) : f, crew);
          if (r.chance(0.6)) registerWithTransfers(s);
        }
        const span = r.int(21, 42);
        const I = outbreakDay(span + 8);
        const first = Math.max(0, I - span - r.int(2, 8));
        const months = r.int(2, 3);
        const n = r.int(3, 4);
        const applicants: Claimant[] = [];
        for (let k = 0; k < n; k++) {
          const t = first + Math.round((k * (I - 2 - first)) / Math.max(1, n - 1)) + r.int(-2, 2);
          const a: Claimant = { key: worker(), amountFen: owed(industry, months) };
          applicants.push(a);
          apply(clamp(t, first, I - 1), f, s, a, { agencyCounty: r.chance(0.7) ? c : county() });
        }
        if (r.chance(0.35)) hotline(r.int(first, Math.max(first, I - 1)), f, s, r.chance(0.8) ? 1 : 2, hotlineLine(), r.chance(0.3) ? crew : undefined, c);
        petition(I, f, s, 'gathering', r.int(10, crew), c);
        aftermath(I, f, s, c, crew, owed(industry, months), applicants, s?.generalContractor !== undefined && s.generalContractor !== f);
        [incidentDay, divisionCode, label, workers] = [I, c, s ? `${s.name}（${f.name}）` : f.name, crew];
        break;
      }
      case 'hotline_and_petition_only': {
        // Cleaners, security guards, kitchen staff: nobody applies on their own; they ring 12345, send representatives, gather.
        const industry = r.pick(['property_management', 'sanitation', 'catering'] as Industry[]);
        const c = county();
        const n = r.int(15, 60);
        const f = firm(industry, c, n + r.int(0, 40));
        const span = r.int(14, 21);
        const I = outbreakDay(span + 4);
        for (const t of spread(r.int(3, 6), I - span, I - 1)) {
          hotline(t, f, undefined, r.int(1, 8), r.chance(0.75) ? '12345' : '12333', clamp(Math.round(n * (0.4 + 0.6 * r.next())), 10, 40));
        }
        petition(I - r.int(3, 10), f, undefined, 'petition', r.int(3, 6));
        petition(I, f, undefined, 'gathering', clamp(Math.round(n * (0.5 + 0.5 * r.next())), 10, 40));
        aftermath(I, f, undefined, c, n, owed(industry, 2), [], false);
        [incidentDay, divisionCode, label, workers] = [I, c, f.name, n];
        break;
      }
    }
    collecting = undefined;
    incidents.push({
      id: `reported-${String(i + 1).padStart(2, '0')}`, shape, divisionCode, label, subjectKeys: [...keys].sort(), workers,
      incidentDay: dayAt(incidentDay),
    });
  });

  // ---------------------------------------------------------------------------------------------------------
  // Near misses: what looks like trouble and is settled.

  const missShapes = keysOf(REPORTED_NEAR_MISS_SHAPES) as ReportedNearMissShape[];
  const missWeights: Record<ReportedNearMissShape, number> = { small_crew_paid: 4, big_employer_steady_claims: 2, late_transfer_made_good: 3, grumbles: 3 };
  const nearMissShapes = shuffle(r, missShapes).slice(0, Math.min(nearMissCount, missShapes.length));
  while (nearMissShapes.length < nearMissCount) nearMissShapes.push(r.weighted(missWeights));

  nearMissShapes.forEach((shape, i) => {
    const keys = new Set<string>();
    collecting = keys;
    switch (shape) {
      case 'small_crew_paid': {
        // Five to seven workers of a small employer all file; the inspection orders payment or arbitration settles; paid.
        const c = county();
        const onSite = r.chance(0.5);
        const industry: Industry = onSite ? 'construction' : r.pick(['catering', 'manufacturing', 'services', 'logistics'] as Industry[]);
        const f = firm(industry, c, r.int(8, 25), onSite ? 0 : undefined);
        let s: Site | undefined;
        if (onSite) {
          s = site(c, f, r.chance(0.5) ? generalContractor(c) : f, r.int(8, 25));
          if (r.chance(0.4)) registerWithTransfers(s);
        }
        const settleIn = r.int(14, 35);
        const T0 = r.int(0, Math.max(0, last - settleIn - 12));
        const months = r.int(1, 3);
        const crew = Array.from({ length: r.int(5, 7) }, (): Claimant => ({ key: worker(), amountFen: owed(industry, months) }));
        const viaInspection = r.chance(0.6);
        const orderOn = T0 + r.int(7, 16);
        const paidOn = T0 + settleIn;
        crew.forEach((a, k) => {
          const t = T0 + (k === 0 ? 0 : r.int(0, 9));
          apply(t, f, s, a);
          const inspection = agencyCase('labor-inspection', c);
          const accepted = t + r.int(0, 6);
          const atInspection = r.chance(0.65);
          if (atInspection) signal(accepted, 'complaint_accepted', inspection, f, s, a);
          if (viaInspection) {
            // The order goes to the employer; the inspection records each worker's payment.
            const ordered = Math.max(orderOn, accepted + 2);
            if (atInspection && r.chance(0.6)) signal(ordered, 'order_to_pay', inspection, f, s, a);
            signal(Math.max(paidOn + r.int(-2, 0), ordered + 2), 'payment', inspection, f, s, a);
          } else {
            // The group's cases are settled by mediation at arbitration.
            const arbitration = agencyCase('arbitration', c);
            const filed = t + r.int(3, 8);
            signal(filed, 'complaint_accepted', arbitration, f, s, a);
            signal(Math.max(paidOn + r.int(-2, 0), filed + 3), 'payment', arbitration, f, s, a);
          }
        });
        if (r.chance(0.55)) hotline(T0 + r.int(-3, 8), f, s, 1, '12345', undefined, c);
        if (r.chance(0.1)) pastListing(f);
        break;
      }
      case 'big_employer_steady_claims': {
        // A big logistics, courier, sanitation or property company: a few claims every week, each paid soon.
        const industry = r.pick(['logistics', 'courier', 'sanitation', 'property_management'] as Industry[]);
        const c = r.chance(0.6) ? '360702' : r.pick(['360703', '360704', '360731', '360781', '360783']);
        const f = firm(industry, c, r.int(500, 3000));
        for (let week = 0; week * 7 <= last; week++) {
          const n = week > 0 && r.chance(0.1) ? 0 : r.int(1, 3);
          for (let k = 0; k < n; k++) {
            const t = week * 7 + r.int(0, week > 0 ? 6 : Math.min(6, last));
            if (t > last) continue;
            const a: Claimant = { key: worker(), amountFen: owed(industry, r.chance(0.8) ? 1 : 2) };
            apply(t, f, undefined, a);
            const atInspection = r.chance(0.3);
            const ac = agencyCase(atInspection ? 'labor-inspection' : 'arbitration', c);
            if (atInspection) signal(t + r.int(1, 4), 'complaint_accepted', ac, f, undefined, a);
            else if (r.chance(0.4)) signal(t + r.int(1, 4), 'complaint_accepted', ac, f, undefined, a);
            signal(t + r.int(3, 14), 'payment', ac, f, undefined, a);
          }
        }
        for (let t = r.int(5, 30); t <= last; t += r.int(18, 35)) hotline(t, f, undefined, 1, '12345');
        if (r.chance(0.1)) pastListing(f, 'arrears_record');
        break;
      }
      case 'late_transfer_made_good': {
        // A registered project misses one month's labor-cost transfer and makes it good within weeks.
        const c = county();
        const gc = generalContractor(r.chance(0.5) ? c : county());
        const s = site(c, firm('construction', c, r.int(20, 100), 0), gc, r.int(20, 80));
        const due = dueDays(s, 0).filter((t) => t <= last - 22);
        const missed = due.length ? r.pick(due) : -1;
        registerWithTransfers(s, 0, (t) => t === missed);
        if (missed >= 0) {
          monitoring(missed, s, 'missed_transfer', { monthsMissed: 1, attendanceHeadcount: s.crew, amountFen: monthlyCost(s) });
          if (r.chance(0.4)) monitoring(missed + r.int(2, 7), s, 'headcount_gap', { attendanceHeadcount: s.crew, paidHeadcount: s.crew - r.int(1, 3) });
          monitoring(missed + r.int(8, 21), s, 'transfer_made', { amountFen: monthlyCost(s) });
        }
        break;
      }
      case 'grumbles': {
        // Two to four single calls about one employer over a month, and nothing else.
        const industry = r.weighted(BACKGROUND_INDUSTRIES);
        const c = county();
        const f = firm(industry, c, sizeFor(industry));
        const s = industry === 'construction' && r.chance(0.5) ? site(c, f, f, r.int(10, 40)) : undefined;
        const from = r.int(0, Math.max(0, last - 30));
        for (const t of spread(r.int(2, 4), from, Math.min(last, from + 30))) hotline(t, f, s, 1, hotlineLine(), undefined, c);
        break;
      }
    }
    collecting = undefined;
    nearMisses.push({ id: `reported-near-${String(i + 1).padStart(2, '0')}`, shape, subjectKeys: [...keys].sort() });
  });

  events.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.seq - b.seq));
  return {
    seed: options.seed, start, end,
    events: events.map(({ seq: _seq, ...e }) => e as ScenarioEvent),
    incidents, nearMisses,
  };
}

function shuffle<T>(r: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
