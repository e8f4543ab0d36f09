import type { DataSourceOptions } from 'typeorm';
import { legalAidDatabase } from '../apps/legal-aid/src/database';
import { laborInspectionDatabase } from '../apps/labor-inspection/src/database';

/** Every service of the platform: how to start it, its schema, its default port. */
export const SERVICES: Record<string, { main: string; database: () => DataSourceOptions; port: number }> = {
  'legal-aid': { main: 'apps/legal-aid/src/main.ts', database: legalAidDatabase, port: 3001 },
  'labor-inspection': { main: 'apps/labor-inspection/src/main.ts', database: laborInspectionDatabase, port: 3002 },
};
