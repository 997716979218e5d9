import type pg from 'pg';
import { type EventStore, type RecordedEvent } from '../../infrastructure/event-store/event-store';
import { inSchemaTransaction, relevantEvents } from './apply-batch';
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
  signal?: AbortSignal;
  onBatch?: (progress: BuildProgress) => void;
}

export interface BuildResult {
  /** Events applied. */
  applied: number;
  /** Position of the last event read; null when none was. */
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
      await inSchemaTransaction(
        deps.pool,
        schema,
        async (client) => {
          for (const projection of projections) {
            const mine = relevantEvents(projection, selected);
            if (mine.length > 0) await projection.applyBatch(client, mine);
          }
        },
        { synchronousCommit: false },
      );
    }
    applied += selected.length;
    const last = reachedLimit ? selected[selected.length - 1] : events[events.length - 1];
    position = last?.position ?? position;
    options.onBatch?.({ applied, position });
    if (reachedLimit) return { applied, position };
  }
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
