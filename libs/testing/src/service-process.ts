import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { waitFor } from './wait';

const ROOT = resolve(__dirname, '../../..');

/** One service as its own OS process, started the way production starts it, logging to a file. */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  readonly url: string;
  readonly logFile: string;

  constructor(
    readonly name: string,
    private readonly main: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    logDir: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    mkdirSync(logDir, { recursive: true });
    this.logFile = join(logDir, `${name}.log`);
  }

  async start(timeoutMs = 60_000): Promise<void> {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    // PROFILE_SERVICES=legal-aid,labor-inspection: those services write a V8 CPU profile to .run/profiles on exit.
    const profiled = (process.env.PROFILE_SERVICES ?? '').split(',').includes(this.name);
    const profile = profiled ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, '.run', 'profiles')}`, `--cpu-prof-name=${this.name}-${Date.now()}.cpuprofile`] : [];
    // YL_SERVICES_JS=<dir>: the services compiled to JavaScript once (scripts/test.sh runs `npm run build:services`), which
    // starts each ~0.5 s of CPU sooner than transpiling its TypeScript at every start; without it, the sources as they are.
    const compiled = process.env.YL_SERVICES_JS;
    const entry = compiled ? [resolve(ROOT, compiled, this.main.replace(/\.ts$/, '.js'))] : ['-r', '@swc-node/register', this.main];
    const child = spawn(process.execPath, [...profile, ...entry], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.child = child;
    // Never leave a service behind when the test process ends, however it ends.
    const reap = () => child.kill('SIGKILL');
    process.once('exit', reap);
    child.once('exit', () => process.off('exit', reap));
    this.exited = new Promise((r) => child.once('exit', (code) => r(code)));
    const died = this.exited.then((code) => {
      throw new Error(`${this.name} exited (code ${code}) during start-up; see ${this.logFile}`);
    });
    const healthy = waitFor(`${this.name} to become healthy (log: ${this.logFile})`, async () => {
      // Exited: `died` has already failed the start; end the polling too.
      if (child.exitCode !== null || child.signalCode !== null) return true;
      const res = await fetch(`${this.url}/health`).catch(() => undefined);
      return res?.status === 200;
    }, timeoutMs, 200);
    died.catch(() => undefined);
    await Promise.race([healthy, died]);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Graceful stop (SIGTERM), as an orchestrator would. */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([this.exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), 15_000)))]);
    clearTimeout(timer);
    if (code === 'timeout') {
      this.child.kill('SIGKILL');
      throw new Error(`${this.name} did not stop within 15 s of SIGTERM; see ${this.logFile}`);
    }
  }

  /** Waits for the process to end by itself (a crash switch); false when it still runs after `timeoutMs`. */
  async exitedWithin(timeoutMs: number): Promise<boolean> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return true;
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([this.exited!.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs)))]);
    clearTimeout(timer);
    return ended;
  }

  /** kill -9: no shutdown hooks run. */
  async kill(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
