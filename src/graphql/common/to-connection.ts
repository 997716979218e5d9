import type { PageView } from '../views';

/** A service page as a Relay connection: edges, pageInfo and the total. */
export function toConnection<T>(page: PageView<T>) {
  return {
    edges: page.rows.map((row) => ({ cursor: row.cursor, node: row.node })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    totalCount: page.totalCount,
  };
}
