import { randomUUID } from 'node:crypto';
import { ordersHistory } from '../../../src/cli/commands/orders-history';
import { ordersShow } from '../../../src/cli/commands/orders-show';
import { projectionsRebuild } from '../../../src/cli/commands/projections-rebuild';
import { projectionsStatus } from '../../../src/cli/commands/projections-status';
import { type CliConnection } from '../../../src/cli/connect';
import { runCli } from '../../../src/cli/main';
import { type CliIo } from '../../../src/cli/output';
import { type RecordedEvent } from '../../../src/infrastructure/event-store/event-store';
import { ordersProjection } from '../../../src/projections/orders/orders.projection';
import { productsProjection } from '../../../src/projections/products/products.projection';
import { projections } from '../../../src/projections/registry';
import { dumpTables } from '../projections/support/dump';
import { createHarness, type Harness, type TestRuntime } from '../projections/support/harness';
import { appendAll, generateHistory } from '../projections/support/history';
import { waitFor } from '../projections/support/wait-for';

interface Captured extends CliIo {
  out: string;
  err: string;
}

const capture = (): Captured => {
  const io: Captured = {
    out: '',
    err: '',
    interactive: false,
    stdout: (text) => void (io.out += text),
    stderr: (text) => void (io.err += text),
  };
  return io;
};

describe('chronocart CLI', () => {
  let h: Harness;
  let live: TestRuntime;
  let connection: CliConnection;
  const orderId = randomUUID();
  let orderEvents: RecordedEvent[] = [];
  let head = '';

  const run = async (...argv: string[]) => {
    const io = capture();
    const status = await runCli(argv, io, () => Promise.resolve(connection));
    return { status, out: io.out, err: io.err };
  };

  beforeAll(async () => {
    h = await createHarness();
    connection = { pool: h.db.pool, eventStore: h.store, close: () => Promise.resolve() };
    live = await h.runtime();
    head = await appendAll(h.store, generateHistory(1_500, 31).appends);
    const stream = `order-${orderId}`;
    const paymentId = randomUUID();
    const placed = {
      orderId,
      userId: 'user-cli',
      lines: [{ productId: 'p', sku: 'S', name: 'Shoe', unitPrice: 2500, quantity: 2 }],
      total: 5000,
      source: 'CHECKOUT',
    };
    for (const [type, data] of [
      ['OrderPlaced', placed],
      ['PaymentInitiated', { orderId, paymentId, amount: 5000, provider: 'mock' }],
      ['PaymentSucceeded', { orderId, paymentId, transactionId: 'tx-9' }],
      ['OrderPaid', { orderId }],
    ] as const) {
      const result = await h.store.appendToStream(stream, [{ type, data: { ...data } }], 'any');
      orderEvents.push(...result.events);
      head = result.position;
    }
    expect(await live.runtime.waitForPosition(head, 60_000)).toBe(true);
    orderEvents = orderEvents.sort((a, b) => a.version - b.version);
  }, 120_000);
  afterAll(() => h.close());

  it('projections status: every projection with its position and lag', async () => {
    const statuses = await projectionsStatus(connection);
    expect(statuses.map((s) => [s.name, s.state, s.position, s.lagEvents, s.lagMs])).toEqual(
      projections.map((p) => [p.name, 'RUNNING', head, 0, null]),
    );
    const { status, out, err } = await run('projections', 'status', '--json');
    expect([status, err]).toEqual([0, '']);
    const parsed = JSON.parse(out) as { projections: Record<string, unknown>[] };
    expect(parsed.projections).toHaveLength(projections.length);
    expect(parsed.projections[0]).toEqual({
      name: 'products',
      version: productsProjection.version,
      position: head,
      lagEvents: 0,
      lagMs: null,
      state: 'RUNNING',
      error: null,
      updatedAt: expect.any(String) as unknown,
    });
    const text = await run('projections', 'status');
    expect(text.out.split('\n')[0]).toMatch(
      /^NAME\s+VERSION\s+STATE\s+POSITION\s+LAG\s+LAG MS\s+ERROR$/,
    );
  });

  it('orders history and orders show, now and in the past', async () => {
    expect((await ordersHistory(connection, orderId)).map((e) => e.type)).toEqual([
      'OrderPlaced',
      'PaymentInitiated',
      'PaymentSucceeded',
      'OrderPaid',
    ]);
    const history = await run('orders', 'history', orderId, '--json');
    expect(history.status).toBe(0);
    const parsed = JSON.parse(history.out) as {
      orderId: string;
      events: { type: string; version: number; position: string }[];
    };
    expect(parsed.orderId).toBe(orderId);
    expect(parsed.events.map((e) => [e.version, e.type, e.position])).toEqual(
      orderEvents.map((e) => [e.version, e.type, e.position]),
    );

    expect((await ordersShow(connection, orderId)).status).toBe('PAID');
    const atOne = await ordersShow(connection, orderId, { atVersion: '1' });
    expect([atOne.status, atOne.payment?.status, atOne.version]).toEqual([
      'AWAITING_PAYMENT',
      'PENDING',
      1,
    ]);
    const asOf = await ordersShow(connection, orderId, {
      asOf: orderEvents[2]!.occurredAt.toISOString(),
    });
    expect(asOf.version).toBeGreaterThanOrEqual(2);
    const shown = await run('orders', 'show', orderId, '--at-version', '0', '--json');
    expect((JSON.parse(shown.out) as { order: { status: string } }).order.status).toBe('PENDING');
    const text = await run('orders', 'show', orderId);
    expect(text.out).toContain('status    PAID');

    const before = new Date(orderEvents[0]!.occurredAt.getTime() - 1000).toISOString();
    const missing = await run('orders', 'show', orderId, '--as-of', before);
    expect([missing.status, missing.out]).toEqual([1, '']);
    expect(missing.err).toBe(`chronocart: order ${orderId} not found as of ${before}\n`);
  });

  it('rebuilds a projection in place and builds the past into a side schema', async () => {
    const before = await dumpTables(h.db.pool, 'rm', projections);
    const rebuilt = await run('projections', 'rebuild', 'orders', '--json', '--batch-size', '500');
    expect([rebuilt.status, rebuilt.err]).toEqual([0, '']);
    const orderEventCount = (
      await h.db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM es_events WHERE stream_id LIKE 'order-%'`,
      )
    ).rows[0]!.n;
    expect(JSON.parse(rebuilt.out)).toEqual({
      rebuilt: [
        {
          projection: 'orders',
          version: ordersProjection.version,
          events: orderEventCount,
          position: head,
          durationMs: expect.any(Number) as unknown,
          eventsPerSecond: expect.any(Number) as unknown,
        },
      ],
    });
    expect(await dumpTables(h.db.pool, 'rm', projections)).toEqual(before);

    const upTo = orderEvents[1]!.position;
    const audit = await projectionsRebuild(connection, 'all', {
      toPosition: upTo,
      schema: 'audit_cli',
    });
    expect(audit.kind).toBe('audit');
    const { rows } = await h.db.pool.query<{ status: string; version: number }>(
      'SELECT status, version FROM audit_cli.orders WHERE id = $1',
      [orderId],
    );
    expect(rows).toEqual([{ status: 'AWAITING_PAYMENT', version: 1 }]);
  }, 60_000);

  it('fails with one clear line and a non-zero status', async () => {
    const cases: [string[], string][] = [
      [
        ['projections', 'rebuild', 'nope'],
        'chronocart: unknown projection "nope" (one of: products, inventory, orders, reservations, recommendations, all)\n',
      ],
      [
        ['projections', 'rebuild', 'orders', '--as-of', '2024-01-01T00:00:00Z'],
        'chronocart: --as-of and --to-position build into a side schema: add --schema <name>\n',
      ],
      [
        ['projections', 'rebuild', 'orders', '--as-of', 'yesterday', '--schema', 'x'],
        'chronocart: --as-of must be an ISO-8601 time like 2025-01-31T12:00:00Z (got "yesterday")\n',
      ],
      [
        ['projections', 'rebuild', 'orders', '--to-position', '100', '--schema', 'x'],
        'chronocart: --to-position must be a log position as `orders history` or `projections status` prints it, two 20-digit numbers (got "100")\n',
      ],
      [
        ['projections', 'rebuild', 'all', '--schema', 'rm'],
        'chronocart: schema "rm" is reserved; choose another name\n',
      ],
      [['orders', 'history', 'no-such-order'], 'chronocart: order no-such-order not found\n'],
    ];
    for (const [argv, message] of cases) {
      const result = await run(...argv);
      expect([argv, result.status, result.err, result.out]).toEqual([argv, 1, message, '']);
    }
    const unknown = await run('frobnicate');
    expect(unknown.status).toBe(1);
    expect(unknown.err.split('\n')[0]).toBe("error: unknown command 'frobnicate'");
  });

  it('Ctrl-C during a rebuild leaves the live tables and drops the build schema', async () => {
    const before = await dumpTables(h.db.pool, 'rm', projections);
    const running = run('projections', 'rebuild', 'products', '--batch-size', '1');
    await waitFor('the build schema to appear', async () => {
      const { rows } = await h.db.pool.query(
        `SELECT 1 FROM pg_namespace WHERE nspname LIKE 'rm\\_build\\_products\\_%'`,
      );
      return rows.length > 0 ? true : undefined;
    });
    process.emit('SIGINT');
    const result = await running;
    expect(result.status).toBe(130);
    expect(result.err).toContain('interrupting: the live tables stay as they were');
    const { rows } = await h.db.pool.query(
      `SELECT nspname FROM pg_namespace WHERE nspname ~ '^rm_(build|old)_'`,
    );
    expect(rows).toEqual([]);
    expect(await dumpTables(h.db.pool, 'rm', projections)).toEqual(before);
  }, 60_000);
});
