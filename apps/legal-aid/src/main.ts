import 'reflect-metadata';
import { CONSUMED_TOPICS } from '@yuanlian/contracts';
import { runService } from '@yuanlian/runtime';
import { LegalAidModule } from './app.module';

runService(LegalAidModule, {
  name: 'legal-aid',
  title: '援联 · 法律援助中心 API',
  port: Number(process.env.PORT ?? 3001),
  consumes: [...CONSUMED_TOPICS['legal-aid']],
});
