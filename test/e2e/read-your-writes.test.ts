import { adminToken, createProduct, registerCustomer } from './support/fixtures';
import { startTestServer, type TestServer } from './support/server';

/** A query sent right after a mutation answers shows what the mutation did (README). */
describe('read-your-writes after every kind of mutation', () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await adminToken(server);
  });
  afterAll(() => server.stop());

  const stock = async (productId: string) =>
    (
      await server.ok<{ inventory: { onHand: number; reserved: number } }>(
        'query($p: ID!) { inventory(productId: $p) { onHand reserved } }',
        { p: productId },
      )
    ).inventory;
  const statuses = async (token: string) =>
    (
      await server.ok<{ orders: { edges: { node: { id: string; status: string } }[] } }>(
        '{ orders(first: 50) { edges { node { id status } } } }',
        {},
        token,
      )
    ).orders.edges.map((e) => e.node);

  it('purchase: the reservation and the order show at once', async () => {
    const shopper = await registerCustomer(server);
    const product = await createProduct(server, admin, { initialStock: 10 });
    for (let i = 1; i <= 5; i++) {
      const { purchase } = await server.ok<{
        purchase: { outcome: string; order: { id: string } };
      }>(
        `mutation($p: ID!) { purchase(productId: $p, idempotencyKey: "ryw-${i}") { outcome order { id } } }`,
        { p: product.id },
        shopper.token,
      );
      expect(purchase.outcome).toBe('RESERVED');
      expect(await stock(product.id)).toEqual({ onHand: 10, reserved: i });
      expect(await statuses(shopper.token)).toContainEqual({
        id: purchase.order.id,
        status: 'AWAITING_PAYMENT',
      });
    }
  });

  it('cancelOrder: the stock given back shows at once', async () => {
    const shopper = await registerCustomer(server);
    const product = await createProduct(server, admin, { initialStock: 10 });
    for (let i = 0; i < 5; i++) {
      const { placeOrder } = await server.ok<{ placeOrder: { id: string } }>(
        `mutation($p: ID!) { placeOrder(input: { items: [{ productId: $p, quantity: 2 }], idempotencyKey: "c-${i}" }) { id } }`,
        { p: product.id },
        shopper.token,
      );
      await server.ok(
        'mutation($o: ID!) { cancelOrder(id: $o) { id } }',
        { o: placeOrder.id },
        shopper.token,
      );
      expect(await stock(product.id)).toEqual({ onHand: 10, reserved: 0 });
    }
  });

  it('an order refused for want of stock shows REJECTED at once, holding nothing', async () => {
    const shopper = await registerCustomer(server);
    const plenty = await createProduct(server, admin, { initialStock: 10 });
    const scarce = await createProduct(server, admin, { initialStock: 1 });
    for (let i = 0; i < 5; i++) {
      const refused = await server.gql<{ placeOrder: { id: string } }>(
        `mutation($a: ID!, $b: ID!) { placeOrder(input: { items: [{ productId: $a, quantity: 1 }, { productId: $b, quantity: 2 }], idempotencyKey: "r-${i}" }) { id } }`,
        { a: plenty.id, b: scarce.id },
        shopper.token,
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('OUT_OF_STOCK');
      const orderId = refused.errors?.[0]?.extensions?.['details'] as {
        orderId: string;
        position?: string;
      };
      expect(orderId.position).toBeUndefined();
      expect(await statuses(shopper.token)).toContainEqual({
        id: orderId.orderId,
        status: 'REJECTED',
      });
      expect(await stock(plenty.id)).toEqual({ onHand: 10, reserved: 0 });
    }
  });
});
