import type pg from 'pg';
import { type RecordedEvent } from '../../infrastructure/event-store/event-store';
import { advanceCheckpoint } from './checkpoints';
import { CheckpointMoved } from './errors';
import { type Notification, type Projection } from './projection';
import { LIVE_SCHEMA, useSchema } from './schema';
import { transaction } from './transaction';

/** Runs `work` in one transaction with unqualified names resolving to `schema`. */
export function inSchemaTransaction<T>(
  pool: pg.Pool,
  schema: string,
  work: (client: pg.PoolClient) => Promise<T>,
  options: { synchronousCommit?: boolean } = {},
): Promise<T> {
  return transaction(pool, async (client) => {
    await useSchema(client, schema);
    // A build schema is thrown away if we crash, so waiting for the WAL flush buys nothing.
    if (options.synchronousCommit === false) {
      await client.query('SET LOCAL synchronous_commit TO off');
    }
    return work(client);
  });
}

export const relevantEvents = (projection: Projection, events: readonly RecordedEvent[]) => {
  const types = new Set(projection.eventTypes);
  return events.filter((event) => types.has(event.type));
};

/**
 * Applies a batch of the unfiltered log to the live tables: checkpoint and effects commit
 * together. The batch's events of other types only move the checkpoint, which keeps every
 * projection's position at the head of the log.
 * @throws CheckpointMoved when the checkpoint is not at `from` any more (nothing is applied)
 */
export async function applyLiveBatch(
  pool: pg.Pool,
  projection: Projection,
  from: string | null,
  events: readonly RecordedEvent[],
): Promise<Notification[]> {
  const last = events[events.length - 1];
  if (!last) return [];
  return inSchemaTransaction(pool, LIVE_SCHEMA, async (client) => {
    if (!(await advanceCheckpoint(client, projection, from, last.position))) {
      throw new CheckpointMoved(projection.name);
    }
    const mine = relevantEvents(projection, events);
    return mine.length > 0 ? projection.applyBatch(client, mine) : [];
  });
}
