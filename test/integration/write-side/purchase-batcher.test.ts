import { randomUUID } from 'node:crypto';
import { activeReservations, available } from '../../../src/aggregates/inventory';
import { orderStreamId } from '../../../src/aggregates/order';
import { AppError } from '../../../src/application/app-error';
import { orderIdFor, ticketIdFor } from '../../../src/application/orders/order-ids';
import { PurchaseBatcher } from '../../../src/application/purchases/purchase-batcher';
import { PurchaseService } from '../../../src/application/purchases/purchase-service';
import { PurchaseTickets } from '../../../src/application/purchases/purchase-tickets';
import { type EventStore } from '../../../src/infrastructure/event-store/event-store';
import { EventStoreDbEventStore } from '../../../src/infrastructure/event-store/eventstoredb/eventstoredb-event-store';
import { PgNotifier } from '../../../src/infrastructure/event-store/postgres/pg-notifier';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres/postgres-event-store';
import { InProcessPubSub } from '../../../src/infrastructure/pubsub/in-process-pubsub';
import { type Topics } from '../../../src/projections/topics';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { type EsdbTestServer, startEsdbTestServer } from '../../support/esdb-test-server/server';
import { admin, customer, inventoryOf, stockedProduct, writeSide, type WriteSide } from './harness';

type AppendToStreams = EventStore['appendToStreams'];

/** The store with its batched writes passed through `wrap`; everything else as it is. */
function withAppends(inner: EventStore, wrap: (append: AppendToStreams) => AppendToStreams) {
  const append = wrap((appends) => inner.appendToStreams(appends));
  return new Proxy(inner, {
    get: (target, property, receiver) => {
      if (property === 'appendToStreams') return append;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

/** Counts batched writes, to show that a batch costs a few round trips whatever its size. */
function countingBatches(inner: EventStore): { store: EventStore; batches: () => number } {
  let batches = 0;
  const store = withAppends(inner, (append) => (appends) => {
    batches++;
    return append(appends);
  });
  return { store, batches: () => batches };
}

/** Holds the first batched write until released; tracks how many writes run at once. */
function gatedFirstWrite(inner: EventStore) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started = () => {};
  const firstStarted = new Promise<void>((resolve) => (started = resolve));
  const stats = { writes: 0, running: 0, mostAtOnce: 0 };
  const store = withAppends(inner, (append) => async (appends) => {
    stats.writes++;
    stats.running++;
    stats.mostAtOnce = Math.max(stats.mostAtOnce, stats.running);
    try {
      if (stats.writes === 1) {
        started();
        await gate;
      }
      return await append(appends);
    } finally {
      stats.running--;
    }
  });
  return { store, release, firstStarted, stats };
}

/** One app process's purchase side: its own batcher and caches over the shared database. */
function purchaseSide(
  db: TestDatabase,
  side: WriteSide,
  store: EventStore,
  limits: { maxQueue?: number; maxBatch?: number } = {},
  onPayments: (orderIds: string[]) => void = () => {},
) {
  const tickets = new PurchaseTickets(db.pool);
  const pubsub = new InProcessPubSub<Topics>();
  let service: PurchaseService | null = null;
  const batcher = new PurchaseBatcher({
    store,
    lookupProducts: (ids) =>
      Promise.resolve(
        new Map(ids.flatMap((id) => (side.products.has(id) ? [[id, side.products.get(id)!]] : []))),
      ),
    openTickets: (requests) => tickets.open(requests, 'CLAIMED'),
    createPayments: (requests) => {
      onPayments(requests.map((r) => r.orderId));
      return Promise.resolve(
        requests.map((r) => ({ paymentId: `pay-${r.orderId}`, provider: 'test' })),
      );
    },
    recordOutcomes: (outcomes) => tickets.settle(outcomes),
    settleAlone: (ticket) => service!.settleAlone(ticket),
    clock: side.clock,
    reservationTtlMs: 60_000,
    ...limits,
  });
  service = new PurchaseService(tickets, batcher, side.orders, pubsub, () => undefined);
  return Object.assign(service, { settledBus: pubsub });
}

describe('flash-sale purchases in batches', () => {
  let db: TestDatabase;
  let side: WriteSide;
  beforeAll(async () => {
    db = await createTestDatabase(20);
    side = writeSide(db);
  });
  afterAll(() => db.drop());

  it('sells exactly the stock to 400 concurrent buyers of 100 units, in a few batched writes', async () => {
    const counting = countingBatches(side.store);
    const purchases = purchaseSide(db, side, counting.store);
    const productId = await stockedProduct(side, 100, 700);
    const buyers = Array.from({ length: 400 }, () => customer());
    const results = await Promise.all(
      buyers.map((buyer, i) => purchases.purchase(buyer, productId, 1, `key-${i}`)),
    );
    const reserved = results.filter((r) => r.ticket.outcome === 'RESERVED');
    expect(reserved).toHaveLength(100);
    expect(results.filter((r) => r.ticket.outcome === 'SOLD_OUT')).toHaveLength(300);
    expect(counting.batches()).toBeLessThan(10);

    const stock = await inventoryOf(side.store, productId);
    expect(stock.reserved).toBe(100);
    expect(available(stock)).toBe(0);
    const held = new Set(activeReservations(stock).map((r) => r.orderId));
    for (const { ticket, orderEvents } of reserved) {
      expect(held.has(ticket.orderId!)).toBe(true);
      expect(orderEvents?.map((e) => e.type)).toEqual([
        'OrderPlaced',
        'OrderStockReserved',
        'PaymentInitiated',
      ]);
      const order = await side.process.order(ticket.orderId!);
      expect(order.state.status).toBe('AWAITING_PAYMENT');
      expect(order.state.status === 'AWAITING_PAYMENT' && order.state.total).toBe(700);
    }
  });

  it('opens the next batch and its payments while the one before it writes, and writes one batch at a time', async () => {
    const gated = gatedFirstWrite(side.store);
    const payments: { orders: number; whileHeld: boolean }[] = [];
    const purchases = purchaseSide(db, side, gated.store, {}, (orderIds) =>
      payments.push({ orders: orderIds.length, whileHeld: gated.stats.writes === 1 }),
    );
    const productId = await stockedProduct(side, 10);
    const open = jest.spyOn(PurchaseTickets.prototype, 'open');
    try {
      const first = purchases.purchase(customer(), productId, 1, 'first');
      await gated.firstStarted;
      const next = Array.from({ length: 3 }, (_, i) =>
        purchases.purchase(customer(), productId, 1, `next-${i}`),
      );
      // The second batch's tickets are opened while the first batch's write is still held.
      while (open.mock.calls.length < 2) await new Promise((resolve) => setImmediate(resolve));
      await open.mock.results[1]!.value;
      expect(open.mock.calls[1]![0]).toHaveLength(3);
      expect(gated.stats.writes).toBe(1);

      gated.release();
      const results = await Promise.all([first, ...next]);
      expect(results.map((r) => r.ticket.outcome)).toEqual(Array(4).fill('RESERVED'));
      expect(gated.stats).toMatchObject({ writes: 2, mostAtOnce: 1 });
      // Each batch's payments were opened once, before its turn: the second's during the held write.
      expect(payments).toEqual([
        { orders: 1, whileHeld: false },
        { orders: 3, whileHeld: true },
      ]);
      const stock = await inventoryOf(side.store, productId);
      expect(stock.reserved).toBe(4);
      expect(new Set(activeReservations(stock).map((r) => r.orderId))).toEqual(
        new Set(results.map((r) => r.ticket.orderId)),
      );
    } finally {
      open.mockRestore();
    }
  });

  it('answers a repeated key with its first result and changes nothing', async () => {
    const purchases = purchaseSide(db, side, side.store);
    const productId = await stockedProduct(side, 3);
    const buyers = Array.from({ length: 6 }, () => customer());
    const first = await Promise.all(buyers.map((b) => purchases.purchase(b, productId, 1, 'k')));
    const before = await side.store.readStream(`inventory-${productId}`);
    // Released stock must not turn an earlier SOLD_OUT into a sale on retry.
    await side.catalog.receiveStock(admin, productId, 10);
    const again = await Promise.all(buyers.map((b) => purchases.purchase(b, productId, 1, 'k')));
    expect(again.map((r) => [r.ticket.ticketId, r.ticket.outcome, r.ticket.orderId])).toEqual(
      first.map((r) => [r.ticket.ticketId, r.ticket.outcome, r.ticket.orderId]),
    );
    const after = await side.store.readStream(`inventory-${productId}`);
    expect(after).toHaveLength(before.length + 1);
    // The same request twice in one batch is one ticket and one order.
    const buyer = customer();
    const twice = await Promise.all([
      purchases.purchase(buyer, productId, 1, 'twice'),
      purchases.purchase(buyer, productId, 1, 'twice'),
    ]);
    expect(twice[0].ticket).toEqual(twice[1].ticket);
    expect(twice[0].ticket.outcome).toBe('RESERVED');
    expect((await inventoryOf(side.store, productId)).reserved).toBe(4);
  });

  it('lets a retry arriving while its first request is written wait for that decision', async () => {
    const gated = gatedFirstWrite(side.store);
    const purchases = purchaseSide(db, side, gated.store);
    const productId = await stockedProduct(side, 1);
    const buyer = customer();
    const ticketId = ticketIdFor(buyer.userId, 'retry');
    const heard: string[] = [];
    await purchases.settledBus.subscribe('purchaseSettled', ticketId, (m) => heard.push(m.outcome));
    const open = jest.spyOn(PurchaseTickets.prototype, 'open');
    try {
      const first = purchases.purchase(buyer, productId, 1, 'retry');
      await gated.firstStarted;
      const retry = purchases.purchase(buyer, productId, 1, 'retry');
      gated.release();
      const [a, b] = await Promise.all([first, retry]);
      expect(b.ticket).toEqual(a.ticket);
      expect(a.ticket.outcome).toBe('RESERVED');
      // Decided once: one ticket opened, one write, one announcement.
      expect(open.mock.calls.flatMap(([requests]) => requests.map((r) => r.ticketId))).toEqual([
        ticketId,
      ]);
      expect(gated.stats.writes).toBe(1);
      expect(heard).toEqual(['RESERVED']);
    } finally {
      open.mockRestore();
    }
  });

  it('announces each outcome once to purchaseSettled, also for a key asked twice', async () => {
    const purchases = purchaseSide(db, side, side.store);
    const productId = await stockedProduct(side, 1);
    const [buyer, other] = [customer(), customer()];
    const heard: string[] = [];
    const ids = [ticketIdFor(buyer.userId, 'once'), ticketIdFor(other.userId, 'once')];
    for (const id of ids) {
      await purchases.settledBus.subscribe('purchaseSettled', id, (m) => heard.push(m.outcome));
    }
    await Promise.all([
      purchases.purchase(buyer, productId, 1, 'once'),
      purchases.purchase(buyer, productId, 1, 'once'),
      purchases.purchase(other, productId, 1, 'once'),
    ]);
    await purchases.purchase(buyer, productId, 1, 'once');
    expect(heard.sort()).toEqual(['RESERVED', 'SOLD_OUT']);
  });

  it('never oversells when two processes sell the same stock at once', async () => {
    const productId = await stockedProduct(side, 50);
    // Separate stores, batchers and caches: what two app processes on one database have.
    const stores = [0, 1].map(() => new PostgresEventStore(db.pool, new PgNotifier(db.url)));
    const sides = stores.map((store) => purchaseSide(db, side, store));
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        sides[i % 2]!.purchase(customer(), productId, 1, `two-${i}`),
      ),
    );
    expect(results.filter((r) => r.ticket.outcome === 'RESERVED')).toHaveLength(50);
    expect(results.filter((r) => r.ticket.outcome === 'SOLD_OUT')).toHaveLength(250);
    const stock = await inventoryOf(side.store, productId);
    expect(stock.reserved).toBe(50);
    expect(activeReservations(stock)).toHaveLength(50);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('keeps every sale and never oversells in small batches while stock arrives meanwhile', async () => {
    const productId = await stockedProduct(side, 40);
    const stores = [0, 1].map(() => new PostgresEventStore(db.pool, new PgNotifier(db.url)));
    // Batches of 7: many batches, each racing the other process and the stock receipts.
    const sides = stores.map((store) => purchaseSide(db, side, store, { maxBatch: 7 }));
    const buyers = Array.from({ length: 240 }, () => customer());
    const purchases = buyers.map((buyer, i) =>
      sides[i % 2]!.purchase(buyer, productId, 1 + (i % 3), `pipe-${i}`),
    );
    // Other writers on the same stream meanwhile: the predictions must never hide them.
    await Promise.all([
      side.catalog.receiveStock(admin, productId, 25),
      side.catalog.receiveStock(admin, productId, 25),
    ]);
    const results = await Promise.all(purchases);
    const stock = await inventoryOf(side.store, productId);
    expect(stock.onHand).toBe(90);
    expect(available(stock)).toBeGreaterThanOrEqual(0);
    const reserved = results.filter((r) => r.ticket.outcome === 'RESERVED');
    const held = new Map(activeReservations(stock).map((r) => [r.orderId, r.quantity]));
    expect(held.size).toBe(reserved.length);
    for (const { ticket } of reserved) expect(held.get(ticket.orderId!)).toBe(ticket.quantity);
    expect(stock.reserved).toBe(reserved.reduce((sum, r) => sum + r.ticket.quantity, 0));
    await Promise.all(stores.map((s) => s.close()));
  });

  it('finishes through the saga a ticket whose order was already placed', async () => {
    const purchases = purchaseSide(db, side, side.store);
    const productId = await stockedProduct(side, 5);
    const buyer = customer();
    const [ticket] = await new PurchaseTickets(db.pool).open(
      [{ ticketId: randomUUID(), userId: buyer.userId, productId, quantity: 1 }],
      'QUEUED',
    );
    // As a crashed earlier attempt would have left it: the order placed, its ticket still queued.
    const orderId = orderIdFor(buyer.userId, `purchase:${ticket!.ticketId}`);
    await side.orders.placeOrder({
      actor: buyer,
      lines: [{ productId, quantity: 1 }],
      idempotencyKey: `purchase:${ticket!.ticketId}`,
      source: 'PURCHASE',
    });
    const settled = await purchases.settle(ticket!);
    expect(settled).toMatchObject({ outcome: 'RESERVED', orderId });
    expect((await side.store.readStream(orderStreamId(orderId))).map((e) => e.type)).toEqual([
      'OrderPlaced',
      'OrderStockReserved',
      'PaymentInitiated',
    ]);
    expect((await inventoryOf(side.store, productId)).reserved).toBe(1);
  });

  it('rejects an unknown product and refuses at once beyond its queue, changing nothing', async () => {
    const purchases = purchaseSide(db, side, side.store, { maxQueue: 5 });
    const unknown = await purchases.purchase(customer(), randomUUID(), 1, 'nope');
    expect(unknown.ticket.outcome).toBe('REJECTED');

    const productId = await stockedProduct(side, 100);
    const buyers = Array.from({ length: 20 }, () => customer());
    const results = await Promise.allSettled(
      buyers.map((b) => purchases.purchase(b, productId, 1, 'burst')),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(AppError);
      expect((r.reason as AppError).code).toBe('RATE_LIMITED');
    }
    const sold = results.filter((r) => r.status === 'fulfilled').length;
    expect((await inventoryOf(side.store, productId)).reserved).toBe(sold);
    const refusedBuyers = buyers.filter((_, i) => results[i]!.status === 'rejected');
    for (const b of refusedBuyers) {
      expect(await purchases.ticket(b, ticketIdFor(b.userId, 'burst'))).toBeNull();
    }
  });
});

describe('flash-sale purchases in batches on EventStoreDB (no multi-stream transaction)', () => {
  let db: TestDatabase;
  let server: EsdbTestServer;
  const stores: EventStoreDbEventStore[] = [];
  beforeAll(async () => {
    db = await createTestDatabase(20);
    server = await startEsdbTestServer();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await server.close();
    await db.drop();
  });
  const esdb = () => {
    const store = EventStoreDbEventStore.fromConnectionString(server.connectionString);
    stores.push(store);
    return store;
  };

  it('sells exactly the stock to two processes racing on one SKU, every sale with its order', async () => {
    const side = writeSide(db, esdb());
    const productId = await stockedProduct(side, 30);
    const sides = [side.store, esdb()].map((store) => purchaseSide(db, side, store));
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        sides[i % 2]!.purchase(customer(), productId, 1, `esdb-${i}`),
      ),
    );
    const reserved = results.filter((r) => r.ticket.outcome === 'RESERVED');
    expect(reserved).toHaveLength(30);
    expect(results.filter((r) => r.ticket.outcome === 'SOLD_OUT')).toHaveLength(90);
    const stock = await inventoryOf(side.store, productId);
    expect(stock.reserved).toBe(30);
    const held = new Set(activeReservations(stock).map((r) => r.orderId));
    for (const { ticket } of reserved) {
      expect(held.has(ticket.orderId!)).toBe(true);
      expect((await side.process.order(ticket.orderId!)).state.status).toBe('AWAITING_PAYMENT');
    }
  });
});
