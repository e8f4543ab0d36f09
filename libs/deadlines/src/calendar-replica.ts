import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HolidayCalendar } from '@yuanlian/contracts';
import type { HolidayCalendarYearV1 } from '@yuanlian/contracts';
import { EventTrust, MESSAGING_CONFIG, TopicReplica } from '@yuanlian/messaging';
import type { MessagingConfig } from '@yuanlian/messaging';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { WorkCalendar } from './calendar';
import { ClockService } from './clock.service';
import { noticeProblem, noticeYear } from './notice';

const RETRY_MS = 5_000;

/**
 * This service's copy of the holiday calendar's official years, read from their compacted topic (signed by the committee's
 * service, checked like the notice on entry). Each year that arrives replaces the shipped one in the work calendar every
 * clock is counted with, and the running clocks reaching into it are recounted (once per version of the year's notice).
 */
@Injectable()
export class CalendarReplica implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(CalendarReplica.name);
  private readonly replica: TopicReplica<HolidayCalendarYearV1>;
  /** Years whose clocks are still to be recounted, by year: only the latest version of each. */
  private readonly waiting = new Map<string, HolidayCalendarYearV1>();
  private readonly versions = new Map<string, number>();
  private draining: Promise<void> = Promise.resolve();
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    kafka: Kafka,
    @Inject(MESSAGING_CONFIG) config: MessagingConfig,
    private readonly calendar: WorkCalendar,
    private readonly clocks: ClockService,
    private readonly dataSource: DataSource,
  ) {
    this.replica = new TopicReplica(kafka, config, HolidayCalendar, EventTrust.forService(config.service), noticeProblem);
    this.replica.onValue((year, notice) => this.take(year, notice));
  }

  /** Reads every year on the topic before the service answers, and recounts what those years move. */
  async onModuleInit() {
    await this.replica.start();
    await this.drain();
  }

  /** Begun before the inbox closes, so that the replica's last long poll and the inbox's end together. */
  async beforeApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.retry);
    void this.replica.stop();
    await this.draining;
  }

  async onApplicationShutdown() {
    await this.replica.stop();
  }

  /** The official years this service counts with: year → the notice's version. */
  applied(): Record<string, number> {
    return Object.fromEntries(this.versions);
  }

  private take(year: string, notice: HolidayCalendarYearV1) {
    if ((this.versions.get(year) ?? 0) > notice.version) return;
    try {
      this.calendar.setYear(year, noticeYear(notice));
    } catch (e) {
      this.logger.warn(`calendar ${year} v${notice.version} not taken: ${(e as Error).message}`);
      return;
    }
    this.versions.set(year, notice.version);
    this.waiting.set(year, notice);
    this.logger.log(`calendar ${year} v${notice.version} (${notice.noticeNo}) in force`);
    void this.drain();
  }

  /** Recounts the waiting years one at a time; a failure (the database away) is tried again later. */
  private drain(): Promise<void> {
    this.draining = this.draining.then(async () => {
      for (const [year, notice] of [...this.waiting]) {
        if (this.stopped) return;
        try {
          await this.clocks.recountForYear(this.dataSource, notice);
          if (this.waiting.get(year) === notice) this.waiting.delete(year);
        } catch (e) {
          this.logger.warn(`recounting the clocks for calendar ${year} failed, trying again: ${(e as Error).message}`);
          clearTimeout(this.retry);
          this.retry = setTimeout(() => void this.drain(), RETRY_MS);
          return;
        }
      }
    });
    return this.draining;
  }
}
