import { DESK_ALERT_TABLES } from '@yuanlian/alerts';
import { receivingAgencyDatabase } from '@yuanlian/referrals';

export const SCHEMA = 'labor_inspection';

export const laborInspectionDatabase = () => receivingAgencyDatabase(SCHEMA, DESK_ALERT_TABLES);
