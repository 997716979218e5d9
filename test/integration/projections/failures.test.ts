import { randomUUID } from 'node:crypto';
import { InProcessPubSub } from '../../../src/infrastructure/pubsub/in-process-pubsub';
import { projectionNames } from '../../../src/projections/registry';
import { PositionWaiter } from '../../../src/projections/runtime/position-waiter';
import { type Topics } from '../../../src/projections/topics';
import { createHarness, type Harness } from './support/harness';
import { waitFor } from './support/wait-for';

const placed = (orderId: string) => ({
  type: 'OrderPlaced',
  data: {
    orderId,
    userId: 'user-1',
    lines: [{ productId: 'p-1', sku: 'S1', name: 'Shoe', unitPrice: 1000, quantity: 1 }],
    total: 1000,
    source: 'PLACE_ORDER',
  },
});

describe('projection failures and read-your-writes', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  it('an event it cannot apply marks the projection FAILED at that position, skipping nothing', async () => {
    const good = randomUUID();
    const ghost = randomUUID();
    const first = await h.store.appendToStream(`order-${good}`, [placed(good)], 'no_stream');
    // OrderPaid of an order never placed: no projection can make sense of it.
    const poison = await h.store.appendToStream(
      `order-${ghost}`,
      [{ type: 'OrderPaid', data: { orderId: ghost } }],
      'no_stream',
    );
    const after = await h.store.appendToStream(
      `order-${randomUUID()}`,
      [placed(randomUUID())],
      'no_stream',
    );
    const live = await h.runtime({ batchSize: 100 });

    const failed = await waitFor('orders to fail', async () => {
      const orders = (await live.runtime.status()).find((s) => s.name === 'orders')!;
      return orders.state === 'FAILED' ? orders : undefined;
    });
    expect(failed.error).toContain(poison.position);
    expect(failed.error).toContain('OrderPaid');
    // The good event of the same batch committed; nothing after the poison did.
    expect(failed.position).toBe(first.position);
    const rows = await h.db.pool.query<{ id: string }>('SELECT id FROM rm.orders');
    expect(rows.rows.map((r) => r.id)).toEqual([good]);

    // Projections that do not care about the event go on to the head.
    const inventory = await waitFor('inventory to reach the head', async () => {
      const s = (await live.runtime.status()).find((x) => x.name === 'inventory')!;
      return s.position === after.position ? s : undefined;
    });
    expect(inventory.state).toBe('RUNNING');
    // A failed projection does not hold up read-your-writes of the others, nor does it recover.
    expect(await live.runtime.waitForPosition(after.position, 10_000)).toBe(true);
    const still = (await live.runtime.status()).find((s) => s.name === 'orders')!;
    expect([still.state, still.position]).toEqual(['FAILED', first.position]);
    expect(live.problems.some((p) => p.includes(poison.position))).toBe(true);
  });

  it('waits for the position across processes by polling, and times out when behind', async () => {
    const orderId = randomUUID();
    const appended = await h.store.appendToStream(`order-${orderId}`, [placed(orderId)], 'any');
    const live = await h.runtime();
    // A waiter on a pub/sub the runtime never publishes to: only the checkpoints table helps.
    const elsewhere = new PositionWaiter(
      h.db.pool,
      new InProcessPubSub<Topics>(),
      projectionNames(),
    );
    try {
      expect(await elsewhere.waitForPosition(appended.position, 10_000)).toBe(true);
      // With no owner the projections stay behind, and the wait times out.
      await live.stop();
      const later = await h.store.appendToStream(
        `order-${orderId}`,
        [{ type: 'OrderCompleted', data: { orderId } }],
        'any',
      );
      expect(await elsewhere.waitForPosition(later.position, 300)).toBe(false);
    } finally {
      await elsewhere.close();
    }
  });
});
