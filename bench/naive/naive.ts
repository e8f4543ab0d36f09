// The naive baseline of the benchmark: what most teams write first with NestJS's own Kafka transport. The sender
// inserts the row and calls ClientKafka.emit; the receiver's @EventPattern handler inserts the inbox row. No outbox (a
// crash between the insert and the emit loses the event). The inbox is keyed by the sender's id (insert … on conflict do
// nothing), so that a redelivery is not counted twice in its favour: the benchmark's delivered figure is distinct
// referrals; GET /stats tells how many redeliveries the receiver absorbed.
// Usage: node -r @swc-node/register bench/naive/naive.ts sender|receiver  (PORT, NAIVE_SCHEMA, NAIVE_TOPIC)
import 'reflect-metadata';
import { Body, Controller, Get, Inject, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientKafka, ClientsModule, EventPattern, MicroserviceOptions, Payload, Transport } from '@nestjs/microservices';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { kafkaSasl } from '@yuanlian/messaging';

const role = process.env.NAIVE_ROLE ?? process.argv[2];
const schema = process.env.NAIVE_SCHEMA ?? 'bench_naive';
const topic = process.env.NAIVE_TOPIC ?? 'bench.naive-referrals';
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
// The broker wants an authenticated client; the naive pair is not a platform service, so it uses the administrator's credential.
const sasl = kafkaSasl('admin', { ...process.env, KAFKA_USERNAME: '' });
const database = TypeOrmModule.forRoot({ type: 'postgres', url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/yuanlian', extra: { max: 10 } });

@Controller()
class SenderController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject('KAFKA') private readonly kafka: ClientKafka,
  ) {}

  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Post('referrals')
  async refer(@Body() body: Record<string, unknown>) {
    const id = randomUUID();
    await this.db.query(`INSERT INTO "${schema}".referrals (id, payload) VALUES ($1, $2)`, [id, body]);
    await lastValueFrom(this.kafka.emit(topic, { key: id, value: { id, ...body } }));
    return { id };
  }
}

@Module({
  imports: [database, ClientsModule.register([{ name: 'KAFKA', transport: Transport.KAFKA, options: { client: { clientId: 'naive-sender', brokers, ...(sasl ? { sasl } : {}) }, producerOnlyMode: true } }])],
  controllers: [SenderController],
})
class SenderModule {}

@Controller()
class ReceiverController {
  private taken = 0;
  private redeliveries = 0;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Get('stats')
  stats() {
    return { taken: this.taken, redeliveries: this.redeliveries };
  }

  @EventPattern(topic)
  async referral(@Payload() data: object) {
    const referral = data as { id: string };
    const rows: unknown[] = await this.db.query(`INSERT INTO "${schema}".inbox (id, payload) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id`, [referral.id, referral]);
    if (rows.length) this.taken++;
    else this.redeliveries++;
  }
}

@Module({ imports: [database], controllers: [ReceiverController] })
class ReceiverModule {}

async function main() {
  const port = Number(process.env.PORT ?? 3990);
  if (role === 'sender') {
    const app = await NestFactory.create(SenderModule, { logger: ['error', 'warn'] });
    await app.listen(port, '127.0.0.1');
  } else if (role === 'receiver') {
    const app = await NestFactory.create(ReceiverModule, { logger: ['error', 'warn'] });
    app.connectMicroservice<MicroserviceOptions>({
      transport: Transport.KAFKA,
      options: { client: { clientId: 'naive-receiver', brokers, ...(sasl ? { sasl } : {}) }, consumer: { groupId: `${schema}-receiver` }, subscribe: { fromBeginning: true } },
    });
    await app.startAllMicroservices();
    await app.listen(port, '127.0.0.1');
  } else {
    throw new Error('usage: naive.ts sender|receiver');
  }
}

main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
