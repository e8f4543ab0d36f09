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
