import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { type EventStore } from '../../infrastructure/event-store/event-store';
import { transaction } from './transaction';
import { buildInto, type BuildProgress } from './build-into';
import { abandonRebuild, installCheckpoint, markRebuilding } from './checkpoints';
import { takeProjectionLock, type HeldLock } from './handover';
import { type Projection } from './projection';
import { takeRebuildLock } from './rebuild-lock';
import { createIndexesIn, createTablesIn } from './schema';
import { swapIntoLive } from './swap';

export interface RebuildDeps {
  pool: pg.Pool;
  eventStore: EventStore;
}

export interface RebuildProgress extends BuildProgress {
  projection: string;
  /** Events of the projection's types in the log when the rebuild started (for an ETA). */
  total: number;
}

export interface RebuildOptions {
  /** Events per read and per write transaction; default 10,000. */
  batchSize?: number;
  /** Abort to stop: the live tables stay as they were and the build schema is dropped. */
  signal?: AbortSignal;
  onProgress?: (progress: RebuildProgress) => void;
  /** Transactions applying a batch side by side (partitioned projections); default 2. */
  parallelism?: number;
  /** The caller already holds the projection's advisory lock (a live owner upgrading it). */
  lockHeld?: boolean;
  /** How long to wait for the live owner to let go before the swap; default 30 s. */
  handoverTimeoutMs?: number;
}

export interface RebuildResult {
  projection: string;
  version: number;
  /** Events applied to the new tables. */
  events: number;
  /** The checkpoint the new tables were installed with. */
  position: string | null;
  durationMs: number;
}

const DEFAULT_BATCH = 10_000;

/**
 * Rebuilds a projection from the whole log into a new schema `rm_build_<name>_<timestamp>`
 * while the live tables keep serving (secondary indexes are built once the bulk is in), then
 * takes the projection's advisory lock (the live owner pauses), applies the last events and
 * swaps the new tables into `rm` in one short transaction with the new checkpoint.
 */
export async function rebuildProjection(
  deps: RebuildDeps,
  projection: Projection,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const started = Date.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const schema = buildSchemaName(projection.name);
  const total = (await deps.eventStore.lagAfter(null, projection.eventTypes)).events;
  const report = (progress: BuildProgress) =>
    options.onProgress?.({ ...progress, projection: projection.name, total });
  const rebuildLock = await takeRebuildLock(deps.pool, projection.name);
  try {
    const previousState = await markRebuilding(deps.pool, projection);
    let lock: HeldLock | null = null;
    try {
      await transaction(deps.pool, (client) =>
        createTablesIn(client, schema, [projection], { indexes: false }),
      );
      const build = {
        batchSize,
        parallelism: options.parallelism ?? 2,
        signal: options.signal,
        onBatch: report,
      };
      const bulk = await buildInto(deps, [projection], schema, null, build);
      await transaction(deps.pool, (client) => createIndexesIn(client, schema, projection));
      if (!options.lockHeld) {
        lock = await takeProjectionLock(deps.pool, projection.name, schema, {
          timeoutMs: options.handoverTimeoutMs,
          signal: options.signal,
        });
      }
      // Nothing can be appended unseen below this head: the last read below drains the log.
      const head = await deps.eventStore.headPosition();
      const tail = await buildInto(deps, [projection], schema, bulk.position, {
        ...build,
        onBatch: (p) => report({ applied: bulk.applied + p.applied, position: p.position }),
      });
      const position = maxPosition(tail.position, head);
      await swapIntoLive(deps.pool, projection, schema, (client) =>
        installCheckpoint(client, projection, position),
      );
      return {
        projection: projection.name,
        version: projection.version,
        events: bulk.applied + tail.applied,
        position,
        durationMs: Date.now() - started,
      };
    } catch (error) {
      await deps.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      // A REBUILDING left by a rebuild that died (we hold the rebuild lock) means RUNNING.
      const restore = previousState === 'REBUILDING' ? 'RUNNING' : previousState;
      await abandonRebuild(deps.pool, projection.name, restore, schema).catch(() => undefined);
      throw error;
    } finally {
      await lock?.release();
    }
  } finally {
    await rebuildLock.release();
  }
}

/** `rm_build_<name>_<utc timestamp>_<random>`; within PostgreSQL's 63 characters. */
function buildSchemaName(name: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
  const suffix = randomBytes(2).toString('hex');
  return `rm_build_${name.slice(0, 30)}_${stamp}_${suffix}`.toLowerCase();
}

const maxPosition = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : a > b ? a : b;
