import { AsyncLocalStorage } from 'node:async_hooks';
import { EventSubscriber } from 'typeorm';
import type { EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';

/** The request being served under a key: which row notes its commits. */
export interface IdempotentScope {
  table: string;
  principal: string;
  key: string;
}

const scope = new AsyncLocalStorage<IdempotentScope>();

/** Runs `work` (a request's handler) so that every transaction it commits notes the key as committed. */
export const withIdempotencyKey = <T>(s: IdempotentScope, work: () => Promise<T>): Promise<T> => scope.run(s, work);

/**
 * Before any transaction of a keyed request commits, its key row is marked committed in that same transaction: the
 * mark and the work commit together or not at all. Registered on every service's DataSource (dataSourceOptions).
 */
@EventSubscriber()
export class IdempotencySubscriber implements EntitySubscriberInterface {
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const s = scope.getStore();
    if (!s || !event.queryRunner) return;
    await event.queryRunner.query(`UPDATE ${s.table} SET committed = true WHERE principal = $1 AND key = $2 AND NOT committed`, [s.principal, s.key]);
  }
}
