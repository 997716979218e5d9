import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
  gql,
  PROCESS_ENV as ENV,
  startServerProcess,
  type ServerProcess,
} from './support/server-process';

describe('async purchases across a crash', () => {
  let db: TestDatabase;
  let server: ServerProcess | null = null;
  beforeAll(async () => {
    db = await createTestDatabase(2);
  });
  afterAll(async () => {
    await server?.stop();
    await db.drop();
  });

  it('every accepted ticket settles after kill -9 and restart; exactly the stock is sold', async () => {
    const env = { ...ENV, DATABASE_URL: db.url, DATA_DIR: `.test-data/async-${randomUUID()}` };
    server = await startServerProcess(env);
    const admin = (
      await gql<{ login: { token: string } }>(
        server.url,
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        { e: ENV.ADMIN_EMAIL, p: ENV.ADMIN_PASSWORD },
      )
    ).login.token;
    const product = await gql<{ createProduct: { id: string } }>(
      server.url,
      'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }',
      {
        i: {
          sku: `ASYNC-${randomUUID().slice(0, 8)}`,
          name: 'Limited',
          price: 100,
          initialStock: 25,
        },
      },
      admin,
    );
    const buyer = (
      await gql<{ register: { token: string } }>(
        server.url,
        'mutation($i: RegisterInput!) { register(input: $i) { token } }',
        { i: { email: `${randomUUID()}@async.test`, password: 'a-long-password' } },
      )
    ).register.token;

    const tickets = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        gql<{ purchaseAsync: { ticketId: string; outcome: string } }>(
          server!.url,
          'mutation($p: ID!, $k: String!) { purchaseAsync(productId: $p, idempotencyKey: $k) { ticketId outcome } }',
          { p: product.createProduct.id, k: `async-${i}` },
          buyer,
        ),
      ),
    );
    expect(tickets.every((t) => t.purchaseAsync.outcome === 'QUEUED')).toBe(true);
    await server.crash();

    server = await startServerProcess(env);
    const deadline = Date.now() + 60_000;
    let outcomes: string[] = [];
    do {
      const results = await Promise.all(
        tickets.map((t) =>
          gql<{ purchase: { outcome: string } }>(
            server!.url,
            'query($t: ID!) { purchase(ticketId: $t) { outcome } }',
            { t: t.purchaseAsync.ticketId },
            buyer,
          ),
        ),
      );
      outcomes = results.map((r) => r.purchase.outcome);
      if (!outcomes.includes('QUEUED')) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    } while (Date.now() < deadline);

    expect(outcomes.filter((o) => o === 'QUEUED')).toEqual([]);
    expect(outcomes.filter((o) => o === 'RESERVED')).toHaveLength(25);
    expect(outcomes.filter((o) => o === 'SOLD_OUT')).toHaveLength(95);
    const level = await gql<{ inventory: { reserved: number; available: number } }>(
      server.url,
      'query($p: ID!) { inventory(productId: $p) { reserved available } }',
      { p: product.createProduct.id },
    );
    expect(level.inventory).toEqual({ reserved: 25, available: 0 });
  });
});
