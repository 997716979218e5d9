import { randomUUID } from 'node:crypto';
import { connect } from '../../../src/cli/connect';
import { runCli } from '../../../src/cli/main';
import { type CliIo } from '../../../src/cli/output';
import { EventStoreDbEventStore } from '../../../src/infrastructure/event-store/eventstoredb/eventstoredb-event-store';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { type EsdbTestServer, startEsdbTestServer } from '../../support/esdb-test-server/server';

/** The production shape: the CLI must read the log the server writes, EventStoreDB's. */
describe('chronocart CLI with EVENTSTORE_URL', () => {
  let server: EsdbTestServer;
  let db: TestDatabase;
  beforeAll(async () => {
    server = await startEsdbTestServer();
    db = await createTestDatabase(2);
  });
  afterAll(async () => {
    await db.drop();
    await server.close();
  });

  it("prints an order's history from EventStoreDB, not from an empty PostgreSQL log", async () => {
    const orderId = randomUUID();
    const store = EventStoreDbEventStore.fromConnectionString(server.connectionString);
    await store.appendToStream(
      `order-${orderId}`,
      [
        {
          type: 'OrderPlaced',
          data: {
            orderId,
            userId: 'user-esdb',
            lines: [{ productId: 'p', sku: 'S', name: 'Shoe', unitPrice: 2500, quantity: 1 }],
            total: 2500,
            source: 'PLACE_ORDER',
          },
        },
      ],
      'no_stream',
    );
    await store.close();

    let out = '';
    const io: CliIo = {
      interactive: false,
      stdout: (text) => void (out += text),
      stderr: () => undefined,
    };
    const env = {
      DATABASE_URL: db.url,
      EVENTSTORE_URL: server.connectionString,
      LOG_LEVEL: 'silent',
    };
    const status = await runCli(['orders', 'history', orderId, '--json'], io, () => connect(env));
    expect(status).toBe(0);
    const printed = JSON.parse(out) as { orderId: string; events: { type: string }[] };
    expect(printed.orderId).toBe(orderId);
    expect(printed.events.map((e) => e.type)).toEqual(['OrderPlaced']);
  });
});
