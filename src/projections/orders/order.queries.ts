import { type OrderUpdateMessage } from '../topics';
import {
  ANY_PATTERN,
  checkCursorPart,
  decodeCursor,
  encodeCursor,
  InvalidCursor,
  TIMESTAMP_PATTERN,
} from '../shared/cursor';
import { type Queryable } from '../shared/queryable';
import { ORDER_COLUMNS, toOrderRow, type OrderDbRow } from './order-columns';
import { type OrderRow, type OrderStatus } from './order-row';

export { InvalidCursor };
export type { OrderRow, OrderStatus };

export interface OrdersPageQuery {
  /** Whose orders; null for everyone's. */
  userId: string | null;
  status: OrderStatus | null;
  first: number;
  /** `endCursor` of the previous page. @throws InvalidCursor when it is not one */
  after: string | null;
}

export interface Page<T> {
  rows: { cursor: string; node: T }[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

const CURSOR_KIND = 'orders:newest';

export async function ordersByIds(db: Queryable, ids: readonly string[]): Promise<OrderRow[]> {
  const { rows } = await db.query<OrderDbRow>(
    `SELECT ${ORDER_COLUMNS} FROM rm.orders o WHERE o.id = ANY($1)`,
    [ids],
  );
  return rows.map(toOrderRow);
}

/** Orders newest first (created_at, then id), optionally of one user and one status. */
export async function ordersPage(db: Queryable, query: OrdersPageQuery): Promise<Page<OrderRow>> {
  const params: unknown[] = [];
  const filters: string[] = [];
  if (query.userId !== null) filters.push(`o.user_id = $${params.push(query.userId)}`);
  if (query.status !== null) filters.push(`o.status = $${params.push(query.status)}`);
  const countSql = `SELECT count(*)::int AS total FROM rm.orders o
    ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''}`;
  const countParams = [...params];
  if (query.after !== null) {
    const [time, id] = decodeCursor(query.after, CURSOR_KIND, 2);
    const at = checkCursorPart(query.after, time, TIMESTAMP_PATTERN);
    const after = checkCursorPart(query.after, id, ANY_PATTERN);
    filters.push(
      `(o.created_at, o.id) < ($${params.push(at)}::timestamptz, $${params.push(after)})`,
    );
  }
  const limit = params.push(query.first + 1);
  const pageSql = `SELECT ${ORDER_COLUMNS}, o.created_at::text AS sort_time FROM rm.orders o
    ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''}
    ORDER BY o.created_at DESC, o.id DESC LIMIT $${limit}`;
  const [page, count] = await Promise.all([
    db.query<OrderDbRow & { sort_time: string }>(pageSql, params),
    db.query<{ total: number }>(countSql, countParams),
  ]);
  const rows = page.rows.slice(0, query.first).map((row) => ({
    cursor: encodeCursor(CURSOR_KIND, [row.sort_time, row.id]),
    node: toOrderRow(row),
  }));
  return {
    rows,
    totalCount: count.rows[0]?.total ?? 0,
    hasNextPage: page.rows.length > query.first,
    endCursor: rows[rows.length - 1]?.cursor ?? null,
  };
}

interface HistoryDbRow {
  order_id: string;
  user_id: string;
  version: number;
  position: string;
  status: string;
  reason: string | null;
  occurred_at: Date;
}

const toUpdate = (row: HistoryDbRow): OrderUpdateMessage => ({
  orderId: row.order_id,
  userId: row.user_id,
  status: row.status,
  version: row.version,
  position: row.position,
  occurredAt: row.occurred_at.toISOString(),
  reason: row.reason,
});

/** The order's updates after a version (all when null), in version order: subscription replay. */
export async function orderUpdatesAfterVersion(
  db: Queryable,
  orderId: string,
  afterVersion: number | null,
): Promise<OrderUpdateMessage[]> {
  const { rows } = await db.query<HistoryDbRow>(
    `SELECT * FROM rm.order_status_history WHERE order_id = $1 AND version > $2
     ORDER BY version`,
    [orderId, afterVersion ?? -1],
  );
  return rows.map(toUpdate);
}

/** A user's order updates after a global position (all when null), in log order. */
export async function userOrderUpdatesAfterPosition(
  db: Queryable,
  userId: string,
  afterPosition: string | null,
  limit = 1_000,
): Promise<OrderUpdateMessage[]> {
  const { rows } = await db.query<HistoryDbRow>(
    `SELECT * FROM rm.order_status_history WHERE user_id = $1 AND position > $2
     ORDER BY position LIMIT $3`,
    [userId, afterPosition ?? '', limit],
  );
  return rows.map(toUpdate);
}

/** PENDING orders unchanged since before `olderThan`, oldest first: a checkout that stalled. */
export async function stuckPendingOrders(
  db: Queryable,
  olderThan: Date,
  limit: number,
): Promise<OrderRow[]> {
  const { rows } = await db.query<OrderDbRow>(
    `SELECT ${ORDER_COLUMNS} FROM rm.orders o
     WHERE o.status = 'PENDING' AND o.updated_at < $1 ORDER BY o.updated_at LIMIT $2`,
    [olderThan, limit],
  );
  return rows.map(toOrderRow);
}

/**
 * Orders whose payment succeeded but that are not PAID yet (AWAITING_PAYMENT), or were cancelled
 * meanwhile (CANCELLED) and have no refund requested: the payment still needs a decision.
 */
export async function paidNotMarkedOrders(db: Queryable, limit: number): Promise<OrderRow[]> {
  const { rows } = await db.query<OrderDbRow>(
    `SELECT ${ORDER_COLUMNS} FROM rm.orders o
     WHERE o.payment_status = 'SUCCEEDED' AND o.status IN ('AWAITING_PAYMENT', 'CANCELLED')
       AND NOT o.refund_requested
     ORDER BY o.updated_at LIMIT $1`,
    [limit],
  );
  return rows.map(toOrderRow);
}
