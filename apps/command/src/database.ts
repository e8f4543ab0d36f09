import { DESK_ALERT_TABLES } from '@yuanlian/alerts';
import { dataSourceOptions, IdempotencyKeys1764300003200 } from '@yuanlian/database';
import { MESSAGING_MIGRATIONS } from '@yuanlian/messaging';
import { CalendarYearRecord } from './calendar/calendar-year.entity';
import { CreateCalendarYears1764300003900 } from './calendar/migration';
import { CreateAdminAudit1764300002500, CreateOffices1764300000800 } from './directory/migration';
import { OfficeRecord } from './directory/office.entity';
import { CreateSupervisionItems1764300000700 } from './supervision/migration';
import { SupervisionItem } from './supervision/supervision-item.entity';
import { CreateStatistics1764300002000, CreateStatTypicalCases1764300002300, StatProcedures1764300004000 } from './statistics/migration';
import { InnovationReport } from './program/innovation-report.entity';
import { CreateInnovationReports1764300002200 } from './program/migration';

export const SCHEMA = 'command';

export const commandDatabase = () =>
  dataSourceOptions({
    schema: SCHEMA,
    entities: [SupervisionItem, OfficeRecord, InnovationReport, CalendarYearRecord, ...DESK_ALERT_TABLES.entities],
    migrations: [...MESSAGING_MIGRATIONS, CreateSupervisionItems1764300000700, CreateOffices1764300000800, ...DESK_ALERT_TABLES.migrations, CreateStatistics1764300002000, CreateInnovationReports1764300002200, CreateStatTypicalCases1764300002300, CreateAdminAudit1764300002500, IdempotencyKeys1764300003200, CreateCalendarYears1764300003900, StatProcedures1764300004000],
  });
