import { type CreateProductRequest } from '../../../src/application/catalog/catalog-service';
import { type EventStore } from '../../../src/infrastructure/event-store/event-store';
import { PgNotifier } from '../../../src/infrastructure/event-store/postgres/pg-notifier';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres/postgres-event-store';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { admin, writeSide } from './harness';

const request = (sku: string, name = 'Coffee'): CreateProductRequest => ({
  sku,
  name,
  description: null,
  price: 900,
  category: null,
  tags: [],
  initialStock: 0,
});

/** A store whose next append commits and then reports a lost connection, as a network would. */
function lostAfterCommit(store: EventStore): EventStore {
  let armed = true;
  return new Proxy(store, {
    get: (target, property, receiver) => {
      if (property === 'appendToStream') {
        return async (...args: Parameters<EventStore['appendToStream']>) => {
          const result = await target.appendToStream(...args);
          if (!armed) return result;
          armed = false;
          throw new Error('Connection terminated unexpectedly');
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

/** An SKU belongs to a product that exists, and to nothing else. */
describe('SKU claims of createProduct', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.pool, new PgNotifier(db.url));
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  const claims = async (sku: string) =>
    (
      await db.pool.query<{ product_id: string }>(
        'SELECT product_id FROM sku_claims WHERE sku_key = lower($1)',
        [sku],
      )
    ).rows.map((row) => row.product_id);

  it('frees the SKU when the product could not be appended, so it can be created after all', async () => {
    const { catalog } = writeSide(db, store);
    // PostgreSQL refuses NUL in jsonb: the append fails after the SKU was claimed.
    const events = (): Promise<number> =>
      db.pool
        .query<{ n: number }>('SELECT count(*)::int AS n FROM es_events')
        .then((r) => r.rows[0]!.n);
    const before = await events();
    await expect(catalog.createProduct(admin, request('COF-1', 'a\u0000b'))).rejects.toThrow();
    expect(await events()).toBe(before);
    expect(await claims('COF-1')).toEqual([]);

    const created = await catalog.createProduct(admin, request(' cof-1 '));
    expect(created.state).toMatchObject({ status: 'ACTIVE', sku: 'cof-1' });
    if (created.state.status !== 'ACTIVE') throw new Error('not created');
    expect(await claims('COF-1')).toEqual([created.state.productId]);
  });

  it('keeps the claim when the append failed after it committed: the product exists', async () => {
    const { catalog } = writeSide(db, lostAfterCommit(store));
    await expect(catalog.createProduct(admin, request('TEA-1'))).rejects.toThrow(/Connection/);
    const [claimed] = await claims('TEA-1');
    const stream = await store.readStream(`product-${claimed}`);
    expect(stream.map((e) => e.type)).toEqual(['ProductCreated']);

    await expect(catalog.createProduct(admin, request('tea-1'))).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'SKU_TAKEN' },
    });
  });
});
