import type pg from 'pg';

/** Anything that runs a query: the pool, or a client inside a caller's transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}
