import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TypicalCasesService } from './typical-cases.service';

/** Makes the quarterly duty's reminders every TYPICAL_CASE_SWEEP_MS (hourly by default; `off` disables it). */
@Injectable()
export class DutySweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private first?: NodeJS.Timeout;
  private readonly logger = new Logger(DutySweeper.name);

  constructor(private readonly typicalCases: TypicalCasesService) {}

  onApplicationBootstrap() {
    const every = process.env.TYPICAL_CASE_SWEEP_MS ?? '3600000';
    if (every === 'off') return;
    const sweep = () =>
      this.typicalCases.remind().then(
        (made) => made && this.logger.log(`typical-case duty: ${made} reminder(s) made`),
        (e) => this.logger.warn(`typical-case duty sweep failed: ${(e as Error).message}`),
      );
    this.first = setTimeout(sweep, 5_000);
    this.timer = setInterval(sweep, Number(every));
  }

  beforeApplicationShutdown() {
    clearTimeout(this.first);
    clearInterval(this.timer);
  }
}
