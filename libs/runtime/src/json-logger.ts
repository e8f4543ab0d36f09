import { LoggerService } from '@nestjs/common';

const LEVELS = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'] as const;
type Level = (typeof LEVELS)[number];

/** One JSON object per line on stdout: what log collectors expect, and what tests scan. */
export class JsonLogger implements LoggerService {
  private readonly min: number;

  constructor(private readonly service: string, level = process.env.LOG_LEVEL ?? 'log') {
    this.min = Math.max(0, LEVELS.indexOf(level as Level));
  }

  private write(level: Level, message: unknown, params: unknown[]) {
    if (LEVELS.indexOf(level) < this.min) return;
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const stack = level === 'error' && typeof params[0] === 'string' ? params[0] : undefined;
    const line: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      context,
      msg: message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message),
    };
    if (stack) line.stack = stack;
    else if (message instanceof Error) line.stack = message.stack;
    process.stdout.write(JSON.stringify(line) + '\n');
  }

  log(message: unknown, ...params: unknown[]) { this.write('log', message, params); }
  warn(message: unknown, ...params: unknown[]) { this.write('warn', message, params); }
  error(message: unknown, ...params: unknown[]) { this.write('error', message, params); }
  debug(message: unknown, ...params: unknown[]) { this.write('debug', message, params); }
  verbose(message: unknown, ...params: unknown[]) { this.write('verbose', message, params); }
  fatal(message: unknown, ...params: unknown[]) { this.write('fatal', message, params); }
}
