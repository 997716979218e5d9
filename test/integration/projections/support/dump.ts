import type pg from 'pg';
import { type Projection } from '../../../../src/projections/runtime/projection';

/** Every row of every table of the projections in `schema`, in a stable order, as JSON text. */
export async function dumpTables(
  pool: pg.Pool,
  schema: string,
  projections: readonly Projection[],
): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const projection of projections) {
    for (const table of projection.tables) {
      const { rows } = await pool.query<{ row: string }>(
        `SELECT to_jsonb(t)::text AS row FROM ${schema}.${table} t ORDER BY 1`,
      );
      dump[`${projection.name}.${table}`] = rows.map((r) => r.row);
    }
  }
  return dump;
}
