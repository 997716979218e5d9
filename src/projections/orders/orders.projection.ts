import type pg from 'pg';
import { orderEventTypes } from '../../aggregates/order/order.events';
import { type RecordedEvent } from '../../infrastructure/event-store/event-store';
import { type Notification, type Projection } from '../runtime/projection';
import { stringField } from '../shared/domain-event';
import { type OrderUpdateMessage } from '../topics';
import { ORDER_COLUMNS, toOrderRow, toStoredItem, type OrderDbRow } from './order-columns';
import { evolveOrderRow, reasonOf, type OrderRow } from './order-row';
import {
  createOrderIndexes,
  createOrderTables,
  insertHistory,
  insertOrders,
  updateOrders,
} from './orders.sql';

/** Orders, denormalized, and one status-history row per order event. */
export const ordersProjection: Projection = {
  name: 'orders',
  version: 2,
  eventTypes: orderEventTypes,
  tables: ['orders', 'order_status_history'],
  createTables: createOrderTables,
  createIndexes: createOrderIndexes,
  partitionOf: (event) => stringField(event, 'orderId'),
  applyBatch: applyOrders,
};

async function applyOrders(
  client: pg.PoolClient,
  events: RecordedEvent[],
): Promise<Notification[]> {
  const stored = await loadOrdersPlacedEarlier(client, events);
  const orders = new Map(stored);
  const updates: OrderUpdateMessage[] = [];
  for (const event of events) {
    const orderId = stringField(event, 'orderId');
    const row = evolveOrderRow(orders.get(orderId) ?? null, event);
    orders.set(orderId, row);
    updates.push({
      orderId,
      userId: row.userId,
      status: row.status,
      version: event.version,
      position: event.position,
      occurredAt: event.occurredAt.toISOString(),
      reason: reasonOf(event),
    });
  }
  const rows = [...orders.values()];
  await insertNewOrders(
    client,
    rows.filter((row) => !stored.has(row.id)),
  );
  await updateStoredOrders(
    client,
    rows.filter((row) => stored.has(row.id)),
  );
  await writeHistory(client, updates);
  return updates.flatMap((message): Notification[] => [
    { topic: 'orderUpdated', key: message.orderId, message },
    { topic: 'userOrderUpdated', key: message.userId, message },
  ]);
}

/** Rows of the batch's orders that were placed in an earlier batch (a rebuild skips most). */
async function loadOrdersPlacedEarlier(
  client: pg.PoolClient,
  events: readonly RecordedEvent[],
): Promise<Map<string, OrderRow>> {
  const placedHere = new Set<string>();
  const earlier = new Set<string>();
  for (const event of events) {
    const orderId = stringField(event, 'orderId');
    if (event.type === 'OrderPlaced') placedHere.add(orderId);
    else if (!placedHere.has(orderId)) earlier.add(orderId);
  }
  if (earlier.size === 0) return new Map();
  const { rows } = await client.query<OrderDbRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = ANY($1)`,
    [[...earlier]],
  );
  return new Map(rows.map((row) => [row.id, toOrderRow(row)]));
}

/** A row of the orders table as JSON (snake_case keys, the columns' names). */
const orderRecord = (r: OrderRow) => ({
  id: r.id,
  user_id: r.userId,
  status: r.status,
  status_reason: r.statusReason,
  items: r.items.map(toStoredItem),
  total: r.total,
  payment_id: r.payment?.id ?? null,
  payment_status: r.payment?.status ?? null,
  payment_amount: r.payment?.amount ?? null,
  payment_provider: r.payment?.provider ?? null,
  payment_transaction_id: r.payment?.transactionId ?? null,
  reservation_expires_at: r.reservationExpiresAt,
  refund_requested: r.refundRequested,
  version: r.version,
  last_position: r.lastPosition,
  created_at: r.createdAt,
  updated_at: r.updatedAt,
});

async function insertNewOrders(client: pg.PoolClient, rows: readonly OrderRow[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(insertOrders, [JSON.stringify(rows.map(orderRecord))]);
}

async function updateStoredOrders(client: pg.PoolClient, rows: readonly OrderRow[]): Promise<void> {
  if (rows.length === 0) return;
  // Lines, user, total and creation never change after OrderPlaced: not sent.
  const records = rows.map((row) => ({
    ...orderRecord(row),
    items: undefined,
    user_id: undefined,
    total: undefined,
    created_at: undefined,
  }));
  await client.query(updateOrders, [JSON.stringify(records)]);
}

async function writeHistory(
  client: pg.PoolClient,
  updates: readonly OrderUpdateMessage[],
): Promise<void> {
  if (updates.length === 0) return;
  const records = updates.map((u) => ({
    order_id: u.orderId,
    user_id: u.userId,
    version: u.version,
    position: u.position,
    status: u.status,
    reason: u.reason,
    occurred_at: u.occurredAt,
  }));
  await client.query(insertHistory, [JSON.stringify(records)]);
}
