import 'reflect-metadata';
import { startReceivingAgency } from '@yuanlian/referrals';
import { PublicSecurityModule } from './app.module';

startReceivingAgency(PublicSecurityModule, 'public-security', '援联 · 公安机关 API', 3009);
