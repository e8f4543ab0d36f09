import type { DataSourceOptions } from 'typeorm';
import { arbitrationDatabase } from '../apps/arbitration/src/database';
import { commandDatabase } from '../apps/command/src/database';
import { courtDatabase } from '../apps/court/src/database';
import { earlyWarningDatabase } from '../apps/early-warning/src/database';
import { laborInspectionDatabase } from '../apps/labor-inspection/src/database';
import { legalAidDatabase } from '../apps/legal-aid/src/database';
import { unionDatabase } from '../apps/union/src/database';

/** Every service of the platform: how to start it, its schema, its default port. */
export const SERVICES: Record<string, { main: string; database: () => DataSourceOptions; port: number }> = {
  'legal-aid': { main: 'apps/legal-aid/src/main.ts', database: legalAidDatabase, port: 3001 },
  'labor-inspection': { main: 'apps/labor-inspection/src/main.ts', database: laborInspectionDatabase, port: 3002 },
  arbitration: { main: 'apps/arbitration/src/main.ts', database: arbitrationDatabase, port: 3003 },
  court: { main: 'apps/court/src/main.ts', database: courtDatabase, port: 3004 },
  union: { main: 'apps/union/src/main.ts', database: unionDatabase, port: 3005 },
  'early-warning': { main: 'apps/early-warning/src/main.ts', database: earlyWarningDatabase, port: 3006 },
  command: { main: 'apps/command/src/main.ts', database: commandDatabase, port: 3007 },
};
