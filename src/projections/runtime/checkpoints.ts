import type pg from 'pg';
import { type Projection, type ProjectionState } from './projection';

export interface Checkpoint {
  name: string;
  version: number;
  /** Last global position applied; null before the first event. */
  position: string | null;
  state: ProjectionState;
  error: string | null;
  pausedBy: string | null;
  pausedUntil: Date | null;
  updatedAt: Date;
}

interface CheckpointRow {
  name: string;
  version: number;
  position: string | null;
  state: ProjectionState;
  error: string | null;
  paused_by: string | null;
  paused_until: Date | null;
  updated_at: Date;
}

type Db = pg.Pool | pg.PoolClient | pg.Client;

const toCheckpoint = (row: CheckpointRow): Checkpoint => ({
  name: row.name,
  version: row.version,
  position: row.position,
  state: row.state,
  error: row.error,
  pausedBy: row.paused_by,
  pausedUntil: row.paused_until,
  updatedAt: row.updated_at,
});

/**
 * The live owner may apply a batch only while nobody asked it to pause and the projection is
 * not FAILED (a FAILED projection that is being rebuilt keeps its error until the swap).
 */
const RUNNABLE = `(state = 'RUNNING' OR (state = 'REBUILDING' AND error IS NULL))
  AND (paused_until IS NULL OR paused_until < now())`;

export async function readCheckpoints(
  db: Db,
  names: readonly string[],
): Promise<Map<string, Checkpoint>> {
  const { rows } = await db.query<CheckpointRow>(
    'SELECT * FROM public.projection_checkpoints WHERE name = ANY($1)',
    [names],
  );
  return new Map(rows.map((row) => [row.name, toCheckpoint(row)]));
}

export async function readCheckpoint(db: Db, name: string): Promise<Checkpoint | null> {
  return (await readCheckpoints(db, [name])).get(name) ?? null;
}

/** The checkpoint row, created at the start of the log when the projection is new. */
export async function ensureCheckpoint(db: Db, projection: Projection): Promise<Checkpoint> {
  await db.query(
    `INSERT INTO public.projection_checkpoints (name, version, position, state)
     VALUES ($1, $2, NULL, 'STOPPED') ON CONFLICT (name) DO NOTHING`,
    [projection.name, projection.version],
  );
  const checkpoint = await readCheckpoint(db, projection.name);
  if (!checkpoint) throw new Error(`checkpoint of ${projection.name} vanished`);
  return checkpoint;
}

export function isRunnable(checkpoint: Checkpoint, now: Date): boolean {
  const paused = checkpoint.pausedUntil !== null && checkpoint.pausedUntil >= now;
  const stateOk =
    checkpoint.state === 'RUNNING' ||
    checkpoint.state === 'STOPPED' ||
    (checkpoint.state === 'REBUILDING' && checkpoint.error === null);
  return stateOk && !paused;
}

/**
 * Moves the checkpoint from `from` to `to` inside the batch's transaction. False when the row
 * is no longer at `from` (another owner applied it), paused, failed or of another version: the
 * caller must roll back. Done first in the transaction so that a rival waits on the row lock
 * instead of computing effects it will throw away.
 */
export async function advanceCheckpoint(
  client: pg.PoolClient,
  projection: Projection,
  from: string | null,
  to: string,
): Promise<boolean> {
  const { rowCount } = await client.query(
    `UPDATE public.projection_checkpoints SET position = $3, updated_at = now()
     WHERE name = $1 AND version = $2 AND position IS NOT DISTINCT FROM $4 AND ${RUNNABLE}`,
    [projection.name, projection.version, to, from],
  );
  return rowCount === 1;
}

/**
 * Marks the owner's projection RUNNING. A rebuild in progress keeps its REBUILDING, unless
 * `rebuildDied` says that the rebuild which wrote it is gone.
 */
export async function markRunning(db: Db, name: string, rebuildDied = false): Promise<void> {
  await db.query(
    `UPDATE public.projection_checkpoints SET state = 'RUNNING', updated_at = now()
     WHERE name = $1 AND (state = 'STOPPED' OR (state = 'REBUILDING' AND $2))`,
    [name, rebuildDied],
  );
}

/** The owner let go without failing; a REBUILDING state belongs to the rebuild and stays. */
export async function markStopped(db: Db, name: string): Promise<void> {
  await db.query(
    `UPDATE public.projection_checkpoints SET state = 'STOPPED', updated_at = now()
     WHERE name = $1 AND state = 'RUNNING'`,
    [name],
  );
}

/**
 * Marks the projection FAILED, unless its checkpoint moved past `at` meanwhile (another owner
 * took over and applied more: then this process's failure is not the projection's).
 */
export async function markFailed(
  db: Db,
  name: string,
  error: string,
  at: string | null,
): Promise<void> {
  await db.query(
    `UPDATE public.projection_checkpoints SET state = 'FAILED', error = $2, updated_at = now()
     WHERE name = $1 AND position IS NOT DISTINCT FROM $3`,
    [name, error, at],
  );
}

/** Records that a rebuild is under way; returns the state to restore if it is abandoned. */
export async function markRebuilding(db: Db, projection: Projection): Promise<ProjectionState> {
  const before = await ensureCheckpoint(db, projection);
  await db.query(
    `UPDATE public.projection_checkpoints SET state = 'REBUILDING', updated_at = now()
     WHERE name = $1`,
    [projection.name],
  );
  return before.state;
}

/** Undoes `markRebuilding` and any pause request of an abandoned rebuild. */
export async function abandonRebuild(
  db: Db,
  name: string,
  previous: ProjectionState,
  token: string,
): Promise<void> {
  await db.query(
    `UPDATE public.projection_checkpoints
     SET state = CASE WHEN state = 'REBUILDING' THEN $2 ELSE state END,
         paused_by = CASE WHEN paused_by = $3 THEN NULL ELSE paused_by END,
         paused_until = CASE WHEN paused_by = $3 THEN NULL ELSE paused_until END,
         updated_at = now()
     WHERE name = $1`,
    [name, previous, token],
  );
}

/** Asks the live owner to release the projection's lock until `leaseMs` from now. */
export async function requestPause(
  db: Db,
  name: string,
  token: string,
  leaseMs: number,
): Promise<void> {
  await db.query(
    `UPDATE public.projection_checkpoints
     SET paused_by = $2, paused_until = now() + make_interval(secs => $3 / 1000.0)
     WHERE name = $1`,
    [name, token, leaseMs],
  );
}

/**
 * Installs a rebuilt projection's checkpoint (in the swap's transaction): its version, the
 * position the new tables reflect, no error and no pause. STOPPED until an owner (the live
 * one, back from its pause, or a standby) picks it up and marks it RUNNING, so the state never
 * claims a projector that does not exist.
 */
export async function installCheckpoint(
  client: pg.PoolClient,
  projection: Projection,
  position: string | null,
): Promise<void> {
  await client.query(
    `INSERT INTO public.projection_checkpoints (name, version, position, state)
     VALUES ($1, $2, $3, 'STOPPED')
     ON CONFLICT (name) DO UPDATE SET version = $2, position = $3, state = 'STOPPED',
       error = NULL, paused_by = NULL, paused_until = NULL, updated_at = now()`,
    [projection.name, projection.version, position],
  );
}
