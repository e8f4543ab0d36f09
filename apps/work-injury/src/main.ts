import 'reflect-metadata';
import { startReceivingAgency } from '@yuanlian/referrals';
import { WorkInjuryModule } from './app.module';

startReceivingAgency(WorkInjuryModule, 'work-injury', '援联 · 工伤认定 API', 3008);
