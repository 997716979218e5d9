import { adminToken, createProduct, registerCustomer } from './support/fixtures';
import { startTestServer, type TestServer } from './support/server';
import { postWebhook, webhookSignature } from './support/webhook';

/** What a customer or a gateway can do to a payment that no longer applies. */
describe('payments that no longer apply', () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await adminToken(server);
  });
  afterAll(() => server.stop());

  const ORDER = 'id status statusReason reservationExpiresAt payment { status } history { type }';

  it('paying for an order the customer cancelled is INVALID_STATE; nobody is charged', async () => {
    const shopper = await registerCustomer(server);
    const product = await createProduct(server, admin, { initialStock: 4, price: 900 });
    const { placeOrder } = await server.ok<{ placeOrder: { id: string } }>(
      `mutation($p: ID!) { placeOrder(input: { items: [{ productId: $p, quantity: 2 }], idempotencyKey: "pay-after-cancel" }) { id } }`,
      { p: product.id },
      shopper.token,
    );
    await server.ok(
      'mutation($o: ID!) { cancelOrder(id: $o) { id } }',
      { o: placeOrder.id },
      shopper.token,
    );
    const read = async () =>
      server.ok<{
        order: {
          status: string;
          reservationExpiresAt: string | null;
          payment: { status: string };
          history: unknown[];
        };
      }>(`query($o: ID!) { order(id: $o) { ${ORDER} } }`, { o: placeOrder.id }, shopper.token);
    const before = await read();

    const paid = await server.gql(
      'mutation($o: ID!) { simulatePayment(orderId: $o, succeed: true) { status } }',
      { o: placeOrder.id },
      shopper.token,
    );
    expect(paid.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
    expect(paid.errors?.[0]?.message).toMatch(/CANCELLED/);
    expect(await read()).toEqual(before);
    expect(before.order.payment.status).toBe('PENDING');
    // Its reservation was given back at the cancellation: nothing expires any more.
    expect(before.order).toMatchObject({ status: 'CANCELLED', reservationExpiresAt: null });
    const gateway = await server.db.pool.query<{ status: string }>(
      'SELECT status FROM mock_gateway_payments',
    );
    expect(gateway.rows.map((r) => r.status)).toEqual(['PENDING']);
    const { inventory } = await server.ok<{ inventory: { onHand: number; reserved: number } }>(
      'query($p: ID!) { inventory(productId: $p) { onHand reserved } }',
      { p: product.id },
    );
    expect(inventory).toEqual({ onHand: 4, reserved: 0 });
  });

  it('a signed outcome for an order that does not exist is acknowledged, not retried forever', async () => {
    const body = JSON.stringify({
      id: 'evt_unknown_order',
      type: 'payment.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: {
        paymentId: 'pay_unknown',
        orderId: '00000000-0000-4000-8000-000000000000',
        amount: 100,
        transactionId: 'txn_unknown',
        reason: null,
      },
    });
    const res = await postWebhook(
      server,
      body,
      webhookSignature(body, Math.floor(Date.now() / 1000)),
    );
    expect(res.status).toBe(200);
    const events = await server.db.pool.query(
      "SELECT 1 FROM es_events WHERE stream_id = 'order-00000000-0000-4000-8000-000000000000'",
    );
    expect(events.rowCount).toBe(0);
  });
});
