import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runService } from '@yuanlian/runtime';
import { PortalModule } from './app.module';
import { gateway } from './gateway/gateway';

/** The web workstation, built by `npm run build:portal` (Vite) into apps/portal/web/dist. */
const WEB = join(__dirname, '..', 'web', 'dist');

runService(PortalModule, {
  name: 'portal',
  title: '援联 · 门户（登录、用户、网关）',
  port: Number(process.env.PORT ?? 3000),
  // The pages' own scripts and styles only; Ant Design writes its styles at run time (inline style elements).
  helmet: { contentSecurityPolicy: { directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'blob:'], 'upgrade-insecure-requests': null } } },
  configure: (app) => {
    app.use(gateway());
    if (existsSync(WEB)) app.useStaticAssets(WEB, { index: 'index.html', maxAge: 0 });
    // Browsers and bookmarks still ask for /favicon.ico: the icon is an SVG.
    app.use('/favicon.ico', (_req: unknown, res: { redirect: (status: number, url: string) => void }) => res.redirect(301, '/favicon.svg'));
  },
});
