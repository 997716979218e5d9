import type pg from 'pg';
import { type EventStore, type RecordedEvent } from '../../infrastructure/event-store/event-store';
import { inSchemaTransaction, relevantEvents } from './apply-batch';
import { partitioned } from './partition';
import { type Projection } from './projection';

/** Where a build stops: the head (default), a position or an instant. */
export interface BuildLimit {
  /** Apply events up to and including this position. */
  toPosition?: string;
  /** Apply only events that occurred at or before this instant (ms precision, as readStream). */
  asOf?: Date;
}

export interface BuildProgress {
  applied: number;
  position: string | null;
}

export interface BuildOptions extends BuildLimit {
  batchSize: number;
  /** Transactions applying one batch at once, for projections with partitions; default 1. */
  parallelism?: number;
  signal?: AbortSignal;
  onBatch?: (progress: BuildProgress) => void;
}

export interface BuildResult {
  /** Events applied. */
  applied: number;
  /** Position of the last event applied; null when none was. */
  position: string | null;
}

export class BuildAborted extends Error {
  override readonly name = 'BuildAborted';
  constructor() {
    super('interrupted');
  }
}

/**
 * Applies the log after `from` to the projections' tables in `schema`, in large batches of the
 * projections' event types only (the server-side filter), until the log is drained or the limit
 * is reached. The next batch is read while the current one is written.
 */
export async function buildInto(
  deps: { pool: pg.Pool; eventStore: EventStore },
  projections: readonly Projection[],
  schema: string,
  from: string | null,
  options: BuildOptions,
): Promise<BuildResult> {
  const eventTypes = [...new Set(projections.flatMap((p) => p.eventTypes))];
  const read = (fromPosition: string | null) => {
    const batch = deps.eventStore.readAll({
      fromPosition,
      maxCount: options.batchSize,
      eventTypes,
    });
    // Observed below; this keeps an abandoned prefetch from becoming an unhandled rejection.
    batch.catch(() => undefined);
    return batch;
  };
  let applied = 0;
  let position = from;
  let next = read(from);
  for (;;) {
    if (options.signal?.aborted) throw new BuildAborted();
    const events = await next;
    if (events.length === 0) return { applied, position };
    const { selected, reachedLimit } = withinLimit(events, options);
    if (!reachedLimit) next = read(events[events.length - 1]!.position);
    if (selected.length > 0) {
      await applyToBuild(deps.pool, projections, schema, selected, options.parallelism ?? 1);
    }
    applied += selected.length;
    // With --as-of, events after the instant are read but not applied: the build stands at the
    // last event it applied, not at the head it read through.
    position = selected[selected.length - 1]?.position ?? position;
    options.onBatch?.({ applied, position });
    if (reachedLimit) return { applied, position };
  }
}

/**
 * One batch into a build schema. Nothing but the build reads these tables and a failed build
 * is dropped, so the batch need not be one transaction: partitioned projections apply their
 * partitions side by side, on as many connections.
 */
async function applyToBuild(
  pool: pg.Pool,
  projections: readonly Projection[],
  schema: string,
  events: readonly RecordedEvent[],
  parallelism: number,
): Promise<void> {
  const work = projections.flatMap((projection) => {
    const mine = relevantEvents(projection, events);
    if (mine.length === 0) return [];
    const parts =
      parallelism > 1 && projection.partitionOf
        ? partitioned(mine, projection.partitionOf, parallelism)
        : [mine];
    return parts.map((part) => ({ projection, part }));
  });
  if (parallelism <= 1) {
    await inSchemaTransaction(
      pool,
      schema,
      async (client) => {
        for (const { projection, part } of work) await projection.applyBatch(client, part);
      },
      { synchronousCommit: false },
    );
    return;
  }
  await Promise.all(
    work.map(({ projection, part }) =>
      inSchemaTransaction(pool, schema, (client) => projection.applyBatch(client, part), {
        synchronousCommit: false,
      }),
    ),
  );
}

function withinLimit(
  events: RecordedEvent[],
  limit: BuildLimit,
): { selected: RecordedEvent[]; reachedLimit: boolean } {
  let selected = events;
  let reachedLimit = false;
  if (limit.toPosition !== undefined) {
    const end = limit.toPosition;
    const cut = events.findIndex((event) => event.position > end);
    if (cut >= 0) {
      selected = events.slice(0, cut);
      reachedLimit = true;
    }
  }
  if (limit.asOf !== undefined) {
    const asOf = limit.asOf.getTime();
    selected = selected.filter((event) => event.occurredAt.getTime() <= asOf);
  }
  return { selected, reachedLimit };
}
