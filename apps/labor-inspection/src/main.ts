import 'reflect-metadata';
import { Topics } from '@yuanlian/contracts';
import { bootstrapService } from '@yuanlian/runtime';
import { LaborInspectionModule } from './app.module';

bootstrapService(LaborInspectionModule, {
  name: 'labor-inspection',
  title: '援联 · 劳动保障监察 API',
  port: Number(process.env.PORT ?? 3002),
  consumes: [Topics.referralsTo('labor-inspection')],
}).catch((e) => {
  process.stderr.write(JSON.stringify({ level: 'fatal', service: 'labor-inspection', msg: String(e?.stack ?? e) }) + '\n');
  process.exit(1);
});
