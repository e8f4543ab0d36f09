// A real browser for the portal's tests: Debian's Chromium driven by playwright-core (never a browser download).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-screenshots');

/** The newest change under `dir` (ms), its files read recursively. */
function newest(dir: string): number {
  let latest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    latest = Math.max(latest, e.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** The sources the web pages are built from: their own and the pure modules of the libraries they import. */
const WEB_SOURCES = ['apps/portal/web/src', 'apps/portal/web/index.html', 'libs/contracts/src', 'libs/identity/src', 'libs/deadlines/src'];

/**
 * Builds the portal's web pages when they are not built yet, or older than their sources (npm test builds them first;
 * a test run by hand after an edit must not drive yesterday's pages).
 */
export function ensurePortalBuilt(): void {
  const built = join(ROOT, 'apps/portal/web/dist/index.html');
  const stale = !existsSync(built) || WEB_SOURCES.some((s) => {
    const path = join(ROOT, s);
    return existsSync(path) && (statSync(path).isDirectory() ? newest(path) : statSync(path).mtimeMs) > statSync(built).mtimeMs;
  });
  // Built for production as npm test builds it: under jest NODE_ENV is `test`, and React and antd built for tests
  // behave otherwise (no motion, Esc handled another way).
  if (stale) execFileSync('npm', ['run', '-s', 'build:portal'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium); .ci/run does`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // This machine's network is closed: no background connections, no component updates.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A new signed-in page at 1366×768 (the workstations' screen), in Chinese. */
export async function signIn(browser: Browser, portalUrl: string, username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(portalUrl);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('button', { name: /退\s*出/ }).waitFor();
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Let drawers and dialogs finish sliding in (a spinner may run on; do not wait for it forever).
  await page.waitForFunction(() => (globalThis as any).document.getAnimations().every((a: any) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, { timeout: 3_000 }).catch(() => undefined);
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
