import 'reflect-metadata';
import { startReceivingAgency } from '@yuanlian/referrals';
import { ArbitrationModule } from './app.module';

startReceivingAgency(ArbitrationModule, 'arbitration', '援联 · 劳动人事争议仲裁院 API', 3003);
