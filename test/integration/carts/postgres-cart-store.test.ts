import { randomUUID } from 'node:crypto';
import { PostgresCartStore } from '../../../src/infrastructure/carts/postgres-cart-store';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { describeCartStoreContract } from './cart-store.contract';

describeCartStoreContract('PostgreSQL', async (options) => {
  const db = await createTestDatabase();
  return { store: new PostgresCartStore(db.pool, options), teardown: () => db.drop() };
});

describe('PostgreSQL cart store: cleanup of expired carts', () => {
  const TTL_MS = 60_000;
  let db: TestDatabase;
  let nowMs = Date.parse('2030-06-01T12:00:00.000Z');
  let store: PostgresCartStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresCartStore(db.pool, { ttlMs: TTL_MS, now: () => new Date(nowMs) });
  });
  afterAll(() => db.drop());

  const count = async (table: 'carts' | 'cart_items') =>
    Number((await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);

  it('deletes expired carts with their lines and keeps live ones', async () => {
    const [stale, live] = [randomUUID(), randomUUID()];
    await store.setItem(stale, 'p-1', 1, 100);
    await store.setItem(stale, 'p-2', 1, 100);
    nowMs += TTL_MS / 2;
    await store.setItem(live, 'p-1', 1, 100);
    nowMs += TTL_MS / 2;

    await expect(store.deleteExpired()).resolves.toBe(1);
    expect(await count('carts')).toBe(1);
    expect(await count('cart_items')).toBe(1);
    expect((await store.get(live)).items).toHaveLength(1);
    await expect(store.deleteExpired()).resolves.toBe(0);
  });

  it('deletes in batches beyond one batch', async () => {
    await db.pool.query(
      `INSERT INTO carts (user_id, expires_at)
       SELECT 'bulk-' || g, $1::timestamptz FROM generate_series(1, 2500) g`,
      [new Date(nowMs - 1)],
    );
    await expect(store.deleteExpired(new Date(nowMs))).resolves.toBe(2500);
  });

  it('a cart written while the cleanup runs keeps its new line', async () => {
    const users = Array.from({ length: 40 }, () => randomUUID());
    for (const u of users) await store.setItem(u, 'old', 1, 100);
    nowMs += TTL_MS;
    await Promise.all([
      store.deleteExpired(),
      ...users.map((u) => store.setItem(u, 'new', 2, 100)),
      store.deleteExpired(),
    ]);
    for (const u of users) {
      expect((await store.get(u)).items.map((l) => [l.productId, l.quantity])).toEqual([
        ['new', 2],
      ]);
    }
  });
});
