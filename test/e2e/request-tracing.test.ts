import { adminToken, createProduct, registerCustomer } from './support/fixtures';
import { startTestServer, type TestServer } from './support/server';

/** An order's events lead back to the requests that caused them (README, Operations). */
describe('request ids in the log', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const post = (query: string, variables: Record<string, unknown>, token: string, id: string) =>
    fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-request-id': id,
      },
      body: JSON.stringify({ query, variables }),
    }).then((res) => res.json() as Promise<{ data: Record<string, { id: string }> }>);

  const correlationIds = async (streamId: string) =>
    (
      await server.db.pool.query<{ type: string; correlation: string }>(
        `SELECT type, metadata->>'correlationId' AS correlation FROM es_events
         WHERE stream_id = $1 ORDER BY stream_version`,
        [streamId],
      )
    ).rows;

  it('tags every event a mutation appends, on every stream it touches, with its request id', async () => {
    const admin = await adminToken(server);
    const shopper = await registerCustomer(server);
    const product = await createProduct(server, admin, { initialStock: 3, price: 500 });
    const placed = await post(
      'mutation($p: ID!) { placeOrder(input: { items: [{ productId: $p, quantity: 1 }], idempotencyKey: "traced" }) { id } }',
      { p: product.id },
      shopper.token,
      'trace-place-1',
    );
    const orderId = placed.data['placeOrder']!.id;
    await post(
      'mutation($o: ID!) { cancelOrder(id: $o) { id } }',
      { o: orderId },
      shopper.token,
      'trace-cancel-1',
    );

    expect(await correlationIds(`order-${orderId}`)).toEqual([
      { type: 'OrderPlaced', correlation: 'trace-place-1' },
      { type: 'OrderStockReserved', correlation: 'trace-place-1' },
      { type: 'PaymentInitiated', correlation: 'trace-place-1' },
      { type: 'OrderCancelled', correlation: 'trace-cancel-1' },
    ]);
    const stock = await correlationIds(`inventory-${product.id}`);
    expect(stock.filter((e) => e.type !== 'StockReceived')).toEqual([
      { type: 'StockReserved', correlation: 'trace-place-1' },
      { type: 'ReservationReleased', correlation: 'trace-cancel-1' },
    ]);
  });
});
