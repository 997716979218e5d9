import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { activeReservations, inventoryStreamId } from '../../../src/aggregates/inventory';
import { AppError } from '../../../src/application/app-error';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { admin, customer, inventoryOf, stockedProduct, writeSide, type WriteSide } from './harness';

type Op =
  | { kind: 'order'; product: number; quantity: number; second: number | null }
  | { kind: 'cancel'; target: number }
  | { kind: 'pay'; target: number; succeed: boolean }
  | { kind: 'expire'; target: number }
  | { kind: 'receive'; product: number; quantity: number }
  | { kind: 'adjust'; product: number; delta: number };

const SKUS = 3;
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('order' as const),
      product: fc.nat(SKUS - 1),
      quantity: fc.integer({ min: 1, max: 4 }),
      second: fc.option(fc.nat(SKUS - 1), { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('cancel' as const), target: fc.nat(500) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      target: fc.nat(500),
      succeed: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('expire' as const), target: fc.nat(500) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('receive' as const),
      product: fc.nat(SKUS - 1),
      quantity: fc.integer({ min: 1, max: 5 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('adjust' as const),
      product: fc.nat(SKUS - 1),
      delta: fc.integer({ min: -3, max: 3 }).filter((d) => d !== 0),
    }),
  },
);

/** Refusals are part of the game; anything else is a bug. */
const expected = (error: unknown) => {
  if (
    error instanceof AppError &&
    ['OUT_OF_STOCK', 'INVALID_STATE', 'NOT_FOUND', 'CONFLICT'].includes(error.code)
  )
    return;
  throw error;
};

async function run(side: WriteSide, products: string[], ops: Op[]): Promise<string[]> {
  const orders: string[] = [];
  const pick = (target: number) => (orders.length === 0 ? null : orders[target % orders.length]!);
  // Ten at a time, so commands on the same streams really race.
  for (let i = 0; i < ops.length; i += 10) {
    await Promise.all(
      ops.slice(i, i + 10).map(async (o) => {
        switch (o.kind) {
          case 'order': {
            const lines = [{ productId: products[o.product]!, quantity: o.quantity }];
            if (o.second !== null && o.second !== o.product)
              lines.push({ productId: products[o.second]!, quantity: 1 });
            const placed = await side.orders
              .placeOrder({
                actor: customer(),
                lines,
                idempotencyKey: randomUUID(),
                source: 'PLACE_ORDER',
              })
              .catch((e: unknown) => {
                expected(e);
                return null;
              });
            if (placed) orders.push(placed.orderId);
            return;
          }
          case 'cancel': {
            const id = pick(o.target);
            if (id) await side.orders.cancelOrder(admin, id, null).catch(expected);
            return;
          }
          case 'pay': {
            const id = pick(o.target);
            if (!id) return;
            const { state } = await side.process.order(id);
            if (state.status === 'EMPTY' || !state.payment) return;
            await side.process
              .settlePayment(
                {
                  orderId: id,
                  paymentId: state.payment.paymentId,
                  succeeded: o.succeed,
                  transactionId: o.succeed ? 't' : null,
                  reason: o.succeed ? null : 'declined',
                },
                {},
              )
              .catch(expected);
            return;
          }
          case 'expire': {
            const id = pick(o.target);
            if (id) await side.process.expire(id, {}).catch(expected);
            return;
          }
          case 'receive':
            await side.catalog
              .receiveStock(admin, products[o.product]!, o.quantity)
              .catch(expected);
            return;
          case 'adjust':
            await side.catalog
              .adjustStock(admin, products[o.product]!, o.delta, 'count')
              .catch(expected);
            return;
        }
      }),
    );
  }
  return orders;
}

describe('stock is conserved under random concurrent purchases, cancellations, payments and expiries', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(24);
  });
  afterAll(() => db.drop());

  it('holds for every run', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 250, maxLength: 400 }), async (ops) => {
        const side = writeSide(db);
        try {
          const products = await Promise.all(
            Array.from({ length: SKUS }, () => stockedProduct(side, 8)),
          );
          const orders = await run(side, products, ops);
          for (const productId of products) {
            const events = await side.store.readStream(inventoryStreamId(productId));
            const sum = (type: string, field: 'quantity' | 'delta') =>
              events
                .filter((e) => e.type === type)
                .reduce((total, e) => total + Number(e.data[field]), 0);
            const received = sum('StockReceived', 'quantity');
            const adjusted = sum('StockAdjusted', 'delta');
            const committed = sum('ReservationCommitted', 'quantity');
            const state = await inventoryOf(side.store, productId);
            expect(state.onHand).toBe(received + adjusted - committed);
            expect(state.reserved).toBe(
              activeReservations(state).reduce((t, r) => t + r.quantity, 0),
            );
            expect(state.onHand - state.reserved).toBeGreaterThanOrEqual(0);
            expect(committed).toBeLessThanOrEqual(received + Math.max(0, adjusted));
          }
          for (const orderId of orders) {
            const { state } = await side.process.order(orderId);
            if (state.status !== 'CANCELLED' && state.status !== 'REJECTED') continue;
            for (const line of state.lines) {
              const held = activeReservations(await inventoryOf(side.store, line.productId)).some(
                (r) => r.orderId === orderId,
              );
              expect(held).toBe(false);
            }
          }
        } finally {
          await side.store.close();
        }
      }),
      { numRuns: 6 },
    );
  });
});
