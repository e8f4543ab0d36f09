import { receivingAgencyDatabase } from '@yuanlian/referrals';

export const SCHEMA = 'public_security';

export const publicSecurityDatabase = () => receivingAgencyDatabase(SCHEMA);
