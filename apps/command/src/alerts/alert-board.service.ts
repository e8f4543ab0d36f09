import { Injectable } from '@nestjs/common';
import { DeskAlert, DeskAlertsService } from '@yuanlian/alerts';
import type { Caller } from '@yuanlian/auth';
import { AlertAssigned, AlertClosed, LEVEL_ORDER } from '@yuanlian/contracts';
import type { AlertLevel } from '@yuanlian/contracts';
import { GANZHOU_COUNTIES, GANZHOU_ZONES, serviceAreaName } from '@yuanlian/identity';
import { fieldError } from '@yuanlian/runtime';
import { DataSource } from 'typeorm';
import { OfficeRecord } from '../directory/office.entity';
import { areasOf } from '../supervision/supervision.service';
import { schemaOf } from '@yuanlian/database';

@Injectable()
export class AlertBoardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: DeskAlertsService,
  ) {}

  async overview(caller: Caller) {
    this.alerts.check(caller);
    const areas = areasOf(caller);
    const codes = areas === 'all' ? [...GANZHOU_COUNTIES, ...GANZHOU_ZONES].map((a) => a.code) : areas;
    const schema = schemaOf(this.dataSource);
    const alertRows: { division_code: string; level: AlertLevel; live: number; unacknowledged: number }[] = await this.dataSource.query(
      `SELECT division_code, level, count(*)::int AS live,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(data->'acknowledgements') k WHERE k->>'officeId' = 'command:' || division_code))::int AS unacknowledged
       FROM "${schema}".desk_alerts WHERE status = 'live' AND division_code = ANY($1) GROUP BY division_code, level`,
      [codes],
    );
    const overdueRows: { division_code: string; overdue: number }[] = await this.dataSource.query(
      `SELECT division_code, count(*)::int AS overdue FROM "${schema}".supervision_items WHERE division_code = ANY($1) GROUP BY division_code`,
      [codes],
    );
    return {
      counties: codes.map((code) => {
        const rows = alertRows.filter((r) => r.division_code === code);
        const byLevel = Object.fromEntries(LEVEL_ORDER.map((l) => [l, rows.find((r) => r.level === l)?.live ?? 0])) as Record<AlertLevel, number>;
        const highest = [...LEVEL_ORDER].reverse().find((l) => byLevel[l] > 0) ?? null;
        return {
          divisionCode: code, divisionName: serviceAreaName(code), liveAlerts: byLevel, highestLevel: highest,
          unacknowledged: rows.reduce((s, r) => s + r.unacknowledged, 0), overdueCases: overdueRows.find((r) => r.division_code === code)?.overdue ?? 0,
        };
      }),
    };
  }

  /** Assigns the alert to a handling office of the directory; early warning records it and tells every desk. */
  async assign(caller: Caller, alertId: string, assignedTo: string, note?: string): Promise<DeskAlert> {
    const office = await this.dataSource.getRepository(OfficeRecord).findOneBy({ officeId: assignedTo });
    if (office && !office.data.active) throw fieldError('assignedTo', '该单位已停用');
    if (!office && (await this.dataSource.getRepository(OfficeRecord).count()) > 0) throw fieldError('assignedTo', '机构名录中没有该单位');
    return this.alerts.send(caller, alertId, AlertAssigned, {
      alertId, officeId: caller.agencyId, by: caller.sub, assignedTo, ...(note ? { note } : {}), at: new Date().toISOString(),
    });
  }

  /** Resolves or cancels the alert with the reason. */
  async close(caller: Caller, alertId: string, status: 'resolved' | 'cancelled', reason: string): Promise<DeskAlert> {
    return this.alerts.send(caller, alertId, AlertClosed, { alertId, officeId: caller.agencyId, by: caller.sub, status, reason, at: new Date().toISOString() });
  }

  async supervise(caller: Caller, alertId: string, note: string): Promise<DeskAlert> {
    const alert = await this.alerts.get(caller, alertId);
    alert.supervision = [...alert.supervision, { by: caller.sub, officeId: caller.agencyId, note, at: new Date().toISOString() }];
    return this.dataSource.getRepository(DeskAlert).save(alert);
  }
}
