import type pg from 'pg';
import { orderEventTypes } from '../../aggregates/order/order.events';
import { type RecordedEvent } from '../../infrastructure/event-store/event-store';
import { type Notification, type Projection } from '../runtime/projection';
import { stringField } from '../shared/domain-event';
import { type OrderUpdateMessage } from '../topics';
import { ORDER_COLUMNS, toOrderRow, toStoredItem, type OrderDbRow } from './order-columns';
import { evolveOrderRow, reasonOf, type OrderRow } from './order-row';
import { createOrderTables, insertHistory, upsertOrders } from './orders.sql';

/** Orders, denormalized, and one status-history row per order event. */
export const ordersProjection: Projection = {
  name: 'orders',
  version: 1,
  eventTypes: orderEventTypes,
  tables: ['orders', 'order_status_history'],
  createTables: createOrderTables,
  applyBatch: applyOrders,
};

async function applyOrders(
  client: pg.PoolClient,
  events: RecordedEvent[],
): Promise<Notification[]> {
  const orders = await loadOrdersPlacedEarlier(client, events);
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
  await writeOrders(client, [...orders.values()]);
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

async function writeOrders(client: pg.PoolClient, rows: readonly OrderRow[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(upsertOrders, [
    rows.map((r) => r.id),
    rows.map((r) => r.userId),
    rows.map((r) => r.status),
    rows.map((r) => r.statusReason),
    rows.map((r) => JSON.stringify(r.items.map(toStoredItem))),
    rows.map((r) => r.total),
    rows.map((r) => r.payment?.id ?? null),
    rows.map((r) => r.payment?.status ?? null),
    rows.map((r) => r.payment?.amount ?? null),
    rows.map((r) => r.payment?.provider ?? null),
    rows.map((r) => r.payment?.transactionId ?? null),
    rows.map((r) => r.reservationExpiresAt),
    rows.map((r) => r.refundRequested),
    rows.map((r) => r.version),
    rows.map((r) => r.lastPosition),
    rows.map((r) => r.createdAt),
    rows.map((r) => r.updatedAt),
  ]);
}

async function writeHistory(
  client: pg.PoolClient,
  updates: readonly OrderUpdateMessage[],
): Promise<void> {
  if (updates.length === 0) return;
  await client.query(insertHistory, [
    updates.map((u) => u.orderId),
    updates.map((u) => u.userId),
    updates.map((u) => u.version),
    updates.map((u) => u.position),
    updates.map((u) => u.status),
    updates.map((u) => u.reason),
    updates.map((u) => u.occurredAt),
  ]);
}
