import { DESK_ALERT_TABLES } from '@yuanlian/alerts';
import { receivingAgencyDatabase } from '@yuanlian/referrals';

export const SCHEMA = 'union';

export const unionDatabase = () => receivingAgencyDatabase(SCHEMA, DESK_ALERT_TABLES);
