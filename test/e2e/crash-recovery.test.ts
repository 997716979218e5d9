import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
  gql,
  PROCESS_ENV as ENV,
  startServerProcess,
  type ServerProcess,
} from './support/server-process';

interface OrderRow {
  id: string;
  status: string;
  items: { quantity: number; product: { id: string } }[];
}

async function allOrders(base: string, token: string): Promise<OrderRow[]> {
  const orders: OrderRow[] = [];
  let after: string | null = null;
  for (;;) {
    const page: {
      orders: {
        edges: { node: OrderRow }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } = await gql(
      base,
      'query($after: String) { orders(first: 100, after: $after) { edges { node { id status items { quantity product { id } } } } pageInfo { hasNextPage endCursor } } }',
      { after },
      token,
    );
    orders.push(...page.orders.edges.map((e) => e.node));
    if (!page.orders.pageInfo.hasNextPage) return orders;
    after = page.orders.pageInfo.endCursor;
  }
}

describe('kill -9 while 150 orders are being placed', () => {
  let db: TestDatabase;
  let server: ServerProcess | null = null;
  beforeAll(async () => {
    db = await createTestDatabase(2);
  });
  afterAll(async () => {
    await server?.stop();
    await db.drop();
  });

  it('after a restart every order is settled one way or the other, and reserved stock matches live orders', async () => {
    const env = { ...ENV, DATABASE_URL: db.url, DATA_DIR: `.test-data/crash-${randomUUID()}` };
    server = await startServerProcess(env);
    const base = server.url;
    const admin = (
      await gql<{ login: { token: string } }>(
        base,
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        { e: ENV.ADMIN_EMAIL, p: ENV.ADMIN_PASSWORD },
      )
    ).login.token;
    const products: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await gql<{ createProduct: { id: string } }>(
        base,
        'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }',
        {
          i: {
            sku: `CRASH-${randomUUID().slice(0, 8)}`,
            name: `Crash ${i}`,
            price: 100,
            initialStock: 40,
          },
        },
        admin,
      );
      products.push(created.createProduct.id);
    }
    const customers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const registered = await gql<{ register: { token: string } }>(
        base,
        'mutation($i: RegisterInput!) { register(input: $i) { token } }',
        { i: { email: `c${i}-${randomUUID()}@crash.test`, password: 'a-long-password' } },
      );
      customers.push(registered.register.token);
    }

    let answered = 0;
    let crashed = false;
    const crash = server.crash.bind(server);
    const attempts = Array.from({ length: 150 }, (_, i) => {
      const lines = [{ productId: products[i % 3]!, quantity: 1 + (i % 2) }];
      if (i % 4 === 0) lines.push({ productId: products[(i + 1) % 3]!, quantity: 1 });
      return gql(
        base,
        'mutation($l: [OrderLineInput!]!, $k: String!) { placeOrder(input: { items: $l, idempotencyKey: $k }) { id } }',
        { l: lines, k: `crash-${i}` },
        customers[i % 5],
      )
        .catch(() => undefined)
        .finally(() => {
          answered++;
          if (answered >= 30 && !crashed) {
            crashed = true;
            void crash();
          }
        });
    });
    await Promise.all(attempts);
    expect(crashed).toBe(true);

    server = await startServerProcess(env);
    const restarted = server.url;
    const deadline = Date.now() + 60_000;
    let orders = await allOrders(restarted, admin);
    while (orders.some((o) => o.status === 'PENDING') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      orders = await allOrders(restarted, admin);
    }
    expect(orders.length).toBeGreaterThan(0);
    for (const order of orders)
      expect(['AWAITING_PAYMENT', 'REJECTED', 'CANCELLED']).toContain(order.status);

    for (const productId of products) {
      const held = orders
        .filter((o) => o.status === 'AWAITING_PAYMENT')
        .flatMap((o) => o.items)
        .filter((item) => item.product.id === productId)
        .reduce((sum, item) => sum + item.quantity, 0);
      const level = await gql<{
        inventory: { onHand: number; reserved: number; available: number };
      }>(restarted, 'query($p: ID!) { inventory(productId: $p) { onHand reserved available } }', {
        p: productId,
      });
      expect(level.inventory).toEqual({ onHand: 40, reserved: held, available: 40 - held });
    }
    const twice = await db.pool.query(
      `SELECT stream_id, data->>'orderId' AS order_id FROM es_events WHERE type = 'StockReserved'
       GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(twice.rows).toEqual([]);
  });
});
