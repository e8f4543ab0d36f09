import { receivingAgencyDatabase } from '@yuanlian/referrals';

export const SCHEMA = 'court';

export const courtDatabase = () => receivingAgencyDatabase(SCHEMA);
