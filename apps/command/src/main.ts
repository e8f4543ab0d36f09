import 'reflect-metadata';
import { Topics } from '@yuanlian/contracts';
import { bootstrapService } from '@yuanlian/runtime';
import { CommandModule } from './app.module';

bootstrapService(CommandModule, {
  name: 'command',
  title: '援联 · 政法委 API',
  port: Number(process.env.PORT ?? 3007),
  consumes: [Topics.supervision],
}).catch((e) => {
  process.stderr.write(JSON.stringify({ level: 'fatal', service: 'command', msg: String(e?.stack ?? e) }) + '\n');
  process.exit(1);
});
