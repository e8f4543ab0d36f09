import type { DataSourceOptions } from 'typeorm';
import { SERVICE_PORTS } from '@yuanlian/contracts';
import type { ServiceName } from '@yuanlian/contracts';
import { arbitrationDatabase } from '../apps/arbitration/src/database';
import { commandDatabase } from '../apps/command/src/database';
import { courtDatabase } from '../apps/court/src/database';
import { earlyWarningDatabase } from '../apps/early-warning/src/database';
import { laborInspectionDatabase } from '../apps/labor-inspection/src/database';
import { legalAidDatabase } from '../apps/legal-aid/src/database';
import { portalDatabase } from '../apps/portal/src/database';
import { unionDatabase } from '../apps/union/src/database';
import { publicSecurityDatabase } from '../apps/public-security/src/database';
import { workInjuryDatabase } from '../apps/work-injury/src/database';

const DATABASES: Record<ServiceName, () => DataSourceOptions> = {
  portal: portalDatabase,
  'legal-aid': legalAidDatabase,
  'labor-inspection': laborInspectionDatabase,
  arbitration: arbitrationDatabase,
  court: courtDatabase,
  union: unionDatabase,
  'early-warning': earlyWarningDatabase,
  command: commandDatabase,
  'work-injury': workInjuryDatabase,
  'public-security': publicSecurityDatabase,
};

/** Every service of the platform: how to start it, its schema, its default port. */
export const SERVICES: Record<string, { main: string; database: () => DataSourceOptions; port: number }> = Object.fromEntries(
  (Object.keys(SERVICE_PORTS) as ServiceName[]).map((name) => [name, { main: `apps/${name}/src/main.ts`, database: DATABASES[name], port: SERVICE_PORTS[name] }]),
);
