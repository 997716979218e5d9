import type pg from 'pg';
import { transaction } from './transaction';
import { isTransientError } from './errors';
import { type Projection } from './projection';
import { assertSchemaName, LIVE_SCHEMA } from './schema';

const ATTEMPTS = 5;

/**
 * Moves the projection's tables from `buildSchema` into `rm` in one short transaction (the old
 * tables move out to a schema that is dropped after commit), running `inSameTransaction` too —
 * the new checkpoint. Readers see the old tables or the new ones, never a mix. The table locks
 * wait behind running queries only up to lock_timeout, then the swap is retried.
 */
export async function swapIntoLive(
  pool: pg.Pool,
  projection: Projection,
  buildSchema: string,
  inSameTransaction: (client: pg.PoolClient) => Promise<void>,
): Promise<void> {
  assertSchemaName(buildSchema);
  const retired = `rm_old_${buildSchema.slice('rm_build_'.length)}`.slice(0, 63);
  assertSchemaName(retired);
  for (let attempt = 1; ; attempt++) {
    try {
      await transaction(pool, async (client) => {
        await client.query(`SET LOCAL lock_timeout TO '5s'`);
        await client.query(`CREATE SCHEMA ${retired}`);
        for (const table of projection.tables) {
          await client.query(`ALTER TABLE IF EXISTS ${LIVE_SCHEMA}.${table} SET SCHEMA ${retired}`);
          await client.query(`ALTER TABLE ${buildSchema}.${table} SET SCHEMA ${LIVE_SCHEMA}`);
        }
        await client.query(`DROP SCHEMA ${buildSchema}`);
        await inSameTransaction(client);
      });
      break;
    } catch (error) {
      if (attempt >= ATTEMPTS || !isTransientError(error)) throw error;
    }
  }
  await pool.query(`DROP SCHEMA IF EXISTS ${retired} CASCADE`);
}
