import { DeskAlert } from './desk-alert.entity';
import { CreateDeskAlerts1764300001400, DeskAlertFirstSent1764300001900 } from './migration';

/** What a service's schema needs to be an alert desk. */
export const DESK_ALERT_TABLES = { entities: [DeskAlert], migrations: [CreateDeskAlerts1764300001400, DeskAlertFirstSent1764300001900] };
