import { type Queryable } from '../shared/queryable';

export interface ReservationRow {
  productId: string;
  orderId: string;
  quantity: number;
  expiresAt: Date;
}

interface ReservationDbRow {
  product_id: string;
  order_id: string;
  quantity: number;
  expires_at: Date;
}

const toRow = (row: ReservationDbRow): ReservationRow => ({
  productId: row.product_id,
  orderId: row.order_id,
  quantity: row.quantity,
  expiresAt: row.expires_at,
});

/** Reservations whose time ran out at or before `now`, soonest expired first. */
export async function expiredReservations(
  db: Queryable,
  now: Date,
  limit: number,
): Promise<ReservationRow[]> {
  const { rows } = await db.query<ReservationDbRow>(
    `SELECT product_id, order_id, quantity, expires_at FROM rm.pending_reservations
     WHERE expires_at <= $1 ORDER BY expires_at, order_id, product_id LIMIT $2`,
    [now, limit],
  );
  return rows.map(toRow);
}

/** The order's reservations still pending, one per product. */
export async function reservationsOfOrder(
  db: Queryable,
  orderId: string,
): Promise<ReservationRow[]> {
  const { rows } = await db.query<ReservationDbRow>(
    `SELECT product_id, order_id, quantity, expires_at FROM rm.pending_reservations
     WHERE order_id = $1 ORDER BY product_id`,
    [orderId],
  );
  return rows.map(toRow);
}

/**
 * Orders that can no longer be paid (CANCELLED or REJECTED) but still hold stock: a process
 * stopped between closing the order and releasing its lines.
 */
export async function closedOrdersHoldingStock(db: Queryable, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ order_id: string }>(
    `SELECT DISTINCT r.order_id FROM rm.pending_reservations r
     JOIN rm.orders o ON o.id = r.order_id
     WHERE o.status IN ('CANCELLED', 'REJECTED') AND o.payment_status IS DISTINCT FROM 'SUCCEEDED'
     LIMIT $1`,
    [limit],
  );
  return rows.map((row) => row.order_id);
}
