import type pg from 'pg';
import { type Projection } from './projection';

/** The schema of the live read tables. */
export const LIVE_SCHEMA = 'rm';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names are built into SQL, so only plain lower-case identifiers are allowed. */
export function assertSchemaName(schema: string): void {
  if (!IDENTIFIER.test(schema)) {
    throw new Error(
      `Invalid schema name "${schema}": use lower-case letters, digits and _ (at most 63)`,
    );
  }
}

/** Makes `schema` the only place unqualified names resolve to for this transaction. */
export async function useSchema(client: pg.PoolClient, schema: string): Promise<void> {
  assertSchemaName(schema);
  await client.query(`SET LOCAL search_path TO ${schema}`);
}

/**
 * Creates the projections' tables in `schema` (inside the caller's transaction). Concurrent
 * `CREATE ... IF NOT EXISTS` can still collide in the catalog, hence the transaction lock.
 */
export async function createTablesIn(
  client: pg.PoolClient,
  schema: string,
  projections: readonly Projection[],
  options: { indexes: boolean } = { indexes: true },
): Promise<void> {
  assertSchemaName(schema);
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('projection-ddl'))`);
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await useSchema(client, schema);
  for (const projection of projections) {
    await client.query(projection.createTables);
    if (options.indexes && projection.createIndexes) await client.query(projection.createIndexes);
  }
}

/** Builds the secondary indexes a bulk load left out (inside the caller's transaction). */
export async function createIndexesIn(
  client: pg.PoolClient,
  schema: string,
  projection: Projection,
): Promise<void> {
  if (!projection.createIndexes) return;
  await useSchema(client, schema);
  // Index builds sort in memory; the default work memory would make them spill to disk.
  await client.query(`SET LOCAL maintenance_work_mem TO '256MB'`);
  await client.query('SET LOCAL statement_timeout TO 0');
  await client.query(projection.createIndexes);
}

/** True when every table of the projection exists in the schema. */
export async function tablesExist(
  db: pg.Pool | pg.PoolClient,
  schema: string,
  projection: Projection,
): Promise<boolean> {
  const { rows } = await db.query<{ missing: number }>(
    `SELECT count(*)::int AS missing FROM unnest($2::text[]) AS t(name)
     WHERE to_regclass(quote_ident($1) || '.' || quote_ident(t.name)) IS NULL`,
    [schema, projection.tables],
  );
  return rows[0]?.missing === 0;
}
