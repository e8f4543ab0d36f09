import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { asyncApiDocument } from '@yuanlian/contracts';
import helmet from 'helmet';
import { connectInbox } from '@yuanlian/messaging';
import { JsonLogger } from './json-logger';
import { FieldErrorsFilter, validationPipe } from './validation';

export interface ServiceOptions {
  /** Service name in logs and docs. */
  name: string;
  title: string;
  port: number;
  /** Logical topics whose events the service's @EventPattern handlers consume. */
  consumes?: string[];
  /** Security headers of everything but the API docs (helmet's defaults when not given). */
  helmet?: Parameters<typeof helmet>[0];
  /** Middleware and static files of the service's own, mounted after the body parser and before the routes. */
  configure?: (app: NestExpressApplication) => void;
}

/** Starts one Yuanlian service: JSON logs, strict validation, OpenAPI at /docs, health, the inbox consumer. */
export async function bootstrapService(module: unknown, options: ServiceOptions): Promise<INestApplication> {
  const logger = new JsonLogger(options.name);
  const app = await NestFactory.create<NestExpressApplication>(module as never, { logger, bodyParser: false });
  app.useBodyParser('json', { limit: '256kb' });
  // Security headers everywhere; the API docs page needs its own scripts and styles inline.
  const apiHeaders = helmet(options.helmet);
  const docsHeaders = helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] } } });
  app.use((req: { path: string }, res: unknown, next: () => void) => (req.path.startsWith('/docs') ? docsHeaders : apiHeaders)(req as never, res as never, next));
  // Browsers may call the APIs only from the portal.
  app.enableCors({ origin: portalOrigins(), methods: ['GET', 'POST', 'PUT'], allowedHeaders: ['Authorization', 'Content-Type'], maxAge: 600 });
  options.configure?.(app);
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new FieldErrorsFilter());
  app.enableShutdownHooks();
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, doc);
  // The event contracts beside the HTTP API: every topic, key and payload schema, generated from libs/contracts.
  const events = asyncApiDocument();
  app.getHttpAdapter().get('/asyncapi.json', (_req: unknown, res: unknown) => app.getHttpAdapter().reply(res, events, 200));
  // Module init creates the topics; the consumer subscribes only after that.
  await app.init();
  if (options.consumes?.length) {
    connectInbox(app, { topics: options.consumes });
    await app.startAllMicroservices();
  }
  await app.listen(options.port, process.env.HOST ?? '127.0.0.1');
  new Logger('Bootstrap').log(`${options.name} listening on ${await app.getUrl()}`);
  return app;
}

/** The portal's origins (comma-separated `PORTAL_ORIGINS`); no other web page may call the APIs from a browser. */
export function portalOrigins(): string[] {
  return (process.env.PORTAL_ORIGINS ?? 'http://127.0.0.1:3000,http://localhost:3000').split(',').map((o) => o.trim()).filter(Boolean);
}

/** A service's entry point: starts it, or logs the failure as JSON and exits non-zero. */
export function runService(module: unknown, options: ServiceOptions): void {
  bootstrapService(module, options).catch((e) => {
    process.stderr.write(JSON.stringify({ level: 'fatal', service: options.name, msg: String(e?.stack ?? e) }) + '\n');
    process.exit(1);
  });
}
