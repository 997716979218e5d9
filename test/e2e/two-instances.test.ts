import { describeWithRedis, withKeyPrefix } from '../integration/redis/support/redis-test-env';
import { startTcpProxy, type TcpProxy } from '../integration/redis/support/tcp-proxy';
import { waitFor } from '../integration/redis/support/wait-for';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { adminToken, createProduct, registerCustomer } from './support/fixtures';
import { checkoutJourney } from './support/journey';
import { startTestServer, type TestServer } from './support/server';
import { subscribe } from './support/subscription';

interface Update {
  orderId: string;
  status: string;
  version: number;
  position: string;
}

const ORDER_UPDATED = `subscription($id: ID!, $from: Int) {
  orderUpdated(orderId: $id, fromVersion: $from) { orderId status version position }
}`;
const MY_ORDER_UPDATES = `subscription { myOrderUpdates { orderId status version position } }`;
const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
const ADD_TO_CART =
  'mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { itemCount } }';
const PLACE_ORDER = `mutation($p: ID!, $k: String!) {
  placeOrder(input: { items: [{ productId: $p, quantity: 1 }], idempotencyKey: $k }) { id }
}`;
const PRODUCT_PRICE = 'query($id: ID!) { product(id: $id) { price } }';

async function readyz(server: TestServer): Promise<{ status: number; reasons: string[] }> {
  const res = await fetch(server.url.replace('/graphql', '/readyz'));
  const body = (await res.json()) as { reasons?: string[] };
  return { status: res.status, reasons: body.reasons ?? [] };
}

/**
 * The production shape in one test process: instances of the app on one PostgreSQL and one
 * Redis. B runs everything (projectors included); A and C are API replicas (PROCESS_ROLE=api),
 * so whatever reaches them live came from B's projectors through Redis.
 */
describeWithRedis('two instances on one PostgreSQL and one Redis', (env) => {
  let db: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let admin: string;
  beforeAll(async () => {
    db = await createTestDatabase(4);
    b = await startTestServer({ REDIS_URL: env.appUrl }, { database: db });
    a = await startTestServer({ REDIS_URL: env.appUrl, PROCESS_ROLE: 'api' }, { database: db });
    admin = await adminToken(b);
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await db.drop();
  });

  it('reports Redis in /readyz', async () => {
    await expect(readyz(a)).resolves.toEqual({ status: 200, reasons: [] });
  });

  it('the whole checkout journey works on an API replica, carts and live updates in Redis', () =>
    checkoutJourney(a, admin));

  it('a cart written through one instance is read through the other', async () => {
    const product = await createProduct(b, admin, { price: 700 });
    const shopper = await registerCustomer(a);
    await a.ok(ADD_TO_CART, { p: product.id, q: 3 }, shopper.token);

    const { cart } = await b.ok<{ cart: { itemCount: number; total: number } }>(
      '{ cart { itemCount total } }',
      {},
      shopper.token,
    );
    expect(cart).toEqual({ itemCount: 3, total: 2100 });
    expect(await env.admin.exists(`${env.keyPrefix}cart:${shopper.userId}`)).toBe(1);
  });

  it('a subscriber on one instance receives the PAID update of an order paid through the other', async () => {
    const product = await createProduct(b, admin, { initialStock: 5 });
    const shopper = await registerCustomer(b);
    await b.ok(ADD_TO_CART, { p: product.id, q: 1 }, shopper.token);
    const { checkout } = await b.ok<{ checkout: { id: string; version: number } }>(
      'mutation { checkout(input: { idempotencyKey: "two-instances" }) { id version } }',
      {},
      shopper.token,
    );

    const live = subscribe<{ orderUpdated: Update }>(a.ws(shopper.token), ORDER_UPDATED, {
      id: checkout.id,
      from: checkout.version,
    });
    await b.ok(
      'mutation($o: ID!) { simulatePayment(orderId: $o, succeed: true) { status } }',
      { o: checkout.id },
      shopper.token,
    );
    const statuses = () => live.messages.map((m) => m.data?.orderUpdated.status);
    for (let n = 1; !statuses().includes('PAID') && !live.completed; n++) await live.until(n);
    expect(live.failure).toBeNull();
    expect(statuses()).toEqual(['AWAITING_PAYMENT', 'PAID']);
    live.unsubscribe();
  });

  it('a login limit reached through one instance holds on the other', async () => {
    const shopper = await registerCustomer(a);
    for (let i = 0; i < 10; i++) {
      const wrong = await a.gql(LOGIN, { e: shopper.email, p: 'not-the-password' });
      expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const refused = await b.gql(LOGIN, { e: shopper.email, p: 'a-long-password' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: expect.any(Number) as number },
    });
  });

  it('a price changed through one instance is never served stale after it was seen', async () => {
    const product = await createProduct(b, admin, { price: 1000 });
    // Both instances now hold the product in their caches.
    for (const server of [a, b]) {
      await expect(server.ok(PRODUCT_PRICE, { id: product.id })).resolves.toEqual({
        product: { price: 1000 },
      });
    }
    const { updateProduct } = await b.ok<{ updateProduct: { price: number } }>(
      'mutation($id: ID!) { updateProduct(id: $id, input: { price: 1500 }) { price } }',
      { id: product.id },
      admin,
    );
    // Read your writes on the instance that made the change, cache or not.
    expect(updateProduct.price).toBe(1500);
    await expect(b.ok(PRODUCT_PRICE, { id: product.id })).resolves.toEqual({
      product: { price: 1500 },
    });
    // The other instance drops its copy when the change reaches it through Redis.
    await waitFor('the other instance to serve the new price', async () => {
      const { product: seen } = await a.ok<{ product: { price: number } }>(PRODUCT_PRICE, {
        id: product.id,
      });
      return seen.price === 1500;
    });
  });

  describe('an instance that loses Redis', () => {
    let proxy: TcpProxy;
    let c: TestServer;
    beforeAll(async () => {
      proxy = await startTcpProxy(env.baseUrl);
      c = await startTestServer(
        { REDIS_URL: withKeyPrefix(proxy.url, env.keyPrefix), PROCESS_ROLE: 'api' },
        { database: db },
      );
    });
    afterAll(async () => {
      proxy.restore();
      await c.stop();
      await proxy.close();
    });

    it('serves what does not need Redis, refuses what does, recovers, and its subscribers miss nothing', async () => {
      const product = await createProduct(b, admin, { initialStock: 20 });
      const shopper = await registerCustomer(b);
      const history = async () =>
        (
          await db.pool.query<{ order_id: string; version: number }>(
            `SELECT order_id, version FROM rm.order_status_history
             WHERE user_id = $1 ORDER BY position`,
            [shopper.userId],
          )
        ).rows.map((row) => `${row.order_id}@${row.version}`);
      const live = subscribe<{ myOrderUpdates: Update }>(c.ws(shopper.token), MY_ORDER_UPDATES);
      const received = () =>
        live.messages.map(
          (m) => `${m.data?.myOrderUpdates.orderId}@${m.data?.myOrderUpdates.version}`,
        );
      const receivedAll = async () => {
        const expected = await history();
        await waitFor(
          `the subscriber to receive all ${expected.length} updates`,
          () => live.messages.length >= expected.length || live.completed,
          20_000,
        );
        return expected;
      };

      const first = await b.ok<{ placeOrder: { id: string } }>(
        PLACE_ORDER,
        { p: product.id, k: 'before' },
        shopper.token,
      );
      await receivedAll();

      proxy.cut();
      await waitFor('C to report Redis down', async () => (await readyz(c)).status === 503);
      expect((await readyz(c)).reasons).toEqual([expect.stringMatching(/^redis: /)]);

      // Queries, sign-in and orders do not need Redis; carts do, and say so.
      await expect(c.ok('{ products(first: 1) { totalCount } }')).resolves.toBeTruthy();
      await expect(c.ok(LOGIN, { e: shopper.email, p: 'a-long-password' })).resolves.toBeTruthy();
      await c.ok(PLACE_ORDER, { p: product.id, k: 'during' }, shopper.token);
      await b.ok(
        'mutation($o: ID!) { cancelOrder(id: $o, reason: "while C was cut off") { status } }',
        { o: first.placeOrder.id },
        shopper.token,
      );
      const cart = await c.gql(ADD_TO_CART, { p: product.id, q: 1 }, shopper.token);
      expect(cart.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');

      proxy.restore();
      await waitFor('C to report ready again', async () => (await readyz(c)).status === 200);
      await expect(c.ok(ADD_TO_CART, { p: product.id, q: 1 }, shopper.token)).resolves.toEqual({
        addToCart: { itemCount: 1 },
      });
      await b.ok(PLACE_ORDER, { p: product.id, k: 'after' }, shopper.token);

      const expected = await receivedAll();
      expect(live.failure).toBeNull();
      expect(received()).toEqual(expected);
      expect(new Set(expected).size).toBe(expected.length);
      expect(new Set(expected.map((e) => e.split('@')[0])).size).toBe(3);
      live.unsubscribe();
    });
  });
});
