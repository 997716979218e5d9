import type pg from 'pg';
import { type RecordedEvent } from '../../infrastructure/event-store/event-store';
import { type Topics } from '../topics';

/** A message to publish once the batch that produced it has committed. */
export type Notification = {
  [K in keyof Topics]: { topic: K; key: string; message: Topics[K] };
}[keyof Topics];

/**
 * A projection is data: what it reads, which tables it owns and how it applies a batch. The
 * runtime decides where the tables live (`rm`, a rebuild schema or an audit schema) by setting
 * `search_path` for the batch's transaction, so the SQL here never names a schema.
 */
export interface Projection {
  readonly name: string;
  /** Bump when the tables or the meaning of a row change: the owner then rebuilds. */
  readonly version: number;
  readonly eventTypes: readonly string[];
  /** Unqualified names of every table the projection owns (its private tables included). */
  readonly tables: readonly string[];
  /** DDL with unqualified names and IF NOT EXISTS, run with search_path set to the target. */
  readonly createTables: string;
  /**
   * Secondary indexes (same rules). Kept apart so that a rebuild can load its tables first and
   * index them once at the end, which is several times faster than maintaining them per batch.
   */
  readonly createIndexes?: string;
  /**
   * The unit of independence: events of different partitions never touch the same rows, so a
   * rebuild may apply them concurrently. Absent: a rebuild applies batches one at a time.
   */
  readonly partitionOf?: (event: RecordedEvent) => string;
  /**
   * Applies events (only of `eventTypes`, in log order) inside the caller's transaction.
   * Throws on an event it cannot apply; the runtime then marks the projection FAILED.
   */
  applyBatch(client: pg.PoolClient, events: RecordedEvent[]): Promise<Notification[]>;
}

/** Lifecycle of a projection as recorded next to its checkpoint. */
export type ProjectionState = 'RUNNING' | 'REBUILDING' | 'STOPPED' | 'FAILED';
