import 'reflect-metadata';
import { Topics } from '@yuanlian/contracts';
import { startReceivingAgency } from '@yuanlian/referrals';
import { LaborInspectionModule } from './app.module';

startReceivingAgency(LaborInspectionModule, 'labor-inspection', '援联 · 劳动保障监察 API', 3002, [Topics.alertsTo('labor-inspection')]);
