import { inventoryStreamId } from '../../../src/aggregates/inventory';
import { type AppError } from '../../../src/application/app-error';
import { inventoryAggregate } from '../../../src/application/commands/aggregates';
import { CommandExecutor } from '../../../src/application/commands/command-executor';
import { PgNotifier } from '../../../src/infrastructure/event-store/postgres/pg-notifier';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres/postgres-event-store';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { CountingStore, inventoryOf, stockedProduct, writeSide } from './harness';

const reserve = (productId: string, orderId: string) => ({
  type: 'ReserveStock' as const,
  data: { productId, orderId, quantity: 1, expiresAt: '2030-01-01T00:00:00.000Z' },
});

describe('group commit on a hot stream', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(20);
  });
  afterAll(() => db.drop());

  it('sells exactly the stock to many concurrent buyers, in far fewer appends than sales', async () => {
    const counting = new CountingStore(new PostgresEventStore(db.pool, new PgNotifier(db.url)));
    const side = writeSide(db, counting.wrap());
    const productId = await stockedProduct(side, 50);
    const before = counting.appends;
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        side.executor.execute(
          inventoryAggregate,
          inventoryStreamId(productId),
          reserve(productId, `order-${i}`),
        ),
      ),
    );
    const sold = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r.reason as AppError).code);
    expect(sold).toBe(50);
    expect(refused).toEqual(Array(150).fill('OUT_OF_STOCK'));
    expect(counting.appends - before).toBeLessThan(50);
    const state = await inventoryOf(side.store, productId);
    expect(state.reserved).toBe(50);
    expect(state.onHand - state.reserved).toBe(0);
    await side.store.close();
  });

  it('two processes selling the same SKU never oversell: conflicts re-decide the batch', async () => {
    const side = writeSide(db);
    const productId = await stockedProduct(side, 60);
    const other = new CommandExecutor(new PostgresEventStore(db.pool, new PgNotifier(db.url)));
    const attempts = Array.from({ length: 240 }, (_, i) =>
      (i % 2 === 0 ? side.executor : other).execute(
        inventoryAggregate,
        inventoryStreamId(productId),
        reserve(productId, `p-${i}`),
      ),
    );
    const results = await Promise.allSettled(attempts);
    const sold = results.filter((r) => r.status === 'fulfilled').length;
    for (const r of results) {
      if (r.status === 'rejected')
        expect(['OUT_OF_STOCK', 'CONFLICT']).toContain((r.reason as AppError).code);
    }
    const state = await inventoryOf(side.store, productId);
    expect(state.reserved).toBe(sold);
    expect(sold).toBeLessThanOrEqual(60);
    expect(state.onHand - state.reserved).toBeGreaterThanOrEqual(0);
    expect(state.onHand).toBe(60);
    await side.store.close();
  });

  it('a retried reservation for the same order is a no-op, not a second sale', async () => {
    const side = writeSide(db);
    const productId = await stockedProduct(side, 5);
    await side.executor.execute(
      inventoryAggregate,
      inventoryStreamId(productId),
      reserve(productId, 'same'),
    );
    const again = await side.executor.execute(
      inventoryAggregate,
      inventoryStreamId(productId),
      reserve(productId, 'same'),
    );
    expect(again.events).toEqual([]);
    expect((await inventoryOf(side.store, productId)).reserved).toBe(1);
    await side.store.close();
  });
});
