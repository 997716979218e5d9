import { randomUUID } from 'node:crypto';
import { adminToken, createProduct, registerCustomer } from './support/fixtures';
import { startTestServer, type TestServer } from './support/server';

describe('flash sale over GraphQL', () => {
  let server: TestServer;
  let admin: string;
  let buyers: { token: string }[];
  beforeAll(async () => {
    server = await startTestServer();
    admin = await adminToken(server);
    buyers = await Promise.all(Array.from({ length: 20 }, () => registerCustomer(server)));
  });
  afterAll(() => server.stop());

  it('300 concurrent purchases of 50 units sell exactly 50; retries of a key sell nothing more', async () => {
    const { id } = await createProduct(server, admin, { initialStock: 50 });
    const attempt = (i: number, key = `fs-${i}`) =>
      server.ok<{
        purchase: { ticketId: string; outcome: string; order: { status: string } | null };
      }>(
        'mutation($p: ID!, $k: String!) { purchase(productId: $p, idempotencyKey: $k) { ticketId outcome order { status } } }',
        { p: id, k: key },
        buyers[i % buyers.length]!.token,
      );
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => attempt(i)));
    const reserved = results.filter((r) => r.purchase.outcome === 'RESERVED');
    expect(reserved).toHaveLength(50);
    expect(results.filter((r) => r.purchase.outcome === 'SOLD_OUT')).toHaveLength(250);
    expect(reserved.every((r) => r.purchase.order?.status === 'AWAITING_PAYMENT')).toBe(true);

    const again = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(i)));
    expect(again.map((r) => r.purchase.ticketId)).toEqual(
      results.slice(0, 60).map((r) => r.purchase.ticketId),
    );
    const level = await server.ok<{
      inventory: { onHand: number; reserved: number; available: number };
    }>('query($p: ID!) { inventory(productId: $p) { onHand reserved available } }', { p: id });
    expect(level.inventory).toEqual({ onHand: 50, reserved: 50, available: 0 });

    // The batches' writes show in the metrics, and nothing is left waiting for a batch.
    const metrics = await (await fetch(new URL('/metrics', server.url))).text();
    expect(metrics).toMatch(/^chronocart_purchase_batch_queue_depth 0$/m);
    const appended = (aggregate: string) =>
      Number(
        new RegExp(
          `^chronocart_events_appended_total\\{aggregate="${aggregate}"\\} (\\d+)$`,
          'm',
        ).exec(metrics)?.[1] ?? 0,
      );
    expect(appended('inventory')).toBeGreaterThanOrEqual(50);
    expect(appended('order')).toBeGreaterThanOrEqual(150);
  });

  it('async purchases beyond stock all settle, selling exactly the stock', async () => {
    const { id } = await createProduct(server, admin, { initialStock: 30 });
    const queued = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        server.ok<{ purchaseAsync: { ticketId: string; outcome: string } }>(
          'mutation($p: ID!, $k: String!) { purchaseAsync(productId: $p, idempotencyKey: $k) { ticketId outcome } }',
          { p: id, k: randomUUID() },
          buyers[i % buyers.length]!.token,
        ),
      ),
    );
    expect(queued.every((q) => q.purchaseAsync.outcome === 'QUEUED')).toBe(true);
    const deadline = Date.now() + 60_000;
    let outcomes: string[] = [];
    do {
      outcomes = await Promise.all(
        queued.map(async (q, i) => {
          const r = await server.ok<{ purchase: { outcome: string } }>(
            'query($t: ID!) { purchase(ticketId: $t) { outcome } }',
            { t: q.purchaseAsync.ticketId },
            buyers[i % buyers.length]!.token,
          );
          return r.purchase.outcome;
        }),
      );
      if (!outcomes.includes('QUEUED')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } while (Date.now() < deadline);
    expect(outcomes.filter((o) => o === 'RESERVED')).toHaveLength(30);
    expect(outcomes.filter((o) => o === 'SOLD_OUT')).toHaveLength(90);
  });
});
