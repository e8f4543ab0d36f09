import { receivingAgencyDatabase } from '@yuanlian/referrals';

export const SCHEMA = 'arbitration';

export const arbitrationDatabase = () => receivingAgencyDatabase(SCHEMA);
