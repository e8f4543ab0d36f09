import { Controller, Get, HttpStatus, Optional, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@yuanlian/auth';
import { consumerStatuses, OutboxRelay } from '@yuanlian/messaging';
import type { Response } from 'express';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms))]);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    // The portal has neither: it speaks HTTP only.
    @Optional() private readonly kafka?: Kafka,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  /**
   * 200 when the database and the broker (for services that use it) answer, 503 otherwise, with each check's result;
   * also where the outbox relay and the inbox consumer stand (partitions assigned, rebalancing, crashed).
   */
  @Public()
  @Get()
  async health(@Res() res: Response) {
    const kafkaClient = this.kafka;
    const [database, kafka] = await Promise.all([
      this.check(() => this.dataSource.query('SELECT 1')),
      !kafkaClient ? Promise.resolve('not used') : this.check(async () => {
        const admin = kafkaClient.admin();
        await admin.connect();
        try {
          await admin.describeCluster();
        } finally {
          await admin.disconnect();
        }
      }),
    ]);
    const ok = database === 'up' && (kafka === 'up' || !kafkaClient);
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: ok ? 'ok' : 'degraded',
      checks: { database, kafka },
      ...(this.relay ? { relay: { shards: this.relay.shards.length, published: this.relay.published } } : {}),
      ...(consumerStatuses().length ? { consumers: consumerStatuses() } : {}),
    });
  }

  private async check(fn: () => Promise<unknown>): Promise<string> {
    try {
      await within(fn(), 2000);
      return 'up';
    } catch (e) {
      return `down: ${(e as Error).message}`;
    }
  }
}
