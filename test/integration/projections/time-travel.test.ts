import { randomUUID } from 'node:crypto';
import { type RecordedEvent } from '../../../src/infrastructure/event-store/event-store';
import { ordersByIds } from '../../../src/projections/orders/order.queries';
import { foldOrderRow, type OrderRow } from '../../../src/projections/orders/order-row';
import { projections } from '../../../src/projections/registry';
import { buildSnapshot } from '../../../src/projections/runtime/snapshot';
import { loadOrderAsOf } from '../../../src/projections/time-travel/load-order-as-of';
import { orderHistory } from '../../../src/projections/time-travel/order-history';
import { createHarness, type Harness, type TestRuntime } from './support/harness';

/** Each step is one append to the order's stream. */
function script(orderId: string, outcome: 'paid' | 'failed' | 'rejected'): object[][] {
  const paymentId = randomUUID();
  const placed = {
    type: 'OrderPlaced',
    data: {
      orderId,
      userId: 'user-tt',
      lines: [
        { productId: 'p1', sku: 'S1', name: 'Shoe', unitPrice: 1500, quantity: 2 },
        { productId: 'p2', sku: 'S2', name: 'Hat', unitPrice: 700, quantity: 1 },
      ],
      total: 3700,
      source: 'CHECKOUT',
    },
  };
  if (outcome === 'rejected') {
    return [
      [placed],
      [{ type: 'OrderRejected', data: { orderId, reason: 'OUT_OF_STOCK', productId: 'p2' } }],
    ];
  }
  const reserved = [
    { type: 'OrderStockReserved', data: { orderId, expiresAt: '2030-01-01T00:15:00.000Z' } },
    { type: 'PaymentInitiated', data: { orderId, paymentId, amount: 3700, provider: 'mock' } },
  ];
  if (outcome === 'failed') {
    return [
      [placed],
      reserved,
      [{ type: 'PaymentFailed', data: { orderId, paymentId, reason: 'declined' } }],
      [{ type: 'OrderCancelled', data: { orderId, reason: 'PAYMENT_FAILED', note: null } }],
    ];
  }
  return [
    [placed],
    reserved,
    [{ type: 'PaymentSucceeded', data: { orderId, paymentId, transactionId: 'tx-1' } }],
    [{ type: 'OrderPaid', data: { orderId } }],
    [{ type: 'OrderCompleted', data: { orderId } }],
  ];
}

describe('time travel', () => {
  let h: Harness;
  let live: TestRuntime;
  const orders = [randomUUID(), randomUUID(), randomUUID()];
  const outcomes = ['paid', 'failed', 'rejected'] as const;
  /** What the live read table held after each version of each order. */
  const seen = new Map<string, OrderRow[]>();
  const events = new Map<string, RecordedEvent[]>();

  beforeAll(async () => {
    h = await createHarness();
    live = await h.runtime();
    const steps = orders.map((id, i) => script(id, outcomes[i]!));
    for (let round = 0; round < 5; round++) {
      for (const [i, orderId] of orders.entries()) {
        const step = steps[i]![round];
        if (!step) continue;
        const appended = await h.store.appendToStream(
          `order-${orderId}`,
          step as { type: string; data: Record<string, unknown> }[],
          'any',
        );
        expect(await live.runtime.waitForPosition(appended.position, 10_000)).toBe(true);
        const [row] = await ordersByIds(h.db.pool, [orderId]);
        const rows = seen.get(orderId) ?? [];
        // One snapshot per version, also for appends of two events.
        for (const event of appended.events)
          rows[event.version] = { ...row!, version: event.version };
        seen.set(orderId, rows);
      }
    }
    for (const orderId of orders) events.set(orderId, (await orderHistory(h.store, orderId))!);
  });
  afterAll(() => h.close());

  it('at every version, equals the fold of the events up to it and the live table then', async () => {
    for (const orderId of orders) {
      const history = events.get(orderId)!;
      for (const event of history) {
        const asOfVersion = await loadOrderAsOf(h.store, orderId, { atVersion: event.version });
        expect(asOfVersion).toEqual(foldOrderRow(history.slice(0, event.version + 1)));
        const last = history.filter((e) => e.version <= event.version).at(-1)!;
        const appendedTogether = history.some(
          (e) =>
            e.version > event.version && e.position.split('-')[0] === event.position.split('-')[0],
        );
        // The live table only ever showed whole appends.
        if (!appendedTogether) {
          expect(asOfVersion).toEqual(seen.get(orderId)![event.version]);
          expect(asOfVersion!.lastPosition).toBe(last.position);
        }
      }
    }
  });

  it('as of an instant, equals the order at the last version that occurred by then', async () => {
    for (const orderId of orders) {
      const history = events.get(orderId)!;
      for (const event of history) {
        const asOf = await loadOrderAsOf(h.store, orderId, { asOf: event.occurredAt });
        const upTo = history.filter((e) => e.occurredAt.getTime() <= event.occurredAt.getTime());
        expect(asOf).toEqual(foldOrderRow(upTo));
        expect(asOf!.version).toBeGreaterThanOrEqual(event.version);
      }
      const before = new Date(history[0]!.occurredAt.getTime() - 1);
      expect(await loadOrderAsOf(h.store, orderId, { asOf: before })).toBeNull();
    }
    expect(await loadOrderAsOf(h.store, randomUUID())).toBeNull();
    expect(await orderHistory(h.store, randomUUID())).toBeNull();
  });

  it('an audit build as of an instant holds every order as time travel shows it', async () => {
    const all = [...events.values()].flat().sort((a, b) => (a.position < b.position ? -1 : 1));
    const middle = all[Math.floor(all.length / 2)]!;
    const asOf = middle.occurredAt;
    const audit = await buildSnapshot({ pool: h.db.pool, eventStore: h.store }, projections, {
      schema: 'audit_as_of',
      asOf,
    });
    expect(audit.events).toBe(all.filter((e) => e.occurredAt <= asOf).length);
    // It stands at the last event it applied, not at the head it read through.
    expect(audit.position).toBe(all.filter((e) => e.occurredAt <= asOf).at(-1)!.position);
    const built = await h.db.pool.query<{ id: string; status: string; version: number }>(
      'SELECT id, status, version FROM audit_as_of.orders ORDER BY id',
    );
    const expected = [];
    for (const orderId of [...orders].sort()) {
      const row = await loadOrderAsOf(h.store, orderId, { asOf });
      if (row) expected.push({ id: row.id, status: row.status, version: row.version });
    }
    expect(built.rows).toEqual(expected);

    const toPosition = await buildSnapshot({ pool: h.db.pool, eventStore: h.store }, projections, {
      schema: 'audit_to_position',
      toPosition: middle.position,
    });
    expect(toPosition.events).toBe(all.filter((e) => e.position <= middle.position).length);
    expect(toPosition.position).toBe(middle.position);
    await expect(
      buildSnapshot({ pool: h.db.pool, eventStore: h.store }, projections, { schema: 'rm' }),
    ).rejects.toThrow('reserved');
    await expect(
      buildSnapshot({ pool: h.db.pool, eventStore: h.store }, projections, {
        schema: 'audit_as_of',
      }),
    ).rejects.toThrow('already exists');
  });
});
