import type { Consumer } from 'kafkajs';
import { backoff, sleep } from './errors';

interface Logs {
  warn(message: string): void;
}

/**
 * kafkajs gives up on a consumer whose crash it does not deem retriable (after a broker restart: "Failed to find
 * group coordinator"), leaving the service deaf. When that happens, `start` is called again after a pause, and again
 * with a growing pause until a new consumer runs (which watches for its own crash); `closing()` stops it all.
 */
export function restartOnCrash(consumer: Consumer, logger: Logs, closing: () => boolean, start: () => Promise<void>): void {
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart || closing()) return;
    logger.warn(`consumer ${payload.groupId} stopped for good (${payload.error?.message}); starting a new one`);
    void (async () => {
      for (let attempt = 0; !closing(); attempt++) {
        await sleep(backoff(attempt, 500, 5000));
        if (closing()) return;
        try {
          await consumer.disconnect().catch(() => undefined);
          await start();
          return;
        } catch (e) {
          logger.warn(`starting a new consumer failed, trying again: ${(e as Error).message}`);
        }
      }
    })();
  });
}
