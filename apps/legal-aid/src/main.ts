import 'reflect-metadata';
import { Topics } from '@yuanlian/contracts';
import { bootstrapService } from '@yuanlian/runtime';
import { LegalAidModule } from './app.module';

bootstrapService(LegalAidModule, {
  name: 'legal-aid',
  title: '援联 · 法律援助中心 API',
  port: Number(process.env.PORT ?? 3001),
  consumes: [Topics.referralUpdatesTo('legal-aid')],
}).catch((e) => {
  process.stderr.write(JSON.stringify({ level: 'fatal', service: 'legal-aid', msg: String(e?.stack ?? e) }) + '\n');
  process.exit(1);
});
