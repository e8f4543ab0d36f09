import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Caller } from '@yuanlian/auth';
import { AGENCY_TYPE_NAMES, ALERT_LEVELS, ALERT_STATUSES, AlertAcknowledged, LEVEL_ORDER, SUBJECT_KINDS } from '@yuanlian/contracts';
import type { AgencyType, AlertLevel, AlertStatus, AlertV1, EventDefinition } from '@yuanlian/contracts';
import { serviceAreaName } from '@yuanlian/identity';
import { InboxContext, Outbox } from '@yuanlian/messaging';
import { Observable, Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import { DeskAlert } from './desk-alert.entity';
import { schemaOf } from '@yuanlian/database';

export const DESK_AGENCY_TYPES = Symbol('DESK_AGENCY_TYPES');

export interface AlertFilter {
  divisionCode?: string;
  level?: AlertLevel;
  status?: AlertStatus;
  limit?: number;
}

/**
 * A desk's alerts: kept from the alert topic addressed to its agency type, listed only to offices named on the
 * alert, acknowledged back to early warning. Changes are pushed to live feeds as they arrive.
 */
@Injectable()
export class DeskAlertsService {
  private readonly changes = new Subject<DeskAlert>();

  constructor(
    @Inject(DESK_AGENCY_TYPES) private readonly agencyTypes: readonly AgencyType[],
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Keeps the newest message per alert; an older one arriving late changes nothing. */
  async received(p: AlertV1, ctx: InboxContext): Promise<void> {
    const { deskType: _, ...data } = p;
    const rows: DeskAlert[] = await ctx.manager.query(
      `INSERT INTO "${this.schema()}".desk_alerts (alert_id, sequence, status, level, division_code, desks, data, received_at, first_sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now(), $8)
       ON CONFLICT (alert_id) DO UPDATE SET sequence = EXCLUDED.sequence, status = EXCLUDED.status, level = EXCLUDED.level,
         desks = EXCLUDED.desks, data = EXCLUDED.data, received_at = EXCLUDED.received_at
       WHERE desk_alerts.sequence < EXCLUDED.sequence
       RETURNING alert_id`,
      [p.alertId, p.sequence, p.status, p.level, p.subject.divisionCode, JSON.stringify(p.desks), JSON.stringify(data), p.sentAt],
    );
    // Read back only for an open live feed: most messages have nobody watching.
    if (rows.length && this.changes.observed) this.changes.next(await ctx.manager.findOneByOrFail(DeskAlert, { alertId: p.alertId }));
  }

  async list(caller: Caller, f: AlertFilter): Promise<DeskAlert[]> {
    this.check(caller);
    const q = this.dataSource.getRepository(DeskAlert).createQueryBuilder('a')
      .where('a.desks @> :desk', { desk: JSON.stringify([caller.agencyId]) });
    if (f.status) q.andWhere('a.status = :status', { status: f.status });
    if (f.divisionCode) q.andWhere('a.division_code = :division', { division: f.divisionCode });
    if (f.level) q.andWhere('a.level = :level', { level: f.level });
    // Most severe first, then the newest.
    return q.orderBy(`array_position(ARRAY[${LEVEL_ORDER.map((l) => `'${l}'`).join(',')}], a.level)`, 'DESC')
      .addOrderBy('a.received_at', 'DESC').limit(f.limit ?? 200).getMany();
  }

  async get(caller: Caller, alertId: string): Promise<DeskAlert> {
    this.check(caller);
    const alert = await this.dataSource.getRepository(DeskAlert).findOneBy({ alertId });
    if (!alert || !alert.desks.includes(caller.agencyId)) throw new NotFoundException('未找到该预警');
    return alert;
  }

  /** The caller's office acknowledges (签收); early warning records it and tells every desk. */
  async acknowledge(caller: Caller, alertId: string): Promise<DeskAlert> {
    return this.send(caller, alertId, AlertAcknowledged, { alertId, officeId: caller.agencyId, by: caller.sub, at: new Date().toISOString() });
  }

  /** Sends an action on an alert the caller's office may see to early warning, which owns the alert. */
  async send<P extends object>(caller: Caller, alertId: string, definition: EventDefinition<P>, payload: P): Promise<DeskAlert> {
    const alert = await this.get(caller, alertId);
    await this.dataSource.transaction((m) => this.outbox.publish(m, definition, payload));
    return alert;
  }

  /** New and changed alerts for the caller's office, as they arrive. */
  feed(caller: Caller): Observable<DeskAlert> {
    this.check(caller);
    return new Observable<DeskAlert>((subscriber) => {
      const sub = this.changes.subscribe((a) => {
        if (a.desks.includes(caller.agencyId)) subscriber.next(a);
      });
      return () => sub.unsubscribe();
    });
  }

  check(caller: Caller) {
    if (!this.agencyTypes.includes(caller.agencyType)) throw new ForbiddenException('本机构无权查看预警');
  }

  private schema() {
    return schemaOf(this.dataSource);
  }
}

/** What a desk sees: the alert with its labels in Chinese and this office's acknowledgement. */
export function deskAlertView(a: DeskAlert, caller?: Caller) {
  const d = a.data;
  return {
    ...d,
    levelLabel: ALERT_LEVELS[d.level],
    peakLevelLabel: ALERT_LEVELS[d.peakLevel],
    statusLabel: ALERT_STATUSES[d.status],
    subjectKindLabel: SUBJECT_KINDS[d.subject.kind],
    divisionName: serviceAreaName(d.subject.divisionCode),
    deskNames: d.desks.map((id) => {
      const [type, area] = id.split(':');
      return { officeId: id, name: `${serviceAreaName(area)}${AGENCY_TYPE_NAMES[type as AgencyType] ?? type}`, acknowledged: d.acknowledgements.some((k) => k.officeId === id) };
    }),
    ...(caller ? { acknowledgedByMe: d.acknowledgements.some((k) => k.officeId === caller.agencyId) } : {}),
    supervision: a.supervision,
    receivedAt: a.receivedAt,
  };
}
