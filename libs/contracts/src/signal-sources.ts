// Where early-warning signals come from, in words. A pure module (no validators): the portal's pages import it too.
import { AGENCY_TYPE_NAMES } from './agencies';
import { CHANNELS } from './vocab';

export const HOTLINES = { '12345': '12345政务服务便民热线', '12333': '12333人社服务热线', '12348': '12348公共法律服务热线' } as const;
export type Hotline = keyof typeof HOTLINES;

/** Where a signal came from, in words: an intake channel, a hotline, an agency, a feed. */
export function signalSourceLabel(code: string): string {
  const hotline = code.startsWith('hotline_') ? code.slice('hotline_'.length) : '';
  return (
    (CHANNELS as Record<string, string>)[code] ?? (HOTLINES as Record<string, string>)[hotline] ??
    (AGENCY_TYPE_NAMES as Record<string, string>)[code] ?? ({ wage_monitoring: '欠薪预警监测平台', petition: '信访部门', credit: '信用信息平台' } as Record<string, string>)[code] ?? '其他来源'
  );
}

/**
 * Where an early-warning worker estimate comes from (a pure table: the portal shows it). The estimate is the best
 * figure among them, each kept with its source so the explanation says where it came from.
 */
export const WORKER_ESTIMATE_SOURCES = {
  claims: '申请或投诉且未获支付的劳动者',
  group_application: '集体申请或申请人所述涉及人数',
  hotline: '热线反映人数',
  petition: '信访、聚集人数',
  field_report: '工会一线报告人数',
  headcount_gap: '监测平台：实发少于考勤的人数',
  no_wage_record: '监测平台：无工资记录的人数',
  attendance: '监测平台：人工费未拨付项目的考勤人数',
} as const;
export type WorkerEstimateSource = keyof typeof WORKER_ESTIMATE_SOURCES;
