import { receivingAgencyDatabase } from '@yuanlian/referrals';

export const SCHEMA = 'union';

export const unionDatabase = () => receivingAgencyDatabase(SCHEMA);
