import { adminToken, createProduct, registerCustomer } from './support/fixtures';
import { checkoutJourney } from './support/journey';
import { startTestServer, type TestServer } from './support/server';
import { subscribe } from './support/subscription';

interface OrderUpdate {
  orderUpdated: {
    orderId: string;
    status: string;
    version: number;
    position: string;
    order: { status: string };
  };
}

const ORDER_UPDATED = `subscription($id: ID!, $from: Int) {
  orderUpdated(orderId: $id, fromVersion: $from) { orderId status version position order { status } }
}`;

describe('the checkout journey over HTTP and WebSocket', () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await adminToken(server);
  });
  afterAll(() => server.stop());

  it('register → browse → cart → checkout → subscribe → pay → PAID arrives live', () =>
    checkoutJourney(server, admin));

  it('the same idempotency key returns the first order and reserves nothing more', async () => {
    const product = await createProduct(server, admin, { initialStock: 10 });
    const shopper = await registerCustomer(server);
    const place = () =>
      server.ok<{ placeOrder: { id: string; status: string } }>(
        'mutation($p: ID!) { placeOrder(input: { items: [{ productId: $p, quantity: 3 }], idempotencyKey: "same" }) { id status } }',
        { p: product.id },
        shopper.token,
      );
    const [first, second] = await Promise.all([place(), place()]);
    const third = await place();
    expect(second.placeOrder.id).toBe(first.placeOrder.id);
    expect(third.placeOrder.id).toBe(first.placeOrder.id);
    const level = await server.ok<{ inventory: { reserved: number } }>(
      'query($p: ID!) { inventory(productId: $p) { reserved } }',
      { p: product.id },
    );
    expect(level.inventory.reserved).toBe(3);
  });

  it('another customer can neither read nor subscribe to the order', async () => {
    const product = await createProduct(server, admin);
    const owner = await registerCustomer(server);
    const stranger = await registerCustomer(server);
    const placed = await server.ok<{ placeOrder: { id: string } }>(
      'mutation($p: ID!) { placeOrder(input: { items: [{ productId: $p, quantity: 1 }], idempotencyKey: "private" }) { id } }',
      { p: product.id },
      owner.token,
    );
    const id = placed.placeOrder.id;
    const read = await server.gql<{ order: unknown }>(
      'query($o: ID!) { order(id: $o) { id } }',
      { o: id },
      stranger.token,
    );
    expect(read.data).toEqual({ order: null });
    const list = await server.ok<{ orders: { totalCount: number } }>(
      '{ orders { totalCount } }',
      {},
      stranger.token,
    );
    expect(list.orders.totalCount).toBe(0);
    const cancel = await server.gql(
      'mutation($o: ID!) { cancelOrder(id: $o) { id } }',
      { o: id },
      stranger.token,
    );
    // Owner or ADMIN, as the contract says: a stranger's attempt is FORBIDDEN and changes nothing.
    expect(cancel.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const pay = await server.gql(
      'mutation($o: ID!) { simulatePayment(orderId: $o, succeed: true) { id } }',
      { o: id },
      stranger.token,
    );
    expect(pay.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const mine = await server.ok<{ order: { status: string; payment: { status: string } } }>(
      'query($o: ID!) { order(id: $o) { status payment { status } } }',
      { o: id },
      owner.token,
    );
    expect(mine.order).toEqual({ status: 'AWAITING_PAYMENT', payment: { status: 'PENDING' } });

    const sub = subscribe<OrderUpdate>(server.ws(stranger.token), ORDER_UPDATED, { id });
    await sub.until(1);
    expect(sub.messages[0]?.data ?? null).toBeNull();
    expect(sub.messages[0]?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const missing = subscribe<OrderUpdate>(server.ws(stranger.token), ORDER_UPDATED, {
      id: '00000000-0000-4000-8000-000000000000',
    });
    await missing.until(1);
    expect(missing.messages[0]?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const anonymous = subscribe<OrderUpdate>(server.ws(), ORDER_UPDATED, { id });
    await anonymous.until(1);
    expect(anonymous.messages[0]?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a subscriber that resumes from the version it saw gets the rest once', async () => {
    const product = await createProduct(server, admin);
    const shopper = await registerCustomer(server);
    const placed = await server.ok<{ placeOrder: { id: string } }>(
      'mutation($p: ID!) { placeOrder(input: { items: [{ productId: $p, quantity: 1 }], idempotencyKey: "resume" }) { id } }',
      { p: product.id },
      shopper.token,
    );
    const id = placed.placeOrder.id;
    const first = subscribe<OrderUpdate>(server.ws(shopper.token), ORDER_UPDATED, {
      id,
      from: null,
    });
    await first.until(1);
    const seen = first.messages[0]!.data!.orderUpdated.version;
    first.unsubscribe();

    await server.ok(
      'mutation($o: ID!) { cancelOrder(id: $o, reason: "changed my mind") { status } }',
      { o: id },
      shopper.token,
    );
    const resumed = subscribe<OrderUpdate>(server.ws(shopper.token), ORDER_UPDATED, {
      id,
      from: seen,
    });
    const history = await server.ok<{ order: { version: number; history: { version: number }[] } }>(
      'query($o: ID!) { order(id: $o) { version history { version } } }',
      { o: id },
      shopper.token,
    );
    const missed = history.order.history.filter((e) => e.version > seen).length;
    await resumed.until(missed);
    const versions = resumed.messages.map((m) => m.data!.orderUpdated.version);
    expect(versions).toEqual(history.order.history.map((e) => e.version).filter((v) => v > seen));
    expect(resumed.messages.at(-1)!.data!.orderUpdated.status).toBe('CANCELLED');
    expect(new Set(versions).size).toBe(versions.length);
  });
});
