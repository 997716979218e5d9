import type pg from 'pg';

/** Held while a projection is being rebuilt, so that two rebuilds never race on its schemas. */
export interface RebuildLock {
  release(): Promise<void>;
}

export class RebuildInProgress extends Error {
  override readonly name = 'RebuildInProgress';
  constructor(projection: string) {
    super(`a rebuild of ${projection} is already running`);
  }
}

/**
 * Takes the projection's rebuild lock (session level, on a connection of its own, so a killed
 * rebuild releases it) and drops what an earlier rebuild that died left behind.
 * @throws RebuildInProgress
 */
export async function takeRebuildLock(pool: pg.Pool, name: string): Promise<RebuildLock> {
  const client = await pool.connect();
  client.on('error', () => undefined);
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(hashtext('rebuild:' || $1)) AS locked`,
      [name],
    );
    if (!rows[0]?.locked) throw new RebuildInProgress(name);
    const stale = await client.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE nspname ~ ('^rm_(build|old)_' || $1 || '_[0-9]{8}_[0-9]{6}_[0-9a-f]{4}$')`,
      [name],
    );
    for (const { nspname } of stale.rows) {
      await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
    }
  } catch (error) {
    client.release(true);
    throw error;
  }
  return {
    release() {
      // Closing the session releases the lock.
      client.release(true);
      return Promise.resolve();
    },
  };
}

/** Whether a rebuild of the projection is running in some process right now. */
export async function rebuildRunning(pool: pg.Pool, name: string): Promise<boolean> {
  const client = await pool.connect();
  client.on('error', () => undefined);
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(hashtext('rebuild:' || $1)) AS locked`,
      [name],
    );
    if (!rows[0]?.locked) return true;
    await client.query(`SELECT pg_advisory_unlock(hashtext('rebuild:' || $1))`, [name]);
    return false;
  } finally {
    client.release(true);
  }
}
