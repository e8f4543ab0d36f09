import 'reflect-metadata';
import { startReceivingAgency } from '@yuanlian/referrals';
import { UnionModule } from './app.module';

startReceivingAgency(UnionModule, 'union', '援联 · 工会 API', 3005);
