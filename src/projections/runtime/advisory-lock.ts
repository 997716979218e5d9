import type pg from 'pg';

/** The session-level advisory lock that makes one process the owner of a projection. */
const LOCK_KEY = `hashtext('projection:' || $1)`;

type Connection = pg.PoolClient | pg.Client;

export async function tryProjectionLock(connection: Connection, name: string): Promise<boolean> {
  const { rows } = await connection.query<{ locked: boolean }>(
    `SELECT pg_try_advisory_lock(${LOCK_KEY}) AS locked`,
    [name],
  );
  return rows[0]?.locked === true;
}

export async function releaseProjectionLock(connection: Connection, name: string): Promise<void> {
  await connection.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`, [name]);
}
