import 'reflect-metadata';
import { startReceivingAgency } from '@yuanlian/referrals';
import { CourtModule } from './app.module';

startReceivingAgency(CourtModule, 'court', '援联 · 人民法院 API', 3004);
