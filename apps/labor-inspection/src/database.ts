import { receivingAgencyDatabase } from '@yuanlian/referrals';

export const SCHEMA = 'labor_inspection';

export const laborInspectionDatabase = () => receivingAgencyDatabase(SCHEMA);
