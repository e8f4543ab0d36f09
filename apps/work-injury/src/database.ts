import { receivingAgencyDatabase } from '@yuanlian/referrals';

export const SCHEMA = 'work_injury';

export const workInjuryDatabase = () => receivingAgencyDatabase(SCHEMA);
