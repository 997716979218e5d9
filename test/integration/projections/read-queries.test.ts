import { randomUUID } from 'node:crypto';
import { inventoryByProductIds } from '../../../src/projections/inventory/inventory.queries';
import {
  InvalidCursor,
  orderUpdatesAfterVersion,
  ordersByIds,
  ordersPage,
  paidNotMarkedOrders,
  stuckPendingOrders,
  userOrderUpdatesAfterPosition,
} from '../../../src/projections/orders/order.queries';
import { recommendedProductIdsByProduct } from '../../../src/projections/recommendations/recommendation.queries';
import {
  expiredReservations,
  reservationsOfOrder,
} from '../../../src/projections/reservations/reservation.queries';
import { type Queryable } from '../../../src/projections/shared/queryable';
import { type OrderUpdateMessage, type Topics } from '../../../src/projections/topics';
import { createHarness, type Harness, type TestRuntime } from './support/harness';

type Data = Record<string, unknown>;

const recommendedProductIds = async (db: Queryable, productId: string, first: number) =>
  (await recommendedProductIdsByProduct(db, [productId], first)).get(productId) ?? [];

describe('read-model queries', () => {
  let h: Harness;
  let live: TestRuntime;
  let head = '';
  const append = async (streamId: string, ...events: [string, Data][]) => {
    const result = await h.store.appendToStream(
      streamId,
      events.map(([type, data]) => ({ type, data })),
      'any',
    );
    head = result.position;
    return result;
  };
  const settle = async () => expect(await live.runtime.waitForPosition(head, 20_000)).toBe(true);

  const product = async (category: string, name: string, stock = 50) => {
    const id = randomUUID();
    await append(`product-${id}`, [
      'ProductCreated',
      { productId: id, sku: `SKU-${id}`, name, description: null, price: 1000, category, tags: [] },
    ]);
    await append(`inventory-${id}`, ['StockReceived', { productId: id, quantity: stock }]);
    return id;
  };
  const order = async (
    userId: string,
    productIds: string[],
    finish: 'paid' | 'awaiting' | 'pending' | 'late',
  ) => {
    const orderId = randomUUID();
    const lines = productIds.map((productId) => ({
      productId,
      sku: 's',
      name: 'n',
      unitPrice: 1000,
      quantity: 2,
    }));
    await append(`order-${orderId}`, [
      'OrderPlaced',
      { orderId, userId, lines, total: 2000 * lines.length, source: 'CHECKOUT' },
    ]);
    if (finish === 'pending') return orderId;
    const expiresAt = finish === 'late' ? '2000-01-01T00:00:00.000Z' : '2999-01-01T00:00:00.000Z';
    for (const productId of productIds) {
      await append(`inventory-${productId}`, [
        'StockReserved',
        { productId, orderId, quantity: 2, expiresAt },
      ]);
    }
    const paymentId = randomUUID();
    await append(
      `order-${orderId}`,
      ['OrderStockReserved', { orderId, expiresAt }],
      ['PaymentInitiated', { orderId, paymentId, amount: 2000, provider: 'mock' }],
    );
    if (finish === 'awaiting' || finish === 'late') return orderId;
    await append(`order-${orderId}`, [
      'PaymentSucceeded',
      { orderId, paymentId, transactionId: 'tx' },
    ]);
    for (const productId of productIds) {
      await append(`inventory-${productId}`, [
        'ReservationCommitted',
        { productId, orderId, quantity: 2 },
      ]);
    }
    await append(`order-${orderId}`, ['OrderPaid', { orderId }]);
    return orderId;
  };

  beforeAll(async () => {
    h = await createHarness();
    live = await h.runtime();
  });
  afterAll(() => h.close());

  it('pages orders newest first per user and status, with cursors and counts', async () => {
    const user = `user-${randomUUID()}`;
    const p = await product('books', 'Book');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await order(user, [p], i % 2 ? 'paid' : 'pending'));
    await order(`other-${randomUUID()}`, [p], 'pending');
    await settle();

    const rows = await ordersByIds(h.db.pool, ids);
    const newest = [...rows]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((o) => o.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await ordersPage(h.db.pool, { userId: user, status: null, first: 3, after });
      expect(page.totalCount).toBe(7);
      seen.push(...page.rows.map((r) => r.node.id));
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(seen).toEqual(newest);
    const paid = await ordersPage(h.db.pool, {
      userId: user,
      status: 'PAID',
      first: 10,
      after: null,
    });
    expect(paid.totalCount).toBe(3);
    expect(
      paid.rows.every((r) => r.node.status === 'PAID' && r.node.payment?.status === 'SUCCEEDED'),
    ).toBe(true);
    const everyone = await ordersPage(h.db.pool, {
      userId: null,
      status: null,
      first: 1,
      after: null,
    });
    expect(everyone.totalCount).toBeGreaterThanOrEqual(8);
    await expect(
      ordersPage(h.db.pool, { userId: null, status: null, first: 1, after: 'bogus' }),
    ).rejects.toBeInstanceOf(InvalidCursor);
  });

  it("replays order updates by version and a user's by position, as published", async () => {
    const user = `user-${randomUUID()}`;
    const published: OrderUpdateMessage[] = [];
    const unsubscribe = await h.pubsub.subscribe('userOrderUpdated', user, (m) =>
      published.push(m),
    );
    const p = await product('toys', 'Ball');
    const first = await order(user, [p], 'paid');
    const second = await order(user, [p], 'awaiting');
    await settle();
    await unsubscribe();

    const updates = await orderUpdatesAfterVersion(h.db.pool, first, null);
    expect(updates.map((u) => [u.version, u.status])).toEqual([
      [0, 'PENDING'],
      [1, 'PENDING'],
      [2, 'AWAITING_PAYMENT'],
      [3, 'AWAITING_PAYMENT'],
      [4, 'PAID'],
    ]);
    expect((await orderUpdatesAfterVersion(h.db.pool, first, 2)).map((u) => u.version)).toEqual([
      3, 4,
    ]);

    const all = await userOrderUpdatesAfterPosition(h.db.pool, user, null);
    expect(all).toEqual(published);
    expect(all.map((u) => u.orderId)).toEqual([
      ...Array<string>(5).fill(first),
      ...Array<string>(3).fill(second),
    ]);
    const tail = await userOrderUpdatesAfterPosition(h.db.pool, user, all[4]!.position);
    expect(tail).toEqual(all.slice(5));
  });

  it('finds stuck, paid-not-marked orders and pending reservations', async () => {
    const user = `user-${randomUUID()}`;
    const p = await product('tools', 'Hammer', 100);
    const q = await product('tools', 'Saw', 100);
    const pending = await order(user, [p], 'pending');
    const late = await order(user, [p, q], 'late');
    const awaiting = await order(user, [q], 'awaiting');
    await append(`order-${awaiting}`, [
      'PaymentSucceeded',
      { orderId: awaiting, paymentId: 'x', transactionId: 'tx' },
    ]);
    await settle();

    const stuck = await stuckPendingOrders(h.db.pool, new Date(Date.now() + 60_000), 100);
    expect(stuck.map((o) => o.id)).toContain(pending);
    expect(stuck.every((o) => o.status === 'PENDING')).toBe(true);
    expect(await stuckPendingOrders(h.db.pool, new Date(0), 100)).toEqual([]);

    expect((await paidNotMarkedOrders(h.db.pool, 100)).map((o) => o.id)).toEqual([awaiting]);

    const expired = await expiredReservations(h.db.pool, new Date(), 100);
    expect(expired.map((r) => [r.orderId, r.productId]).sort()).toEqual(
      [
        [late, p],
        [late, q],
      ].sort(),
    );
    expect(
      (await reservationsOfOrder(h.db.pool, awaiting)).map((r) => [r.productId, r.quantity]),
    ).toEqual([[q, 2]]);

    await append(`inventory-${p}`, [
      'ReservationReleased',
      { productId: p, orderId: late, quantity: 2, reason: 'RESERVATION_EXPIRED' },
    ]);
    await settle();
    expect((await reservationsOfOrder(h.db.pool, late)).map((r) => r.productId)).toEqual([q]);

    const [level] = await inventoryByProductIds(h.db.pool, [q]);
    expect(level).toEqual({ productId: q, onHand: 100, reserved: 4, available: 96, version: 2 });
  });

  it('recommends only products bought together in paid orders, most orders first', async () => {
    const category = `cat-${randomUUID()}`;
    const [a, b, c, d, e] = [
      await product(category, 'A'),
      await product(category, 'B'),
      await product(category, 'C'),
      await product(category, 'D'),
      await product(category, 'E'),
    ];
    const user = `user-${randomUUID()}`;
    await order(user, [a, b], 'paid');
    await order(user, [a, b, c], 'paid');
    await order(user, [a, d], 'awaiting'); // not paid: does not count
    await order(user, [c], 'paid');
    await order(user, [c], 'paid');
    await settle();

    expect(await recommendedProductIds(h.db.pool, a, 2)).toEqual([b, c]);
    // Only what was bought together with a in paid orders: b twice, c once; d's order is unpaid.
    expect(await recommendedProductIds(h.db.pool, a, 5)).toEqual([b, c]);
    expect(await recommendedProductIds(h.db.pool, c, 5)).toEqual([...[a, b].sort()]);
    // d and e were never bought with anything: no filler from their category.
    expect(await recommendedProductIds(h.db.pool, d, 4)).toEqual([]);
    const many = await recommendedProductIdsByProduct(h.db.pool, [a, e, b], 1);
    expect(many).toEqual(
      new Map([
        [a, [b]],
        [e, []],
        [b, [a]],
      ]),
    );
  });

  it('publishes inventory and product changes after commit', async () => {
    const received: Topics['inventoryChanged'][] = [];
    const changed: Topics['productChanged'][] = [];
    const id = randomUUID();
    const offInventory = await h.pubsub.subscribe('inventoryChanged', id, (m) => received.push(m));
    const offProduct = await h.pubsub.subscribe('productChanged', id, (m) => changed.push(m));
    await append(`inventory-${id}`, ['StockReceived', { productId: id, quantity: 5 }]);
    await append(`product-${id}`, [
      'ProductCreated',
      {
        productId: id,
        sku: `S-${id}`,
        name: 'Late',
        description: null,
        price: 1,
        category: null,
        tags: [],
      },
    ]);
    await settle();
    await offInventory();
    await offProduct();
    expect(received).toEqual([{ productId: id, onHand: 5, reserved: 0, available: 5, version: 0 }]);
    expect(changed.at(-1)).toEqual({ productId: id, position: head });
    const [row] = await h.db.pool
      .query<{ on_hand: number }>('SELECT on_hand FROM rm.products WHERE id = $1', [id])
      .then((r) => r.rows);
    // Stock that arrived before the product was created is not lost.
    expect(row!.on_hand).toBe(5);
  });
});
