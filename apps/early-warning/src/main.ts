import 'reflect-metadata';
import { CONSUMED_TOPICS } from '@yuanlian/contracts';
import { runService } from '@yuanlian/runtime';
import { EarlyWarningModule } from './app.module';

runService(EarlyWarningModule, {
  name: 'early-warning',
  title: '援联 · 预警中心 API',
  port: Number(process.env.PORT ?? 3006),
  consumes: [...CONSUMED_TOPICS['early-warning']],
});
