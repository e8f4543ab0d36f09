import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { asyncApiDocument } from '@yuanlian/contracts';
import helmet from 'helmet';
import { connectInbox } from '@yuanlian/messaging';
import { JsonLogger } from './json-logger';
import { jsonNestedDeeperThan, MAX_JSON_DEPTH } from '@yuanlian/contracts';
import { FieldErrorsFilter, invalidFields, validationPipe } from './validation';
import { DataSource } from 'typeorm';
import { IDEMPOTENCY_HEADER, IdempotencyInterceptor, REPLAYED_HEADER } from './idempotency';

export interface ServiceOptions {
  /** Service name in logs and docs. */
  name: string;
  title: string;
  port: number;
  /** Logical topics whose events the service's @EventPattern handlers consume. */
  consumes?: string[];
  /** Security headers of everything but the API docs (helmet's defaults when not given). */
  helmet?: Parameters<typeof helmet>[0];
  /** False for an HTTP edge without a database (its tests): no idempotency keys then. Every service has one. */
  database?: false;
  /** Middleware and static files of the service's own, mounted after the body parser and before the routes. */
  configure?: (app: NestExpressApplication) => void;
}

/** Starts one Yuanlian service: JSON logs, strict validation, OpenAPI at /docs, health, the inbox consumer. */
export async function bootstrapService(module: unknown, options: ServiceOptions): Promise<INestApplication> {
  const logger = new JsonLogger(options.name);
  const app = await NestFactory.create<NestExpressApplication>(module as never, { logger, bodyParser: false });
  // `a[b][c]=1` stays one key named so: a query string cannot nest (Express 4's default, qs, made objects of it).
  app.set('query parser', 'simple');
  // Nest's type leaves `verify` out: Nest sets it itself for `rawBody`, which no service uses. body-parser takes ours.
  app.useBodyParser('json', { limit: '256kb', verify: refuseDeepJson } as { limit: string });
  app.use(answerDeepJson);
  // Security headers everywhere; the API docs page needs its own scripts and styles inline.
  const apiHeaders = helmet(options.helmet);
  const docsHeaders = helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] } } });
  app.use((req: { path: string }, res: unknown, next: () => void) => (req.path.startsWith('/docs') ? docsHeaders : apiHeaders)(req as never, res as never, next));
  // Browsers may call the APIs only from the portal.
  app.enableCors({ origin: portalOrigins(), methods: ['GET', 'POST', 'PUT'], allowedHeaders: ['Authorization', 'Content-Type', IDEMPOTENCY_HEADER], exposedHeaders: [REPLAYED_HEADER], maxAge: 600 });
  options.configure?.(app);
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new FieldErrorsFilter());
  // A POST with an Idempotency-Key is done once per user and key (after the guards: the key is the caller's), in every
  // service (each has a database).
  if (options.database !== false) app.useGlobalInterceptors(new IdempotencyInterceptor(app.get(DataSource)));
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

const TOO_DEEP = 'entity.too.deep';

/**
 * The body parser's look at the raw body: JSON nested too deep is refused before it is parsed, before any guard,
 * pipe or class-transformer (which would overflow the stack) — the same answer with a token or without.
 */
function refuseDeepJson(_req: unknown, _res: unknown, body: Buffer, encoding: string): void {
  // JSON between systems is UTF-8 (RFC 8259); the depth check reads the bytes as such.
  if (encoding !== 'utf-8') throw Object.assign(new Error('请求体应为 UTF-8 编码的 JSON'), { status: 415, type: 'charset.unsupported' });
  if (jsonNestedDeeperThan(body)) throw Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), { status: 400, type: TOO_DEEP });
}

/** A body refused as too deep gets the shape of every 400, naming the body. */
function answerDeepJson(e: { type?: unknown }, _req: unknown, _res: unknown, next: (e: unknown) => void): void {
  next(e?.type === TOO_DEEP ? invalidFields({ body: [`请求体的数组或对象嵌套不能超过 ${MAX_JSON_DEPTH} 层`] }) : e);
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
