import 'reflect-metadata';
import { startReceivingAgency } from '@yuanlian/referrals';
import { LaborInspectionModule } from './app.module';

startReceivingAgency(LaborInspectionModule, 'labor-inspection', '援联 · 劳动保障监察 API', 3002);
