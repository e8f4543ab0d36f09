import 'reflect-metadata';
import { CONSUMED_TOPICS } from '@yuanlian/contracts';
import { runService } from '@yuanlian/runtime';
import { CommandModule } from './app.module';

runService(CommandModule, {
  name: 'command',
  title: '援联 · 政法委 API',
  port: Number(process.env.PORT ?? 3007),
  consumes: [...CONSUMED_TOPICS['command']],
});
