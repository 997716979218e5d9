import { adminToken, createProduct, registerCustomer } from './support/fixtures';
import { startTestServer, type TestServer } from './support/server';

/** Money is integer cents: an order's total may pass 2^31 cents, and the read side must keep up. */
describe('an order worth more than 21 million', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('is listed with its exact total, and the orders read model keeps running for everyone', async () => {
    const admin = await adminToken(server);
    const shopper = await registerCustomer(server);
    const dear = await createProduct(server, admin, { price: 2_500_000, initialStock: 1000 });
    const { placeOrder } = await server.ok<{ placeOrder: { id: string; total: number } }>(
      'mutation($p: ID!) { placeOrder(input: { items: [{ productId: $p, quantity: 1000 }], idempotencyKey: "dear" }) { id total } }',
      { p: dear.id },
      shopper.token,
    );
    expect(placeOrder.total).toBe(2_500_000_000);
    const listed = await server.ok<{
      orders: { edges: { node: { id: string; total: number; payment: { amount: number } } }[] };
    }>('{ orders { edges { node { id total payment { amount } } } } }', {}, shopper.token);
    expect(listed.orders.edges.map((e) => e.node)).toEqual([
      { id: placeOrder.id, total: 2_500_000_000, payment: { amount: 2_500_000_000 } },
    ]);
    const { projections } = await server.ok<{ projections: { name: string; state: string }[] }>(
      '{ projections { name state } }',
      {},
      admin,
    );
    expect(projections.find((p) => p.name === 'orders')?.state).toBe('RUNNING');
  });
});
