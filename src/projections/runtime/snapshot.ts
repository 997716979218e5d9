import type pg from 'pg';
import { type EventStore } from '../../infrastructure/event-store/event-store';
import { transaction } from './transaction';
import { buildInto, type BuildLimit, type BuildProgress } from './build-into';
import { type Projection } from './projection';
import { assertSchemaName, createTablesIn, LIVE_SCHEMA } from './schema';

export interface SnapshotOptions extends BuildLimit {
  /** A new schema for the tables; it must not exist yet. */
  schema: string;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: BuildProgress & { total: number }) => void;
}

export interface SnapshotResult {
  schema: string;
  projections: string[];
  events: number;
  /** Position of the last event read. */
  position: string | null;
  durationMs: number;
}

const RESERVED = /^(pg_|rm_build_|rm_old_|information_schema$|public$)/;

export class SnapshotSchemaRefused extends Error {
  override readonly name = 'SnapshotSchemaRefused';
}

/**
 * Builds the projections' tables as they stood at a position or an instant (or now) into a
 * side schema, for audits. The live tables and checkpoints are not touched. Interrupted or
 * failed, the side schema is dropped.
 */
export async function buildSnapshot(
  deps: { pool: pg.Pool; eventStore: EventStore },
  projections: readonly Projection[],
  options: SnapshotOptions,
): Promise<SnapshotResult> {
  const started = Date.now();
  const { schema } = options;
  assertSchemaName(schema);
  if (schema === LIVE_SCHEMA || RESERVED.test(schema)) {
    throw new SnapshotSchemaRefused(`schema "${schema}" is reserved; choose another name`);
  }
  const { rows } = await deps.pool.query<{ exists: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS exists',
    [schema],
  );
  if (rows[0]?.exists) {
    throw new SnapshotSchemaRefused(`schema "${schema}" already exists; choose a new name`);
  }
  const eventTypes = [...new Set(projections.flatMap((p) => p.eventTypes))];
  const total = (await deps.eventStore.lagAfter(null, eventTypes)).events;
  try {
    await transaction(deps.pool, (client) => createTablesIn(client, schema, projections));
    const result = await buildInto(deps, projections, schema, null, {
      batchSize: options.batchSize ?? 10_000,
      signal: options.signal,
      toPosition: options.toPosition,
      asOf: options.asOf,
      onBatch: (progress) => options.onProgress?.({ ...progress, total }),
    });
    return {
      schema,
      projections: projections.map((p) => p.name),
      events: result.applied,
      position: result.position,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    await deps.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    throw error;
  }
}
