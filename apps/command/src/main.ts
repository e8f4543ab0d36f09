import 'reflect-metadata';
import { Topics } from '@yuanlian/contracts';
import { runService } from '@yuanlian/runtime';
import { CommandModule } from './app.module';

runService(CommandModule, {
  name: 'command',
  title: '援联 · 政法委 API',
  port: Number(process.env.PORT ?? 3007),
  consumes: [Topics.supervision, Topics.alertsTo('command'), Topics.alertsTo('housing'), Topics.applications, Topics.caseFacts],
});
