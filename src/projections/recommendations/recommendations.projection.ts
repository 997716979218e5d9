import type pg from 'pg';
import { type OrderEvent } from '../../aggregates/order/order.events';
import { type RecordedEvent } from '../../infrastructure/event-store/event-store';
import { type Notification, type Projection } from '../runtime/projection';
import { asDomainEvent } from '../shared/domain-event';

/** Units per product of one order. */
type OrderLines = Map<string, number>;

const createTables = `
-- Private: the lines of orders placed and not yet paid or rejected, needed when OrderPaid comes.
CREATE TABLE IF NOT EXISTS recommendation_order_lines (
  order_id text COLLATE "C" NOT NULL,
  product_id text COLLATE "C" NOT NULL,
  quantity integer NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
-- How many paid orders held both products; one row per ordered pair.
CREATE TABLE IF NOT EXISTS co_purchases (
  product_id text COLLATE "C" NOT NULL,
  other_product_id text COLLATE "C" NOT NULL,
  orders integer NOT NULL,
  PRIMARY KEY (product_id, other_product_id)
);
CREATE TABLE IF NOT EXISTS product_sales (
  product_id text COLLATE "C" PRIMARY KEY,
  units bigint NOT NULL,
  orders integer NOT NULL
);
`;

const createIndexes = `
-- "Bought together with X, most orders first" reads one index range.
CREATE INDEX IF NOT EXISTS co_purchases_ranking ON co_purchases (product_id, orders DESC, other_product_id);
`;

/** Bought-together counts and units sold, from paid orders. */
export const recommendationsProjection: Projection = {
  name: 'recommendations',
  version: 1,
  eventTypes: ['OrderPlaced', 'OrderPaid', 'OrderRejected'],
  tables: ['recommendation_order_lines', 'co_purchases', 'product_sales'],
  createTables,
  createIndexes,
  applyBatch: applyRecommendations,
};

async function applyRecommendations(
  client: pg.PoolClient,
  events: RecordedEvent[],
): Promise<Notification[]> {
  const placed = new Map<string, OrderLines>();
  const paid: string[] = [];
  const finished = new Set<string>();
  for (const recorded of events) {
    const event = asDomainEvent<OrderEvent>(recorded);
    if (event.type === 'OrderPlaced') {
      const lines: OrderLines = new Map();
      for (const line of event.data.lines) {
        lines.set(line.productId, (lines.get(line.productId) ?? 0) + line.quantity);
      }
      placed.set(event.data.orderId, lines);
    } else if (event.type === 'OrderPaid') {
      paid.push(event.data.orderId);
      finished.add(event.data.orderId);
    } else if (event.type === 'OrderRejected') {
      finished.add(event.data.orderId);
    }
  }
  const stored = await loadLines(
    client,
    paid.filter((id) => !placed.has(id)),
  );
  const pairs = new Map<string, number>();
  const sales = new Map<string, { units: number; orders: number }>();
  for (const orderId of paid) {
    const lines = placed.get(orderId) ?? stored.get(orderId);
    if (!lines) throw new Error(`order ${orderId} was paid but never placed`);
    for (const [productId, quantity] of lines) {
      const sold = sales.get(productId) ?? { units: 0, orders: 0 };
      sales.set(productId, { units: sold.units + quantity, orders: sold.orders + 1 });
      for (const other of lines.keys()) {
        if (other === productId) continue;
        const key = JSON.stringify([productId, other]);
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  await saveLines(client, placed, finished);
  await addPairs(client, pairs);
  await addSales(client, sales);
  return [];
}

async function loadLines(
  client: pg.PoolClient,
  orderIds: string[],
): Promise<Map<string, OrderLines>> {
  const result = new Map<string, OrderLines>();
  if (orderIds.length === 0) return result;
  const { rows } = await client.query<{ order_id: string; product_id: string; quantity: number }>(
    `SELECT order_id, product_id, quantity FROM recommendation_order_lines
     WHERE order_id = ANY($1)`,
    [orderIds],
  );
  for (const row of rows) {
    const lines = result.get(row.order_id) ?? new Map<string, number>();
    lines.set(row.product_id, row.quantity);
    result.set(row.order_id, lines);
  }
  return result;
}

/** Keeps the lines of orders still open; forgets those paid or rejected. */
async function saveLines(
  client: pg.PoolClient,
  placed: ReadonlyMap<string, OrderLines>,
  finished: ReadonlySet<string>,
): Promise<void> {
  const rows = [...placed]
    .filter(([orderId]) => !finished.has(orderId))
    .flatMap(([orderId, lines]) =>
      [...lines].map(([productId, qty]) => [orderId, productId, qty] as const),
    );
  if (rows.length > 0) {
    await client.query(
      `INSERT INTO recommendation_order_lines (order_id, product_id, quantity)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[])`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
    );
  }
  const forget = [...finished].filter((orderId) => !placed.has(orderId));
  if (forget.length > 0) {
    await client.query('DELETE FROM recommendation_order_lines WHERE order_id = ANY($1)', [forget]);
  }
}

async function addPairs(client: pg.PoolClient, pairs: ReadonlyMap<string, number>): Promise<void> {
  if (pairs.size === 0) return;
  const entries = [...pairs].map(
    ([key, n]) => [...(JSON.parse(key) as [string, string]), n] as const,
  );
  await client.query(
    `INSERT INTO co_purchases (product_id, other_product_id, orders)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
     ON CONFLICT (product_id, other_product_id)
     DO UPDATE SET orders = co_purchases.orders + excluded.orders`,
    [entries.map((e) => e[0]), entries.map((e) => e[1]), entries.map((e) => e[2])],
  );
}

async function addSales(
  client: pg.PoolClient,
  sales: ReadonlyMap<string, { units: number; orders: number }>,
): Promise<void> {
  if (sales.size === 0) return;
  const entries = [...sales];
  await client.query(
    `INSERT INTO product_sales (product_id, units, orders)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[])
     ON CONFLICT (product_id) DO UPDATE SET units = product_sales.units + excluded.units,
       orders = product_sales.orders + excluded.orders`,
    [entries.map(([id]) => id), entries.map(([, s]) => s.units), entries.map(([, s]) => s.orders)],
  );
}
