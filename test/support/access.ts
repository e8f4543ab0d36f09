// Who may call what: the access matrix shared by the access-matrix and hostile-HTTP tests.
import { randomUUID } from 'node:crypto';
import type { Role } from '@yuanlian/auth';
import { RECEIVING_AGENCY_TYPES } from '@yuanlian/contracts';
import type { AgencyType, ReceivingAgencyType } from '@yuanlian/contracts';
import { tokenFor } from '@yuanlian/testing';
import type { Platform } from './platform';

/** Every kind of user the platform has, at the county 360702. */
export const CALLERS = [
  'legal-aid/clerk', 'legal-aid/lawyer', 'legal-aid/supervisor', 'labor-inspection/inspector', 'labor-inspection/supervisor',
  'arbitration/officer', 'court/officer', 'union/officer', 'command/analyst', 'command/supervisor', 'command/admin',
  'early-warning/admin', 'early-warning/feed', 'housing/officer', 'work-injury/officer', 'public-security/officer',
] as const;
export type Caller = (typeof CALLERS)[number];

const LEGAL_AID_STAFF: Caller[] = ['legal-aid/clerk', 'legal-aid/lawyer', 'legal-aid/supervisor'];
const inbox = (t: ReceivingAgencyType): Caller[] => CALLERS.filter((c) => c.startsWith(`${t}/`));
const ALL: Caller[] = [...CALLERS];

/**
 * Who may call what. `service METHOD path` → the callers allowed; everybody else gets 403, nobody without a token
 * gets past 401; `public` rows answer without a token (and never with 401 or 403). Records are further scoped to the caller's office, and
 * administrators' changes to their area (checked in the access-matrix test).
 */
export const MATRIX: Record<string, Caller[] | 'public'> = {
  // Every service
  ...Object.fromEntries(['portal', 'legal-aid', ...RECEIVING_AGENCY_TYPES, 'early-warning', 'command'].map((s) => [`${s} GET /health`, 'public' as const])),
  // 门户: sign-in and the keys are open; every signed-in user has a profile and a password; administrators manage users
  'portal POST /auth/login': 'public',
  'portal GET /.well-known/jwks.json': 'public',
  'portal GET /auth/revocations': 'public',
  'portal GET /admin/audit': ['command/admin'],
  'portal GET /auth/me': ALL,
  'portal PUT /auth/password': ALL,
  'portal GET /users': ['command/admin', 'early-warning/admin'],
  'portal POST /users': ['command/admin', 'early-warning/admin'],
  'portal PUT /users/{id}': ['command/admin', 'early-warning/admin'],
  // 法律援助中心
  'legal-aid POST /applications': LEGAL_AID_STAFF,
  'legal-aid GET /applications': LEGAL_AID_STAFF,
  'legal-aid GET /applications/related': LEGAL_AID_STAFF,
  'legal-aid GET /applications/lawyers': LEGAL_AID_STAFF,
  'legal-aid GET /access-log': ['legal-aid/supervisor'],
  // The office's due dates a holiday notice moved
  'legal-aid GET /clock-changes': LEGAL_AID_STAFF,
  // 律师名册: the center reads it, its head keeps it
  'legal-aid GET /lawyers': LEGAL_AID_STAFF,
  'legal-aid POST /lawyers': ['legal-aid/supervisor'],
  'legal-aid PUT /lawyers/{id}': ['legal-aid/supervisor'],
  'legal-aid GET /applications/counts': LEGAL_AID_STAFF,
  'legal-aid GET /applications/export.{format}': LEGAL_AID_STAFF,
  'legal-aid GET /applications/{id}': LEGAL_AID_STAFF,
  'legal-aid GET /applications/{id}/routing': LEGAL_AID_STAFF,
  'legal-aid POST /applications/{id}/accept': ['legal-aid/lawyer', 'legal-aid/supervisor'],
  'legal-aid POST /applications/{id}/assign': ['legal-aid/supervisor'],
  'legal-aid POST /applications/{id}/paperwork': LEGAL_AID_STAFF,
  'legal-aid POST /applications/{id}/close': ['legal-aid/lawyer', 'legal-aid/supervisor'],
  // Refusal, termination, materials and objections (Legal Aid Law arts. 43, 48, 49)
  'legal-aid POST /applications/{id}/refuse': ['legal-aid/lawyer', 'legal-aid/supervisor'],
  'legal-aid POST /applications/{id}/terminate': ['legal-aid/supervisor'],
  'legal-aid POST /applications/{id}/materials/request': LEGAL_AID_STAFF,
  'legal-aid POST /applications/{id}/materials/received': LEGAL_AID_STAFF,
  'legal-aid POST /applications/{id}/objections': LEGAL_AID_STAFF,
  'legal-aid POST /applications/{id}/objections/{objectionId}/review': ['legal-aid/supervisor'],
  'legal-aid POST /applications/{applicationId}/referrals': LEGAL_AID_STAFF,
  'legal-aid POST /applications/{applicationId}/referrals/{referralId}/revoke': LEGAL_AID_STAFF,
  'legal-aid POST /applications/{applicationId}/referrals/{referralId}/resubmit': LEGAL_AID_STAFF,
  'legal-aid POST /applications/{id}/transfer': LEGAL_AID_STAFF,
  'legal-aid POST /transfers/inbound': LEGAL_AID_STAFF,
  // 典型案例 (legal aid centers) and the case library (以案释法, every agency's staff)
  'legal-aid POST /typical-cases': LEGAL_AID_STAFF,
  'legal-aid GET /typical-cases': LEGAL_AID_STAFF,
  'legal-aid GET /typical-cases/duty': LEGAL_AID_STAFF,
  'legal-aid GET /typical-cases/duty/overdue': LEGAL_AID_STAFF,
  'legal-aid GET /typical-cases/reminders': LEGAL_AID_STAFF,
  'legal-aid GET /typical-cases/{id}': LEGAL_AID_STAFF,
  'legal-aid PUT /typical-cases/{id}': LEGAL_AID_STAFF,
  'legal-aid POST /typical-cases/{id}/submit': LEGAL_AID_STAFF,
  'legal-aid POST /typical-cases/{id}/approve': ['legal-aid/supervisor'],
  'legal-aid POST /typical-cases/{id}/return': ['legal-aid/supervisor'],
  'legal-aid GET /case-library': ALL,
  'legal-aid GET /case-library/export.pdf': ALL,
  'legal-aid GET /case-library/{id}': ALL,
  'legal-aid GET /alerts': ['legal-aid/clerk', 'legal-aid/lawyer', 'legal-aid/supervisor'],
  'legal-aid GET /alerts/stream': ['legal-aid/clerk', 'legal-aid/lawyer', 'legal-aid/supervisor'],
  'legal-aid GET /alerts/{alertId}': ['legal-aid/clerk', 'legal-aid/lawyer', 'legal-aid/supervisor'],
  'legal-aid POST /alerts/{alertId}/acknowledge': ['legal-aid/clerk', 'legal-aid/lawyer', 'legal-aid/supervisor'],
  // Receiving agencies: the shared referral inbox; inspection and union are alert desks too
  ...Object.fromEntries(RECEIVING_AGENCY_TYPES.flatMap((t) => [
    [`${t} GET /referrals`, inbox(t)], [`${t} GET /referrals/counts`, inbox(t)], [`${t} GET /referrals/export.{format}`, inbox(t)], [`${t} GET /referrals/{id}`, inbox(t)],
    ...['accept', 'decline', 'return', 'progress', 'resolve'].map((a) => [`${t} POST /referrals/{id}/${a}`, inbox(t)]),
    [`${t} POST /referrals/{id}/clocks/{rule}/extend`, inbox(t).filter((c) => c.endsWith('/supervisor'))],
    [`${t} POST /referrals/{id}/clocks/{rule}/extension-request`, inbox(t)],
    [`${t} POST /referrals/{id}/clocks/{rule}/extension-refuse`, inbox(t).filter((c) => c.endsWith('/supervisor'))],
    [`${t} GET /access-log`, inbox(t).filter((c) => c.endsWith('/supervisor'))],
    [`${t} GET /clock-changes`, inbox(t)],
  ])),
  ...Object.fromEntries((['labor-inspection', 'union'] as const).flatMap((t) => [
    [`${t} GET /alerts`, inbox(t)], [`${t} GET /alerts/stream`, inbox(t)], [`${t} GET /alerts/{alertId}`, inbox(t)],
    [`${t} POST /alerts/{alertId}/acknowledge`, inbox(t)],
  ])),
  // 预警中心
  'early-warning POST /feeds/wage-monitoring': ['early-warning/feed'],
  'early-warning POST /feeds/hotline': ['early-warning/feed'],
  'early-warning POST /feeds/petitions': ['early-warning/feed'],
  'early-warning POST /feeds/credit': ['early-warning/feed'],
  'early-warning GET /rules': ['command/analyst', 'command/admin', 'early-warning/admin'],
  'early-warning GET /rules/{divisionCode}': ['command/analyst', 'command/admin', 'early-warning/admin'],
  'early-warning PUT /rules/{divisionCode}': ['command/admin', 'early-warning/admin'],
  // The audit trail of administrators' changes: a county's administrators read their county's (checked in the access-matrix test)
  'early-warning GET /admin/audit': ['command/admin', 'early-warning/admin'],
  // 政法委 (and the housing bureau's alert desk)
  'command GET /alerts': ['command/analyst', 'command/supervisor', 'housing/officer'],
  'command GET /alerts/stream': ['command/analyst', 'command/supervisor', 'housing/officer'],
  'command GET /alerts/{alertId}': ['command/analyst', 'command/supervisor', 'housing/officer'],
  'command POST /alerts/{alertId}/acknowledge': ['command/analyst', 'command/supervisor', 'housing/officer'],
  'command POST /alerts/{alertId}/assign': ['command/supervisor'],
  'command POST /alerts/{alertId}/close': ['command/supervisor'],
  'command POST /alerts/{alertId}/supervise': ['command/supervisor'],
  'command GET /overview': ['command/analyst', 'command/supervisor'],
  'command GET /supervision': ['command/analyst', 'command/supervisor'],
  'command GET /supervision/export.{format}': ['command/analyst', 'command/supervisor'],
  'command POST /supervision/{clockId}/supervise': ['command/supervisor'],
  'command GET /directory/offices': ALL,
  'command PUT /directory/offices/{officeId}': ['command/admin'],
  'command GET /admin/audit': ['command/admin'],
  'command GET /trust/keys': ['command/admin'],
  'command POST /trust/keys': ['command/admin'],
  'command GET /calendar': ALL,
  // A year's holiday notice: administrators check it; only the city's enter it (a county's get 403 in the service)
  'command POST /calendar/years/{year}/check': ['command/admin'],
  'command PUT /calendar/years/{year}': ['command/admin'],
  'command GET /statistics': ['command/analyst', 'command/supervisor', 'command/admin'],
  'command GET /statistics/counties.csv': ['command/analyst', 'command/supervisor', 'command/admin'],
  'command GET /statistics/report.xlsx': ['command/analyst', 'command/supervisor', 'command/admin'],
  'command GET /statistics/report.pdf': ['command/analyst', 'command/supervisor', 'command/admin'],
  'command POST /statistics/rebuild': ['command/admin'],
  'command GET /statistics/rebuild': ['command/admin'],
  // 示范创建: every office sees the demonstration sites and windows; their staff report (the service checks the office is one)
  'command GET /program/demonstration': ALL,
  'command GET /program/innovation-reports': ALL,
  'command POST /program/innovation-reports': CALLERS.filter((c) => c !== 'command/analyst' && c !== 'early-warning/feed'),
};

export const token = (caller: Caller, area = '360702') => {
  const [type, role] = caller.split('/') as [AgencyType, Role];
  return tokenFor(type, area, role);
};

export const PARAMS: Record<string, string> = {
  id: randomUUID(), applicationId: randomUUID(), referralId: randomUUID(), objectionId: randomUUID(), clockId: randomUUID(), alertId: randomUUID(),
  officeId: 'legal-aid:360799', divisionCode: '360702', rule: 'labor-inspection.acceptance', format: 'csv', year: '2027',
};


/** Every endpoint of every running service, from its OpenAPI document; `key` is the matrix row it needs. */
export async function listEndpoints(platform: Platform): Promise<{ service: string; method: string; path: string; key: string }[]> {
  const endpoints: { service: string; method: string; path: string; key: string }[] = [];
  for (const service of Object.keys(platform.services)) {
    const doc = (await platform.call(service, 'GET', '/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) endpoints.push({ service, method: method.toUpperCase(), path, key: `${service} ${method.toUpperCase()} ${path}` });
    }
  }
  return endpoints;
}
