import type pg from 'pg';
import { transaction } from './transaction';
import { ensureCheckpoint } from './checkpoints';
import { type Projection } from './projection';
import { createTablesIn, LIVE_SCHEMA } from './schema';

/**
 * Creates the live tables of projections that have never run, so that queries work before the
 * first owner is elected. Tables of a projection that has applied events are left to its owner
 * (which rebuilds them if they went missing).
 */
export async function ensureReadTables(
  pool: pg.Pool,
  projections: readonly Projection[],
): Promise<void> {
  const fresh: Projection[] = [];
  for (const projection of projections) {
    const checkpoint = await ensureCheckpoint(pool, projection);
    if (checkpoint.position === null && checkpoint.version === projection.version) {
      fresh.push(projection);
    }
  }
  if (fresh.length > 0) {
    await transaction(pool, (client) => createTablesIn(client, LIVE_SCHEMA, fresh));
  }
}
