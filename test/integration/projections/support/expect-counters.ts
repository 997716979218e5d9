import { type Harness } from './harness';
import { type Expectation } from './history';

/** The counters the history implies, computed without the projection code. */
export async function expectCounters(h: Harness, expected: Expectation): Promise<void> {
  const stock = await h.db.pool.query<{ product_id: string; on_hand: number; reserved: number }>(
    'SELECT product_id, on_hand, reserved FROM rm.inventory',
  );
  expect(
    new Map(stock.rows.map((r) => [r.product_id, { onHand: r.on_hand, reserved: r.reserved }])),
  ).toEqual(expected.stock);
  const products = await h.db.pool.query<{ id: string; on_hand: number; reserved: number }>(
    'SELECT id, on_hand, reserved FROM rm.products',
  );
  expect(
    new Map(products.rows.map((r) => [r.id, { onHand: r.on_hand, reserved: r.reserved }])),
  ).toEqual(expected.stock);
  const orders = await h.db.pool.query<{ id: string; status: string }>(
    'SELECT id, status FROM rm.orders',
  );
  expect(new Map(orders.rows.map((r) => [r.id, r.status]))).toEqual(expected.orderStatus);
  const sales = await h.db.pool.query<{ product_id: string; units: string }>(
    'SELECT product_id, units FROM rm.product_sales',
  );
  expect(new Map(sales.rows.map((r) => [r.product_id, Number(r.units)]))).toEqual(
    expected.unitsSold,
  );
  const pairs = await h.db.pool.query<{
    product_id: string;
    other_product_id: string;
    orders: number;
  }>('SELECT product_id, other_product_id, orders FROM rm.co_purchases');
  expect(
    new Map(pairs.rows.map((r) => [`${r.product_id}|${r.other_product_id}`, r.orders])),
  ).toEqual(expected.pairs);
  const pending = await h.db.pool.query<{ product_id: string; order_id: string }>(
    'SELECT product_id, order_id FROM rm.pending_reservations',
  );
  expect(new Set(pending.rows.map((r) => `${r.product_id}|${r.order_id}`))).toEqual(
    expected.pendingReservations,
  );
}
