import { dayInChinese } from '../../../../libs/deadlines/src/dates';
// Talking to the platform: every call goes through the portal's gateway (/api/<service>/...) with the user's token.

export interface Session {
  token: string;
  expiresAt: string;
  user: {
    id: string; username: string; displayName: string; agencyType: string; agencyName: string; divisionCode: string; divisionName: string;
    officeId: string; roles: string[]; roleNames: string[];
  };
}

const KEY = 'yuanlian.session';

export function loadSession(): Session | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return s && Date.parse(s.expiresAt) > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null) {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

/** An answer other than 2xx, with the platform's message in Chinese and, for 400, the fields that are wrong. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

let onExpired: () => void = () => undefined;
export const whenSessionExpires = (fn: () => void) => (onExpired = fn);

const STATUS_TEXT: Record<number, string> = {
  401: '登录已过期，请重新登录',
  403: '您没有权限执行此操作',
  404: '未找到该记录',
  409: '操作与当前状态冲突',
  413: '提交的内容过大',
  429: '操作过于频繁，请稍后再试',
  502: '服务暂时无法访问，请稍后再试',
  503: '服务暂时不可用，请稍后再试',
};

/**
 * A new request key (Idempotency-Key): 128 random bits. From getRandomValues, which a page served over plain HTTP on a
 * county intranet has too (randomUUID needs a secure context).
 */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The answers after which a POST is sent again with its key: no answer, the gateway or service away, the first still running. */
const retryable = (e: ApiError) => e.status === 0 || e.status === 502 || e.status === 503 || (e.status === 409 && e.message.includes('正在处理中'));
/** Waits before the 2nd, 3rd and 4th try of a POST. */
const RETRY_DELAYS_MS = [1000, 2000, 4000];

async function call<T>(url: string, method = 'GET', body?: unknown, key?: string): Promise<T> {
  // Every POST carries a key: sent again after a lost answer, it is done once (the service answers with the first result).
  if (method !== 'POST') return send<T>(url, method, body);
  const requestKey = key ?? newRequestKey();
  for (let attempt = 0; ; attempt++) {
    try {
      return await send<T>(url, method, body, requestKey);
    } catch (e) {
      if (!(e instanceof ApiError) || !retryable(e) || attempt >= RETRY_DELAYS_MS.length) throw e;
      await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt]));
    }
  }
}

async function send<T>(url: string, method: string, body?: unknown, key?: string): Promise<T> {
  const session = loadSession();
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(session ? { authorization: `Bearer ${session.token}` } : {}),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, '网络连接失败，请检查网络后重试');
  }
  const text = await res.text();
  let data: any;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    if (res.status === 401 && session) onExpired();
    const message = typeof data?.message === 'string' ? data.message : Array.isArray(data?.message) ? data.message.join('；') : STATUS_TEXT[res.status] ?? `请求失败（${res.status}）`;
    throw new ApiError(res.status, message, data?.fields ?? {});
  }
  return data as T;
}

/** A service's API: `api('legal-aid').get('/applications')`. */
export function api(service: string) {
  const base = service === 'portal' ? '' : `/api/${service}`;
  return {
    get: <T = any>(path: string) => call<T>(base + path),
    /** `key`: the form's own request key, kept until it succeeds, so that pressing 提交 again is the same request. */
    post: <T = any>(path: string, body: unknown = {}, key?: string) => call<T>(base + path, 'POST', body, key),
    put: <T = any>(path: string, body: unknown = {}) => call<T>(base + path, 'PUT', body),
  };
}

/** Downloads a file the service makes (CSV, XLSX, PDF) and saves it under `filename`. */
export async function downloadFile(service: string, path: string, filename: string): Promise<void> {
  const res = await fetch(`/api/${service}${path}`, { headers: { authorization: `Bearer ${loadSession()?.token}` } });
  if (!res.ok) {
    const data = await res.json().catch(() => undefined);
    throw new ApiError(res.status, typeof data?.message === 'string' ? data.message : STATUS_TEXT[res.status] ?? `下载失败（${res.status}）`);
  }
  const url = URL.createObjectURL(await res.blob());
  Object.assign(document.createElement('a'), { href: url, download: filename }).click();
  URL.revokeObjectURL(url);
}

/**
 * A live feed (server-sent events) read with fetch, so that the token goes in a header, not in the URL. Reconnects
 * after a dropped connection; `stop()` ends it.
 */
export function liveFeed(service: string, path: string, onEvent: (type: string, data: any) => void, onState?: (connected: boolean) => void): { stop: () => void } {
  const abort = new AbortController();
  (async () => {
    while (!abort.signal.aborted) {
      try {
        const session = loadSession();
        const res = await fetch(`/api/${service}${path}`, { headers: { accept: 'text/event-stream', ...(session ? { authorization: `Bearer ${session.token}` } : {}) }, signal: abort.signal });
        if (res.status === 401) return onExpired();
        if (!res.ok || !res.body) throw new Error(String(res.status));
        onState?.(true);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let type = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) type = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
            }
            if (data.length) {
              try {
                onEvent(type, JSON.parse(data.join('\n')));
              } catch {
                /* a malformed event is skipped */
              }
            }
          }
        }
      } catch {
        /* dropped: retry below */
      }
      onState?.(false);
      if (!abort.signal.aborted) await new Promise((r) => setTimeout(r, 2000));
    }
  })();
  return { stop: () => abort.abort() };
}

/** Fen → "12,500.00 元" (the unit the forms use), with separators. */
export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? '—' : `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

/** Fen → "1,234.57 万元" from ten thousand yuan up (a headline figure that fits its box), else as yuan(). */
export const wanYuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined || Math.abs(fen) < 1_000_000 ? yuan(fen)
    : `${(fen / 1_000_000).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 万元`;

/**
 * "12500.5", "12,500.50", "１２５００" (yuan, as typed — thousands separators and full-width digits as a Chinese input
 * method gives them) → fen, or null when it is not an amount.
 */
export function toFen(yuanText: string): number | null {
  const text = yuanText.trim().replace(/[０-９．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/^[¥￥]/, '');
  // Commas only as thousands separators (12,000 and 1,234,567.5 — not 12,00).
  if (!/^(\d{1,3}(,\d{3})+|\d{1,10})(\.\d{1,2})?$/.test(text)) return null;
  const [whole, frac = ''] = text.replace(/,/g, '').split('.');
  if (whole.length > 10) return null;
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** "2026年12月1日 21:04" in China Standard Time, whatever the browser's zone. */
export const dateTime = (iso: string | null | undefined) => {
  if (!iso) return '—';
  const p = Object.fromEntries(CST.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`;
};
/** "2026-12-01" (a statutory due date, already a CST calendar day) → "2026年12月1日". */
export const dateLabel = dayInChinese;
const CST = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
